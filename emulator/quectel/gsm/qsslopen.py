"""+QSSLOPEN: open an SSL connection (quectel-gsm-ssl §2.2.2, §1.3, §3.1-§3.3).

``AT+QSSLOPEN=<ssid>,<ctxindex>,<ipaddr/domainname>,<port>,<connectmode>[,<timeout>]``: OK when
the format is right, then the URC ``+QSSLOPEN: <ssid>,<connectcode>``: 0 success, -1 error (no
address, no TCP connection, the handshake or the verification failed, the security data the
context's "seclevel" needs is missing or unusable), -2 the socket index is occupied, by an SSL
or a plain TCP connection (§1.3). <timeout> 10-300 s, default 90, bounds each network wait of
the dial. The handshake follows the context (§2.2.1): "sslversion", "ciphersuite" (Table 2),
"seclevel" with its files, and "ignorertctime" against the module's clock (+CCLK).

<connectmode> 1 (transparent): the document describes nothing of that mode; the emulator reads it as
V.250's online data state (errata QGS-23, ``emulator.quectel.gsm.transparent``): OK, the result URC,
then CONNECT. Without an active PDP context (+QIACT) the command answers ERROR: nothing can be
dialled.
"""

from __future__ import annotations

import ipaddress
from typing import Final

from cryptography.hazmat.primitives.serialization import Encoding

from emulator.core.errors import PlainError
from emulator.core.instance import Instance
from emulator.core.params import Arg, Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.net.connection import Announce, Behaviour
from emulator.quectel.common.sockets import PACKET, open_in_background, resolve
from emulator.quectel.gsm.bearer import is_active
from emulator.quectel.gsm.defects import (
    CLOSED_URC_MISSING,
    OCCUPIED_AS_ERROR,
    RECV_URC_REPEATED,
    RTC_ALWAYS_IGNORED,
    SECLEVEL_IGNORED,
)
from emulator.quectel.gsm.qsslcfg import TABLE2
from emulator.quectel.gsm.secfiles import BadFile, certificates, lookup, private_key
from emulator.quectel.gsm.state import ALL_SUITES, QContext, Socket, SslContext
from emulator.quectel.gsm.transparent import TX_WAIT, open_transparent
from emulator.tls.client import (
    SSL3,
    TLS1_0,
    TLS1_1,
    TLS1_2,
    ClientConfig,
    ClientCredentials,
    TlsLink,
    Version,
    connect,
)

NAME: Final = "+QSSLOPEN"
SSIDS: Final = Choice.span(0, 5)
CTX_INDEXES: Final = Choice.span(0, 5)
PORTS: Final = Choice.span(1, 65535)
CONNECT_MODES: Final = Choice.of(0, 1)
TIMEOUTS: Final = Choice.span(10, 300)
DEFAULT_TIMEOUT: Final = 90
SUCCESS, FAILURE, OCCUPIED = 0, -1, -2
#: §2.2.1 <sslversion>: 0 SSL3.0, 1 TLS1.0, 2 TLS1.1, 3 TLS1.2, 4 ALL SUPPORT.
VERSIONS: Final[dict[int, tuple[Version, Version]]] = {
    0: (SSL3, SSL3), 1: (TLS1_0, TLS1_0), 2: (TLS1_1, TLS1_1), 3: (TLS1_2, TLS1_2),
    4: (SSL3, TLS1_2)}
#: Table 2, in the document's order: what 0XFFFF offers.
TABLE2_ORDER: Final = (0x0035, 0x0005, 0x0004, 0x000A, 0x002F, 0x003D)


def _bad(reason: str) -> PlainError:
    return PlainError(reason)


def _int(args: Args, index: int, choice: Choice) -> int:
    arg = args[index] if index < len(args) else None
    value = None if arg is None else parse_int(arg)
    if value is None or value not in choice:
        raise _bad(f"parameter {index + 1} is not in {choice}")
    return value


def test(ctx: QContext, args: Args) -> Response:
    """The parameter names, as §2.2.2 prints them."""
    return info(f"{NAME}: <ssid>,<ctxindex>,<ipaddr/domainname>,<port>,<connectmode>[,<timeout>]")


def read(ctx: QContext, args: Args) -> Response:
    """OK (§2.2.2)."""
    return OK


