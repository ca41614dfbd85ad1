"""ClientHello capture: peek at the first bytes of a connection and parse them with tlslite-ng.

Theory of operation: before any TLS library touches an accepted socket we ``recv(MSG_PEEK)``
until we hold the whole ClientHello (one or more handshake records, RFC 8446 §5.1 allows a
handshake message to span records) or until a deadline passes. Peeking leaves the bytes in the
kernel buffer, so the backend then reads the same ClientHello as if we had never looked
(ARCHITECTURE.md "TLS servers"). The bytes are parsed by tlslite-ng's own message parser
(``tlslite.messages.ClientHello``), not by code of ours.

What comes back is one of three things: a :class:`ClientHelloInfo`; :class:`NotTls` (the first
bytes cannot start a TLS or SSLv2-compatible ClientHello: garbage, a plain-HTTP request); or
:class:`Incomplete` (the peer closed or went quiet before the ClientHello was whole).
"""

from __future__ import annotations

import select
import socket
import time
from dataclasses import dataclass

from tlslite.constants import CipherSuite, ExtensionType
from tlslite.messages import ClientHello
from tlslite.utils.codec import DecodeError, Parser

__all__ = [
    "SIGNALLING_SUITES",
    "ClientHelloInfo",
    "Incomplete",
    "NotTls",
    "PeekResult",
    "parse_client_hello",
    "peek_client_hello",
    "suite_name",
]

# RFC 8446 §5.1: the record payload is at most 2^14 bytes; a ClientHello is in practice one or
# two records. Cap what we are willing to buffer so that a peer cannot make us hold more.
_MAX_HELLO = 4 * (2**14 + 5)
_HANDSHAKE = 22
_CLIENT_HELLO = 1
_ALERT = 21

#: Cipher-suite values that signal something instead of naming a suite: the renegotiation SCSV
#: (RFC 5746 §3.3), the fallback SCSV (RFC 7507 §2) and GREASE values (RFC 8701 §2).
SIGNALLING_SUITES: frozenset[int] = frozenset({0x00FF, 0x5600} | {(b << 8) | b for b in range(0x0A, 0x100, 0x10)})


def suite_name(code: int) -> str:
    """IANA name of a cipher suite, from tlslite-ng's table; ``0x....`` if it does not know it."""
    name = CipherSuite.ietfNames.get(code)
    return name if name is not None else f"0x{code:04X}"


@dataclass(frozen=True, kw_only=True)
class ClientHelloInfo:
    """What a client offered in its ClientHello (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2)."""

    #: version in the header of the first record (RFC 8446 §5.1 ``legacy_record_version``)
    record_version: tuple[int, int]
    #: ``client_version`` / ``legacy_version``
    legacy_version: tuple[int, int]
    #: the supported_versions extension (RFC 8446 §4.2.1), empty when absent
    supported_versions: tuple[tuple[int, int], ...]
    #: every value of cipher_suites, in the client's order, signalling values included
    cipher_suites: tuple[int, ...]
    compression_methods: tuple[int, ...]
    #: extension types in the client's order
    extensions: tuple[int, ...]
    #: host name of the server_name extension (RFC 6066 §3), ``None`` when absent
    sni: str | None
    session_id: bytes
    supported_groups: tuple[int, ...]
    alpn: tuple[str, ...]
    #: an SSLv2-compatible ClientHello (RFC 5246 Appendix E.2)
    ssl2: bool
    #: the ClientHello handshake message(s) as received, without record headers
    raw: bytes

    @property
    def offered_suites(self) -> tuple[int, ...]:
        """``cipher_suites`` without the signalling values of :data:`SIGNALLING_SUITES`."""
        return tuple(c for c in self.cipher_suites if c not in SIGNALLING_SUITES)

    @property
    def offered_suite_names(self) -> tuple[str, ...]:
        """IANA names of :attr:`offered_suites`."""
        return tuple(suite_name(c) for c in self.offered_suites)

    @property
    def max_version(self) -> tuple[int, int]:
        """Highest version offered: supported_versions if present, else legacy_version."""
        real = [v for v in self.supported_versions if v[0] == 3]  # drop GREASE (RFC 8701)
        return max(real) if real else self.legacy_version

    @property
    def offers_session_ticket(self) -> bool:
        """SessionTicket extension present (RFC 5077 §3.2)."""
        return ExtensionType.session_ticket in self.extensions

    @property
    def offers_psk(self) -> bool:
        """pre_shared_key extension present: a TLS 1.3 resumption attempt (RFC 8446 §4.2.11)."""
        return ExtensionType.pre_shared_key in self.extensions


