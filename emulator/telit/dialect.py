"""The Telit dialect assembled: the commands a product has, its state, its error filter."""

from __future__ import annotations

from emulator.core.product import Profile
from emulator.core.table import CommandSpec, CommandTable, Dialect, table_of
from emulator.telit import (
    cgdcont,
    ftpcfg,
    ftpclose,
    ftpget,
    ftpopen,
    httpcfg,
    httpqry,
    httprcv,
    portcfg,
    reboot,
    scfg,
    selint,
    sgact,
    sslcfg,
    ssld,
    sslen,
    sslfastd,
    sslh,
    sslo,
    sslrecv,
    ssls,
    sslseccfg,
    sslseccfg2,
    sslsecdata,
    sslsend,
    sslsendext,
)
from emulator.telit.errors import filter_error
from emulator.telit.platform import platform_of
from emulator.telit.state import TelitNvm, TelitState, new_nvm, power_off, power_on_state


def build_table(profile: Profile) -> CommandTable[TelitState]:
    """The extended commands ``profile`` has; a command it lacks is an unknown command."""
    platform = platform_of(profile)
    specs: list[CommandSpec[TelitState]] = [sslen.SPEC, sslseccfg.SPEC, sslcfg.SPEC, cgdcont.SPEC,
                                sgact.SPEC, scfg.SPEC, portcfg.SPEC, sslsecdata.SPEC,
                                ssld.SPEC, ssls.SPEC, sslo.SPEC, sslh.SPEC, sslsend.SPEC,
                                sslrecv.SSLRCV, reboot.SPEC]
    if platform.seccfg2_versions is not None:  # telit-ssl-ug §3: not on 2G, not on telit-gsm
        specs.append(sslseccfg2.SPEC)
    if platform.has_selint:  # telit-gsm-ssl §5
        specs.append(selint.SPEC)
    if not platform.is_gsm:
        # D13: telit-ssl-ug modules know both spellings; telit-gsm-ssl §4.2.2 has only #SSLSEND
        # and #SSLRCV.
        specs += [sslrecv.SSLRECV, sslsendext.SPEC]
        # telit-ssl-ug §6.2, §7.1 (D25-D27); telit-gsm-ssl describes no HTTP or FTP.
        specs += [httpcfg.SPEC, httpqry.SPEC, httprcv.SPEC, ftpcfg.SPEC, ftpopen.SPEC,
                  ftpget.SPEC, ftpclose.SPEC]
    if platform.has_fastd:  # telit-ssl-ug §5 Tab. 3; telit-gsm-ssl §4.5.4
        specs.append(sslfastd.SPEC)
    return table_of(*specs)


TELIT: Dialect[TelitState, TelitNvm] = Dialect(
    name="telit", build_table=build_table, new_nvm=new_nvm, new_state=power_on_state,
    power_off=power_off, filter_error=filter_error)
