"""#HTTPRCV: the body of the last response of a profile (telit-ssl-ug §6.2; D26).

``AT#HTTPRCV=<prof_id>`` prints CR LF, exactly the <data_size> bytes #HTTPRING announced, then
CR LF and OK: the body is read by count, never by line. Nothing to read: operation not allowed.
"""

from __future__ import annotations

from emulator.core.params import Args, check_count, int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import HTTPRCV_SHORT
from emulator.telit.httpcfg import PROFILES
from emulator.telit.httpqry import not_allowed
from emulator.telit.state import TelitContext, telit_state


def test(ctx: TelitContext, args: Args) -> Response:
    """``#HTTPRCV: (0-2)``."""
    return info(f"#HTTPRCV: {PROFILES}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """The body, once."""
    state = telit_state(ctx)
    check_count(args, 1, 1)
    exchange = state.http_profiles[int_arg(args, 0, PROFILES)].exchange
    body = None if exchange is None else exchange.take_body()
    if body is None:
        raise not_allowed()
    if ctx.has_defect(HTTPRCV_SHORT):
        body = body[:-1]  # defect: the last byte is lost
    eol = (chr(ctx.settings.s3) + chr(ctx.settings.s4)).encode("latin-1")
    return Response(payload=eol + body)


SPEC = CommandSpec(name="#HTTPRCV", set=set_, test=test)
