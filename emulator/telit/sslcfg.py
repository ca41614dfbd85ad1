"""#SSLCFG: communication parameters of an SSL socket (telit-ssl-ug §4.6; D2)."""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import CONFIG_BEFORE_ENABLE
from emulator.telit.sockets import configurable, readable
from emulator.telit.state import TelitContext, telit_state

# Ranges as the test forms of §4.3.1 and §4.3.2 print them.
_PKT_SIZE = Choice.span(0, 1500)
_MAX_TO = Choice.span(0, 65535)
_DEF_TO = Choice.span(10, 5000)
_TX_TO = Choice.span(0, 255)
_RING_MODE = Choice.span(0, 2)
# D2: §4.6 describes three NO CARRIER modes, but the test form says (0); accept what it says.
_NO_CARRIER_MODE = Choice.of(0)
# The ninth range of the test form belongs to no documented parameter (D2).
_RESERVED = Choice.of(0)


def test(ctx: TelitContext, args: Args) -> Response:
    """Nine ranges, e.g. ``#SSLCFG: (1),(1),(0-1500),...,(0-2),(0),(0)`` (§4.3.1)."""
    platform = telit_state(ctx).platform
    ranges = (platform.ssids, platform.cfg_cids, _PKT_SIZE, _MAX_TO, _DEF_TO, _TX_TO,
              _RING_MODE, _NO_CARRIER_MODE, _RESERVED)
    return info("#SSLCFG: " + ",".join(map(str, ranges)))


def read(ctx: TelitContext, args: Args) -> Response:
    """Ten values per enabled SSId: eight parameters and two reserved 0 (§4.7.1.1, D2)."""
    before_enable = ctx.has_defect(CONFIG_BEFORE_ENABLE)
    return info(*(
        f"#SSLCFG: {ssid},{s.cid},{s.pkt_size},{s.max_to},{s.def_to},{s.tx_to},"
        f"{s.ring_mode},{s.no_carrier_mode},0,0"
        for ssid, s in readable(ctx, before_enable=before_enable)))


def set_(ctx: TelitContext, args: Args) -> Response:
    """``#SSLCFG=<SSId>,<cid>,<pktSz>,<maxTo>,<defTo>,<txTo>[,<ring>[,<noCarrier>]]``.

    An omitted optional parameter keeps its current value (as §4.2.2 says of <cert_format>).
    """
    platform = telit_state(ctx).platform
    check_count(args, 6, 8)
    ssid = int_arg(args, 0, platform.ssids)
    values = (int_arg(args, 1, platform.cfg_cids), int_arg(args, 2, _PKT_SIZE),
              int_arg(args, 3, _MAX_TO), int_arg(args, 4, _DEF_TO), int_arg(args, 5, _TX_TO))
    ring_mode = opt_int_arg(args, 6, _RING_MODE)
    no_carrier_mode = opt_int_arg(args, 7, _NO_CARRIER_MODE)
    socket = configurable(ctx, ssid, before_enable=ctx.has_defect(CONFIG_BEFORE_ENABLE))
    socket.cid, socket.pkt_size, socket.max_to, socket.def_to, socket.tx_to = values
    if ring_mode is not None:
        socket.ring_mode = ring_mode
    if no_carrier_mode is not None:
        socket.no_carrier_mode = no_carrier_mode
    return OK


SPEC = CommandSpec(name="#SSLCFG", set=set_, read=read, test=test)
