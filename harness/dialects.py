"""What the engine must know of each vendor's AT dialect, as data: one table per document.

A dialect names its final result codes, its unsolicited result codes (with and without ``+``), the
information lines that announce a raw payload of N bytes, and the commands whose response ends
without a result code. The engine reads these tables; it has no vendor ``if`` of its own.

Each row cites the document clause that shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.events import ResultKind


@dataclass(frozen=True, kw_only=True)
class PayloadRule:
    """A line that announces ``n`` raw bytes.

    ``pattern`` matches the start of the line and has a group ``n``. ``inline`` means the bytes follow
    the match on the same line (``SSLSRING: 1,256,<data>``); otherwise they follow the line's CR LF.
    ``urc`` says whether the line is unsolicited.
    """

    pattern: re.Pattern[str]
    inline: bool = False
    urc: bool = False
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class Setting:
    """A setting the suite may change and can read back, so that it can put it back at the end of a
    session on a real module. ``read`` is the read command; every answer line starting with ``prefix``
    gives values, and ``restore`` (a format string of those values, ``{0}``, ``{1}``...) sets them again.
    ``keep`` values of each line are compared and restored (the rest are read-only). ``needs_enabled``:
    the set form is refused while the line's SSId is disabled, so it is enabled around the restore."""

    read: str
    prefix: str
    restore: str
    keep: int
    needs_enabled: bool = False
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class Dialect:
    """The tables of one document's dialect."""

    name: str
    #: Exact final lines besides OK / ERROR / CONNECT / NO CARRIER / +CME ERROR / +CMS ERROR.
    vendor_finals: tuple[tuple[re.Pattern[str], ResultKind], ...] = ()
    #: Line prefixes that are unsolicited unless the pending command has the same name.
    urc_prefixes: tuple[str, ...] = ()
    #: Lines that are unsolicited even when they match nothing above (exact patterns).
    urc_patterns: tuple[re.Pattern[str], ...] = ()
    payload_rules: tuple[PayloadRule, ...] = ()
    #: Command names (upper case, e.g. ``+QILOCIP``) whose whole response is one information line.
    single_line_commands: frozenset[str] = frozenset()
    #: What identifies the module in the report's header: V.250 ``ATI`` and the 3GPP TS 27.007 §5
    #: manufacturer/model/revision commands, or the vendor's equivalents.
    identify: tuple[str, ...] = ("ATI", "AT+CGMI", "AT+CGMM", "AT+CGMR")
    #: Commands that write the module's non-volatile memory, each with a group ``slot`` (the store id):
    #: they are sent only with ``--allow-nvm-writes`` naming the slot.
    nvm_writes: tuple[re.Pattern[str], ...] = ()
    #: Settings restored at the end of a session on a real module, in this order.
    settings: tuple[Setting, ...] = ()
    #: Enables SSId ``{0}`` for a restore that needs it (``Setting.needs_enabled``).
    enable: str = ""
    #: Lines a module prints when it has just started (none of the documents prints one; these are the
    #: usual ones of the vendors' modules). Unasked, they mean the module restarted and lost its settings.
    boot_banners: frozenset[str] = frozenset({"RDY", "+SYSSTART", "^SYSSTART", "#QSS: 0", "+PBREADY"})


#: Unsolicited result codes of 3GPP TS 27.007 that any module may send when the host enabled them
#: (+CREG=1, +CGEREP...), also while a command is pending: registration (§7.2, §10.1.19/§10.1.22),
#: packet domain events (§10.1.19), incoming call and message indications (§6.11, 3GPP TS 27.005 §3.4.1),
#: USSD (§7.15). A response to the command of the same name is not taken for one.
COMMON_URCS = ("+CREG:", "+CGREG:", "+CEREG:", "+CGEV:", "+CRING:", "+CMTI:", "+CDSI:", "+CUSD:")


