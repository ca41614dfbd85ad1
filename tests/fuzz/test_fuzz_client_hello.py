"""Property tests of the TLS servers' ClientHello parser (``servers.clienthello``) on whatever a client
(a module under test, or anything else that connects) sends first.

:func:`~servers.clienthello.parse_client_hello` promises a :class:`~servers.clienthello.ClientHelloInfo`
or a :class:`~servers.clienthello.NotTls`, and the peek loop decides with ``_needed`` whether the bytes
held so far can still become a ClientHello. The endpoint records what the module offered from this
parse (suites, SNI, versions), and a verdict rests on it. Properties:

1. **Round trip.** A valid ClientHello, made by Python's ``ssl`` (OpenSSL) or built field by field with
   tlslite-ng (any suites, session id, compression methods, SNI, supported_versions, supported_groups,
   ALPN, an extension tlslite-ng does not know, in any order, over one or several records, or in
   SSLv2-compatible form), parses to exactly what was offered; bytes after it do not change that.
2. **Incomplete is not "not TLS".** Every strict prefix of a valid ClientHello is still "need more"
   for ``_needed`` (the peek must keep waiting, not reject a slow client), and ``parse_client_hello`` of
   it is a ``NotTls``, never an exception.
3. **Clean rejection.** Random bytes and valid hellos with their fields mutated (a byte overwritten,
   a length field of the record, handshake, session id, cipher suites, compression methods, extension
   block or an extension set to any value, bytes inserted or removed, the body cut short with the outer
   lengths fixed up) give a ``ClientHelloInfo`` or a ``NotTls``: never ``IndexError``,
   ``struct.error``, tlslite-ng's own exceptions or anything else.

A ClientHello that repeats an extension used to make the parse raise tlslite's TLSInternalError; it is
now NotTls (RFC 8446 §4.2), which the last test keeps.
"""

from __future__ import annotations

import itertools
import ssl
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from tlslite.extensions import (
    ALPNExtension,
    SNIExtension,
    SupportedGroupsExtension,
    SupportedVersionsExtension,
    TLSExtension,
)
from tlslite.messages import ClientHello

from servers.clienthello import ClientHelloInfo, NotTls, _needed, parse_client_hello
from tests.fuzz import budget

_HANDSHAKE = 22
_MAX_FRAGMENT = 2**14
# Extension types tlslite-ng parses itself (a random body there is a decode error, not a valid hello).
_KNOWN_TYPES = frozenset(TLSExtension._universalExtensions) | frozenset(TLSExtension._serverExtensions)
_SNI, _GROUPS, _ALPN, _VERSIONS = 0, 10, 16, 43


def _parse(data: bytes) -> ClientHelloInfo | NotTls:
    """``parse_client_hello``."""
    return parse_client_hello(data)


