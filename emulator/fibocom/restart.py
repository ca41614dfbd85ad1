"""+CFUN=15: restart the module (not in fibocom-l610-ssl; Fibocom's AT command manual, where ``<fun>`` 15
resets the module).

``AT+CFUN=15`` answers OK, then the module restarts (:func:`emulator.core.restart.restart`): the ``+GTSSL*``
settings and the files kept until power-off (fibocom-l610-ssl §1.1.4 Note) back to their power-on state.
``AT+CFUN=1`` (already full functionality) answers OK; the read form gives ``+CFUN: 1``; any other level is
not emulated (``+CME ERROR: 4``). The suite sends it only with ``--allow-restart``, before a test of
power-on defaults (errata FIB-14).
"""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg
from emulator.core.restart import restart
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec, Context

__all__ = ["SPEC"]

_FUN = Choice.of(1, 15)  # full functionality, and the reset
_RESET = 15


def set_(ctx: Context[object], args: Args) -> Response:
    """``AT+CFUN=<fun>``: 15 restarts the module after the OK."""
    check_count(args, 1, 1)
    if int_arg(args, 0, _FUN) == _RESET:
        restart(ctx)
    return OK


def read(ctx: Context[object], args: Args) -> Response:
    """``AT+CFUN?`` -> ``+CFUN: 1``."""
    return info("+CFUN: 1")


def test(ctx: Context[object], args: Args) -> Response:
    """``AT+CFUN=?`` -> ``+CFUN: (1,15)`` (the levels emulated)."""
    return info(f"+CFUN: {_FUN}")


SPEC: CommandSpec[object] = CommandSpec(name="+CFUN", set=set_, read=read, test=test)
