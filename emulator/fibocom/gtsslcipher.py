"""+GTSSLCIPHER: switch the cipher algorithms on and off one id at a time (fibocom-l610-ssl §1.5).

``+GTSSLCIPHER=<cipalgID>,<cmd>``: <cmd> 1 loads the algorithm of the id when connecting, 0 does
not. The read form lists the enabled ids (``+GTSSLCIPHER: 1,2,3,4,5,6``, Example 6), or answers
OK alone when none is enabled ("modem will load default cipher algorithms"; the defaults and the
power-on state are in emulator/fibocom/ciphers.py). The test form prints both ranges.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.fibocom.ciphers import IDS
from emulator.fibocom.defects import CIPHER_DISABLE_IGNORED
from emulator.fibocom.state import FibocomContext

CMDS: Final = Choice.span(0, 1)  # §1.5.4 "<cmd>: integer type, range 0, 1"


def set_(ctx: FibocomContext, args: Args) -> Response:
    """Enable (1) or disable (0) one <cipalgID>; ERROR for an id outside 1-31 (§1.5.2)."""
    check_count(args, 2, 2)
    number = int_arg(args, 0, IDS)
    if int_arg(args, 1, CMDS):
        ctx.state.ciphers.add(number)
    elif not ctx.has_defect(CIPHER_DISABLE_IGNORED):  # defect: <cmd> 0 changes nothing
        ctx.state.ciphers.discard(number)
    return OK


def read(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLCIPHER: <id>,<id>...`` in id order, or OK alone when none is enabled."""
    enabled = sorted(ctx.state.ciphers)
    if not enabled:
        return OK
    return info("+GTSSLCIPHER: " + ",".join(map(str, enabled)))


def test(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLCIPHER: (1-31),(0-1)`` (§1.5.2)."""
    return info(f"+GTSSLCIPHER: {IDS},{CMDS}")


SPEC = CommandSpec(name="+GTSSLCIPHER", set=set_, read=read, test=test)
