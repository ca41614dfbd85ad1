"""Quectel's dialects: quectel-gsm-ssl (``QUECTEL_GSM``, M95 family) and quectel-ec200-ssl
(``QUECTEL_EC200``), with their restore model: ``+QSSLCFG`` is read one SSL context and one keyword at a
time, so each (keyword, context) pair is a setting of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.dialects.base import (
    CMEE,
    COMMON_URCS,
    Ask,
    Dialect,
    PayloadRule,
    Restart,
    SetBack,
    Snapshot,
    pattern,
)
from harness.events import ResultKind

__all__ = ["QUECTEL_EC200", "QUECTEL_GSM", "QsslcfgRestorer"]


@dataclass(frozen=True)
class QsslcfgRestorer:
    """Reads ``AT+QSSLCFG="<keyword>",<ctx>`` for each keyword of ``per_context`` and each context of
    ``contexts``, and ``AT+QSSLCFG="<keyword>"`` for each of ``global_keywords``; sets each back with the
    write form ``AT+QSSLCFG="<keyword>"[,<ctx>],<values>``. ``echoes_context``: the answer repeats the
    context id (``+QSSLCFG: "sslversion",<ctx>,<value>``, quectel-ec200-ssl §2.2.1) rather than giving the
    value alone (``+QSSLCFG: "sslversion",<value>``, quectel-gsm-ssl §2.2.1). A keyword the module refuses
    (ERROR) is left out. +CMEE is restored too (3GPP TS 27.007 §9.1)."""

    per_context: tuple[str, ...]
    contexts: range
    global_keywords: tuple[str, ...] = ()
    echoes_context: bool = False

    def _keys(self) -> list[tuple[str, str, str]]:
        """(snapshot key = read command, keyword, context or "") of every setting, in restore order."""
        out = [(f'AT+QSSLCFG="{kw}",{ctx}', kw, str(ctx)) for ctx in self.contexts for kw in self.per_context]
        return out + [(f'AT+QSSLCFG="{kw}"', kw, "") for kw in self.global_keywords]

    def read(self, ask: Ask) -> Snapshot:
        taken: Snapshot = {}
        for key, kw, ctx in self._keys():
            r = ask(key)
            if not r.ok:
                continue
            rows = [row for row in r.fields("+QSSLCFG") if row and row[0] == f'"{kw}"']
            skip = 2 if ctx and self.echoes_context else 1  # the keyword, and the context when echoed
            taken[key] = [tuple(row[skip:]) for row in rows[:1]]
        taken.update(_cmee(ask))
        return taken

    def set_back(self, before: Snapshot, current: Snapshot) -> list[SetBack]:
        out = []
        for key, kw, ctx in self._keys():
            now = current.get(key, [])
            for i, values in enumerate(before.get(key, [])):
                if i < len(now) and now[i] == values:
                    continue
                head = f'AT+QSSLCFG="{kw}",{ctx}' if ctx else f'AT+QSSLCFG="{kw}"'
                out.append(SetBack(key, i, (f"{head},{','.join(values)}",)))
        return out + _cmee_back(before, current)


def _cmee(ask: Ask) -> Snapshot:
    r = ask(CMEE.read)
    return {CMEE.read: CMEE.values(r)} if r.ok else {}


def _cmee_back(before: Snapshot, current: Snapshot) -> list[SetBack]:
    was, now = before.get(CMEE.read, []), current.get(CMEE.read, [])
    if was and was[:1] != now[:1]:
        return [SetBack(CMEE.read, 0, (CMEE.command(was[0]),))]
    return []


# quectel-gsm-ssl §2.2.1: "Quectel standard module supports 6 SSL contexts at most" (<ctxindex> 0-5); the
# per-context keywords the suite may change (sslversion, ciphersuite, seclevel, the certificate and key
# names) and the global "ignorertctime" (the suite sets module clocks for certificate validity). "https",
# "httpsctxi", "smtpstyle" and "smtpsctxi" belong to other services and are left alone.
_GSM_RESTORER = QsslcfgRestorer(
    per_context=("sslversion", "ciphersuite", "seclevel", "cacert", "clientcert", "clientkey"),
    contexts=range(0, 6),
    global_keywords=("ignorertctime",),
)

# quectel-ec200-ssl §2.2.1: <SSL_ctxID> 0-5; every per-context keyword of the test form. The document
# spells the authentication keyword "secllevel" where quectel-gsm-ssl spells "seclevel" (../shared/specs
# INDEX, known inconsistencies): both are read, and whichever the module answers is restored. "cacertex"
# names the same file as "cacert". "The configurations will not be saved" (§2.2.1 Characteristics): the
# restore puts back what a session changed until the module is next powered off.
_EC200_RESTORER = QsslcfgRestorer(
    per_context=(
        "sslversion", "ciphersuite", "seclevel", "secllevel", "cacert", "clientcert", "clientkey",
        "ignorelocaltime", "negotiatetime", "sni", "closetimemode", "ignoremulticertchainverify",
        "ignoreinvalidcertsign", "session_cache",
    ),
    contexts=range(0, 6),
    echoes_context=True,
)  # fmt: skip

# quectel-gsm-ssl §2.2.7 and §2.2.9: +QSECWRITE and +QSECDEL on "NVRAM:<name>" write the module's NVRAM (the
# four names CA0, CA1, CC0, CK0 are the slots: --allow-nvm-writes CA0,CC0,CK0); "RAM:<name>" writes nothing
# that outlives power-off. +QSECREAD only reads.
_GSM_NVM = (
    re.compile(r'AT\+QSECWRITE="NVRAM:(?P<slot>[^"]*)"', re.IGNORECASE),
    re.compile(r'AT\+QSECDEL="NVRAM:(?P<slot>[^"]*)"', re.IGNORECASE),
)

# Neither quectel-gsm-ssl nor quectel-ec200-ssl gives a restart command: Quectel's AT command manuals
# (3GPP TS 27.007 §8.2 +CFUN with <rst> 1; errata QGS-24, QEC-27).
_RESTART = Restart(command="AT+CFUN=1,1", source="Quectel AT command manuals (27.007 §8.2), not in the SSL documents")

# quectel-gsm-ssl §2.2.3 (CLOSE OK, "1, CLOSE OK" in §3.1), §2.2.4 (SEND OK / SEND FAIL), §2.2.5
# (+QSSLRECV: <ip>:<port>,TCP,<n><CR><LF><data>), §2.2.10 (+QSSLURC), §2.2.2 (+QSSLOPEN result URC),
# §3.3 (+QIRD payload, +QIRDI URC, "1, CONNECT OK" after OK, DEACT OK), §3.1 (AT+QILOCIP answers its
# address with no result code).
QUECTEL_GSM = Dialect(
    name="quectel-gsm",
    vendor_finals=(
        (pattern(r"SEND OK"), ResultKind.VENDOR_OK),
        (pattern(r"SEND FAIL"), ResultKind.VENDOR_ERROR),
        (pattern(r"(\d+, )?CLOSE OK"), ResultKind.VENDOR_OK),
        (pattern(r"DEACT OK"), ResultKind.VENDOR_OK),
    ),
    urc_prefixes=(*COMMON_URCS, "+QSSLURC:", "+QSSLOPEN:", "+QIRDI:"),
    urc_patterns=(pattern(r"\d+, CONNECT (OK|FAIL)"), pattern(r"\d+, CLOSED")),
    payload_rules=(
        PayloadRule(
            pattern=pattern(r"\+QSSLRECV: [^,]*,TCP,(?P<n>\d+)$"),
            source="quectel-gsm-ssl §2.2.5",
            examples=("+QSSLRECV: 116.247.104.27:6021,TCP,5",),
        ),
        PayloadRule(
            pattern=pattern(r"\+QIRD: [^,]*,TCP,(?P<n>\d+)$"),
            source="quectel-gsm-ssl §3.3",
            examples=("+QIRD: 116.247.104.27:6021,TCP,5",),
        ),
    ),
    single_line_commands=frozenset({"+QILOCIP"}),
    connect_prompts=frozenset({"+QSECWRITE"}),  # quectel-gsm-ssl §2.2.7: CONNECT, then the file's bytes
    nvm_writes=_GSM_NVM,
    identify=("ATI", "AT+CGMM", "AT+QGMR"),  # +QGMR: the full revision (vendor practice; ERROR just leaves it out)
    restorer=_GSM_RESTORER,
    restart=_RESTART,
)

# quectel-ec200-ssl §3.2, §4: the certificate paths name files of the module's flash file system ("UFS:"),
# put there with +QFUPL and removed with +QFDEL of the FILE application note (document [2] of §6; errata
# QEC-08). Both write flash: the slot is the file's stem (--allow-nvm-writes CA0,CC0,CK0 for the driver's
# UFS:CA0.pem, UFS:CC0.pem, UFS:CK0.pem; a name such as "cacert", or "*", only under "all"). UFS is the
# default store, so a name without the prefix is a write too.
_EC200_FILES = (
    re.compile(r'AT\+QFUPL="(?:UFS:)?(?P<slot>[^".:]*)[^"]*"', re.IGNORECASE),
    re.compile(r'AT\+QFDEL="(?:UFS:)?(?P<slot>[^".:]*)[^"]*"', re.IGNORECASE),
)

# quectel-ec200-ssl §2.2.3 (SEND OK / SEND FAIL), §2.2.4 (+QSSLRECV: <n><CR><LF><data>), §2.3.1
# (+QSSLURC: "recv",<id> in buffer mode; "recv",<id>,<n><CR><LF><data> in direct push mode), §2.2.2
# (+QSSLOPEN: <id>,<err> after OK), §1.4 (+++ / ATO / NO CARRIER).
QUECTEL_EC200 = Dialect(
    name="quectel-ec200",
    vendor_finals=(
        (pattern(r"SEND OK"), ResultKind.VENDOR_OK),
        (pattern(r"SEND FAIL"), ResultKind.VENDOR_ERROR),
    ),
    urc_prefixes=(*COMMON_URCS, "+QSSLURC:", "+QSSLOPEN:", "+QIURC:"),
    identify=("ATI", "AT+CGMM", "AT+QGMR"),
    payload_rules=(
        PayloadRule(pattern=pattern(r"\+QSSLRECV: (?P<n>\d+)$"), source="quectel-ec200-ssl §2.2.4",
                    examples=("+QSSLRECV: 5",)),
        PayloadRule(pattern=pattern(r'\+QSSLURC: "recv",\d+,(?P<n>\d+)$'), urc=True,
                    source="quectel-ec200-ssl §2.3.1", examples=('+QSSLURC: "recv",1,5',)),
    ),
    connect_prompts=frozenset({"+QFUPL"}),  # quectel-ec200-ssl §4 (errata QEC-08): CONNECT, then the file's bytes
    nvm_writes=_EC200_FILES,
    restorer=_EC200_RESTORER,
    restart=_RESTART,
)  # fmt: skip
