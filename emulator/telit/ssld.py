"""#SSLD: open a secure socket (telit-ssl-ug §5; telit-gsm-ssl §4.5; D17).

``AT#SSLD=<SSId>,<rPort>,<IPAddress>,<ClosureType>[,<connMode>[,<Timeout>]]``: dials, runs the
handshake (D23, D24), then CONNECT and ONLINE mode (<connMode> 0, the default) or OK and COMMAND
mode (1). <ClosureType> 1 exists on 2G only (Tab. 3) and is refused elsewhere before anything is
dialled; <Timeout> is the inter-packet deadline in 100 ms, default <defTo>.
"""

from __future__ import annotations

from emulator.core.errors import unsupported
from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg, str_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import CLOSURE_TYPE_1_ACCEPTED, SSLD_TIMEOUT_REFUSED
from emulator.telit.dial import (
    CONN_MODES,
    ONLINE,
    TIMEOUTS,
    client_config,
    command_timeout,
    dialled,
    open_link,
    ready_to_dial,
)
from emulator.telit.sockets import configurable
from emulator.telit.state import SavedSession, TelitContext, telit_state

PORTS = Choice.span(1, 65535)
_ANY_CLOSURE = Choice.of(0, 1)  # the defect's range: 2G's everywhere


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLD: (1-6),(1-65535),,(0),(0,1),(1-5000)`` (``(0,1)`` closure types on 2G)."""
    platform = telit_state(ctx).platform
    return info(f"#SSLD: {platform.ssids},{PORTS},,{platform.closure_types},{CONN_MODES},{TIMEOUTS}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Dial ``<IPAddress>:<rPort>`` over TLS; 836 / 834 / 837 / 832 / 839 by cause (D14)."""
    state = telit_state(ctx)
    platform = state.platform
    check_count(args, 4, 6)
    ssid = int_arg(args, 0, platform.ssids)
    port = int_arg(args, 1, PORTS)
    host = str_arg(args, 2)
    if not host:
        raise unsupported()
    closures = _ANY_CLOSURE if ctx.has_defect(CLOSURE_TYPE_1_ACCEPTED) else platform.closure_types
    closure = int_arg(args, 3, closures)  # D17: checked before dialling
    conn_mode = opt_int_arg(args, 4, CONN_MODES)
    units = opt_int_arg(args, 5, TIMEOUTS)
    if units is not None and ctx.has_defect(SSLD_TIMEOUT_REFUSED):
        raise unsupported()  # defect: the optional <Timeout> of §5 refused
    socket = configurable(ctx, ssid)
    ready_to_dial(ctx, state, socket)
    # <Timeout>, "maximum allowed TCP inter-packet delay": each wait of the dial and the handshake for the server.
    timeout = command_timeout(ctx, socket, units)
    link = open_link(ctx, host, port, client_config(ctx, socket, ssid, host), timeout)
    socket.closure_type = closure
    target = SavedSession(host=host, port=port, timeout=timeout, session=link.session)
    return dialled(ctx, socket, ssid, link, ONLINE if conn_mode is None else conn_mode, target)


SPEC = CommandSpec(name="#SSLD", set=set_, test=test)
