"""+QSSLCLOSE: close an SSL connection (quectel-ec200-ssl §2.2.5, §2.3.2, §3.3.4).

``AT+QSSLCLOSE=<clientID>[,<close_timeout>]`` (<close_timeout> 0-65535, default 10, in seconds,
or milliseconds when the context's "closetimemode" is 1, §2.2.1 <close_time_mode>: "the SSL close
linger time"; "0 means closing immediately"): close_notify, then the close lingers until the
server has closed its side too, <close_timeout> at most ("Maximum Response Time: Determined by
parameter <close_timeout>"; §3.3.4 "Depending on the network, the maximum response time is 10 s"),
then the TCP close and OK; <clientID> is free again ("initial"). With 0: close_notify and the TCP
close at once. Nothing sent is left unsent at a close: +QSSLSEND answers SEND OK once its data
left (the emulator has no send buffer to drain). A socket the server closed ("closing", §2.3.2)
answers OK at once and becomes "initial"; one still opening is abandoned (its +QSSLOPEN URC
reports 566). A <clientID> with no socket: ERROR (572; the document says only "If there is any
error: ERROR": vectors errata). Test form ``+QSSLCLOSE: (0-11),(0-65535)``.

Defect ``quectel-ec200-closetimemode-ignored``: <close_timeout> counts seconds whatever "closetimemode" says.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.net.connection import Announce
from emulator.quectel.ec200.defects import CLOSE_KEEPS_CONNECTION, CLOSETIMEMODE_IGNORED
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
    if ctx.has_defect(CLOSETIMEMODE_IGNORED):
        return float(value)  # defect: always seconds
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
    linger = close_timeout(ctx, sock.ssl_ctx, timeout)
    if state.suspended == client_id:
        state.suspended = None
    link = sock.link
    if ctx.has_defect(CLOSE_KEEPS_CONNECTION) and link is not None and not link.closed:
        # Defect: the <clientID> is freed, the connection left open on the wire, silent from now on.
        del state.sockets[client_id]
        link.behaviour = replace(link.behaviour, announce=Announce(), peer_closed=None)
        state.leaked.append(link)
        return OK
    del state.sockets[client_id]
    sock.link = None
    if link is not None:
        with ctx.services.unlocked():
            link.close(linger=linger)
    return OK


SPEC = CommandSpec(name=NAME, set=ssl_command(set_), test=ssl_command(test))
