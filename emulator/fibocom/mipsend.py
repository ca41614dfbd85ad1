"""+MIPSEND: send data on a connected socket. Not in fibocom-l610-ssl: the emulator's choice.

The document never shows how data is sent (emulator/README.md "The Fibocom dialect"). The
emulator takes the form of Fibocom's later manuals and drivers in the field:
``AT+MIPSEND=<Socket_ID>,<length>`` (1-1460), the ``>`` prompt, exactly <length> raw bytes, sent
at once; OK, or ERROR if the connection is gone. The prompt's input ends with ERROR after 12 s
without a byte, as the +GTSSLFILE prompt does (§1.1.4). Fibocom's older hex form
(``AT+MIPSEND=<id>,"<hex>"`` then ``AT+MIPPUSH=<id>``) is not implemented.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, ResultCode, final, info
from emulator.core.table import CommandSpec, Context
from emulator.fibocom.defects import MIPSEND_SHORT
from emulator.fibocom.dial import PACKET
from emulator.fibocom.errors import not_allowed
from emulator.fibocom.mipopen import socket_ids
from emulator.fibocom.state import FibocomContext, FibocomState
from emulator.fibocom.upload import PROMPT, TimedExactly
from emulator.net.transfer import SendFailure, sender

LENGTHS: Final = Choice.span(1, PACKET)


def _answer(ctx: Context[FibocomState], failure: SendFailure | None) -> Response:
    return OK if failure is None else final(ResultCode.ERROR)


def set_(ctx: FibocomContext, args: Args) -> Response:
    """``>``, then the bytes go out."""
    check_count(args, 2, 2)
    number = int_arg(args, 0, socket_ids(ctx))
    length = int_arg(args, 1, LENGTHS)
    connection = ctx.state.sockets[number].connection()
    if connection is None:
        raise not_allowed()
    trim = 1 if ctx.has_defect(MIPSEND_SHORT) else 0  # defect: the last byte is not sent
    send = sender(ctx, connection, _answer, trim=trim)
    services, port = ctx.services, ctx.port

    def complete(data: bytes | None) -> bytes:
        if data is not None:
            return send(data, False)

        def step(ctx: FibocomContext) -> Response:
            return final(ResultCode.ERROR)  # 12 s without a byte

        return services.resume(port, step)

    collector: Callable[[bytes | None], bytes] = complete
    port.expect_input(TimedExactly(collector, length, port=port, scheduler=services.scheduler))
    return PROMPT


def test(ctx: FibocomContext, args: Args) -> Response:
    """``+MIPSEND: (1-4),(1-1460)``."""
    return info(f"+MIPSEND: {socket_ids(ctx)},{LENGTHS}")


SPEC = CommandSpec(name="+MIPSEND", set=set_, test=test)
