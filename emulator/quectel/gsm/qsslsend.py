"""+QSSLSEND: send data on an SSL connection (quectel-gsm-ssl §2.2.4, §3.1-§3.3).

``AT+QSSLSEND=<ssid>[,<length>]``: ERROR if the connection is not established; else ``> ``,
then exactly <length> bytes (1-1460, every byte data), or without <length> bytes up to Ctrl-Z
(at most 1460; ESC cancels), then ``SEND OK`` / ``SEND FAIL`` / ``ERROR``
(``emulator.quectel.gsm.transfer``).
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import PlainError
from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.gsm.defects import SEND_SHORT
from emulator.quectel.gsm.state import QContext
from emulator.quectel.gsm.transfer import LIMIT, prompt_for

NAME: Final = "+QSSLSEND"
SSIDS: Final = Choice.span(0, 5)
LENGTHS: Final = Choice.span(1, LIMIT)


def test(ctx: QContext, args: Args) -> Response:
    """``+QSSLSEND: (0-5)[,(1-1460)]`` (§2.2.4)."""
    return info(f"{NAME}: {SSIDS}[,{LENGTHS}]")


def read(ctx: QContext, args: Args) -> Response:
    """OK (§2.2.4)."""
    return OK


def set_(ctx: QContext, args: Args) -> Response:
    """The prompt, on a connected SSL socket."""
    if not 1 <= len(args) <= 2:
        raise PlainError("one or two parameters")
    values = [None if a is None else parse_int(a) for a in args]
    ssid, length = values[0], values[1] if len(values) == 2 else None
    if ssid not in SSIDS or (len(values) == 2 and length not in LENGTHS):
        raise PlainError("out of range")
    assert ssid is not None
    sock = ctx.state.socket(ssid)
    connection = None if sock is None or not sock.ssl else sock.connection()
    if connection is None:
        raise PlainError("not connected")
    trim = 1 if ctx.has_defect(SEND_SHORT) else 0
    return prompt_for(ctx, connection, length, trim=trim)


SPEC = CommandSpec(name=NAME, set=set_, read=read, test=test)