# --------------------------------------------------------------------------- valid hellos
_LABEL = st.from_regex(r"[a-z]([a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True)
HOSTNAMES = st.lists(_LABEL, min_size=1, max_size=4).map(".".join)


@dataclass(frozen=True)
class Offer:
    """A ClientHello's wire bytes and what parsing them must give."""

    wire: bytes
    expected: ClientHelloInfo


@st.composite
def tls_hellos(draw: st.DrawFn) -> Offer:
    """A TLS ClientHello built with tlslite-ng, every field drawn, split over one or more records."""
    version = draw(st.sampled_from([(3, 0), (3, 1), (3, 2), (3, 3)]))
    session_id = draw(st.binary(max_size=32))
    suites = draw(st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=40))
    compression = draw(st.lists(st.integers(0, 255), min_size=1, max_size=4))
    sni = draw(st.none() | HOSTNAMES)
    versions = draw(st.none() | st.lists(st.sampled_from([(3, 1), (3, 2), (3, 3), (3, 4), (0x7F, 0x1C), (0x1A, 0x1A)]),
                                         min_size=1, max_size=5))
    groups = draw(st.none() | st.lists(st.integers(0, 0xFFFF), min_size=1, max_size=8))
    alpn = draw(st.none() | st.lists(st.from_regex(r"[a-z0-9/.-]{1,12}", fullmatch=True), min_size=1, max_size=4))
    unknown = st.integers(0, 0xFFFF).map(lambda t: t ^ 0x8000 if t in _KNOWN_TYPES else t)
    other = draw(st.none() | st.tuples(unknown, st.binary(max_size=20)))
    extensions: list[TLSExtension] = []
    if sni is not None:
        extensions.append(SNIExtension().create(bytearray(sni, "ascii")))
    if versions is not None:
        extensions.append(SupportedVersionsExtension().create(versions))
    if groups is not None:
        extensions.append(SupportedGroupsExtension().create(groups))
    if alpn is not None:
        extensions.append(ALPNExtension().create([bytearray(p, "ascii") for p in alpn]))
    if other is not None:
        extensions.append(TLSExtension(extType=other[0]).create(bytearray(other[1])))
    extensions = list(draw(st.permutations(extensions)))
    # No extensions at all (SSLv3-style) or an empty extension block are both valid.
    block = extensions if extensions else draw(st.sampled_from([None, []]))
    hello = ClientHello().create(version, bytearray(draw(st.binary(min_size=32, max_size=32))),
                                 bytearray(session_id), suites, extensions=block)
    hello.compression_methods = compression
    body = bytes(hello.write())
    minor = draw(st.integers(0, 4))
    wire = _records(body, draw(st.lists(st.integers(1, len(body)), max_size=4)), minor)
    expected = ClientHelloInfo(
        record_version=(3, minor),
        legacy_version=version,
        supported_versions=tuple(versions or ()),
        cipher_suites=tuple(suites),
        compression_methods=tuple(compression),
        extensions=tuple(e.extType for e in extensions),
        sni=sni,
        session_id=session_id,
        supported_groups=tuple(groups or ()),
        alpn=tuple(alpn or ()),
        ssl2=False,
        raw=body,
    )
    return Offer(wire, expected)


def _records(body: bytes, cuts: list[int], minor: int) -> bytes:
    """``body`` in handshake records cut at ``cuts`` (RFC 8446 §5.1: a message may span records)."""
    bounds = sorted({0, len(body), *cuts})
    out = b""
    for start, end in itertools.pairwise(bounds):
        fragment = body[start:end]
        assert len(fragment) <= _MAX_FRAGMENT
        out += bytes([_HANDSHAKE, 3, minor]) + len(fragment).to_bytes(2, "big") + fragment
    return out


@st.composite
def ssl2_hellos(draw: st.DrawFn) -> Offer:
    """An SSLv2-compatible ClientHello (RFC 5246 Appendix E.2): 3-byte cipher specs, no extensions."""
    version = draw(st.sampled_from([(3, 0), (3, 1), (3, 3)]))
    specs = draw(st.lists(st.integers(0, 0xFFFFFF), min_size=1, max_size=20))
    session_id = draw(st.sampled_from([b"", bytes(16)]))
    challenge = draw(st.binary(min_size=16, max_size=32))
    hello = ClientHello(ssl2=True).create(version, bytearray(challenge), bytearray(session_id), specs)
    body = bytes(hello.write())
    wire = (0x8000 | len(body)).to_bytes(2, "big") + body
    expected = ClientHelloInfo(
        record_version=(0, 2), legacy_version=version, supported_versions=(), cipher_suites=tuple(specs),
        compression_methods=(0,), extensions=(), sni=None, session_id=session_id, supported_groups=(), alpn=(),
        ssl2=True, raw=body,
    )
    return Offer(wire, expected)


HELLOS = st.one_of(tls_hellos(), tls_hellos(), ssl2_hellos())

_TLS12_SUITES = ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                 "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-SHA256",
                 "DHE-RSA-AES128-GCM-SHA256", "AES128-GCM-SHA256", "AES256-SHA256", "AES128-SHA"]


