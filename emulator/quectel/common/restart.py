"""+CFUN=1,1: restart the module (not in quectel-gsm-ssl nor quectel-ec200-ssl; 3GPP TS 27.007 §8.2 and
Quectel's AT command manuals, where ``<rst>`` 1 resets the module before setting ``<fun>``).

``AT+CFUN=1,1`` answers OK, then the module restarts (:func:`emulator.core.restart.restart`): settings and
files held in RAM back to their power-on state, what the flash holds kept. ``AT+CFUN=1`` (already full
functionality) answers OK; the read form gives ``+CFUN: 1``; any other level is not emulated (``+CME ERROR:
4``, 27.007 §9.2.1: operation not supported). The suite sends it only with ``--allow-restart``, before a test
of power-on defaults (errata QGS-24, QEC-23).
"""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.restart import restart
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec, Context

__all__ = ["SPEC"]

_FUN = Choice.of(1)  # full functionality, the only level the emulator has
_RST = Choice.span(0, 1)


def set_(ctx: Context[object], args: Args) -> Response:
    """``AT+CFUN=<fun>[,<rst>]``: ``<rst>`` 1 restarts the module after the OK."""
    check_count(args, 1, 2)
    int_arg(args, 0, _FUN)
    if opt_int_arg(args, 1, _RST) == 1:
        restart(ctx)
    return OK


def read(ctx: Context[object], args: Args) -> Response:
    """``AT+CFUN?`` -> ``+CFUN: 1``."""
    return info("+CFUN: 1")


def test(ctx: Context[object], args: Args) -> Response:
    """``AT+CFUN=?`` -> ``+CFUN: (1),(0-1)`` (the levels emulated)."""
    return info(f"+CFUN: {_FUN},{_RST}")


SPEC: CommandSpec[object] = CommandSpec(name="+CFUN", set=set_, read=read, test=test)
