"""The Telit dialect (telit-ssl-ug, telit-gsm-ssl): configuration commands, one module each."""

from __future__ import annotations

from emulator.core.table import CommandSpec, CommandTable, Dialect, table_of
from emulator.profiles import Profile
from emulator.telit import (cgdcont, portcfg, scfg, selint, sgact, sslcfg, sslen, sslseccfg,
                            sslseccfg2)
from emulator.telit.errors import filter_error
from emulator.telit.platform import platform_of
from emulator.telit.state import power_on_state


def build_table(profile: Profile) -> CommandTable:
    """The extended commands ``profile`` has; a command it lacks is an unknown command."""
    platform = platform_of(profile)
    specs: list[CommandSpec] = [sslen.SPEC, sslseccfg.SPEC, sslcfg.SPEC, cgdcont.SPEC,
                                sgact.SPEC, scfg.SPEC, portcfg.SPEC]
    if platform.seccfg2_versions is not None:  # telit-ssl-ug §3: not on 2G, not on telit-gsm
        specs.append(sslseccfg2.SPEC)
    if platform.has_selint:  # telit-gsm-ssl §5
        specs.append(selint.SPEC)
    return table_of(*specs)


TELIT = Dialect(name="telit", build_table=build_table, new_state=power_on_state,
                filter_error=filter_error)