@dataclass(frozen=True, kw_only=True)
class NotTls:
    """The first bytes cannot be a ClientHello: garbage, plain HTTP, another protocol."""

    reason: str
    first_bytes: bytes


@dataclass(frozen=True, kw_only=True)
class Incomplete:
    """The peer closed (``closed=True``) or went quiet before a whole ClientHello arrived."""

    closed: bool
    first_bytes: bytes


PeekResult = ClientHelloInfo | NotTls | Incomplete


def _needed(buf: bytes) -> int | NotTls | None:
    """How many bytes make the whole ClientHello, ``None`` if unknown yet, or why it is not TLS."""
    if not buf:
        return None
    first = buf[0]
    if first & 0x80:
        # SSLv2-compatible hello: 2-byte header with the high bit set (RFC 5246 Appendix E.2).
        if len(buf) < 3:
            return None
        if buf[2] != _CLIENT_HELLO:
            return NotTls(reason="SSLv2 record that is not a ClientHello", first_bytes=buf[:16])
        return 2 + (((first & 0x7F) << 8) | buf[1])
    if first != _HANDSHAKE:
        what = "an alert" if first == _ALERT else "not a TLS handshake record"
        if all(0x20 <= c < 0x7F for c in buf[:8]):
            what = "plain text (an HTTP request?)"
        return NotTls(reason=f"first byte 0x{first:02X}: {what}", first_bytes=buf[:16])
    # Walk the handshake records until the ClientHello's 4-byte header says how long it is.
    pos = 0
    body = b""
    while True:
        if len(buf) < pos + 5:
            return None
        if buf[pos] != _HANDSHAKE:
            return NotTls(reason="ClientHello interrupted by a non-handshake record", first_bytes=buf[:16])
        if buf[pos + 1] != 3:
            return NotTls(reason=f"record version {buf[pos + 1]}.{buf[pos + 2]} is not 3.x", first_bytes=buf[:16])
        length = int.from_bytes(buf[pos + 3 : pos + 5], "big")
        if length == 0 or length > 2**14 + 2048:
            return NotTls(reason=f"record length {length} out of range", first_bytes=buf[:16])
        end = pos + 5 + length
        if len(buf) < end:
            return None
        body += buf[pos + 5 : end]
        pos = end
        if len(body) >= 4:
            if body[0] != _CLIENT_HELLO:
                return NotTls(reason=f"handshake type {body[0]} is not ClientHello", first_bytes=buf[:16])
            if len(body) >= 4 + int.from_bytes(body[1:4], "big"):
                return pos
        if pos > _MAX_HELLO:
            return NotTls(reason="ClientHello larger than we accept", first_bytes=buf[:16])


def _records_payload(buf: bytes) -> bytes:
    out = b""
    pos = 0
    while pos + 5 <= len(buf):
        length = int.from_bytes(buf[pos + 3 : pos + 5], "big")
        out += buf[pos + 5 : pos + 5 + length]
        pos += 5 + length
    return out


