"""#SCFG?: the socket configuration the §6.2 example reads (telit-ssl-ug §6.2), read form only."""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.state import TelitContext

# telit-ssl-ug §6.2, "Check the current Multi-sockets/PDP contexts configuration (default)".
DEFAULT_LINES: Final = (
    "#SCFG: 1,1,300,90,600,50",
    "#SCFG: 2,1,300,90,600,50",
    "#SCFG: 3,1,300,90,600,50",
    "#SCFG: 4,2,300,90,600,50",
    "#SCFG: 5,2,300,90,600,50",
    "#SCFG: 6,2,300,90,600,50",
)


def read(ctx: TelitContext, args: Args) -> Response:
    """The six default lines."""
    return info(*DEFAULT_LINES)


SPEC = CommandSpec(name="#SCFG", read=read)
