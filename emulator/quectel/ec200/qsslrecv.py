"""+QSSLRECV: read buffered data (quectel-ec200-ssl §2.2.4, §1.4 1., §3.3.3).

``AT+QSSLRECV=<clientID>[,<readlen>]`` (<readlen> 0-1500, default 1500): ``+QSSLRECV:
<have_readlen>`` CR LF the bytes, OK; nothing waiting (or <readlen> 0): ``+QSSLRECV: 0`` and OK as
§2.2.4's table prints it (§3.3.3's transcript shows OK alone: vectors errata). ERROR (567) for a
<clientID> with no connection, or one the server closed with nothing left to read. A connection
in direct push or transparent mode has nothing buffered: ``+QSSLRECV: 0``. Test form
``+QSSLRECV: (0-11),(0-1500)``.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.net.connection import NotConnected
from emulator.quectel.ec200.defects import RECV_WRONG_LENGTH
from emulator.quectel.ec200.errors import Code, bad, fail, ssl_command
from emulator.quectel.ec200.state import QContext

NAME: Final = "+QSSLRECV"
CLIENT_IDS: Final = Choice.span(0, 11)
LENGTHS: Final = Choice.span(0, 1500)
DEFAULT_LENGTH: Final = 1500


def test(ctx: QContext, args: Args) -> Response:
    """``+QSSLRECV: (0-11),(0-1500)``."""
    return info(f"{NAME}: {CLIENT_IDS},{LENGTHS}")


def set_(ctx: QContext, args: Args) -> Response:
    """Read up to <readlen> bytes without waiting."""
    if not 1 <= len(args) <= 2:
        raise bad("one or two parameters")
    values = [None if a is None else parse_int(a) for a in args]
    client_id = values[0]
    length = values[1] if len(values) == 2 else DEFAULT_LENGTH
    if client_id not in CLIENT_IDS or length not in LENGTHS:
        raise bad("out of range")
    assert client_id is not None and length is not None
    sock = ctx.state.sockets.get(client_id)
    link = None if sock is None else sock.link
    if link is None:
        raise fail(Code.CLOSED, "no connection")
    if length == 0:
        return info(f"{NAME}: 0")
    try:
        data = link.recv(length, 0.0)
    except NotConnected:
        raise fail(Code.CLOSED, "closed, nothing left") from None
    if not data:
        return info(f"{NAME}: 0")
    count = len(data) + (1 if ctx.has_defect(RECV_WRONG_LENGTH) else 0)
    return Response(lines=(f"{NAME}: {count}",), payload=data)


SPEC = CommandSpec(name=NAME, set=ssl_command(set_), test=ssl_command(test))
