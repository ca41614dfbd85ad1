"""#PORTCFG?: the port arrangement the §4.3 examples read, read form only."""

from __future__ import annotations

from emulator.core.params import Args
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.products import telit_data
from emulator.telit.state import TelitContext


def read(ctx: TelitContext, args: Args) -> Response:
    """``#PORTCFG: 0,0`` (§4.3.1) or ``#PORTCFG: 1,1`` (§4.3.2), as the profile says."""
    return info(f"#PORTCFG: {telit_data(ctx.profile).portcfg}")


SPEC = CommandSpec(name="#PORTCFG", read=read)
