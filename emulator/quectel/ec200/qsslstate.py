"""+QSSLSTATE: the state of the SSL connections (quectel-ec200-ssl §2.2.6, §3.3.1, §3.4.1).

``AT+QSSLSTATE``: one line per <clientID> in use, in order; ``AT+QSSLSTATE=<clientID>``: that
one's line (none if it is not in use); ``AT+QSSLSTATE=?``: OK. A line is
``+QSSLSTATE: <clientID>,"SSLClient","<IP_address>",<remote_port>,<local_port>,<socket_state>,
<PDP_ctxID>,<serverID>,<access_mode>,"<AT_port>",<SSL_ctxID>`` (§3.3.1): <IP_address> is the
<serveraddr> +QSSLOPEN was given, <local_port> the TCP connection's (0 while opening),
<socket_state> 1 opening, 2 connected, 4 closing, <serverID> ("Reserved") the <clientID> as
§3.3.1 and §3.4.1 print it, <AT_port> the port that opened it ("usbmodem" for the first).
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.ec200.defects import STATE_WRONG_MODE
from emulator.quectel.ec200.errors import bad, ssl_command
from emulator.quectel.ec200.state import QContext, Socket

NAME: Final = "+QSSLSTATE"
CLIENT_IDS: Final = Choice.span(0, 11)


def line(ctx: QContext, sock: Socket) -> str:
    """The socket's line."""
    mode = 0 if ctx.has_defect(STATE_WRONG_MODE) else int(sock.mode)
    return (f'{NAME}: {sock.client_id},"SSLClient","{sock.host}",{sock.port},{sock.local_port},'
            f'{int(sock.state)},{sock.pdp},{sock.client_id},{mode},"{sock.at_port}",{sock.ssl_ctx}')


def exec_(ctx: QContext, args: Args) -> Response:
    """Every socket in use."""
    sockets = ctx.state.sockets
    return info(*(line(ctx, sockets[n]) for n in sorted(sockets)))


def set_(ctx: QContext, args: Args) -> Response:
    """One socket."""
    value = None if len(args) != 1 or args[0] is None else parse_int(args[0])
    if value is None or value not in CLIENT_IDS:
        raise bad(f"<clientID> is not in {CLIENT_IDS}")
    sock = ctx.state.sockets.get(value)
    return info() if sock is None else info(line(ctx, sock))


def _ok(ctx: QContext, args: Args) -> Response:
    return OK


SPEC = CommandSpec(name=NAME, exec=ssl_command(exec_), set=ssl_command(set_), test=ssl_command(_ok))
