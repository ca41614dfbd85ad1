"""A TCP endpoint that takes a ClientHello and never answers it: what <negotiate_time> bounds
(quectel-ec200-ssl §2.2.1, §2.2.2). The farm's scenarios all answer; this one is the suite's own."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class SilentServer:
    """Accepts TCP connections and reads what comes, never answering (a TLS server that never sends its
    ServerHello). ``received``: the bytes each connection sent."""

    host: str
    bind: str
    port: int = 0
    received: list[bytearray] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _listener: socket.socket | None = None
    _threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        """Listen on ``bind`` and serve in threads."""
        listener = socket.create_server((self.bind, 0))
        listener.settimeout(0.2)
        self._listener, self.port = listener, listener.getsockname()[1]
        self._spawn(self._accept)

    def _spawn(self, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, daemon=True, name="silent-server")
        thread.start()
        self._threads.append(thread)

    def _accept(self) -> None:
        assert self._listener is not None
        while not self._stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            buffer = bytearray()
            self.received.append(buffer)
            self._spawn(functools.partial(self._hold, sock, buffer))

    def _hold(self, sock: socket.socket, buffer: bytearray) -> None:
        sock.settimeout(0.2)
        with sock:
            while not self._stop.is_set():
                try:
                    data = sock.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                buffer += data

    def stop(self) -> None:
        """Stop accepting and close every connection."""
        self._stop.set()
        if self._listener is not None:
            self._listener.close()
        for thread in self._threads:
            thread.join(timeout=1.0)
