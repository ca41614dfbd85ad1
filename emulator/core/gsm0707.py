"""3GPP TS 27.007 commands every instance answers: +CMEE and the identification commands."""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec, Context

_CMEE_VALUES = Choice.span(0, 2)


def cmee_set(ctx: Context, args: Args) -> Response:
    """``AT+CMEE=[<n>]``: error reporting of this instance (27.007 §9.1; omitted n means 0)."""
    check_count(args, 0, 1)
    value = opt_int_arg(args, 0, _CMEE_VALUES)
    ctx.settings.cmee = 0 if value is None else value
    return OK


def cmee_read(ctx: Context, args: Args) -> Response:
    """``AT+CMEE?`` -> ``+CMEE: <n>``."""
    return info(f"+CMEE: {ctx.settings.cmee}")


def cmee_test(ctx: Context, args: Args) -> Response:
    """``AT+CMEE=?`` -> ``+CMEE: (0-2)``."""
    return info(f"+CMEE: {_CMEE_VALUES}")


def _ok(ctx: Context, args: Args) -> Response:
    # 27.007 §5.1-§5.3: the test forms of the identification commands just answer OK.
    return OK


CMEE = CommandSpec(name="+CMEE", set=cmee_set, read=cmee_read, test=cmee_test)
CGMI = CommandSpec(name="+CGMI", exec=lambda ctx, args: info(ctx.profile.manufacturer), test=_ok)
CGMM = CommandSpec(name="+CGMM", exec=lambda ctx, args: info(ctx.profile.model), test=_ok)
CGMR = CommandSpec(name="+CGMR", exec=lambda ctx, args: info(ctx.profile.firmware), test=_ok)

CORE_COMMANDS = (CMEE, CGMI, CGMM, CGMR)
