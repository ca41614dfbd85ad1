"""3GPP TS 27.007 commands of the core.

Every instance answers +CMEE and the identification commands (:data:`CORE_COMMANDS`). +CCLK
(:data:`CCLK`) is offered to dialects whose documents have it: a dialect includes it in its table.
"""

from __future__ import annotations

from emulator.core.clock import ClockFormatError
from emulator.core.errors import unsupported
from emulator.core.params import Args, Choice, check_count, opt_int_arg, str_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec, Context

_CMEE_VALUES = Choice.span(0, 2)


def cmee_set(ctx: Context[object], args: Args) -> Response:
    """``AT+CMEE=[<n>]``: error reporting of this instance (27.007 §9.1; omitted n means 0)."""
    check_count(args, 0, 1)
    value = opt_int_arg(args, 0, _CMEE_VALUES)
    ctx.settings.cmee = 0 if value is None else value
    return OK


def cmee_read(ctx: Context[object], args: Args) -> Response:
    """``AT+CMEE?`` -> ``+CMEE: <n>``."""
    return info(f"+CMEE: {ctx.settings.cmee}")


def cmee_test(ctx: Context[object], args: Args) -> Response:
    """``AT+CMEE=?`` -> ``+CMEE: (0-2)``."""
    return info(f"+CMEE: {_CMEE_VALUES}")


def _ok(ctx: Context[object], args: Args) -> Response:
    # 27.007 §5.1-§5.3: the test forms of the identification commands just answer OK.
    return OK


def cclk_set(ctx: Context[object], args: Args) -> Response:
    """``AT+CCLK=<time>``: set the module's clock (27.007 §8.15; ``"yy/MM/dd,hh:mm:ss±zz"``).

    A malformed or impossible time is "operation not supported" (27.007 §9.2.1 code 4).
    """
    check_count(args, 1, 1)
    try:
        ctx.clock.set_text(str_arg(args, 0))
    except ClockFormatError as error:
        raise unsupported() from error
    return OK


def cclk_read(ctx: Context[object], args: Args) -> Response:
    """``AT+CCLK?`` -> ``+CCLK: "yy/MM/dd,hh:mm:ss±zz"`` (27.007 §8.15)."""
    return info(f'+CCLK: "{ctx.clock.read()}"')


CCLK: CommandSpec[object] = CommandSpec(name="+CCLK", set=cclk_set, read=cclk_read, test=_ok)
"""+CCLK, for the dialects whose documents use it (27.007 §8.15: the test form answers OK)."""

CMEE = CommandSpec(name="+CMEE", set=cmee_set, read=cmee_read, test=cmee_test)
CGMI = CommandSpec(name="+CGMI", exec=lambda ctx, args: info(ctx.profile.manufacturer), test=_ok)
CGMM = CommandSpec(name="+CGMM", exec=lambda ctx, args: info(ctx.profile.model), test=_ok)
CGMR = CommandSpec(name="+CGMR", exec=lambda ctx, args: info(ctx.profile.firmware), test=_ok)

CORE_COMMANDS: tuple[CommandSpec[object], ...] = (CMEE, CGMI, CGMM, CGMR)
