"""+MIPCLOSE: close a socket (fibocom-l610-ssl §2 Examples 1 and 4).

``AT+MIPCLOSE=<Socket_ID>``: OK, then ``+MIPCLOSE: <Socket_ID>,1`` once the connection is closed
(close_notify sent). A socket that is not connected (or still being dialled) is ERROR. The test
form prints the socket range.
"""

from __future__ import annotations

from emulator.core.params import Args, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.fibocom.defects import MIPCLOSE_NO_URC
from emulator.fibocom.errors import not_allowed
from emulator.fibocom.mipopen import socket_ids
from emulator.fibocom.state import FibocomContext


def set_(ctx: FibocomContext, args: Args) -> Response:
    """Close the connection of ``<Socket_ID>``; the URC follows OK."""
    check_count(args, 1, 1)
    number = int_arg(args, 0, socket_ids(ctx))
    socket = ctx.state.sockets[number]
    connection = socket.connection()
    if connection is None:
        raise not_allowed()
    socket.link = None
    with ctx.services.unlocked():
        connection.close()
    port = ctx.port
    if not ctx.has_defect(MIPCLOSE_NO_URC):  # defect: closed without the URC
        port.after_response(lambda: port.unsolicited(f"+MIPCLOSE: {number},1"))
    return OK


def test(ctx: FibocomContext, args: Args) -> Response:
    """``+MIPCLOSE: (1-4)``."""
    return info(f"+MIPCLOSE: {socket_ids(ctx)}")


SPEC = CommandSpec(name="+MIPCLOSE", set=set_, test=test)
