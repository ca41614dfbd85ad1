"""#HTTPCFG: an HTTP profile (telit-ssl-ug §6.2, §7.1; D26), with D25's one-service rule.

``AT#HTTPCFG=<prof_id>,"<server>",<port>,<auth_type>,<username>,<password>,<ssl_enabled>,
<timeout>,<cid>``: nine fields as §7.1 prints them; an omitted field keeps its value. The read
form (not shown by the documents) prints one line per profile in the set form's order.
"""

from __future__ import annotations

from emulator.core.errors import GENERAL_ERROR_TEXT, OPERATION_NOT_ALLOWED, CmeError
from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg, str_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.cgdcont import CIDS
from emulator.telit.defects import HTTP_SSL_WHILE_SSLEN
from emulator.telit.services import Service, claim
from emulator.telit.state import HTTP_PROFILES, TelitContext, telit_state

PROFILES = Choice.span(HTTP_PROFILES.start, HTTP_PROFILES.stop - 1)
PORTS = Choice.span(1, 65535)
_FLAG = Choice.of(0, 1)
TIMEOUTS = Choice.span(1, 65535)  # seconds


def test(ctx: TelitContext, args: Args) -> Response:
    """``#HTTPCFG: (0-2),,(1-65535),(0,1),,,(0,1),(1-65535),(1-5)``."""
    return info(f"#HTTPCFG: {PROFILES},,{PORTS},{_FLAG},,,{_FLAG},{TIMEOUTS},{CIDS}")


def read(ctx: TelitContext, args: Args) -> Response:
    """``#HTTPCFG: <prof_id>,"<server>",<port>,<auth>,"<user>","<pass>",<ssl>,<timeout>,<cid>``."""
    profiles = sorted(telit_state(ctx).http_profiles.items())
    return info(*(f'#HTTPCFG: {n},"{p.server}",{p.port},{p.auth_type},"{p.username}",'
                  f'"{p.password}",{p.ssl_enabled},{p.timeout},{p.cid}' for n, p in profiles))


def set_(ctx: TelitContext, args: Args) -> Response:
    """Set a profile; <ssl_enabled> 1 while another service uses SSL is refused (D25)."""
    state = telit_state(ctx)
    check_count(args, 1, 9)
    profile = state.http_profiles[int_arg(args, 0, PROFILES)]
    port = opt_int_arg(args, 2, PORTS)
    auth_type = opt_int_arg(args, 3, _FLAG)
    ssl_enabled = opt_int_arg(args, 6, _FLAG)
    timeout = opt_int_arg(args, 7, TIMEOUTS)
    cid = opt_int_arg(args, 8, CIDS)
    if ssl_enabled == 1:
        if ctx.has_defect(HTTP_SSL_WHILE_SSLEN):
            # Defect: SSL is taken to stay with the SSLD service after #SSLEN=1,0, so §6.2's procedure
            # ("disable it for SSLD and FTP services") never lets HTTP use SSL.
            raise CmeError(OPERATION_NOT_ALLOWED, GENERAL_ERROR_TEXT[OPERATION_NOT_ALLOWED])
        claim(state, Service.HTTP)
    if len(args) > 1 and args[1] is not None:
        profile.server = str_arg(args, 1)
    if len(args) > 4 and args[4] is not None:
        profile.username = str_arg(args, 4)
    if len(args) > 5 and args[5] is not None:
        profile.password = str_arg(args, 5)
    for name, value in (("port", port), ("auth_type", auth_type), ("ssl_enabled", ssl_enabled),
                        ("timeout", timeout), ("cid", cid)):
        if value is not None:
            setattr(profile, name, value)
    return OK


SPEC = CommandSpec(name="#HTTPCFG", set=set_, read=read, test=test)
