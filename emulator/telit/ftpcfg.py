"""#FTPCFG: FTP timeout, PASV address handling, FTPS (telit-ssl-ug §6.2, §7.1; D25, D27).

``AT#FTPCFG=<tout>,<IPPignoring>,<FTPSEn>``; read ``#FTPCFG: <tout>,<IPPignoring>,<FTPSEn>``,
power-on ``#FTPCFG: 100,0,0`` (§6.2). <tout> counts 100 ms. <FTPSEn> 1 while another service
uses SSL is refused (D25).
"""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.services import Service, claim
from emulator.telit.state import TelitContext, telit_state

TIMEOUTS = Choice.span(100, 5000)
_FLAG = Choice.of(0, 1)


def test(ctx: TelitContext, args: Args) -> Response:
    """``#FTPCFG: (100-5000),(0,1),(0,1)``."""
    return info(f"#FTPCFG: {TIMEOUTS},{_FLAG},{_FLAG}")


def read(ctx: TelitContext, args: Args) -> Response:
    """``#FTPCFG: 100,0,0`` at power on (§6.2)."""
    config = telit_state(ctx).ftp_config
    return info(f"#FTPCFG: {config.timeout},{config.ignore_pasv_address},{config.ssl_enabled}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Set the three values; omitted ones keep theirs."""
    state = telit_state(ctx)
    check_count(args, 1, 3)
    timeout = int_arg(args, 0, TIMEOUTS)
    ignore = opt_int_arg(args, 1, _FLAG)
    ssl_enabled = opt_int_arg(args, 2, _FLAG)
    if ssl_enabled == 1:
        claim(state, Service.FTP)
    config = state.ftp_config
    config.timeout = timeout
    if ignore is not None:
        config.ignore_pasv_address = ignore
    if ssl_enabled is not None:
        config.ssl_enabled = ssl_enabled
    return OK


SPEC = CommandSpec(name="#FTPCFG", set=set_, read=read, test=test)
