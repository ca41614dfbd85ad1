"""#SSLH: close a secure socket (telit-ssl-ug §5.2, §5.4.5; D22).

``AT#SSLH=<SSId>[,<ClosureType>]`` sends close_notify and answers OK; 833 on a socket that is
not connected. <ClosureType> (2G only, Tab. 3) decides whether #SSLFASTD may resume the session
afterwards; omitted, the one given to #SSLD stands (§5.4.5 closes with ``AT#SSLH=1`` and then
fast-dials).

telit-gsm-ssl §4.5.2 answers ``AT#SSLH=1`` with ``DISCONNECTED`` before OK, §4.5.3 and §4.5.4 with
OK alone; the first socket was opened in COMMAND mode, the other two in ONLINE mode. The
emulator reads that difference as the rule (no decision covers it): on telit-gsm-ssl modules,
closing a socket dialled with <connMode> 1 prints ``DISCONNECTED``.
"""

from __future__ import annotations

from emulator.core.params import Args, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import SSLH_CLOSURE_IGNORED
from emulator.telit.dial import not_connected
from emulator.telit.sockets import configurable
from emulator.telit.state import TelitContext, telit_state


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLH: (1-6),(0)`` (``(0,1)`` on 2G)."""
    platform = telit_state(ctx).platform
    return info(f"#SSLH: {platform.ssids},{platform.closure_types}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Close ``<SSId>`` from this side."""
    platform = telit_state(ctx).platform
    check_count(args, 1, 2)
    ssid = int_arg(args, 0, platform.ssids)
    closure = opt_int_arg(args, 1, platform.closure_types)
    socket = configurable(ctx, ssid)
    connection = socket.connection()
    if connection is None:
        raise not_connected(ctx)
    with ctx.services.unlocked():
        connection.close()
    socket.link = None
    if closure is not None and not ctx.has_defect(SSLH_CLOSURE_IGNORED):  # defect: #SSLD's stands
        socket.closure_type = closure
    socket.saved = socket.dialled if socket.closure_type == 1 else None
    if platform.is_gsm and not connection.opened_online:
        return info("DISCONNECTED")
    return OK


SPEC = CommandSpec(name="#SSLH", set=set_, test=test)
