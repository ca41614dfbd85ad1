"""The HTTP client behind #HTTPQRY (telit-ssl-ug §6.2; D26): one request, one response.

A query runs in its own thread: connect (through TLS with SSId 1's configuration when the
profile's <ssl_enabled> is 1), send one HTTP/1.1 request (RFC 9112 §3) with ``Connection: close``,
read the response (Content-Length, chunked, or up to the close: RFC 9112 §6.3), then announce it
with ``#HTTPRING: <prof_id>,<status>,"<content_type>",<data_size>``. #HTTPRCV takes the body.
A failed query rings with status 0, an empty type and size 0 (the documents show no failure).
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from emulator.core.instance import Instance
from emulator.net.stream import Stream
from emulator.tls.client import TlsError

_READ: Final = 4096
# Far more than any response the documents show; past this the response is refused.
MAX_RESPONSE: Final = 8 << 20
_JOIN_TIMEOUT: Final = 2.0

METHODS: Final = ("GET", "HEAD", "DELETE")  # <command> 0, 1, 2 of the AT reference [1]


class HttpFailure(Exception):
    """The response could not be read or parsed."""


@dataclass(frozen=True, kw_only=True)
class HttpResult:
    """What came back: status, Content-Type, body."""

    status: int
    content_type: str
    body: bytes


def request_bytes(method: str, host: str, port: int, resource: str, *, ssl: bool,
                  credentials: tuple[str, str] | None) -> bytes:
    """The request (RFC 9112 §3; Host with the port when it is not the scheme's default)."""
    default = 443 if ssl else 80
    authority = host if port == default else f"{host}:{port}"
    lines = [f"{method} {resource or '/'} HTTP/1.1", f"Host: {authority}", "Connection: close"]
    if credentials is not None:  # <auth_type> 1: basic authentication (RFC 7617)
        token = base64.b64encode(f"{credentials[0]}:{credentials[1]}".encode()).decode("ascii")
        lines.append(f"Authorization: Basic {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def read_response(stream: Stream, *, head_only: bool) -> HttpResult:
    """Read and parse one response from ``stream``."""
    data = bytearray()
    while b"\r\n\r\n" not in data:
        chunk = stream.recv(_READ)
        if not chunk:
            raise HttpFailure("connection closed inside the header section")
        data += chunk
        if len(data) > MAX_RESPONSE:
            raise HttpFailure("header section too large")
    head, _, rest = bytes(data).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise HttpFailure(f"bad status line {lines[0]!r}")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    status = int(parts[1])
    content_type = headers.get("content-type", "")
    if head_only or status in (204, 304) or 100 <= status < 200:
        return HttpResult(status=status, content_type=content_type, body=b"")
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _chunked(stream, bytearray(rest))
    elif "content-length" in headers:
        body = _counted(stream, bytearray(rest), int(headers["content-length"]))
    else:
        body = _to_close(stream, bytearray(rest))
    return HttpResult(status=status, content_type=content_type, body=body)


def _counted(stream: Stream, body: bytearray, length: int) -> bytes:
    if length > MAX_RESPONSE:
        raise HttpFailure("body too large")
    while len(body) < length:
        chunk = stream.recv(_READ)
        if not chunk:
            raise HttpFailure("connection closed inside the body")
        body += chunk
    return bytes(body[:length])


def _to_close(stream: Stream, body: bytearray) -> bytes:
    while chunk := stream.recv(_READ):
        body += chunk
        if len(body) > MAX_RESPONSE:
            raise HttpFailure("body too large")
    return bytes(body)


def _chunked(stream: Stream, buffer: bytearray) -> bytes:
    # RFC 9112 §7.1: size line, data, CRLF ... last-chunk 0, trailers, CRLF.
    body = bytearray()

    def need(count: int) -> None:
        while len(buffer) < count:
            chunk = stream.recv(_READ)
            if not chunk:
                raise HttpFailure("connection closed inside a chunk")
            buffer.extend(chunk)

    while True:
        while b"\r\n" not in buffer:
            need(len(buffer) + 1)
        line, _, remainder = bytes(buffer).partition(b"\r\n")
        buffer[:] = remainder
        size = int(line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            return bytes(body)
        need(size + 2)
        body += buffer[:size]
        del buffer[:size + 2]
        if len(body) > MAX_RESPONSE:
            raise HttpFailure("body too large")


class HttpExchange:
    """One #HTTPQRY in flight or answered: its thread, its result, the #HTTPRING it prints."""

    def __init__(self, prof_id: int, port: Instance, open_stream: Callable[[], Stream],
                 request: bytes, *, head_only: bool, content_type: bool = True) -> None:
        self.prof_id = prof_id
        self._content_type = content_type  # False: a defect switch, #HTTPRING announces "" instead
        self._port = port
        self._open_stream = open_stream
        self._request = request
        self._head_only = head_only
        self._lock = threading.Lock()
        self._result: HttpResult | None = None
        self._stream: Stream | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name=f"emulator-http-{prof_id}",
                                        daemon=True)

    def start(self) -> None:
        """Run the query in its thread."""
        self._thread.start()

    def take_body(self) -> bytes | None:
        """The body of an answered query, once (``None``: nothing to read)."""
        with self._lock:
            result, self._result = self._result, None
        return None if result is None else result.body

    def cancel(self) -> None:
        """Power off or a new query: stop without a ring."""
        with self._lock:
            self._cancelled = True
            stream = self._stream
        if stream is not None:
            stream.close()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(_JOIN_TIMEOUT)

    def _run(self) -> None:
        result: HttpResult | None = None
        stream: Stream | None = None
        try:
            stream = self._open_stream()
            with self._lock:
                self._stream = stream
                cancelled = self._cancelled
            if not cancelled:
                stream.send(self._request)
                result = read_response(stream, head_only=self._head_only)
        except (TlsError, OSError, HttpFailure, ValueError):
            result = None
        finally:
            if stream is not None:
                stream.close()
        with self._lock:
            if self._cancelled:
                return
            self._result = result
        if result is None:
            self._port.unsolicited(f'#HTTPRING: {self.prof_id},0,"",0')
        else:
            content_type = result.content_type if self._content_type else ""
            self._port.unsolicited(f'#HTTPRING: {self.prof_id},{result.status},'
                                   f'"{content_type}",{len(result.body)}')
