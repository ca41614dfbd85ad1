"""+QSSLCLOSE: close an SSL connection (quectel-gsm-ssl §2.2.3, §3.1-§3.3).

``AT+QSSLCLOSE=<ssid>[,<closetype>]``: ``<ssid>, CLOSE OK`` as the examples print it (§3.1
``1, CLOSE OK``; §2.2.3's table prints ``CLOSE OK``: emulator/README.md); ERROR when <ssid> is no
SSL connection. <closetype> is "Reserved": 0 or 1 accepted (the test form's ``(0,1)``), no effect.
A connection still being opened is abandoned: its +QSSLOPEN URC reports -1.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from emulator.core.errors import PlainError
from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Response, ResultCode, final, info
from emulator.core.table import CommandSpec
from emulator.net.connection import Announce
from emulator.quectel.common.sockets import close
from emulator.quectel.gsm.defects import CLOSE_KEEPS_CONNECTION, CLOSE_NOTHING_OK
from emulator.quectel.gsm.state import QContext

NAME: Final = "+QSSLCLOSE"
SSIDS: Final = Choice.span(0, 5)
CLOSE_TYPES: Final = Choice.of(0, 1)


def test(ctx: QContext, args: Args) -> Response:
    """``+QSSLCLOSE: (0-5)[,(0,1)]`` (§2.2.3)."""
    return info(f"{NAME}: {SSIDS}[,{CLOSE_TYPES}]")


def read(ctx: QContext, args: Args) -> Response:
    """OK (§2.2.3)."""
    return OK


def set_(ctx: QContext, args: Args) -> Response:
    """Close and free the index."""
    if not 1 <= len(args) <= 2:
        raise PlainError("one or two parameters")
    values = [None if a is None else parse_int(a) for a in args]
    ssid = values[0]
    if ssid not in SSIDS or (len(values) == 2 and values[1] not in CLOSE_TYPES):
        raise PlainError("out of range")
    assert ssid is not None
    sock = ctx.state.socket(ssid)
    if sock is None or not sock.ssl:
        if ctx.has_defect(CLOSE_NOTHING_OK):
            return final(ResultCode(f"{ssid}, CLOSE OK"))
        raise PlainError("no SSL connection")
    link = sock.link
    if ctx.has_defect(CLOSE_KEEPS_CONNECTION) and link is not None:
        # Defect: the index is freed, the connection left open on the wire, silent from now on.
        del ctx.state.sockets[ssid]
        link.behaviour = replace(link.behaviour, announce=Announce(), peer_closed=None)
        ctx.state.leaked.append(link)
    else:
        close(ctx, ssid, sock)
    return final(ResultCode(f"{ssid}, CLOSE OK"))


SPEC = CommandSpec(name=NAME, set=set_, read=read, test=test)
