"""#SELINT: interface style of telit-gsm modules; SSL error codes need #SELINT=2 (telit-gsm-ssl §5).

Kept per AT instance, like the other settings that shape what an instance prints (D12); the
telit-gsm profiles power on with 0 (D9). Registered for telit-gsm profiles only.
"""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.state import TelitContext, telit_state

_VALUES = Choice.span(0, 2)


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SELINT: (0-2)``."""
    return info(f"#SELINT: {_VALUES}")


def read(ctx: TelitContext, args: Args) -> Response:
    """``#SELINT: <n>`` of this instance."""
    return info(f"#SELINT: {telit_state(ctx).selint.get(ctx.instance, 0)}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """``#SELINT=<n>``."""
    check_count(args, 1, 1)
    telit_state(ctx).selint[ctx.instance] = int_arg(args, 0, _VALUES)
    return OK


SPEC = CommandSpec(name="#SELINT", set=set_, read=read, test=test)
