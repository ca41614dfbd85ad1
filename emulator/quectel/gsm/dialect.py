"""The quectel-gsm-ssl dialect assembled: every product has every command of the document.

Besides the document's nine commands: the bearer and plain TCP commands its examples use
(``bearer``, ``tcp``), ``ATO`` for transparent mode (``transparent``, errata QGS-23), +CCLK (the RTC
that "ignorertctime" refers to, §2.2.1) and +QGMR (Quectel's revision command).
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
from emulator.quectel.gsm import (
    bearer,
    qsecdel,
    qsecread,
    qsecwrite,
    qsslcfg,
    qsslclose,
    qsslopen,
    qsslrecv,
    qsslsend,
    qsslstate,
    tcp,
    transparent,
)
from emulator.quectel.gsm.products import DIALECT
from emulator.quectel.gsm.state import (
    QContext,
    QuectelGsmNvm,
    QuectelGsmState,
    new_nvm,
    power_on_state,
)


def _qgmr(ctx: QContext, args: Args) -> Response:
    """``AT+QGMR``: the firmware revision (as +CGMR)."""
    return info(ctx.profile.firmware)


QGMR: CommandSpec[QuectelGsmState] = CommandSpec(name="+QGMR", exec=_qgmr)


def build_table(profile: Profile) -> CommandTable[QuectelGsmState]:
    """The extended commands of a quectel-gsm-ssl product."""
    return table_of(qsslcfg.SPEC, qsslopen.SPEC, qsslclose.SPEC, qsslsend.SPEC, qsslrecv.SPEC,
                    qsslstate.SPEC, qsecwrite.SPEC, qsecread.SPEC, qsecdel.SPEC,
                    *bearer.SPECS, *tcp.SPECS, QGMR, CCLK, restart.SPEC)


def _filter_error(ctx: QContext, error: CmeError) -> CommandError:
    return error


QUECTEL_GSM: Dialect[QuectelGsmState, QuectelGsmNvm] = Dialect(
    name=DIALECT, build_table=build_table, new_nvm=new_nvm, new_state=power_on_state,
    power_off=power_off, filter_error=_filter_error, basic=transparent.BASIC)
