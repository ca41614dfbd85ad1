"""+QSECREAD: the checksum of a stored file (quectel-gsm-ssl §2.2.8, §3.1, §3.2).

``+QSECREAD: <good>,<checksum>``: the checksum computed again over the stored data, and 1 when it
equals the one +QSECWRITE stored with it (0 otherwise). A file that does not exist:
``+CME ERROR: 22``. Nothing of the data is ever printed.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args, check_count
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.gsm.defects import SECREAD_CHECKSUM_DIFFERS
from emulator.quectel.gsm.errors import not_found
from emulator.quectel.gsm.qsecwrite import file_name
from emulator.quectel.gsm.secfiles import checksum, format_checksum
from emulator.quectel.gsm.state import QContext

NAME: Final = "+QSECREAD"


def test(ctx: QContext, args: Args) -> Response:
    """``+QSECREAD: <filename>``, as the document prints it."""
    return info(f"{NAME}: <filename>")


def read(ctx: QContext, args: Args) -> Response:
    """OK (§2.2.8)."""
    return OK


def set_(ctx: QContext, args: Args) -> Response:
    """``+QSECREAD: <good>,<checksum>``."""
    check_count(args, 1, 1)
    name = file_name(args)
    stored = ctx.state.files(name.ram).get(name.name)
    if stored is None:
        stored = ctx.state.ghosts.get((name.ram, name.name))
    if stored is None:
        raise not_found()
    value = checksum(stored.data)
    good = int(value == stored.checksum)
    if ctx.has_defect(SECREAD_CHECKSUM_DIFFERS):
        value = (value + 1) & 0xFFFF
    return info(f"{NAME}: {good},{format_checksum(value)}")


SPEC = CommandSpec(name=NAME, set=set_, read=read, test=test)
