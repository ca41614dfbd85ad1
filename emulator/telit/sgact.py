"""#SGACT: activate a PDP context; no network, a fixed address (telit-ssl-ug §2, §6.2)."""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.cgdcont import CIDS
from emulator.telit.state import TelitContext, telit_state

# The address of the §6.2 example; any fixed address would do, nothing is routed.
FAKE_ADDRESS: Final = "10.7.125.7"
_STATUS = Choice.of(0, 1)


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SGACT: (1-5),(0,1)``."""
    return info(f"#SGACT: {CIDS},{_STATUS}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """``#SGACT=<cid>,<stat>[,<userId>,<pwd>]``: on activation ``#SGACT: <address>``, then OK."""
    state = telit_state(ctx)
    check_count(args, 2, 4)
    cid = int_arg(args, 0, CIDS)
    if not int_arg(args, 1, _STATUS):
        state.active_cids.discard(cid)
        return OK
    state.active_cids.add(cid)
    # telit-gsm-ssl §2.1 prints the address quoted ('#SGACT: "212.195.45.65"'),
    # telit-ssl-ug §2 and §6.2 without quotes.
    address = f'"{FAKE_ADDRESS}"' if state.platform.sgact_quoted_address else FAKE_ADDRESS
    return info(f"#SGACT: {address}")


SPEC = CommandSpec(name="#SGACT", set=set_, test=test)
