"""+QSSLCLOSE: close an SSL connection (quectel-ec200-ssl §2.2.5, §2.3.2, §3.3.4).

``AT+QSSLCLOSE=<clientID>[,<close_timeout>]`` (<close_timeout> 0-65535, default 10, in seconds,
or milliseconds when the context's "closetimemode" is 1; 0 closes at once): close_notify, the
TCP close, OK; <clientID> is free again ("initial"). The emulator's close never takes long:
<close_timeout> only bounds it (the close_notify is written with that deadline at most).
A socket the server closed ("closing", §2.3.2) answers OK and becomes "initial"; one still
opening is abandoned (its +QSSLOPEN URC reports 566). A <clientID> with no socket: ERROR (572;
the document says only "If there is any error: ERROR": vectors errata). Test form
``+QSSLCLOSE: (0-11),(0-65535)``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.net.connection import Announce
from emulator.quectel.common.sockets import close
from emulator.quectel.ec200.defects import CLOSE_KEEPS_CONNECTION
from emulator.quectel.ec200.errors import Code, bad, fail, ssl_command
from emulator.quectel.ec200.state import QContext

NAME: Final = "+QSSLCLOSE"
CLIENT_IDS: Final = Choice.span(0, 11)
TIMEOUTS: Final = Choice.span(0, 65535)
DEFAULT_TIMEOUT: Final = 10


def test(ctx: QContext, args: Args) -> Response:
    """``+QSSLCLOSE: (0-11),(0-65535)``."""
    return info(f"{NAME}: {CLIENT_IDS},{TIMEOUTS}")


def close_timeout(ctx: QContext, ssl_ctx: int, value: int) -> float:
    """<close_timeout> in seconds, by the context's "closetimemode" (§2.2.5 NOTE)."""
    return value / 1000 if ctx.state.contexts[ssl_ctx].closetimemode == 1 else float(value)


def set_(ctx: QContext, args: Args) -> Response:
    """Close and free the <clientID>."""
    if not 1 <= len(args) <= 2:
        raise bad("one or two parameters")
    values = [None if a is None else parse_int(a) for a in args]
    client_id = values[0]
    timeout = values[1] if len(values) == 2 and args[1] is not None else DEFAULT_TIMEOUT
    if client_id not in CLIENT_IDS or timeout not in TIMEOUTS:
        raise bad("out of range")
    assert client_id is not None and timeout is not None
    state = ctx.state
    sock = state.sockets.get(client_id)
    if sock is None:
        raise fail(Code.NOT_ALLOWED, f"<clientID> {client_id} has no socket")
    close_timeout(ctx, sock.ssl_ctx, timeout)  # bounds a close that never takes long here
    if state.suspended == client_id:
        state.suspended = None
    link = sock.link
    if ctx.has_defect(CLOSE_KEEPS_CONNECTION) and link is not None and not link.closed:
        # Defect: the <clientID> is freed, the connection left open on the wire, silent from now on.
        del state.sockets[client_id]
        link.behaviour = replace(link.behaviour, announce=Announce(), peer_closed=None)
        state.leaked.append(link)
        return OK
    close(ctx, client_id, sock)
    return OK


SPEC = CommandSpec(name=NAME, set=ssl_command(set_), test=ssl_command(test))
