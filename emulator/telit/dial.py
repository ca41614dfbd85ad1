"""Opening a secure connection for #SSLD and #SSLFASTD: what to offer, verify, present.

The socket's configuration decides the handshake (docs/DECISIONS-issue4.md D23, D24):
#SSLSECCFG <CipherSuite> and #SSLSECCFG2 <version> the offer (``emulator.telit.ciphers``),
<auth_mode> what is checked and presented, #SSLSECDATA the CA, client certificate and key.
Errors by cause (D14): 837 missing or malformed security data, 832 no TCP connection, 839
failed handshake. The module lock is released while the network is waited on.
"""

from __future__ import annotations

import ipaddress

from cryptography.hazmat.primitives.serialization import Encoding

from emulator.core.errors import CmeError
from emulator.core.params import Choice
from emulator.core.results import OK, Response, ResultCode
from emulator.net.connection import Announce, Behaviour, DataConnection, no_carrier
from emulator.net.transfer import Completion
from emulator.net.transfer import sender as net_sender
from emulator.telit.ciphers import offer
from emulator.telit.defects import (
    ACCEPTS_EXPIRED_CERT,
    ACCEPTS_EXPIRED_ROOT,
    COLUMN_IGNORED,
    ESCAPE_WITHOUT_GUARD,
    EXTRA_CIPHER_OFFERED,
    MAXTO_IGNORED,
    NO_CARRIER_MISSING,
    NO_CLIENT_CERT,
    NULL_SHA_OFFERED,
    SSLSRING_OVER_1300,
    SSLSRING_OVER_LIMIT,
    SSLSRING_WRONG_SSID,
    TIMEOUT_IGNORED,
    WRONG_SSLSRING_COUNT,
)
from emulator.telit.errors import SslError, ssl_error
from emulator.telit.secdata import BadSecurityData, DataType, certificates, private_key, stored
from emulator.telit.state import SavedSession, SslSocket, TelitContext, TelitState, telit_state
from emulator.telit.transfer import answer
from emulator.tls.client import ClientConfig, ClientCredentials, ConnectError, HandshakeError, TlsLink, connect

# telit-ssl-ug §5 <connMode>.
ONLINE, COMMAND = 0, 1
CONN_MODES = Choice.of(ONLINE, COMMAND)
# The <Timeout> of #SSLD, #SSLSEND, #SSLSENDEXT, #SSLRECV: 100 ms units. The documents give no
# range; the emulator takes #SSLCFG <defTo>'s upper bound and goes down to 1 (the document
# history of Rev. 9 mentions an "extended range for minimum timeout of #SSLSEND/RECV").
TIMEOUTS = Choice.span(1, 5000)
# telit-ssl-ug §5, §5.1.2: <Timeout> and <defTo> count in units of 100 ms.
TIMEOUT_UNIT = 0.1
# §4.6: <txTo> counts in 100 ms, <maxTo> in seconds (D18).
TX_TO_UNIT = 0.1
# telit-ssl-ug §4.6 / D18: <pktSz> 0 stands for the default packet size.
DEFAULT_PACKET = 300
# The send buffer of a connection, bytes: what #SSLSEND / #SSLSENDEXT find full once the server stops reading, and
# then wait <Timeout> for room in (§5.1.2 "blocking mode"). The documents size none (vectors/telit errata TSU-50).
SEND_BUFFER = 4096


def client_config(ctx: TelitContext, socket: SslSocket, ssid: int, host: str) -> ClientConfig:
    """The handshake ``socket`` asks for; 837 when <auth_mode> needs data that is not stored."""
    state = telit_state(ctx)
    hello = offer(ctx.profile, socket.cipher, socket.version,
                  extra_suite=ctx.has_defect(EXTRA_CIPHER_OFFERED),
                  null_sha=ctx.has_defect(NULL_SHA_OFFERED),
                  column_ignored=ctx.has_defect(COLUMN_IGNORED))
    anchors = None
    credentials = None
    try:
        if socket.auth >= 1:  # §4.2: 1 server authentication, 2 server/client
            anchors = tuple(certificates(stored(state, ssid, DataType.CA_CERT), "CA certificate"))
        if socket.auth == 2:
            chain = certificates(stored(state, ssid, DataType.CLIENT_CERT), "client certificate")
            key = private_key(stored(state, ssid, DataType.CLIENT_KEY))
            if not ctx.has_defect(NO_CLIENT_CERT):
                credentials = ClientCredentials(chain=tuple(c.public_bytes(Encoding.DER) for c in chain),
                                                key=key)
    except BadSecurityData as error:
        raise ssl_error(ctx, SslError.CERTS_AND_KEYS) from error
    return ClientConfig(suites=hello.suites, min_version=hello.min_version,
                        max_version=hello.max_version, anchors=anchors, credentials=credentials,
                        server_name=_sni(host),
                        check_leaf_dates=not ctx.has_defect(ACCEPTS_EXPIRED_CERT),
                        # telit-ssl-ug §4.5: "If the root CA certificate is expired, the module ...
                        # detects the certificate expiration when it tries to perform the connection"
                        check_anchor_dates=not ctx.has_defect(ACCEPTS_EXPIRED_ROOT))


def _sni(host: str) -> str | None:
    # RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName". The
    # documents say nothing of SNI; a module that dials a name sends it, as clients do.
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host.lower()
    return None


