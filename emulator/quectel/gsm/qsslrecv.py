"""+QSSLRECV: read received SSL data (quectel-gsm-ssl §2.2.5, §2.2.10.1, §3.1-§3.3).

``AT+QSSLRECV=<cid>,<ssid>,<length>``: ``+QSSLRECV: <ipaddr>:<port>,TCP,<actual length>``, CR LF,
the bytes, OK; nothing waiting: OK alone; ERROR for a socket that is not an SSL connection (or
one closed with nothing left to read). <cid> 0-1 (§2.2.5; the URC's 0-2 is wider: the emulator
takes the command's range and does not compare it with the connection's context), <length>
1-1500.
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import PlainError
from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.net.connection import NotConnected
from emulator.quectel.gsm.defects import RECV_WRONG_LENGTH
from emulator.quectel.gsm.state import QContext

NAME: Final = "+QSSLRECV"
CIDS: Final = Choice.of(0, 1)
SSIDS: Final = Choice.span(0, 5)
LENGTHS: Final = Choice.span(1, 1500)


def test(ctx: QContext, args: Args) -> Response:
    """``+QSSLRECV: (0,1),(0-5),(1-1500)`` (§2.2.5)."""
    return info(f"{NAME}: {CIDS},{SSIDS},{LENGTHS}")


def set_(ctx: QContext, args: Args) -> Response:
    """Read up to <length> bytes without waiting."""
    if len(args) != 3:
        raise PlainError("three parameters")
    values = [None if a is None else parse_int(a) for a in args]
    cid, ssid, length = values
    if cid not in CIDS or ssid not in SSIDS or length not in LENGTHS:
        raise PlainError("out of range")
    assert ssid is not None and length is not None
    sock = ctx.state.socket(ssid)
    connection = None if sock is None or not sock.ssl else sock.link
    if sock is None or connection is None:
        raise PlainError("no SSL connection")
    try:
        data = connection.recv(length, 0.0)
    except NotConnected:
        raise PlainError("closed, nothing left") from None
    if not data:
        return OK
    count = len(data) + (1 if ctx.has_defect(RECV_WRONG_LENGTH) else 0)
    return Response(lines=(f"{NAME}: {sock.address}:{sock.port},TCP,{count}",), payload=data)


SPEC = CommandSpec(name=NAME, set=set_, test=test)