def _p(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


# telit-ssl-ug §5.1.2.2.1 (#SSLRECV), §5.4.2/§5.4.3 and telit-gsm-ssl §4.2.2.2 (#SSLRCV spelling),
# §5.1.2.2.2 (SSLSRING mode 2 carries its data inline; written with and without a space after the colon),
# §6.2 (#HTTPRING), §5.4.4 (NO CARRIER after a remote close, outside any command).
# telit-ssl-ug §4.4: <Action> 0 deletes security data from NVM and 1 stores it there (3 stores in RAM,
# 2 reads); telit-gsm-ssl §3.3 has the same actions. §4.1, §4.2, §3 Tab. 1 and §4.6 give the read and set
# forms of the settings the suite changes (errata TSU-02: #SSLCFG sets eight of the ten values it reads).
_TELIT_NVM = (re.compile(r"AT#SSLSECDATA=(?P<slot>\d+),[01](,|$)", re.IGNORECASE),)
_TELIT_SETTINGS = (
    Setting(read="AT#SSLSECCFG?", prefix="#SSLSECCFG", restore="AT#SSLSECCFG={values}", keep=4, needs_enabled=True,
            source="telit-ssl-ug §4.2"),
    Setting(read="AT#SSLSECCFG2?", prefix="#SSLSECCFG2", restore="AT#SSLSECCFG2={0},{1}", keep=2, needs_enabled=True,
            source="telit-ssl-ug §3 Tab. 1"),
    Setting(read="AT#SSLCFG?", prefix="#SSLCFG", restore="AT#SSLCFG={values}", keep=8, needs_enabled=True,
            source="telit-ssl-ug §4.6, errata TSU-02"),
    Setting(read="AT#SSLEN?", prefix="#SSLEN", restore="AT#SSLEN={0},{1}", keep=2, source="telit-ssl-ug §4.1"),
    Setting(read="AT+CMEE?", prefix="+CMEE", restore="AT+CMEE={0}", keep=1, source="3GPP TS 27.007 §9.1"),
    Setting(read="ATS12?", prefix="", restore="ATS12={0}", keep=1, source="V.250 §6.3.12 (S12, escape guard time)"),
)  # fmt: skip

TELIT = Dialect(
    name="telit",
    nvm_writes=_TELIT_NVM,
    settings=_TELIT_SETTINGS,
    enable="AT#SSLEN={0},1",
    urc_prefixes=(*COMMON_URCS, "SSLSRING:", "#HTTPRING:", "SRING:"),
    payload_rules=(
        PayloadRule(pattern=_p(r"#SSLRECV: ?(?P<n>\d+)$"), source="telit-ssl-ug §5.1.2.2.1"),
        PayloadRule(pattern=_p(r"#SSLRCV: ?(?P<n>\d+)$"), source="telit-ssl-ug §5.4.2, telit-gsm-ssl §4.2.2.2"),
        PayloadRule(pattern=_p(r"SSLSRING: ?\d+,(?P<n>\d+),"), inline=True, urc=True, source="telit-ssl-ug §5.1.2.2.2"),
        # #SSLSECDATA read (action 2): header, CR LF, the stored bytes (docs/DECISIONS-issue4.md D15).
        PayloadRule(pattern=_p(r"#SSLSECDATA: ?\d+,\d+,(?P<n>\d+)$"), source="telit-ssl-ug §4.4, errata TSU-18"),
    ),
)

# telit-gsm-ssl: the same family in its older form (§4.2.2.2 #SSLRCV, §4.5.2 DISCONNECTED is an
# information line of #SSLH, not a final).
TELIT_GSM = Dialect(
    name="telit-gsm",
    nvm_writes=_TELIT_NVM,
    settings=_TELIT_SETTINGS,
    enable="AT#SSLEN={0},1",
    urc_prefixes=TELIT.urc_prefixes,
    payload_rules=TELIT.payload_rules,
)

# quectel-gsm-ssl §2.2.3 (CLOSE OK, "1, CLOSE OK" in §3.1), §2.2.4 (SEND OK / SEND FAIL), §2.2.5
# (+QSSLRECV: <ip>:<port>,TCP,<n><CR><LF><data>), §2.2.10 (+QSSLURC), §2.2.2 (+QSSLOPEN result URC),
# §3.3 (+QIRD payload, +QIRDI URC, "1, CONNECT OK" after OK, DEACT OK), §3.1 (AT+QILOCIP answers its
# address with no result code).
QUECTEL_GSM = Dialect(
    name="quectel-gsm",
    vendor_finals=(
        (_p(r"SEND OK"), ResultKind.VENDOR_OK),
        (_p(r"SEND FAIL"), ResultKind.VENDOR_ERROR),
        (_p(r"(\d+, )?CLOSE OK"), ResultKind.VENDOR_OK),
        (_p(r"DEACT OK"), ResultKind.VENDOR_OK),
    ),
    urc_prefixes=(*COMMON_URCS, "+QSSLURC:", "+QSSLOPEN:", "+QIRDI:"),
    urc_patterns=(_p(r"\d+, CONNECT (OK|FAIL)"), _p(r"\d+, CLOSED")),
    payload_rules=(
        PayloadRule(pattern=_p(r"\+QSSLRECV: [^,]*,TCP,(?P<n>\d+)$"), source="quectel-gsm-ssl §2.2.5"),
        PayloadRule(pattern=_p(r"\+QIRD: [^,]*,TCP,(?P<n>\d+)$"), source="quectel-gsm-ssl §3.3"),
    ),
    single_line_commands=frozenset({"+QILOCIP"}),
    identify=("ATI", "AT+CGMM", "AT+QGMR"),  # +QGMR: the full revision (vendor practice; ERROR just leaves it out)
)

# quectel-ec200-ssl §2.2.3 (SEND OK / SEND FAIL), §2.2.4 (+QSSLRECV: <n><CR><LF><data>), §2.3.1
# (+QSSLURC: "recv",<id> in buffer mode; "recv",<id>,<n><CR><LF><data> in direct push mode), §2.2.2
# (+QSSLOPEN: <id>,<err> after OK), §1.4 (+++ / ATO / NO CARRIER).
QUECTEL_EC200 = Dialect(
    name="quectel-ec200",
    vendor_finals=(
        (_p(r"SEND OK"), ResultKind.VENDOR_OK),
        (_p(r"SEND FAIL"), ResultKind.VENDOR_ERROR),
    ),
    urc_prefixes=(*COMMON_URCS, "+QSSLURC:", "+QSSLOPEN:", "+QIURC:"),
    identify=("ATI", "AT+CGMM", "AT+QGMR"),
    payload_rules=(
        PayloadRule(pattern=_p(r"\+QSSLRECV: (?P<n>\d+)$"), source="quectel-ec200-ssl §2.2.4"),
        PayloadRule(pattern=_p(r'\+QSSLURC: "recv",\d+,(?P<n>\d+)$'), urc=True, source="quectel-ec200-ssl §2.3.1"),
    ),
)

# fibocom-l610-ssl §2: +MIPCALL, +MIPOPEN (success "+MIPOPEN: 1,1", failure printed "+MIPOPEN 1.0"
# without a colon), +MIPRTCP (data as hex text on the line), +MIPCLOSE arrive after OK.
FIBOCOM = Dialect(
    name="fibocom",
    urc_prefixes=(*COMMON_URCS, "+MIPCALL:", "+MIPOPEN", "+MIPRTCP:", "+MIPCLOSE:", "+MIPSTAT:"),
)

DIALECTS: dict[str, Dialect] = {d.name: d for d in (TELIT, TELIT_GSM, QUECTEL_GSM, QUECTEL_EC200, FIBOCOM)}


def dialect(name: str) -> Dialect:
    """Return the dialect called ``name``; a typo gets an error naming the valid ones."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise ValueError(f"unknown dialect {name!r}; known: {', '.join(sorted(DIALECTS))}") from None
