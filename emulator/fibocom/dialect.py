"""The Fibocom dialect assembled: the commands of fibocom-l610-ssl and of its examples."""

from __future__ import annotations

from emulator.core.errors import CmeError, CommandError
from emulator.core.product import Profile
from emulator.core.table import CommandSpec, CommandTable, Dialect, table_of
from emulator.fibocom import (
    cclk,
    cops,
    gtsslcipher,
    gtsslerr,
    gtsslfile,
    gtsslmode,
    gtsslver,
    mipcall,
    mipclose,
    mipopen,
    mipsend,
    restart,
)
from emulator.fibocom.state import (
    FibocomContext,
    FibocomNvm,
    FibocomState,
    new_nvm,
    power_off,
    power_on_state,
)


def build_table(profile: Profile) -> CommandTable[FibocomState]:
    """Every command of the document and its examples (one product: the L610)."""
    specs: list[CommandSpec[FibocomState]] = [
        gtsslfile.SPEC, gtsslmode.SPEC, gtsslerr.SPEC, gtsslver.SPEC, gtsslcipher.SPEC,
        mipcall.SPEC, mipopen.SPEC, mipclose.SPEC, mipsend.SPEC, cclk.SPEC, cops.SPEC, restart.SPEC]
    return table_of(*specs)


def filter_error(ctx: FibocomContext, error: CmeError) -> CommandError:
    """Errors as +CMEE frames them: the document's ERROR under the power-on +CMEE 0."""
    return error


FIBOCOM: Dialect[FibocomState, FibocomNvm] = Dialect(
    name="fibocom", build_table=build_table, new_nvm=new_nvm, new_state=power_on_state,
    power_off=power_off, filter_error=filter_error)
