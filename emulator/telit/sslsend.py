"""#SSLSEND: send text in COMMAND mode (telit-ssl-ug §5.1.2.1, §5.4.2; telit-gsm-ssl §4.2.2.1).

``AT#SSLSEND=<SSId>[,<Timeout>]``: the ``> `` prompt, then data up to Ctrl-Z (not sent); ESC
abandons it: nothing is sent, OK (D19). BS is data: D19 names only Ctrl-Z and ESC. 833 on a
socket that is not connected (D14).
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import unsupported
from emulator.core.input import UntilCtrlZ
from emulator.core.params import Args, check_count, int_arg, opt_int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import SEND_SHORT, SSLSEND_TIMEOUT_REFUSED
from emulator.telit.dial import TIMEOUTS, not_connected
from emulator.telit.prompt import PROMPT
from emulator.telit.sockets import configurable
from emulator.telit.state import TelitContext, telit_state
from emulator.telit.transfer import sender

# The documents set no limit on #SSLSEND; past this the input is read to its Ctrl-Z and refused.
SEND_LIMIT: Final = 1 << 20


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSEND: (1-6),(1-5000)``."""
    return info(f"#SSLSEND: {telit_state(ctx).platform.ssids},{TIMEOUTS}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Prompt for the data to send on ``<SSId>``."""
    check_count(args, 1, 2)
    ssid = int_arg(args, 0, telit_state(ctx).platform.ssids)
    # <Timeout> is checked; the write itself waits the connection's own deadline (#SSLD).
    if opt_int_arg(args, 1, TIMEOUTS) is not None and ctx.has_defect(SSLSEND_TIMEOUT_REFUSED):
        raise unsupported()  # defect: the optional <Timeout> of §5.1.2.1 refused
    connection = configurable(ctx, ssid).connection()
    if connection is None:
        raise not_connected(ctx)
    trim = 1 if ctx.has_defect(SEND_SHORT) else 0
    ctx.port.expect_input(UntilCtrlZ(sender(ctx, connection, trim=trim), edit=False, limit=SEND_LIMIT))
    return PROMPT


SPEC = CommandSpec(name="#SSLSEND", set=set_, test=test)
