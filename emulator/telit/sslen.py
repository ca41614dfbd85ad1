"""#SSLEN: enable an SSL socket on this AT instance (telit-ssl-ug §4.1, §4.3)."""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.errors import SslError, resource_used, ssl_error
from emulator.telit.services import SHARED_SSID, Service, claim
from emulator.telit.sockets import owned_by_other
from emulator.telit.state import TelitContext, telit_state

_ENABLE = Choice.of(0, 1)


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLEN: (1),(0,1)`` or ``(1-6),(0,1)`` (§4.7.1.1); works at any time."""
    return info(f"#SSLEN: {telit_state(ctx).platform.ssids},{_ENABLE}")


def read(ctx: TelitContext, args: Args) -> Response:
    """One line per SSId, enabled on any instance or not (§4.3.2, D7)."""
    sockets = sorted(telit_state(ctx).sockets.items())
    return info(*(f"#SSLEN: {ssid},{int(s.owner is not None)}" for ssid, s in sockets))


def set_(ctx: TelitContext, args: Args) -> Response:
    """``#SSLEN=<SSId>,<Enable>``: take or release a socket for this instance (§4.3, D6)."""
    state = telit_state(ctx)
    check_count(args, 2, 2)
    ssid = int_arg(args, 0, state.platform.ssids)
    enable = int_arg(args, 1, _ENABLE)
    socket = state.sockets[ssid]
    if enable:
        if socket.owner is None:
            if ssid == SHARED_SSID:
                claim(state, Service.SSLD)  # D25: not while HTTP or FTP uses SSL
            socket.owner = ctx.instance
            return OK
        if socket.owner == ctx.instance:
            # Not shown by the documents: Tab. 4 "SSL already activated" is the obvious reading.
            raise ssl_error(ctx, SslError.ALREADY_ACTIVATED)
        # D6: enabling a socket another instance holds fails (ownership defect or not: the
        # defect only lets another instance disable or configure it).
        raise resource_used(ctx)
    if owned_by_other(ctx, socket):
        raise resource_used(ctx)  # §4.3.1: "AT#SSLEN=1,0 / +CME ERROR: Resource used ..."
    connection = socket.connection()
    if connection is not None:
        # Not said by the documents: a disabled socket cannot stay connected, so disabling
        # closes it the way #SSLH does (close_notify), without NO CARRIER.
        with ctx.services.unlocked():
            connection.close()
        socket.link = None
    socket.owner = None  # disabling a disabled socket is harmless: OK
    return OK


SPEC = CommandSpec(name="#SSLEN", set=set_, read=read, test=test)
