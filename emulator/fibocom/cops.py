"""+COPS?: the registered operator (3GPP TS 27.007 §7.3), as fibocom-l610-ssl §2 Example 6 reads it.

The emulator is always registered, automatically, on the operator Example 6 prints:
``+COPS: 0,0,"CHINA MOBILE",7`` (<mode> 0 automatic, <format> 0 long alphanumeric, <AcT> 7
E-UTRAN). Only the read form exists: the document uses nothing else.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec, Context

OPERATOR: Final = '+COPS: 0,0,"CHINA MOBILE",7'


def read(ctx: Context[object], args: Args) -> Response:
    """``+COPS: 0,0,"CHINA MOBILE",7``."""
    return info(OPERATOR)


SPEC: CommandSpec[object] = CommandSpec(name="+COPS", read=read)