def openssl_hello(sni: str | None, suites: list[str], tls13: bool, alpn: list[str]) -> tuple[bytes, ssl.SSLContext]:
    """The ClientHello Python's ssl (OpenSSL) writes: the handshake stops for the server's answer and
    leaves the hello in the outgoing memory BIO."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_3 if tls13 else ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers(":".join(suites))
    if alpn:
        ctx.set_alpn_protocols(alpn)
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = ctx.wrap_bio(incoming, outgoing, server_hostname=sni)
    with pytest.raises(ssl.SSLWantReadError):
        tls.do_handshake()
    return outgoing.read(), ctx


# --------------------------------------------------------------------------- property 1
@settings(max_examples=budget(40))
@given(sni=st.none() | HOSTNAMES, suites=st.lists(st.sampled_from(_TLS12_SUITES), min_size=1, max_size=6, unique=True),
       tls13=st.booleans(), alpn=st.lists(st.sampled_from(["h2", "http/1.1", "mqtt", "x-at"]), max_size=3, unique=True))
def test_openssl_client_hello_parses_to_what_was_offered(sni: str | None, suites: list[str], tls13: bool,
                                                         alpn: list[str]) -> None:
    """Property 1 on real ClientHellos: the suites OpenSSL offers (its cipher list, in order, TLS 1.3
    suites when enabled; signalling values aside), the SNI, ALPN and the versions."""
    wire, ctx = openssl_hello(sni, suites, tls13, alpn)
    info = _parse(wire)
    assert isinstance(info, ClientHelloInfo), info
    offered = [c for c in ctx.get_ciphers() if tls13 or c["protocol"] != "TLSv1.3"]
    assert info.offered_suites == tuple(c["id"] & 0xFFFF for c in offered)
    assert info.sni == sni
    assert info.alpn == tuple(alpn)
    assert info.max_version == ((3, 4) if tls13 else (3, 3))
    assert not info.ssl2 and _needed(wire) == len(wire)


@settings(max_examples=budget(150))
@given(offer=HELLOS, trailing=st.binary(max_size=40))
def test_built_client_hello_round_trips(offer: Offer, trailing: bytes) -> None:
    """Property 1 on hellos built field by field: the parse gives exactly the fields that were written,
    and bytes after the hello (early data, the next record) change nothing."""
    assert _needed(offer.wire) == len(offer.wire)
    assert _parse(offer.wire) == offer.expected
    assert _parse(offer.wire + trailing) == offer.expected


# --------------------------------------------------------------------------- property 2
@settings(max_examples=budget(60))
@given(offer=HELLOS)
def test_every_prefix_of_a_valid_hello_is_incomplete(offer: Offer) -> None:
    """Property 2 at every length from 0 to the whole hello minus one byte."""
    for size in range(len(offer.wire)):
        prefix = offer.wire[:size]
        need = _needed(prefix)  # SSLv2: the total length is known from the third byte on
        assert need is None or (isinstance(need, int) and need > size), f"prefix of {size} bytes judged {need!r}"
        result = _parse(prefix)
        assert isinstance(result, NotTls), f"prefix of {size} bytes parsed as {result!r}"


# --------------------------------------------------------------------------- property 3
@dataclass(frozen=True)
class Fields:
    """Where the length fields of a single-record TLS ClientHello are (offsets into the wire bytes)."""

    record: int
    handshake: int
    session_id: int
    suites: int
    compression: int
    extensions: int | None
    first_extension: int | None


def _fields(wire: bytes) -> Fields:
    """Walk a well-formed single-record hello and locate its length fields."""
    session_id = 5 + 4 + 2 + 32
    suites = session_id + 1 + wire[session_id]
    compression = suites + 2 + int.from_bytes(wire[suites : suites + 2], "big")
    extensions = compression + 1 + wire[compression]
    has_block = extensions < len(wire)
    first = extensions + 2 + 2 if has_block and extensions + 4 < len(wire) else None
    return Fields(3, 6, session_id, suites, compression, extensions if has_block else None, first)


def _set(wire: bytes, at: int, width: int, value: int) -> bytes:
    return wire[:at] + (value % (1 << 8 * width)).to_bytes(width, "big") + wire[at + width :]


@st.composite
def mutated_hellos(draw: st.DrawFn) -> bytes:
    """A valid single-record hello with one to three mutations."""
    offer = draw(tls_hellos())
    body = offer.expected.raw
    wire = bytes([_HANDSHAKE, 3, 1]) + len(body).to_bytes(2, "big") + body
    fields = _fields(wire)
    lengths = [(fields.record, 2), (fields.handshake, 3), (fields.session_id, 1), (fields.suites, 2),
               (fields.compression, 1)]
    lengths += [(at, 2) for at in (fields.extensions, fields.first_extension) if at is not None]
    for _ in range(draw(st.integers(1, 3))):
        if not wire:
            break
        kind = draw(st.sampled_from(["length", "length", "nudge", "byte", "insert", "delete", "cut"]))
        at = draw(st.integers(0, len(wire) - 1))
        if kind in ("length", "nudge"):
            at, width = draw(st.sampled_from(lengths))
            if at + width > len(wire):
                continue
            old = int.from_bytes(wire[at : at + width], "big")
            value = draw(st.integers(0, (1 << 8 * width) - 1)) if kind == "length" else old + draw(st.integers(-3, 3))
            wire = _set(wire, at, width, value)
        elif kind == "byte":
            wire = _set(wire, at, 1, draw(st.integers(0, 255)))
        elif kind == "insert":
            wire = wire[:at] + draw(st.binary(min_size=1, max_size=8)) + wire[at:]
        elif kind == "delete":
            wire = wire[:at] + wire[at + draw(st.integers(1, 8)) :]
        else:  # the body cut short, record and handshake lengths made to match: the inside is short
            cut = wire[:at] if at > 9 else wire
            inner = cut[9:]
            wire = (bytes([_HANDSHAKE, 3, 1]) + (len(cut) - 5).to_bytes(2, "big") + bytes([1])
                    + len(inner).to_bytes(3, "big") + inner)
    return wire


_GARBAGE = st.one_of(
    st.binary(max_size=300),
    st.tuples(st.sampled_from([b"\x16\x03\x01", b"\x16\x03\x03", b"\x16\x03", b"\x80", b"\x81\x00\x01", b"\x15\x03\x03",
                               b"GET / HTTP/1.1\r\n"]), st.binary(max_size=120)).map(b"".join),
)


def _never_raises(data: bytes) -> None:
    need = _needed(data)
    assert need is None or isinstance(need, (int, NotTls))
    result = _parse(data)
    assert isinstance(result, (ClientHelloInfo, NotTls)), result


@settings(max_examples=budget(500))
@given(data=st.one_of(mutated_hellos(), mutated_hellos(), _GARBAGE))
def test_malformed_input_is_rejected_cleanly(data: bytes) -> None:
    """Property 3: mutated hellos and garbage give ClientHelloInfo or NotTls, nothing else."""
    _never_raises(data)


# --------------------------------------------------------------------------- a bug found here, fixed
_EXTENSIONS: dict[int, Callable[[], TLSExtension]] = {
    _SNI: lambda: SNIExtension().create(bytearray(b"example.test")),
    _VERSIONS: lambda: SupportedVersionsExtension().create([(3, 4), (3, 3)]),
    _GROUPS: lambda: SupportedGroupsExtension().create([23, 29]),
    _ALPN: lambda: ALPNExtension().create([bytearray(b"h2")]),
}


# Was: tlslite's TLSInternalError('Multiple extensions of the same type present') escaped the parser.
@settings(max_examples=budget(8), phases=(Phase.explicit, Phase.generate))
@given(ext_type=st.sampled_from(sorted(_EXTENSIONS)), copies=st.integers(2, 3))
def test_repeated_extension_is_rejected_cleanly(ext_type: int, copies: int) -> None:
    """Property 3 on a hello that carries the same extension ``copies`` times."""
    hello = ClientHello().create((3, 3), bytearray(32), bytearray(0), [0x002F],
                                 extensions=[_EXTENSIONS[ext_type]() for _ in range(copies)])
    body = bytes(hello.write())
    result = parse_client_hello(bytes([_HANDSHAKE, 3, 1]) + len(body).to_bytes(2, "big") + body)
    assert isinstance(result, NotTls) and "RFC 8446 §4.2" in result.reason