def suites_of(context: SslContext) -> tuple[int, ...]:
    """The ClientHello's suites: the configured ones, 0XFFFF every suite of Table 2."""
    if ALL_SUITES in context.suites:
        return TABLE2_ORDER
    assert all(s in TABLE2 for s in context.suites)
    return context.suites


def client_config(ctx: QContext, context: SslContext, host: str) -> ClientConfig:
    """What the handshake offers, checks and presents; :class:`BadFile` if a file is missing."""
    state = ctx.state
    low, high = VERSIONS[context.version]
    anchors = None
    credentials = None
    if context.seclevel >= 1 and not ctx.has_defect(SECLEVEL_IGNORED):
        stored = lookup(state, context.cacert)
        if stored is None:
            raise BadFile("no CA certificate")
        anchors = tuple(certificates(stored.data))
    if context.seclevel == 2:
        cert, key = lookup(state, context.clientcert), lookup(state, context.clientkey)
        if cert is None or key is None:
            raise BadFile("no client certificate or key")
        chain = certificates(cert.data)
        credentials = ClientCredentials(chain=tuple(c.public_bytes(Encoding.DER) for c in chain),
                                        key=private_key(key.data))
    ignore_rtc = state.ignorertctime == 1 or ctx.has_defect(RTC_ALWAYS_IGNORED)
    return ClientConfig(suites=suites_of(context), min_version=low, max_version=high,
                        anchors=anchors, credentials=credentials, server_name=_sni(host),
                        check_leaf_dates=not ignore_rtc,
                        clock=None if ignore_rtc else ctx.clock.now)


def _sni(host: str) -> str | None:
    # RFC 6066 §3: no literal addresses in SNI; the document says nothing of SNI.
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host.lower()
    return None


def _host(args: Args) -> str:
    arg: Arg | None = args[2] if len(args) > 2 else None
    if arg is None or not arg.quoted or not arg.text:
        raise _bad("<ipaddr/domainname> is a quoted string")
    return arg.text


def set_(ctx: QContext, args: Args) -> Response:
    """OK, then the dial and the result URC."""
    if not 5 <= len(args) <= 6:
        raise _bad("five or six parameters")
    ssid = _int(args, 0, SSIDS)
    context_index = _int(args, 1, CTX_INDEXES)
    host = _host(args)
    port = _int(args, 3, PORTS)
    transparent = _int(args, 4, CONNECT_MODES) == 1
    timeout = _int(args, 5, TIMEOUTS) if len(args) == 6 and args[5] is not None else DEFAULT_TIMEOUT
    state = ctx.state
    if not is_active(state):
        raise _bad("no PDP context active")
    instance = ctx.port

    def report(code: int) -> str:
        return f"{NAME}: {ssid},{code}"

    if state.socket(ssid) is not None:
        code = FAILURE if ctx.has_defect(OCCUPIED_AS_ERROR) else OCCUPIED
        instance.after_response(lambda: instance.unsolicited(report(code)))
        return OK
    try:
        config = client_config(ctx, state.contexts[context_index], host)
    except BadFile:
        instance.after_response(lambda: instance.unsolicited(report(FAILURE)))
        return OK
    cid = state.foreground
    sock = Socket(ssl=True, host=host, address="", port=port, cid=cid)

    def dial() -> TlsLink:
        sock.address = resolve(host, port)
        return connect(sock.address, port, config, timeout=float(timeout))

    def closed(port_: Instance) -> None:
        port_.unsolicited(f'+QSSLURC: "closed",{ssid}')

    announce = Announce(count=lambda n: f'+QSSLURC: "recv",{cid},{ssid}',
                        repeat=ctx.has_defect(RECV_URC_REPEATED))
    peer_closed = None if ctx.has_defect(CLOSED_URC_MISSING) else closed
    if transparent:
        # After +++ the connection is used as one of <connectmode> 0 (errata QGS-23): the same URCs.
        behaviour = Behaviour(packet=PACKET, tx_timeout=TX_WAIT, max_idle=None, announce=announce,
                              peer_closed=peer_closed)
        return open_transparent(ctx, sock, ssid, dial, behaviour, report(SUCCESS))
    open_in_background(ctx, sock, ssid, dial, announce=announce, peer_closed=peer_closed,
                       report=lambda failure: report(SUCCESS if failure is None else FAILURE))
    return OK


SPEC = CommandSpec(name=NAME, set=set_, read=read, test=test)


