"""Opening a secure connection for +MIPOPEN: what to offer, verify, present; how it fails;
how received data is announced (fibocom-l610-ssl §1.2-§1.5, §2).

The +GTSSL settings decide the handshake: <sslver> the one version offered, +GTSSLCIPHER the
suites (emulator/fibocom/ciphers.py), <checkmode> 1 the server's chain verified against the
TRUSTFILEs with the certificates' dates read on the module's clock (+CCLK, Examples 3-4), and a
CERTFILE with its KEYFILE presented when the server asks for a client certificate. Failures set
the +GTSSLERR code of emulator/fibocom/errors.py.

Received bytes are pushed to the DTE as ``+MIPRTCP: <Socket_ID>,<n>,<hex>``: <n> bytes as
upper-case hex text (Example 5), at most ``MIPRTCP_LIMIT`` bytes per URC, so that more data
spans several URCs. The document never defines the URC's fields: <n> is read as the count of
bytes in that URC (emulator/README.md). A close by the server is reported
``+MIPCLOSE: <Socket_ID>,0`` (the emulator's choice; +MIPCLOSE's own close prints ``,1``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Final

from cryptography.hazmat.primitives.serialization import Encoding
from tlslite.errors import TLSAbruptCloseError, TLSAlert

from emulator.core.instance import Instance
from emulator.fibocom.ciphers import VERSIONS, offered
from emulator.fibocom.defects import HOST_CLOCK, MIPRTCP_DROPS_BYTE, MODE_IGNORED
from emulator.fibocom.errors import GtSslErr
from emulator.fibocom.files import BadFile, certificates, private_key
from emulator.fibocom.state import FibocomContext, FibocomState
from emulator.net.connection import Announce, Behaviour
from emulator.tls.client import ClientConfig, ClientCredentials, ConnectError, HandshakeError

HANDSHAKE_TIMEOUT: Final = 10.0
"""Seconds each step of the TCP connection and the handshake may take (the document gives no
time; -8 "the server did not respond to handshake" after it)."""

MIPRTCP_LIMIT: Final = 512
"""Bytes of received data per +MIPRTCP URC (1024 hex characters)."""

PACKET: Final = 1460
"""Largest +MIPSEND in one go (one TCP segment's payload on Ethernet-sized links)."""


class DialRefused(Exception):
    """The connection cannot start: ``code`` is its +GTSSLERR code."""

    def __init__(self, code: GtSslErr, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def client_config(ctx: FibocomContext, host: str) -> ClientConfig:
    """The handshake the settings ask for; :class:`DialRefused` when a file makes it impossible."""
    state = ctx.state
    version = VERSIONS[state.sslver]
    anchors = None
    if state.checkmode == 1 and not ctx.has_defect(MODE_IGNORED):  # defect: mode 1 ignored
        if not state.trustfiles:
            # §1.2.1, §1.3.4 -11 "lack of TRUSTFILE", Example 2.
            raise DialRefused(GtSslErr.CERT_VALIDATION, "no TRUSTFILE under <checkmode> 1")
        try:
            anchors = tuple(cert for text in state.trustfiles for cert in certificates(text))
        except BadFile as error:
            raise DialRefused(GtSslErr.TRUST_FILE, f"TRUSTFILE: {error}") from error
    credentials = _credentials(state)
    clock = None if ctx.has_defect(HOST_CLOCK) else ctx.clock.now  # defect: the host's time
    return ClientConfig(suites=offered(state.ciphers), min_version=version, max_version=version,
                        anchors=anchors, credentials=credentials, server_name=_sni(host),
                        clock=clock)


def _credentials(state: FibocomState) -> ClientCredentials | None:
    # §1.1.2: CERTFILE and KEYFILE are "generally for the situation of two-way authentication";
    # each is read when loaded, and the pair is presented if the server asks for it.
    chain = key = None
    if state.certfile is not None:
        try:
            chain = certificates(state.certfile)
        except BadFile as error:
            raise DialRefused(GtSslErr.CLIENT_CERT_FILE, f"CERTFILE: {error}") from error
    if state.keyfile is not None:
        try:
            key = private_key(state.keyfile)
        except BadFile as error:
            raise DialRefused(GtSslErr.CLIENT_KEY_FILE, f"KEYFILE: {error}") from error
    if chain is None or key is None:
        return None
    return ClientCredentials(chain=tuple(c.public_bytes(Encoding.DER) for c in chain), key=key)


def _sni(host: str) -> str | None:
    # RFC 6066 §3: no IP literals in SNI. The document says nothing of SNI; a host name is sent.
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host.lower()
    return None


def failure_code(error: ConnectError | HandshakeError) -> GtSslErr:
    """The +GTSSLERR code of a failed connection (emulator/fibocom/errors.py)."""
    if isinstance(error, ConnectError):
        return GtSslErr.SOCKET_CONNECT
    if error.verify:
        return GtSslErr.CERT_VALIDATION
    cause = error.__cause__
    if isinstance(cause, TimeoutError):
        return GtSslErr.NO_HANDSHAKE_ANSWER
    if isinstance(cause, TLSAbruptCloseError | ConnectionResetError | BrokenPipeError):
        return GtSslErr.SERVER_DISCONNECTED
    if isinstance(cause, TLSAlert | ValueError | AssertionError):
        return GtSslErr.PROTOCOL
    return GtSslErr.CONNECT_FAILED


def _hex(data: bytes) -> bytes:
    return data.hex().upper().encode("ascii")


def _peer_closed(number: int) -> Callable[[Instance], None]:
    def report(port: Instance) -> None:
        port.unsolicited(f"+MIPCLOSE: {number},0")

    return report


def behaviour(ctx: FibocomContext, number: int) -> Behaviour:
    """How the connection of socket ``number`` announces data and the server's close."""
    if ctx.has_defect(MIPRTCP_DROPS_BYTE):  # defect: each URC one byte short
        announce = Announce(push=lambda n: f"+MIPRTCP: {number},{n - 1},", inline=True,
                            push_limit=MIPRTCP_LIMIT, encode=lambda data: _hex(data[:-1]))
    else:
        announce = Announce(push=lambda n: f"+MIPRTCP: {number},{n},", inline=True,
                            push_limit=MIPRTCP_LIMIT, encode=_hex)
    return Behaviour(packet=PACKET, tx_timeout=None, max_idle=None, announce=announce,
                     peer_closed=_peer_closed(number))
