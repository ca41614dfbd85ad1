"""+CCLK: the module's clock, against which certificates are checked (fibocom-l610-ssl §2
Examples 3-4; 3GPP TS 27.007 §8.15).

The core's +CCLK (``emulator.core.gsm0707``) reads and sets ``"yy/MM/dd,hh:mm:ss±zz"``. Example 4
sets ``AT+CCLK="15/01/23,15:30:36"``, without the time zone: the Fibocom set form also takes the
time alone, as zone +00 (emulator/README.md). Two-digit years are 20yy (the core's rule).
"""

from __future__ import annotations

import re
from typing import Final

from emulator.core.clock import ClockFormatError
from emulator.core.errors import unsupported
from emulator.core.gsm0707 import CCLK
from emulator.core.params import Args, check_count, str_arg
from emulator.core.results import OK, Response
from emulator.core.table import CommandSpec, Context

_NO_ZONE: Final = re.compile(r"\d\d/\d\d/\d\d,\d\d:\d\d:\d\d")


def set_(ctx: Context[object], args: Args) -> Response:
    """``+CCLK=<time>``, the zone optional; a malformed time is ERROR (27.007 §9.2.1 code 4)."""
    check_count(args, 1, 1)
    text = str_arg(args, 0)
    if _NO_ZONE.fullmatch(text):
        text += "+00"
    try:
        ctx.clock.set_text(text)
    except ClockFormatError as error:
        raise unsupported() from error
    return OK


SPEC: CommandSpec[object] = CommandSpec(name="+CCLK", set=set_, read=CCLK.read, test=CCLK.test)
