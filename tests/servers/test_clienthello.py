"""ClientHello parsing and peeking (servers.clienthello) on bytes we build with tlslite-ng."""

from __future__ import annotations

import socket
import time

import pytest
from tlslite.constants import CipherSuite
from tlslite.extensions import SNIExtension, SupportedVersionsExtension
from tlslite.messages import ClientHello

from servers.clienthello import ClientHelloInfo, Incomplete, NotTls, parse_client_hello, peek_client_hello

pytestmark = pytest.mark.timeout(30)


def _hello(
    *,
    version: tuple[int, int] = (3, 3),
    record: tuple[int, int] = (3, 1),
    sni: str | None = "example.test",
    suites: list[int] | None = None,
    versions: list[tuple[int, int]] | None = None,
) -> bytes:
    ch = ClientHello()
    ch.create(
        version,
        bytearray(32),
        bytearray(0),
        suites or [CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, 0x00FF],
        extensions=[],
    )
    if sni is not None:
        ch.extensions.append(SNIExtension().create(bytearray(sni, "ascii")))
    if versions is not None:
        ch.extensions.append(SupportedVersionsExtension().create(versions))
    body = bytes(ch.write())
    return bytes([22, *record]) + len(body).to_bytes(2, "big") + body


def test_parse_fields() -> None:
    info = parse_client_hello(_hello(versions=[(3, 4), (3, 3)]))
    assert isinstance(info, ClientHelloInfo)
    assert info.record_version == (3, 1) and info.legacy_version == (3, 3)
    assert info.supported_versions == ((3, 4), (3, 3)) and info.max_version == (3, 4)
    assert info.cipher_suites == (0x002F, 0x00FF)
    assert info.offered_suite_names == ("TLS_RSA_WITH_AES_128_CBC_SHA",)  # SCSV filtered (RFC 5746 §3.3)
    assert info.sni == "example.test"
    assert info.compression_methods == (0,)
    assert info.extensions == (0, 43)


def test_parse_without_sni() -> None:
    info = parse_client_hello(_hello(sni=None))
    assert isinstance(info, ClientHelloInfo) and info.sni is None and info.max_version == (3, 3)


def test_hello_split_over_two_records() -> None:
    """RFC 8446 §5.1: a handshake message may span records."""
    whole = _hello()
    body = whole[5:]
    split = b"".join(bytes([22, 3, 1]) + len(p).to_bytes(2, "big") + p for p in (body[:20], body[20:]))
    info = parse_client_hello(split)
    assert isinstance(info, ClientHelloInfo) and info.sni == "example.test"


def test_sslv2_compatible_hello() -> None:
    """RFC 5246 Appendix E.2: 2-byte header, msg_type 1, 3-byte cipher specs."""
    specs = bytes.fromhex("00002f000035010080")
    challenge = bytes(16)
    msg = (
        bytes([1, 3, 1])
        + len(specs).to_bytes(2, "big")
        + b"\x00\x00"
        + len(challenge).to_bytes(2, "big")
        + specs
        + challenge
    )
    data = bytes([0x80 | (len(msg) >> 8), len(msg) & 0xFF]) + msg
    info = parse_client_hello(data)
    assert isinstance(info, ClientHelloInfo)
    assert info.ssl2 and info.legacy_version == (3, 1)
    assert 0x2F in info.cipher_suites and 0x35 in info.cipher_suites


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "plain text"),
        (bytes(range(200, 256)) * 4, "SSLv2 record that is not"),
        (b"\x15\x03\x03\x00\x02\x02\x28", "an alert"),
        (b"\x16\x03\x03\x00\x05\x02\x00\x00\x01\x00", "not ClientHello"),
        (b"\x16\x07\x00\x00\x05hello", "not 3.x"),
    ],
)
def test_not_tls(data: bytes, reason: str) -> None:
    result = parse_client_hello(data)
    assert isinstance(result, NotTls) and reason in result.reason


def test_garbage_inside_a_hello_record() -> None:
    body = b"\x01\x00\x00\x05" + b"\xff" * 5
    result = parse_client_hello(b"\x16\x03\x01" + len(body).to_bytes(2, "big") + body)
    assert isinstance(result, NotTls) and "does not parse" in result.reason


def test_peek_leaves_the_bytes_in_place() -> None:
    a, b = socket.socketpair()
    with a, b:
        data = _hello()
        a.sendall(data)
        info = peek_client_hello(b, time.monotonic() + 2)
        assert isinstance(info, ClientHelloInfo)
        assert b.recv(len(data) + 10) == data  # still there for the backend


def _tcp_pair() -> tuple[socket.socket, socket.socket]:
    with socket.create_server(("127.0.0.1", 0)) as server:
        a = socket.create_connection(server.getsockname(), timeout=5)
        b, _ = server.accept()
    return a, b


def test_peek_partial_then_close_is_incomplete() -> None:
    a, b = _tcp_pair()
    with b:
        a.sendall(_hello()[:30])
        a.close()
        result = peek_client_hello(b, time.monotonic() + 30)
        # closed=True: the FIN was noticed (at the deadline it would say closed=False).
        assert isinstance(result, Incomplete) and result.closed


def test_peek_partial_then_silence_hits_the_deadline() -> None:
    a, b = socket.socketpair()
    with a, b:
        a.sendall(_hello()[:30])
        result = peek_client_hello(b, time.monotonic() + 0.3)
        assert isinstance(result, Incomplete) and not result.closed  # the deadline ended it
        assert result.first_bytes == _hello()[:30]
