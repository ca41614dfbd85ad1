"""+GTSSLMODE: whether the module verifies the server's certificate (fibocom-l610-ssl §1.2).

``<checkmode>`` 0 no verification (the default), 1 verify: then "there must be at least one trust
certificate" (§1.2.1), else the connection fails with +GTSSLERR -11 (Example 2). Not persistent.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.fibocom.state import FibocomContext

CHECKMODES: Final = Choice.span(0, 1)  # §1.2.4 "integer type and range 0-1"


def set_(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLMODE=<checkmode>``: OK, or ERROR out of range (§1.2.2)."""
    check_count(args, 1, 1)
    ctx.state.checkmode = int_arg(args, 0, CHECKMODES)
    return OK


def read(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLMODE: <checkmode>`` (§1.2.2, Example 2 ``+GTSSLMODE: 1``)."""
    return info(f"+GTSSLMODE: {ctx.state.checkmode}")


def test(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLMODE: (0-1)``: "(list of supported <checkmode>s)" (§1.2.2)."""
    return info(f"+GTSSLMODE: {CHECKMODES}")


SPEC = CommandSpec(name="+GTSSLMODE", set=set_, read=read, test=test)
