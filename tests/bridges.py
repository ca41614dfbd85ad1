"""Real transports in front of the embedded emulator, to prove the link takes every kind of URL:

- an RFC 2217 server built on pyserial's own ``serial.rfc2217.PortManager`` (``rfc2217://`` URLs);
- a pseudo-terminal whose slave side is a real tty device (``/dev/pts/N``), as a USB modem port is.

Each is a context manager yielding the URL or device path; threads copy bytes until the block ends.
"""

from __future__ import annotations

import os
import select
import socket
import threading
import tty
from collections.abc import Iterator
from contextlib import contextmanager

import serial
import serial.rfc2217

from harness.link import register_scheme

# The bridges open emulator:// URLs outside pytest's plugin, which registers the scheme only for embedded targets.
register_scheme("emulator.urlhandler")


class _SocketWriter:
    """What PortManager writes its telnet negotiation to (pyserial's rfc2217_server example does the same)."""

    def __init__(self, conn: socket.socket) -> None:
        self._conn = conn

    def write(self, data: bytes) -> None:
        self._conn.sendall(data)


@contextmanager
def rfc2217_server(emulator_url: str) -> Iterator[str]:
    """Serve ``emulator_url`` over RFC 2217 on a free loopback port; yield ``rfc2217://127.0.0.1:<port>``."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(5)
    stop = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        port = serial.serial_for_url(emulator_url, timeout=0.05)
        manager = serial.rfc2217.PortManager(port, _SocketWriter(conn))
        with conn, port:
            while not stop.is_set():
                ready, _, _ = select.select([conn], [], [], 0.02)
                if ready:
                    data = conn.recv(4096)
                    if not data:
                        return
                    port.write(b"".join(manager.filter(data)))
                waiting = port.in_waiting
                if waiting:
                    conn.sendall(b"".join(manager.escape(port.read(waiting))))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"rfc2217://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)


@contextmanager
def pty_device(emulator_url: str) -> Iterator[str]:
    """A pseudo-terminal wired to ``emulator_url``; yield the slave's device path (``/dev/pts/N``)."""
    master, slave = os.openpty()
    tty.setraw(slave)  # no line discipline between the host and the "module": bytes as they are
    path = os.ttyname(slave)
    stop = threading.Event()
    port = serial.serial_for_url(emulator_url, timeout=0.02)

    def pump() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    return
                port.write(data)
            waiting = port.in_waiting
            if waiting:
                os.write(master, port.read(waiting))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    try:
        yield path
    finally:
        stop.set()
        thread.join(timeout=5)
        port.close()
        os.close(master)
        os.close(slave)
