"""+QSSLOPEN: open an SSL connection (quectel-ec200-ssl §2.2.2, §1.3, §1.4, §3.3.1, §3.4.1, §3.5).

``AT+QSSLOPEN=<PDP_ctxID>,<SSL_ctxID>,<clientID>,"<serveraddr>",<server_port>[,<access_mode>]``
(1-15, 0-5, 0-11, a quoted address, 1-65535, 0-2 default 0):

- <access_mode> 0 / 1: OK at once, then ``+QSSLOPEN: <clientID>,<err>`` when the handshake ends:
  0, or the Table 5 code of the failure: 565 the name does not resolve (also when the PDP
  context's DNS servers are both 0.0.0.0, +QIDNSCFG, §4 item 2), 566 no TCP connection or
  the handshake failed (the document has no code of its own for a refused handshake: vectors
  errata), 569 "negotiatetime" passed; a file "secllevel" needs that is missing: 566 without
  dialling. +QIGETERROR then tells the same code.
- <access_mode> 2: CONNECT and transparent transmission mode once the handshake succeeded
  (the module lock is released meanwhile); a failure is ERROR, its code for +QIGETERROR.

Refused at once with ERROR (and the code for +QIGETERROR): a malformed or out-of-range parameter
(552), a <clientID> in use, whatever its state (563: the open connection is left alone), a PDP
context that is not active (561: §4 1. sends the host to +QIACT? when opening fails).
"""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from typing import Final

from emulator.core.instance import Instance
from emulator.core.params import Arg, Args, Choice, parse_int
from emulator.core.results import OK, Response, ResultCode, info
from emulator.core.scheduler import Scheduler
from emulator.core.table import CommandSpec
from emulator.net.connection import Behaviour, DataConnection
from emulator.quectel.common.pem import BadFile
from emulator.quectel.common.sockets import PACKET, Dial, DialFailed, open_in_background, resolve
from emulator.quectel.ec200 import tlsconfig, urcs
from emulator.quectel.ec200.bearer import is_active, resolves_names
from emulator.quectel.ec200.defects import ESCAPE_WITHOUT_GUARD, OPEN_FAILURE_AS_SUCCESS, OPEN_REUSES_CLIENTID
from emulator.quectel.ec200.errors import Code, bad, fail, ssl_command
from emulator.quectel.ec200.qsslsend import SEND_BUFFER
from emulator.quectel.ec200.state import Mode, QContext, Socket
from emulator.tls.client import ClientConfig, ConnectError, HandshakeError, TlsLink

NAME: Final = "+QSSLOPEN"
PDP_IDS: Final = Choice.span(1, 15)
CTX_IDS: Final = Choice.span(0, 5)
CLIENT_IDS: Final = Choice.span(0, 11)
PORTS: Final = Choice.span(1, 65535)
MODES: Final = Choice.span(0, 2)
#: §2.2.6 <AT_port>: the port names of the emulator's AT instances 1, 2, 3.
AT_PORTS: Final = ("usbmodem", "usbat", "uart1")
#: Transparent mode sends what the DTE typed once this much silence followed (emulator's choice:
#: the document gives no wait time).
TX_WAIT: Final = 0.05


def _int(args: Args, index: int, choice: Choice) -> int:
    arg = args[index] if index < len(args) else None
    value = None if arg is None else parse_int(arg)
    if value is None or value not in choice:
        raise bad(f"parameter {index + 1} is not in {choice}")
    return value


def _host(args: Args) -> str:
    arg: Arg | None = args[3] if len(args) > 3 else None
    if arg is None or not arg.quoted or not arg.text:
        raise bad("<serveraddr> is a quoted string")
    return arg.text


