"""Telit's dialects: telit-ssl-ug (``TELIT``) and the older telit-gsm-ssl (``TELIT_GSM``).

Every Telit command name the harness knows is in this module: the payload headers, the URCs, the
command that writes NVM, and the restore model (settings read whole, one line per SSId, whose set form
is refused while the SSId is disabled). Each row cites the document clause that shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.dialects.base import (
    CMEE,
    COMMON_URCS,
    S12,
    Dialect,
    PayloadRule,
    Restart,
    Setting,
    SettingsRestorer,
    pattern,
)

__all__ = ["TELIT", "TELIT_GSM", "TelitRestorer", "TelitSetting"]


@dataclass(frozen=True, kw_only=True)
class TelitSetting(Setting):
    """A Telit setting; ``needs_enabled``: its set form is refused while the line's SSId is disabled, so
    the SSId is enabled (``AT#SSLEN=<SSId>,1``, telit-ssl-ug §4.1) before it is set back."""

    needs_enabled: bool = False


class TelitRestorer(SettingsRestorer):
    """Settings read whole; a setting that needs its SSId enabled gets ``AT#SSLEN=<SSId>,1`` first. The
    #SSLEN line this changes differs afterwards, and the restore's next round sets it back."""

    def prepare(self, setting: Setting, values: tuple[str, ...]) -> tuple[str, ...]:
        if isinstance(setting, TelitSetting) and setting.needs_enabled:
            return (f"AT#SSLEN={values[0]},1",)
        return ()


# telit-ssl-ug §4.4: <Action> 0 deletes security data from NVM and 1 stores it there (3 stores in RAM,
# 2 reads); telit-gsm-ssl §3.3 has the same actions. §4.1, §4.2, §3 Tab. 1 and §4.6 give the read and set
# forms of the settings the suite changes (errata TSU-02: #SSLCFG sets eight of the ten values it reads).
_NVM = (re.compile(r"AT#SSLSECDATA=(?P<slot>\d+),[01](,|$)", re.IGNORECASE),)
_RESTORER = TelitRestorer((
    TelitSetting(read="AT#SSLSECCFG?", prefix="#SSLSECCFG", restore="AT#SSLSECCFG={values}", keep=4,
                 needs_enabled=True, source="telit-ssl-ug §4.2"),
    TelitSetting(read="AT#SSLSECCFG2?", prefix="#SSLSECCFG2", restore="AT#SSLSECCFG2={0},{1}", keep=2,
                 needs_enabled=True, source="telit-ssl-ug §3 Tab. 1"),
    TelitSetting(read="AT#SSLCFG?", prefix="#SSLCFG", restore="AT#SSLCFG={values}", keep=8, needs_enabled=True,
                 source="telit-ssl-ug §4.6, errata TSU-02"),
    TelitSetting(read="AT#SSLEN?", prefix="#SSLEN", restore="AT#SSLEN={0},{1}", keep=2, source="telit-ssl-ug §4.1"),
    CMEE,
    S12,
))  # fmt: skip

# Telit modules print "#QSS: 0" at start-up when SIM status reporting is on (vendor practice, no clause).
_BANNERS = Dialect(name="").boot_banners | {"#QSS: 0"}
# Neither telit-ssl-ug nor telit-gsm-ssl gives a restart command: Telit's AT command reference's (errata
# TSU-47; telit-gsm-ssl modules know it too).
_RESTART = Restart(command="AT#REBOOT", source="Telit AT command reference, not in telit-ssl-ug/telit-gsm-ssl")

# telit-ssl-ug §5.1.2.2.1 (#SSLRECV), §5.4.2/§5.4.3 and telit-gsm-ssl §4.2.2.2 (#SSLRCV spelling),
# §5.1.2.2.2 (SSLSRING mode 2 carries its data inline; written with and without a space after the colon),
# §6.2 (#HTTPRING), §5.4.4 (NO CARRIER after a remote close, outside any command).
TELIT = Dialect(
    name="telit",
    nvm_writes=_NVM,
    restorer=_RESTORER,
    boot_banners=_BANNERS,
    restart=_RESTART,
    urc_prefixes=(*COMMON_URCS, "SSLSRING:", "#HTTPRING:", "SRING:"),
    payload_rules=(
        PayloadRule(pattern=pattern(r"#SSLRECV: ?(?P<n>\d+)$"), source="telit-ssl-ug §5.1.2.2.1",
                    examples=("#SSLRECV: 5",)),
        PayloadRule(pattern=pattern(r"#SSLRCV: ?(?P<n>\d+)$"), source="telit-ssl-ug §5.4.2, telit-gsm-ssl §4.2.2.2",
                    examples=("#SSLRCV: 5", "#SSLRCV:5")),
        PayloadRule(pattern=pattern(r"SSLSRING: ?\d+,(?P<n>\d+),"), inline=True, urc=True,
                    source="telit-ssl-ug §5.1.2.2.2", examples=("SSLSRING: 1,5,", "SSLSRING:1,5,")),
        # #SSLSECDATA read (action 2): header, CR LF, the stored bytes (docs/DECISIONS-issue4.md D15).
        PayloadRule(pattern=pattern(r"#SSLSECDATA: ?\d+,\d+,(?P<n>\d+)$"), source="telit-ssl-ug §4.4, errata TSU-18",
                    examples=("#SSLSECDATA: 1,1,5",)),
    ),
)  # fmt: skip

# telit-gsm-ssl: the same family in its older form (§4.2.2.2 #SSLRCV, §4.5.2 DISCONNECTED is an
# information line of #SSLH, not a final).
TELIT_GSM = Dialect(
    name="telit-gsm",
    nvm_writes=_NVM,
    restorer=_RESTORER,
    boot_banners=_BANNERS,
    restart=_RESTART,
    urc_prefixes=TELIT.urc_prefixes,
    payload_rules=TELIT.payload_rules,
)
