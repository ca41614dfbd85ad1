"""Endpoints that do not answer, the suite's own (the farm's scenarios all answer):

- :class:`SilentServer` takes a ClientHello and never answers it: what <negotiate_time> bounds (quectel-ec200-ssl
  §2.2.1, §2.2.2);
- :class:`HoldingServer` completes the handshake, then reads and never closes, not even when the client sends
  close_notify: what <close_timeout> bounds (§2.2.5, §2.2.1 <close_time_mode>).
"""

from __future__ import annotations

import functools
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


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


@dataclass
class HoldingServer(SilentServer):
    """A TLS server (the farm's RSA chain ``chain``/``key``) that completes the handshake, then reads and answers
    nothing: no close_notify and no TCP close until :meth:`stop`. ``notified``: how many connections sent
    close_notify (a clean TLS end of their data)."""

    chain: Path = Path()
    key: Path = Path()
    notified: int = 0

    def _hold(self, sock: socket.socket, buffer: bytearray) -> None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.set_ciphers("ALL:@SECLEVEL=0")
        context.load_cert_chain(self.chain, self.key)
        sock.settimeout(5.0)  # the handshake, on loopback or the lab network
        try:
            tls = context.wrap_socket(sock, server_side=True)
        except (OSError, ssl.SSLError):
            sock.close()
            return
        tls.settimeout(0.2)
        ended = False
        while not self._stop.is_set():
            if ended:
                self._stop.wait(0.2)
                continue
            try:
                data = tls.recv(4096)
            except TimeoutError:
                continue
            except (OSError, ssl.SSLError):
                ended = True
                continue
            if not data:  # close_notify (or the TCP close): held open, unanswered
                self.notified += 1
                ended = True
                continue
            buffer += data
        tls.close()
