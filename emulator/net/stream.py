"""A byte stream to a server, plain TCP or TLS, for a dialect's HTTP and FTP clients."""

from __future__ import annotations

import contextlib
import socket
from typing import Protocol

from emulator.tls.client import LinkError, TlsLink


class Stream(Protocol):
    """What the HTTP and FTP clients need of a connection; every call has the socket deadline."""

    def send(self, data: bytes) -> None:
        """Send all of ``data`` (``LinkError`` on failure)."""
        ...

    def recv(self, max_bytes: int) -> bytes:
        """Up to ``max_bytes``; ``b""`` at the end (``TimeoutError``, ``LinkError``)."""
        ...

    def close(self) -> None:
        """Close (close_notify first for TLS); never raises."""
        ...


class PlainStream:
    """TCP without TLS (an HTTP or FTP profile with SSL disabled)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, data: bytes) -> None:
        """Send all of ``data``."""
        try:
            self.sock.sendall(data)
        except OSError as error:
            raise LinkError(f"send failed: {error}") from error

    def recv(self, max_bytes: int) -> bytes:
        """Up to ``max_bytes``; ``b""`` at the end."""
        try:
            return self.sock.recv(max_bytes)
        except TimeoutError:
            raise
        except OSError as error:
            raise LinkError(f"receive failed: {error}") from error

    def close(self) -> None:
        """Close the socket."""
        with contextlib.suppress(OSError):
            self.sock.close()


class TlsStream:
    """A :class:`TlsLink` read synchronously."""

    def __init__(self, link: TlsLink) -> None:
        self.link = link

    def send(self, data: bytes) -> None:
        """Send all of ``data``."""
        self.link.send(data)

    def recv(self, max_bytes: int) -> bytes:
        """Up to ``max_bytes``; ``b""`` at the end."""
        return self.link.recv(max_bytes)

    def close(self) -> None:
        """close_notify, then close."""
        self.link.close()
