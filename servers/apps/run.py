"""Play an app spec (:mod:`servers.apps`) on a connected byte stream, TLS or plain."""

from __future__ import annotations

import threading
from typing import Protocol

from . import STALLS, App, Echo, Ftps, Http, Scripted, Then

__all__ = ["CLIENT_CLOSE", "SERVER_CLOSE", "Stream", "run_app"]

CLIENT_CLOSE = "client-close"
SERVER_CLOSE = "server-close"
_READ = 16384
#: RFC 9112 §2.2 sets no limit on a header section; we stop at 64 KiB (a module's request is
#: a few hundred bytes) so that a client cannot make us buffer without end.
_MAX_REQUEST = 65536


class Stream(Protocol):
    """What an app needs from a connection. ``recv`` returns ``b""`` when the peer closed and
    raises ``TimeoutError`` when the idle deadline passes."""

    def recv(self, size: int) -> bytes:
        """Up to ``size`` bytes; ``b""`` at end of stream."""
        ...

    def sendall(self, data: bytes) -> None:
        """Send all of ``data``."""
        ...


def run_app(app: App, stream: Stream, log: list[str], stop: threading.Event) -> str:
    """Run ``app`` until it or the peer ends the exchange; return who ended it.

    ``log`` receives human-readable lines (the HTTP request line). ``stop`` cuts pauses short
    when the server shuts down.
    """
    if isinstance(app, Echo):
        return _echo(stream)
    if isinstance(app, Scripted):
        return _scripted(app, stream, stop)
    if isinstance(app, Http):
        return _http(app, stream, log)
    if isinstance(app, Ftps):
        raise TypeError("FTPS runs in pyftpdlib (servers.apps.ftps), not behind a TLS endpoint")
    if isinstance(app, STALLS):
        raise TypeError(f"{type(app).__name__} stalls the connection itself (servers.endpoint), it plays nothing")
    raise TypeError(f"unknown app {app!r}")


def _echo(stream: Stream) -> str:
    while True:
        data = stream.recv(_READ)
        if not data:
            return CLIENT_CLOSE
        stream.sendall(data)


def _scripted(app: Scripted, stream: Stream, stop: threading.Event) -> str:
    got = 0
    while got < app.wait_for_client:
        data = stream.recv(app.wait_for_client - got)
        if not data:
            return CLIENT_CLOSE
        got += len(data)
    for chunk in app.chunks:
        if app.pause and stop.wait(app.pause):
            return SERVER_CLOSE
        stream.sendall(chunk)
    if app.then is Then.CLOSE:
        return SERVER_CLOSE
    return _echo(stream)


def _http(app: Http, stream: Stream, log: list[str]) -> str:
    request = b""
    while b"\r\n\r\n" not in request:
        data = stream.recv(_READ)
        if not data:
            if request:
                log.append("incomplete request: " + request.split(b"\r\n", 1)[0].decode("latin-1"))
            return CLIENT_CLOSE
        request += data
        if len(request) > _MAX_REQUEST:
            log.append("request header section over 64 KiB")
            break
    log.append(request.split(b"\r\n", 1)[0].decode("latin-1"))
    # RFC 9112 §6.3: Content-Length delimits the body; Connection: close (RFC 9112 §9.6)
    # because the module's HTTP client reads until the server closes.
    head = [
        f"HTTP/1.1 {app.status} {app.reason}",
        f"Content-Type: {app.content_type}",
        f"Content-Length: {len(app.body)}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in app.headers),
    ]
    stream.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + app.body)
    return SERVER_CLOSE