def parse_client_hello(data: bytes) -> ClientHelloInfo | NotTls:
    """Parse a ClientHello from the first bytes of a connection (record headers included)."""
    need = _needed(data)
    if isinstance(need, NotTls):
        return need
    if need is None or len(data) < need:
        return NotTls(reason="truncated ClientHello", first_bytes=data[:16])
    data = data[:need]
    try:
        if data[0] & 0x80:
            ch = ClientHello(ssl2=True).parse(Parser(bytearray(data[3:])))
            record_version = (0, 2)
            raw = data[2:]
        else:
            raw = _records_payload(data)
            ch = ClientHello().parse(Parser(bytearray(raw[1:])))
            record_version = (data[1], data[2])
    except (DecodeError, SyntaxError, ValueError, IndexError, AssertionError) as exc:
        # tlslite-ng raises SyntaxError from Parser on short data (tlslite/utils/codec.py).
        return NotTls(reason=f"ClientHello does not parse: {exc!r}", first_bytes=data[:16])
    extensions = tuple(e.extType for e in (ch.extensions or []))
    if len(set(extensions)) != len(extensions):
        # RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type" (tlslite-ng raises).
        repeated = sorted({e for e in extensions if extensions.count(e) > 1})
        return NotTls(reason=f"ClientHello repeats extension(s) {repeated} (RFC 8446 §4.2)", first_bytes=data[:16])
    sv = ch.getExtension(ExtensionType.supported_versions)
    groups = ch.getExtension(ExtensionType.supported_groups)
    alpn = ch.getExtension(ExtensionType.alpn)
    sni = ch.server_name
    return ClientHelloInfo(
        record_version=record_version,
        legacy_version=(int(ch.client_version[0]), int(ch.client_version[1])),
        supported_versions=tuple(
            (int(v[0]), int(v[1])) for v in (sv.versions if sv is not None and sv.versions else [])
        ),
        cipher_suites=tuple(ch.cipher_suites),
        compression_methods=tuple(ch.compression_methods),
        extensions=extensions,
        sni=bytes(sni).decode("ascii", "replace") if sni else None,
        session_id=bytes(ch.session_id),
        supported_groups=tuple(groups.groups) if groups is not None and groups.groups else (),
        alpn=tuple(bytes(p).decode("ascii", "replace") for p in alpn.protocol_names)
        if alpn is not None and alpn.protocol_names
        else (),
        ssl2=ch.ssl2,
        raw=bytes(raw),
    )


def peek_client_hello(sock: socket.socket, deadline: float) -> PeekResult:
    """Peek (never consume) until a whole ClientHello is buffered or ``deadline`` (monotonic).

    Non-TLS first bytes are reported as soon as they are seen; a peer that closes or stalls
    mid-hello is reported as :class:`Incomplete`.
    """
    buf = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return Incomplete(closed=False, first_bytes=buf[:64])
        ready, _, _ = select.select([sock], [], [], remaining)
        if not ready:
            return Incomplete(closed=False, first_bytes=buf[:64])
        try:
            data = sock.recv(_MAX_HELLO, socket.MSG_PEEK)
        except (ConnectionError, TimeoutError, BlockingIOError, OSError):
            return Incomplete(closed=True, first_bytes=buf[:64])
        if not data:
            return Incomplete(closed=True, first_bytes=buf[:64])
        if len(data) == len(buf):
            # Nothing new: the peer has not sent more, or closed after what we hold. Peeking
            # again at once would spin, because select() keeps reporting the same bytes.
            if _peer_closed(sock):
                return Incomplete(closed=True, first_bytes=buf[:64])
            time.sleep(0.005)
            continue
        buf = data
        need = _needed(buf)
        if isinstance(need, NotTls):
            return need
        if need is not None and len(buf) >= need:
            return parse_client_hello(buf)


# Linux tcp_info: the first byte is tcpi_state; TCP_CLOSE_WAIT (8) means the peer sent FIN
# (include/net/tcp_states.h). Other states after a FIN: LAST_ACK (9), CLOSE (7), CLOSING (11).
_FIN_RECEIVED_STATES = frozenset({7, 8, 9, 11})


def _peer_closed(sock: socket.socket) -> bool:
    """True if the peer has closed after the bytes we peeked.

    A FIN after a partial ClientHello cannot be seen by peeking: the same bytes keep being
    returned. Linux reports it in TCP_INFO's state; elsewhere we answer False and the caller's
    deadline ends the wait instead.
    """
    tcp_info = getattr(socket, "TCP_INFO", None)
    if tcp_info is None:
        return False
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, tcp_info, 8)
    except OSError:
        return False  # not a TCP socket (a socketpair in a test): rely on the deadline
    return bool(info) and info[0] in _FIN_RECEIVED_STATES
