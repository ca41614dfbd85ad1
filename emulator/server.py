"""Serve each AT instance of one module on its own TCP port.

Instance k listens on ``port + k - 1`` (or an ephemeral port each with port 0). The module lives
as long as the server: reconnecting is plugging a cable back, not a power cycle. A new
connection on an instance's port replaces the previous one, because a serial port has one user.

Threads: one acceptor waits on every listening socket with ``selectors`` (and a socketpair to
wake it for shutdown); each connection has a reader thread that feeds its instance. Output is
written by whichever thread produces it, through the instance's sink.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
from dataclasses import dataclass
from types import TracebackType

from emulator.core.instance import Instance
from emulator.module import Module

_JOIN_TIMEOUT = 2.0
_RECV_SIZE = 4096


@dataclass(frozen=True, kw_only=True)
class Endpoint:
    """Where one AT instance listens."""

    instance: int
    host: str
    port: int


def _nodelay(sock: socket.socket) -> None:
    # Nagle's algorithm would hold back short answers ~40 ms (ARCHITECTURE.md, TLS servers).
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _Connection:
    """One accepted TCP connection bound to one instance."""

    def __init__(self, sock: socket.socket, instance: Instance) -> None:
        self._sock = sock
        self._instance = instance
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name=f"emulator-instance-{instance.number}")

    def start(self) -> None:
        self._instance.attach(self._send)
        self._thread.start()

    def stop(self) -> None:
        """Shut the socket down (wakes the reader) and wait for the reader to finish."""
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(_JOIN_TIMEOUT)

    def _send(self, data: bytes) -> None:
        # If the peer went away, the reader thread notices and cleans up.
        with contextlib.suppress(OSError):
            self._sock.sendall(data)

    def _run(self) -> None:
        try:
            while True:
                try:
                    data = self._sock.recv(_RECV_SIZE)
                except OSError:
                    break
                if not data:
                    break
                self._instance.feed(data)
        finally:
            self._instance.detach(self._send)
            self._sock.close()


class EmulatorServer:
    """TCP front of a :class:`~emulator.module.Module`: one listening port per AT instance.

    Use as a context manager, or call :meth:`start` and :meth:`close`.
    """

    def __init__(self, module: Module, *, host: str = "127.0.0.1", port: int = 7000) -> None:
        self.module = module
        self.host = host
        self.port = port
        self._listeners: list[tuple[socket.socket, Instance]] = []
        self._connections: dict[int, _Connection] = {}
        self._lock = threading.Lock()
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._acceptor: threading.Thread | None = None
        self._closing = False

    def start(self) -> list[Endpoint]:
        """Listen on every instance's port and start accepting; ``OSError`` if a bind fails."""
        endpoints: list[Endpoint] = []
        try:
            for instance in self.module.instances:
                port = 0 if self.port == 0 else self.port + instance.number - 1
                family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
                listener = socket.create_server((self.host, port), family=family)
                _nodelay(listener)
                self._listeners.append((listener, instance))
                bound = listener.getsockname()
                endpoints.append(Endpoint(instance=instance.number, host=bound[0],
                                          port=bound[1]))
        except OSError:
            self.close()
            raise
        for listener, instance in self._listeners:
            listener.setblocking(False)
            self._selector.register(listener, selectors.EVENT_READ, (listener, instance))
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True,
                                          name="emulator-acceptor")
        self._acceptor.start()
        return endpoints

    def close(self) -> None:
        """Stop accepting, drop every connection, release the ports. Idempotent."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
            connections = list(self._connections.values())
            self._connections.clear()
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")
        if self._acceptor is not None:
            self._acceptor.join(_JOIN_TIMEOUT)
        for connection in connections:
            connection.stop()
        for listener, _ in self._listeners:
            listener.close()
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()

    def __enter__(self) -> EmulatorServer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _accept_loop(self) -> None:
        # Registered data: (listener, instance) for a listening socket, None for the wake-up.
        while not self._closing:
            for key, _ in self._selector.select():
                if key.data is None:
                    return  # woken for shutdown
                listener, instance = key.data
                try:
                    sock, _ = listener.accept()
                except OSError:
                    continue
                self._replace(instance, sock)

    def _replace(self, instance: Instance, sock: socket.socket) -> None:
        sock.setblocking(True)
        _nodelay(sock)
        connection = _Connection(sock, instance)
        with self._lock:
            if self._closing:
                sock.close()
                return
            previous = self._connections.get(instance.number)
            self._connections[instance.number] = connection
        if previous is not None:
            # Wait for the old reader to finish so its last answer cannot reach the new peer.
            previous.stop()
        connection.start()
