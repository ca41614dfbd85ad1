"""The quectel-ec200-ssl dialect assembled: every product has every command of the document.

Besides the document's SSL commands: the bearer, file and mode-switch commands it uses
(``bearer``, ``files``, ``transparent``), +CCLK (§1.5) and +QGMR (Quectel's revision command).
"""

from __future__ import annotations

from emulator.core.errors import CmeError, CommandError
from emulator.core.gsm0707 import CCLK
from emulator.core.params import Args
from emulator.core.product import Profile
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec, CommandTable, Dialect, table_of
from emulator.quectel.common import restart
from emulator.quectel.common.sockets import power_off
from emulator.quectel.ec200 import (
    bearer,
    files,
    qigeterror,
    qsslcfg,
    qsslclose,
    qsslopen,
    qsslrecv,
    qsslsend,
    qsslstate,
    transparent,
)
from emulator.quectel.ec200.products import DIALECT
from emulator.quectel.ec200.state import (
    QContext,
    QuectelEc200Nvm,
    QuectelEc200State,
    new_nvm,
    power_on_state,
)


def _qgmr(ctx: QContext, args: Args) -> Response:
    """``AT+QGMR``: the firmware revision (as +CGMR)."""
    return info(ctx.profile.firmware)


QGMR: CommandSpec[QuectelEc200State] = CommandSpec(name="+QGMR", exec=_qgmr)


def build_table(profile: Profile) -> CommandTable[QuectelEc200State]:
    """The extended commands of a quectel-ec200-ssl product."""
    return table_of(qsslcfg.SPEC, qsslopen.SPEC, qsslsend.SPEC, qsslrecv.SPEC, qsslclose.SPEC,
                    qsslstate.SPEC, qigeterror.SPEC, transparent.QISWTMD, *bearer.SPECS,
                    *files.SPECS, QGMR, CCLK, restart.SPEC)


def _filter_error(ctx: QContext, error: CmeError) -> CommandError:
    return error


QUECTEL_EC200: Dialect[QuectelEc200State, QuectelEc200Nvm] = Dialect(
    name=DIALECT, build_table=build_table, new_nvm=new_nvm, new_state=power_on_state,
    power_off=power_off, filter_error=_filter_error, basic=transparent.BASIC)
