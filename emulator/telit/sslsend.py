"""#SSLSEND: send text in COMMAND mode (telit-ssl-ug §5.1.2.1, §5.4.2; telit-gsm-ssl §4.2.2.1).

``AT#SSLSEND=<SSId>[,<Timeout>]``: the ``> `` prompt, then data up to Ctrl-Z (not sent); ESC
abandons it: nothing is sent, OK (D19). BS is data: D19 names only Ctrl-Z and ESC. 833 on a
socket that is not connected (D14). The data waits at most <Timeout> (default <defTo>) for room
in the connection's send buffer, else nothing is sent and the answer is 830 (errata TSU-50).
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import unsupported
from emulator.core.input import UntilCtrlZ
from emulator.core.params import Args, check_count, int_arg, opt_int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import SEND_SHORT, SSLSEND_TIMEOUT_REFUSED
from emulator.telit.dial import TIMEOUTS, command_timeout, not_connected, timed_sender
from emulator.telit.prompt import PROMPT
from emulator.telit.sockets import configurable
from emulator.telit.state import TelitContext, telit_state

# The documents set no limit on #SSLSEND; past this the input is read to its Ctrl-Z and refused.
SEND_LIMIT: Final = 1 << 20


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSEND: (1-6),(1-5000)``."""
    return info(f"#SSLSEND: {telit_state(ctx).platform.ssids},{TIMEOUTS}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Prompt for the data to send on ``<SSId>``."""
    check_count(args, 1, 2)
    ssid = int_arg(args, 0, telit_state(ctx).platform.ssids)
    units = opt_int_arg(args, 1, TIMEOUTS)
    if units is not None and ctx.has_defect(SSLSEND_TIMEOUT_REFUSED):
        raise unsupported()  # defect: the optional <Timeout> of §5.1.2.1 refused
    socket = configurable(ctx, ssid)
    connection = socket.connection()
    if connection is None:
        raise not_connected(ctx)
    trim = 1 if ctx.has_defect(SEND_SHORT) else 0
    # <Timeout> (or <defTo>): how long the data may wait for room in the send buffer (§5.1.2.1).
    send = timed_sender(ctx, connection, command_timeout(ctx, socket, units), trim=trim)
    ctx.port.expect_input(UntilCtrlZ(send, edit=False, limit=SEND_LIMIT))
    return PROMPT


SPEC = CommandSpec(name="#SSLSEND", set=set_, test=test)