def open_link(ctx: TelitContext, host: str, port: int, config: ClientConfig, timeout: float,
              session: object | None = None) -> TlsLink:
    """Dial and handshake with the module lock released; 832 / 839 on failure (D14)."""
    try:
        with ctx.services.unlocked():
            return connect(host, port, config, timeout=timeout, session=session)
    except ConnectError as error:
        raise ssl_error(ctx, SslError.SOCKET_ERROR) from error
    except HandshakeError as error:
        raise ssl_error(ctx, SslError.HANDSHAKE) from error


def sslsring(ctx: TelitContext, ssid: int, ring_mode: int, limit: int) -> Announce:
    """SSLSRING as #SSLCFG <sslSRingMode> asks (telit-ssl-ug §5.1.2.2.2, D20).

    0: nothing; 1: ``SSLSRING: <SSId>,<dataLen>``, the count waiting, again after a partial read;
    2: ``SSLSRING: <SSId>,<dataLen>,<data>``, the bytes themselves on the URC's line, at most
    ``limit`` per URC (256 on 2G, 1300 on 3G/4G).
    """
    if ring_mode == 1:
        extra = 1 if ctx.has_defect(WRONG_SSLSRING_COUNT) else 0
        return Announce(count=lambda n: f"SSLSRING: {ssid},{n + extra}")
    if ring_mode == 2:
        over = 2 if ctx.has_defect(SSLSRING_OVER_LIMIT) else 1
        one_more = 1 if ctx.has_defect(SSLSRING_OVER_1300) else 0  # a 3G/4G defect (products)
        shown = ssid + 1 if ctx.has_defect(SSLSRING_WRONG_SSID) else ssid
        return Announce(push=lambda n: f"SSLSRING: {shown},{n},", push_limit=limit * over + one_more,
                        inline=True)
    return Announce()


def attach(ctx: TelitContext, socket: SslSocket, ssid: int, link: TlsLink, *,
           online: bool) -> DataConnection:
    """Make the connection of ``socket`` from a fresh link, with the socket's #SSLCFG."""
    state = telit_state(ctx)
    behaviour = Behaviour(
        packet=socket.pkt_size or DEFAULT_PACKET,
        tx_timeout=socket.tx_to * TX_TO_UNIT if socket.tx_to else None,
        max_idle=float(socket.max_to) if socket.max_to and not ctx.has_defect(MAXTO_IGNORED) else None,
        announce=sslsring(ctx, ssid, socket.ring_mode, state.platform.sslsring_limit),
        peer_closed=None if ctx.has_defect(NO_CARRIER_MISSING) else no_carrier)
    link.limit_send_buffer(SEND_BUFFER)
    connection = DataConnection(link, ctx.port, ctx.services.scheduler, behaviour, online=online)
    socket.link = connection
    return connection


def go_online(ctx: TelitContext, connection: DataConnection) -> Response:
    """CONNECT, then online data state with ``connection`` (#SSLD, #SSLO, #SSLFASTD)."""
    connection.expect_online()
    ctx.port.go_online(connection, guard_required=not ctx.has_defect(ESCAPE_WITHOUT_GUARD))
    return Response(final=ResultCode.CONNECT)


def dialled(ctx: TelitContext, socket: SslSocket, ssid: int, link: TlsLink, conn_mode: int,
            target: SavedSession) -> Response:
    """A new link is up: the connection, the session kept for #SSLFASTD, the answer.

    telit-ssl-ug §5 <connMode>: 0 ONLINE ("the CONNECT message is returned"), 1 COMMAND (OK).
    """
    connection = attach(ctx, socket, ssid, link, online=conn_mode == ONLINE)
    socket.dialled = target
    socket.saved = target if socket.closure_type == 1 else None
    return go_online(ctx, connection) if conn_mode == ONLINE else OK


def ready_to_dial(ctx: TelitContext, state: TelitState, socket: SslSocket) -> None:
    """834 if ``socket`` is connected; an error if its PDP context is not active (D17)."""
    if socket.connection() is not None:
        raise ssl_error(ctx, SslError.ALREADY_CONNECTED)
    if socket.cid not in state.active_cids:
        # D17: "without it an error (code not judged)": the emulator says it cannot activate.
        raise ssl_error(ctx, SslError.CANNOT_ACTIVATE)


def not_connected(ctx: TelitContext) -> CmeError:
    """833 "SSL not connected" (D14)."""
    return ssl_error(ctx, SslError.NOT_CONNECTED)


def timeout_of(socket: SslSocket, units: int | None) -> float:
    """A command's <Timeout> in seconds; omitted, the socket's <defTo> (§4.6)."""
    return (socket.def_to if units is None else units) * TIMEOUT_UNIT


def command_timeout(ctx: TelitContext, socket: SslSocket, units: int | None) -> float:
    """The <Timeout> of #SSLD, #SSLSEND, #SSLSENDEXT in seconds (§5, §5.1.2.1): :func:`timeout_of`, or <defTo>
    whatever was given under the defect that ignores it."""
    return timeout_of(socket, None if ctx.has_defect(TIMEOUT_IGNORED) else units)


def timed_sender(ctx: TelitContext, connection: DataConnection, seconds: float, *, trim: int = 0) -> Completion:
    """The completion of #SSLSEND / #SSLSENDEXT: the data waits at most ``seconds`` (<Timeout>, §5.1.2.1; §5.1.2
    "The data exchange is performed in blocking mode") for room in the connection's send buffer; if none came,
    nothing of it is sent and the answer is an error ("ERROR on failure": 830, the generic one, vectors/telit
    errata TSU-50; emulator.telit.transfer maps it). Otherwise as :func:`emulator.telit.transfer.answer`."""
    return net_sender(ctx, connection, answer, trim=trim, within=seconds)
