"""+QIGETERROR: the result code of the last SSL command (quectel-ec200-ssl §5, Table 5).

``AT+QIGETERROR``: ``+QIGETERROR: <err>,<errcode_description>`` and OK, with Table 5's
description as printed (its syntax is document [1]'s, which is not among the documents). It is
no SSL command: reading does not change the code. Test form: OK.

Defect ``quectel-ec200-qigeterror-description-shifted``: a failure's description is the next code's.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.ec200.defects import GETERROR_DESCRIPTION_SHIFTED
from emulator.quectel.ec200.errors import DESCRIPTIONS
from emulator.quectel.ec200.state import QContext

NAME: Final = "+QIGETERROR"


def exec_(ctx: QContext, args: Args) -> Response:
    """The last SSL command's code."""
    code = ctx.state.last_error
    shown = code
    if code and ctx.has_defect(GETERROR_DESCRIPTION_SHIFTED):
        shown = code + 1 if code + 1 in DESCRIPTIONS else 550  # defect: the table read one row late
    return info(f"{NAME}: {code},{DESCRIPTIONS.get(shown, DESCRIPTIONS[550])}")


def _ok(ctx: QContext, args: Args) -> Response:
    return OK


SPEC = CommandSpec(name=NAME, exec=exec_, test=_ok)
