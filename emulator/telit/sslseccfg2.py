"""#SSLSECCFG2: SSL/TLS protocol version (telit-ssl-ug §3 Tab. 1; D1).

Absent on 2G (§3 warning) and on telit-gsm: those profiles do not register it, so it is an
unknown command there.
"""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.platform import TelitPlatform
from emulator.telit.sockets import configurable, readable
from emulator.telit.state import TelitContext, telit_state

_UNUSED = Choice.of(0)  # <unused_A> to <unused_D>: only 0 (their test form prints "(0)")


def _versions(platform: TelitPlatform) -> Choice:
    if platform.seccfg2_versions is None:
        raise TypeError("#SSLSECCFG2 registered on a platform without it")
    return platform.seccfg2_versions


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSECCFG2: (1),(1-3),(0),(0),(0),(0)`` (HE910), ``(1-6),(0-3),...`` (4G)."""
    platform = telit_state(ctx).platform
    return info(f"#SSLSECCFG2: {platform.ssids},{_versions(platform)}"
                + f",{_UNUSED}" * 4)


def read(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSECCFG2: <SSId>,<version>,0,0,0,0`` per enabled SSId (§4.7.1.1, D1)."""
    return info(*(f"#SSLSECCFG2: {ssid},{socket.version},0,0,0,0"
                  for ssid, socket in readable(ctx)))


def set_(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSECCFG2=<SSId>,<version>[,<unused_A>[,<unused_B>[,<unused_C>[,<unused_D>]]]]``."""
    platform = telit_state(ctx).platform
    check_count(args, 2, 6)
    ssid = int_arg(args, 0, platform.ssids)
    version = int_arg(args, 1, _versions(platform))
    for index in range(2, len(args)):
        opt_int_arg(args, index, _UNUSED)
    configurable(ctx, ssid).version = version
    return OK


SPEC = CommandSpec(name="#SSLSECCFG2", set=set_, read=read, test=test)
