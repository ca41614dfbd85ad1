"""+QSECDEL: delete a stored certificate or key (quectel-gsm-ssl §2.2.9, §3.1).

OK once deleted; a file that does not exist: ``+CME ERROR: 22``.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args, check_count
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.gsm.defects import SECDEL_KEEPS_FILE
from emulator.quectel.gsm.errors import not_found
from emulator.quectel.gsm.qsecwrite import file_name
from emulator.quectel.gsm.state import QContext

NAME: Final = "+QSECDEL"


def test(ctx: QContext, args: Args) -> Response:
    """``+QSECDEL: <filename>``, as the document prints it."""
    return info(f"{NAME}: <filename>")


def read(ctx: QContext, args: Args) -> Response:
    """OK (§2.2.9)."""
    return OK


def set_(ctx: QContext, args: Args) -> Response:
    """Delete the file."""
    check_count(args, 1, 1)
    name = file_name(args)
    files = ctx.state.files(name.ram)
    if name.name not in files:
        raise not_found()
    stored = files.pop(name.name)
    if ctx.has_defect(SECDEL_KEEPS_FILE):
        ctx.state.ghosts[(name.ram, name.name)] = stored  # still read back by +QSECREAD
    return OK


SPEC = CommandSpec(name=NAME, set=set_, read=read, test=test)
