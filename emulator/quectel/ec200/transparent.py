"""Switching to and from transparent transmission mode (quectel-ec200-ssl §1.4, §3.5).

- ``+++`` with a second of silence before and after (the instance's S12 guard time, 50 fiftieths
  by default): OK, command mode, the connection open in buffer access mode (``qsslopen.Transparent``).
- ``AT+QISWTMD=<clientID>,<access_mode>`` (document [1]'s command, as §1.4 uses it): 0 / 1 switch
  the connection's announcements, OK; 2 answers CONNECT and enters transparent transmission mode
  (what waited in the buffer comes first). ERROR (567) without a connected socket.
  ``AT+QISWTMD=?``: ``+QISWTMD: (0-11),(0-2)``.
- ``ATO`` (document [3]'s): CONNECT and back to transparent transmission mode on the connection
  that last left it; NO CARRIER if no connection did, or it has closed since.
- ``AT&D<n>`` (0-2): kept, without effect: the emulator's ports have no DTR line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from emulator.core.cmdline import BasicCommand
from emulator.core.errors import unsupported
from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, ResultCode, info
from emulator.core.table import CommandSpec
from emulator.quectel.ec200 import urcs
from emulator.quectel.ec200.defects import ATO_WITHOUT_CONNECTION_OK, QISWTMD_NO_CONNECT
from emulator.quectel.ec200.errors import Code, fail
from emulator.quectel.ec200.qsslopen import enter_transparent
from emulator.quectel.ec200.state import Mode, QContext

CLIENT_IDS: Final = Choice.span(0, 11)
MODES: Final = Choice.span(0, 2)
AMP_D: Final = Choice.span(0, 2)


def qiswtmd_set(ctx: QContext, args: Args) -> Response:
    """Switch a connection's access mode."""
    check_count(args, 2, 2)
    client_id = int_arg(args, 0, CLIENT_IDS)
    mode = Mode(int_arg(args, 1, MODES))
    sock = ctx.state.sockets.get(client_id)
    connection = None if sock is None else sock.connection()
    if sock is None or connection is None:
        raise fail(Code.CLOSED, "no connection")
    if mode is Mode.TRANSPARENT:
        if ctx.has_defect(QISWTMD_NO_CONNECT):
            return OK  # defect: command mode goes on
        return enter_transparent(ctx, sock, connection)
    sock.mode = mode
    connection.behaviour = replace(connection.behaviour, announce=urcs.announce(ctx, client_id, mode))
    return OK


def qiswtmd_test(ctx: QContext, args: Args) -> Response:
    """``+QISWTMD: (0-11),(0-2)``."""
    return info(f"+QISWTMD: {CLIENT_IDS},{MODES}")


def ato(ctx: QContext, command: BasicCommand) -> Response:
    """``ATO``: back to transparent transmission mode, or NO CARRIER."""
    if command.number not in (None, 0):
        raise unsupported()
    state = ctx.state
    sock = None if state.suspended is None else state.sockets.get(state.suspended)
    connection = None if sock is None else sock.connection()
    if sock is None or connection is None:
        if ctx.has_defect(ATO_WITHOUT_CONNECTION_OK):
            return OK
        return Response(final=ResultCode.NO_CARRIER)
    return enter_transparent(ctx, sock, connection)


def amp_d(ctx: QContext, command: BasicCommand) -> Response:
    """``AT&D<n>``: kept, no effect."""
    value = 0 if command.number is None else command.number
    if value not in AMP_D:
        raise unsupported()
    ctx.state.amp_d = value
    return OK


QISWTMD: Final = CommandSpec(name="+QISWTMD", set=qiswtmd_set, test=qiswtmd_test)
BASIC: Final = {"O": ato, "&D": amp_d}
