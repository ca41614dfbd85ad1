"""#SSLSENDEXT: send a byte count in COMMAND mode (telit-ssl-ug §5.1.2.1; D19).

``AT#SSLSENDEXT=<SSId>,<bytestosend>[,<Timeout>]``: the ``> `` prompt, then exactly
<bytestosend> bytes (1-1500), every one of them data; OK once they are written. <Timeout> as for
#SSLSEND (:mod:`emulator.telit.sslsend`).
"""

from __future__ import annotations

from emulator.core.input import Exactly
from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import SENDEXT_SHORT
from emulator.telit.dial import TIMEOUTS, command_timeout, not_connected, timed_sender
from emulator.telit.prompt import PROMPT
from emulator.telit.sockets import configurable
from emulator.telit.state import TelitContext, telit_state

BYTES = Choice.span(1, 1500)  # D19


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSENDEXT: (1-6),(1-1500),(1-5000)``."""
    return info(f"#SSLSENDEXT: {telit_state(ctx).platform.ssids},{BYTES},{TIMEOUTS}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Prompt for exactly <bytestosend> bytes to send on ``<SSId>``."""
    check_count(args, 2, 3)
    ssid = int_arg(args, 0, telit_state(ctx).platform.ssids)
    count = int_arg(args, 1, BYTES)
    units = opt_int_arg(args, 2, TIMEOUTS)
    socket = configurable(ctx, ssid)
    connection = socket.connection()
    if connection is None:
        raise not_connected(ctx)
    trim = 1 if ctx.has_defect(SENDEXT_SHORT) else 0
    # <Timeout> (or <defTo>): how long the data may wait for room in the send buffer (§5.1.2.1).
    send = timed_sender(ctx, connection, command_timeout(ctx, socket, units), trim=trim)
    ctx.port.expect_input(Exactly(send, count))
    return PROMPT


SPEC = CommandSpec(name="#SSLSENDEXT", set=set_, test=test)
