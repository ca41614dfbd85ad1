"""#SSLO: back to ONLINE mode on a connected socket (telit-ssl-ug §5.1.1, §5.4.1; D14 833)."""

from __future__ import annotations

from emulator.core.params import Args, check_count, int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import SSLO_DROPS_PENDING
from emulator.telit.dial import go_online, not_connected
from emulator.telit.sockets import configurable
from emulator.telit.state import TelitContext, telit_state


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLO: (1-6)``."""
    return info(f"#SSLO: {telit_state(ctx).platform.ssids}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """``AT#SSLO=<SSId>``: CONNECT, then what waited and what comes (§5.1.1)."""
    check_count(args, 1, 1)
    ssid = int_arg(args, 0, telit_state(ctx).platform.ssids)
    connection = configurable(ctx, ssid).connection()
    if connection is None:
        raise not_connected(ctx)
    if ctx.has_defect(SSLO_DROPS_PENDING):
        connection.discard_unread()  # defect: what arrived while suspended is lost
    return go_online(ctx, connection)


SPEC = CommandSpec(name="#SSLO", set=set_, test=test)