def _is_address(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


def at_port(number: int) -> str:
    """<AT_port> of AT instance ``number``."""
    return AT_PORTS[(number - 1) % len(AT_PORTS)]


def code_of(failure: BaseException) -> Code:
    """The Table 5 code of a failed dial."""
    if isinstance(failure, tlsconfig.NegotiationTimeout):
        return Code.TIMEOUT
    if isinstance(failure, DialFailed) and "resolve" in str(failure):
        return Code.DNS_PARSE
    return Code.CONNECT


def test(ctx: QContext, args: Args) -> Response:
    """The ranges, as §2.2.2 prints them."""
    return info(f"{NAME}: {PDP_IDS},{CTX_IDS},{CLIENT_IDS},<serveraddr>,<server_port>[,{MODES}]")


class Transparent(DataConnection):
    """A connection that may be in transparent transmission mode: ``+++`` leaves it in buffer
    access mode (§1.4)."""

    socket: Socket | None = None

    def escaped(self) -> None:
        """``+++``: buffer access mode from now on."""
        super().escaped()
        if self.socket is not None:
            self.socket.mode = Mode.BUFFER


def enter_transparent(ctx: QContext, sock: Socket, connection: DataConnection) -> Response:
    """CONNECT, then transparent transmission mode on ``connection`` (§1.4)."""
    sock.mode = Mode.TRANSPARENT
    ctx.state.suspended = sock.client_id
    connection.expect_online()
    ctx.port.go_online(connection, guard_required=not ctx.has_defect(ESCAPE_WITHOUT_GUARD))
    return Response(final=ResultCode.CONNECT)


def behaviour(ctx: QContext, client_id: int, mode: Mode) -> Behaviour:
    """The connection's behaviour in ``mode``."""
    return Behaviour(packet=PACKET, tx_timeout=TX_WAIT, max_idle=None,
                     announce=urcs.announce(ctx, client_id, mode),
                     peer_closed=urcs.peer_closed(ctx, client_id))


def set_(ctx: QContext, args: Args) -> Response:
    """OK and the result URC, or CONNECT (see the module docstring)."""
    if not 5 <= len(args) <= 6:
        raise bad("five or six parameters")
    pdp = _int(args, 0, PDP_IDS)
    ctx_id = _int(args, 1, CTX_IDS)
    client_id = _int(args, 2, CLIENT_IDS)
    host = _host(args)
    port = _int(args, 4, PORTS)
    mode = Mode(_int(args, 5, MODES)) if len(args) == 6 and args[5] is not None else Mode.BUFFER
    state = ctx.state
    if client_id in state.sockets:
        if not ctx.has_defect(OPEN_REUSES_CLIENTID):
            raise fail(Code.ID_USED, f"<clientID> {client_id} is in use")
        old = state.sockets.pop(client_id)  # defect: the open connection is dropped
        if old.link is not None:
            with ctx.services.unlocked():
                old.link.close()
    if not is_active(state, pdp):
        raise fail(Code.OPEN_PDP, f"PDP context {pdp} is not active")
    context = replace(state.contexts[ctx_id])  # the settings as they are now
    sock = Socket(client_id=client_id, pdp=pdp, ssl_ctx=ctx_id, host=host, port=port, mode=mode,
                  at_port=at_port(ctx.instance))
    key = (ctx_id, host, port)
    caching = tlsconfig.caches(ctx, context)
    session = state.sessions.get(key) if caching else None
    scheduler = ctx.services.scheduler
    config: ClientConfig | None = None
    config_error: BadFile | None = None
    try:
        config = tlsconfig.client_config(ctx, context, host)
    except BadFile as error:
        config_error = error

    names = resolves_names(state, pdp)

    def dial() -> TlsLink:
        if config is None:
            raise DialFailed(str(config_error))
        if not names and not _is_address(host):  # §4 item 2: no DNS server, no name
            raise DialFailed(f"cannot resolve {host}: no valid DNS server address on PDP context {pdp}")
        address = resolve(host, port)
        dialled = tlsconfig.dial(address, port, config, float(context.negotiatetime), scheduler, session)
        sock.local_port = dialled.local_port
        if caching:
            state.sessions[key] = dialled.link.session
        return dialled.link

    if mode is Mode.TRANSPARENT:
        return _open_transparent(ctx, sock, dial)

    def report(failure: BaseException | None) -> str:
        code = Code.SUCCESS if failure is None else code_of(failure)
        if ctx.has_defect(OPEN_FAILURE_AS_SUCCESS):
            code = Code.SUCCESS  # defect: the failure is reported as a success
        state.last_error = int(code)
        return f"{NAME}: {client_id},{int(code)}"

    def make(link: TlsLink, port: Instance, scheduler: Scheduler) -> DataConnection:
        return connection_of(ctx, sock, link, port, scheduler, online=False)

    open_in_background(ctx, sock, client_id, dial, announce=urcs.announce(ctx, client_id, mode),
                       peer_closed=urcs.peer_closed(ctx, client_id), report=report, make=make)
    return OK


def connection_of(ctx: QContext, sock: Socket, link: TlsLink, port: Instance, scheduler: Scheduler,
                  *, online: bool) -> Transparent:
    """The connection of ``sock``: its mode's announcements, ready for transparent mode."""
    mode = Mode.BUFFER if sock.mode is Mode.TRANSPARENT else sock.mode
    link.limit_send_buffer(SEND_BUFFER)  # the buffer +QSSLSEND's SEND FAIL finds full (errata QEC-22)
    connection = Transparent(link, port, scheduler, behaviour(ctx, sock.client_id, mode), online=online)
    connection.socket = sock
    return connection


def _open_transparent(ctx: QContext, sock: Socket, dial: Dial) -> Response:
    state = ctx.state
    state.sockets[sock.client_id] = sock
    try:
        with ctx.services.unlocked():
            link = dial()
    except (DialFailed, ConnectError, HandshakeError, tlsconfig.NegotiationTimeout, OSError) as error:
        if state.sockets.get(sock.client_id) is sock:
            del state.sockets[sock.client_id]
        raise fail(code_of(error), str(error)) from None
    if not state.powered or state.sockets.get(sock.client_id) is not sock:
        link.close(notify=False)
        raise fail(Code.CONNECT, "closed while opening")
    connection = connection_of(ctx, sock, link, ctx.port, ctx.services.scheduler, online=True)
    sock.link = connection
    return enter_transparent(ctx, sock, connection)


SPEC = CommandSpec(name=NAME, set=ssl_command(set_), test=ssl_command(test))
