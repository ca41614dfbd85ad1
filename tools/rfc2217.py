"""``python -m tools rfc2217-publish PORT=URL ...``: publish serial ports over RFC 2217 on 127.0.0.1.

Each ``PORT=URL`` opens the pyserial URL (a module's port, ``/dev/ttyUSB2``, or a standalone emulator's
``socket://127.0.0.1:7000``) and serves it at ``rfc2217://127.0.0.1:PORT`` with pyserial's own server
class, :class:`serial.rfc2217.PortManager`, as pyserial's ``examples/rfc2217_server.py`` does: one client
at a time; the port stays open between clients (a client leaving is a cable unplugged, not a power cycle).
Loopback only: a farm controller on another machine reaches it through a tunnel (docs/FARM.md).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import socket
import sys
import threading
from collections.abc import Sequence
from types import FrameType

import serial
import serial.rfc2217

__all__ = ["HOST", "Publisher", "main"]

#: The only address the publisher listens on.
HOST = "127.0.0.1"
#: Seconds a read of the port may block: how soon a reader notices its client left.
_READ_TIMEOUT = 0.05
#: Seconds between two checks of the port's modem lines (pyserial's example: 1).
_POLL = 1.0


class _Client:
    """One RFC 2217 client: the port's bytes to it, its bytes (Telnet and RFC 2217 filtered out) to the port."""

    def __init__(self, port: serial.Serial, sock: socket.socket) -> None:
        self.port = port
        self.sock = sock
        self.lock = threading.Lock()
        self.done = threading.Event()
        # The stubs type the connection as a Serial; PortManager only calls its write.
        self.manager = serial.rfc2217.PortManager(port, self)  # type: ignore[arg-type]

    def write(self, data: bytes) -> None:
        """What :class:`~serial.rfc2217.PortManager` calls to send to the client (thread-safe)."""
        with self.lock:
            self.sock.sendall(data)

    def _reader(self) -> None:
        while not self.done.is_set():
            try:
                data = self.port.read(self.port.in_waiting or 1)
                if data:
                    self.write(b"".join(self.manager.escape(data)))
            except (OSError, serial.SerialException):
                self.done.set()

    def _poller(self) -> None:
        while not self.done.wait(_POLL):
            with contextlib.suppress(OSError, serial.SerialException):
                self.manager.check_modem_lines()

    def serve(self) -> None:
        """Serve the client until it leaves or the port fails."""
        threads = [threading.Thread(target=f, daemon=True) for f in (self._reader, self._poller)]
        for thread in threads:
            thread.start()
        try:
            while not self.done.is_set():
                data = self.sock.recv(4096)
                if not data:
                    break
                self.port.write(b"".join(self.manager.filter(data)))
        except (OSError, serial.SerialException):
            pass  # the client or the port went away: the same end for this client
        finally:
            self.done.set()
            for thread in threads:
                thread.join(timeout=2 * _POLL)


class Publisher:
    """Publish one serial port at ``rfc2217://127.0.0.1:<port>`` (0: an ephemeral port) until closed."""

    def __init__(self, url: str, port: int = 0) -> None:
        self.url = url
        self.serial = serial.serial_for_url(url, timeout=_READ_TIMEOUT)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((HOST, port))
        self.listener.listen(1)
        self.port: int = self.listener.getsockname()[1]
        self._closed = threading.Event()
        self._client: _Client | None = None
        self._thread = threading.Thread(target=self._accept, daemon=True, name=f"rfc2217-{self.port}")

    @property
    def address(self) -> str:
        """The URL a farm file names: ``rfc2217://127.0.0.1:<port>``."""
        return f"rfc2217://{HOST}:{self.port}"

    def start(self) -> Publisher:
        """Accept clients in a thread of its own."""
        self._thread.start()
        return self

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return  # closed
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.serial.rts = True
            self.serial.dtr = True
            self._client = _Client(self.serial, sock)
            try:
                self._client.serve()
            finally:
                self._client = None
                with contextlib.suppress(OSError):
                    sock.close()

    def close(self) -> None:
        """Stop accepting, drop the client, close the port."""
        self._closed.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept (a close alone does not, on Linux)
        with contextlib.suppress(OSError):
            self.listener.close()
        client = self._client
        if client is not None:
            client.done.set()
            with contextlib.suppress(OSError):
                client.sock.shutdown(socket.SHUT_RDWR)
        if self._thread.is_alive():
            self._thread.join(timeout=2 * _POLL)
        self.serial.close()

    def __enter__(self) -> Publisher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _pair(text: str) -> tuple[int, str]:
    port, sep, url = text.partition("=")
    if not sep or not port.isdigit() or not url or not 0 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r}: give PORT=URL, e.g. 7001=socket://127.0.0.1:7000")
    return int(port), url


def main(argv: Sequence[str] | None = None) -> int:
    """Publish each ``PORT=URL`` until SIGINT or SIGTERM; the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tools rfc2217-publish",
        description="Publish serial ports (pyserial URLs) over RFC 2217 on 127.0.0.1, one client at a time.",
    )
    parser.add_argument("pairs", nargs="+", type=_pair, metavar="PORT=URL",
                        help="listen on 127.0.0.1:PORT (0: any free port) for the port at URL")  # fmt: skip
    args = parser.parse_args(argv)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    publishers: list[Publisher] = []
    try:
        for port, url in args.pairs:
            try:
                publishers.append(Publisher(url, port).start())
            except (OSError, serial.SerialException) as e:
                print(f"rfc2217-publish: error: cannot publish {url} on {HOST}:{port}: {e}", file=sys.stderr)
                return 1
            print(f"{publishers[-1].address} <- {url}")
        sys.stdout.flush()  # a parent process waits for these lines
        stop.wait()
    finally:
        for publisher in publishers:
            publisher.close()
    return 0
