"""+MIPCALL: bring the data bearer up or down (fibocom-l610-ssl §2 Examples 1 and 6).

``AT+MIPCALL=1[,<APN>[,<user>,<password>]]`` answers OK, then the URC ``+MIPCALL: <ip>`` once the
bearer has an address (Example 6: ``AT+MIPCALL=1,"CMNET"`` / OK / ``+MIPCALL: 10.109.197.168``).
The document shows nothing more; the rest is the emulator's choice (emulator/README.md):
``AT+MIPCALL=0`` answers OK then ``+MIPCALL: 0`` and closes the sockets; either operation in the
state it asks for is ERROR; ``AT+MIPCALL?`` reads ``+MIPCALL: 0`` or ``+MIPCALL: 1,<ip>``; the
address is always ``ADDRESS`` (there is no network to give one).
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import unsupported
from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.fibocom.defects import MIPCALL_NO_ADDRESS, MIPCALL_STATUS_SHAPE
from emulator.fibocom.state import FibocomContext

OPERATIONS: Final = Choice.span(0, 1)
ADDRESS: Final = "10.0.0.2"


def set_(ctx: FibocomContext, args: Args) -> Response:
    """Activate (1) or deactivate (0) the bearer; the result follows OK as a URC."""
    check_count(args, 1, 4)
    operation = int_arg(args, 0, OPERATIONS)
    state = ctx.state
    port = ctx.port
    if operation == 1:
        if state.address is not None:
            raise unsupported()
        state.address = ADDRESS
        # Benign defect: the status-and-address shape other firmware prints.
        urc = f"+MIPCALL: 1,{ADDRESS}" if ctx.has_defect(MIPCALL_STATUS_SHAPE) else f"+MIPCALL: {ADDRESS}"
        if not ctx.has_defect(MIPCALL_NO_ADDRESS):  # defect: no +MIPCALL: <ip>
            port.after_response(lambda: port.unsolicited(urc))
        return OK
    if state.address is None or len(args) > 1:
        raise unsupported()
    state.address = None
    links = [s.link for s in state.sockets.values() if s.link is not None]
    for socket in state.sockets.values():
        socket.link, socket.opening = None, False  # a dial still running drops its link
    with ctx.services.unlocked():
        for link in links:
            link.close()
    port.after_response(lambda: port.unsolicited("+MIPCALL: 0"))
    return OK


def read(ctx: FibocomContext, args: Args) -> Response:
    """``+MIPCALL: 0`` or ``+MIPCALL: 1,<ip>``."""
    address = ctx.state.address
    return info("+MIPCALL: 0" if address is None else f"+MIPCALL: 1,{address}")


def test(ctx: FibocomContext, args: Args) -> Response:
    """``+MIPCALL: (0-1)``."""
    return info(f"+MIPCALL: {OPERATIONS}")


SPEC = CommandSpec(name="+MIPCALL", set=set_, read=read, test=test)
