"""The quectel-gsm-ssl dialect's named defects, each switched at one place of the dialect.

At least one per command of the document. They are not (yet) in ``emulator/defects.py``'s union:
the lead adds this tuple there once the suite kills them. Every one shows on every product
(``products`` empty): the document describes the four modules alike.
"""

from __future__ import annotations

from typing import Final

from emulator.core.defect import Defect

HTTPSCTXI_DEFAULT_ZERO: Final = "quectel-gsm-httpsctxi-default-zero"
SECLEVEL_IGNORED: Final = "quectel-gsm-seclevel-ignored"
RTC_ALWAYS_IGNORED: Final = "quectel-gsm-rtc-always-ignored"
OCCUPIED_AS_ERROR: Final = "quectel-gsm-occupied-reported-as-error"
CLOSE_KEEPS_CONNECTION: Final = "quectel-gsm-qsslclose-keeps-connection"
CLOSE_NOTHING_OK: Final = "quectel-gsm-qsslclose-nothing-ok"
SEND_SHORT: Final = "quectel-gsm-qsslsend-short"
RECV_WRONG_LENGTH: Final = "quectel-gsm-qsslrecv-wrong-length"
STATE_NO_SSL_FLAG: Final = "quectel-gsm-qsslstate-no-ssl-flag"
SECWRITE_OVERWRITES: Final = "quectel-gsm-qsecwrite-overwrites"
SECREAD_CHECKSUM_DIFFERS: Final = "quectel-gsm-qsecread-checksum-differs"
SECDEL_KEEPS_FILE: Final = "quectel-gsm-qsecdel-keeps-file"
RECV_URC_REPEATED: Final = "quectel-gsm-recv-urc-repeated"
CLOSED_URC_MISSING: Final = "quectel-gsm-closed-urc-missing"
ESCAPE_WITHOUT_GUARD: Final = "quectel-gsm-transparent-escape-without-guard"

_DOC: Final = "quectel-gsm-ssl"

DEFECTS: Final[tuple[Defect, ...]] = (
    Defect(name=HTTPSCTXI_DEFAULT_ZERO, clause=f"{_DOC} §2.2.1",
           description='"httpsctxi" reads 0 before the host set it, instead of -1',
           commands=("+QSSLCFG",)),
    Defect(name=SECLEVEL_IGNORED, clause=f"{_DOC} §2.2.1, §2.2.2, §3.1, §3.2",
           description='"seclevel" 1 and 2 verify nothing: any server certificate is accepted',
           commands=("+QSSLCFG", "+QSSLOPEN")),
    Defect(name=RTC_ALWAYS_IGNORED, clause=f"{_DOC} §2.2.1",
           description='"ignorertctime" 0 still ignores the RTC: an expired or not yet valid '
                       "server certificate is accepted",
           commands=("+QSSLCFG", "+QSSLOPEN")),
    Defect(name=OCCUPIED_AS_ERROR, clause=f"{_DOC} §1.3, §2.2.2",
           description="a socket index already in use (SSL or plain TCP) is reported "
                       "+QSSLOPEN: <ssid>,-1 instead of -2",
           commands=("+QSSLOPEN",)),
    Defect(name=CLOSE_KEEPS_CONNECTION, clause=f"{_DOC} §2.2.3, §3.1, §3.2, §3.3",
           description="+QSSLCLOSE answers CLOSE OK and frees <ssid>, but the connection stays "
                       "open on the wire: no close_notify, no TCP close",
           commands=("+QSSLCLOSE",)),
    Defect(name=CLOSE_NOTHING_OK, clause=f"{_DOC} §2.2.3",
           description="+QSSLCLOSE of an index without SSL connection answers <ssid>, CLOSE OK "
                       "instead of ERROR: a benign variation, since §2.2.3 says only 'Otherwise "
                       "response ERROR' and never what closing an idle index answers (a refusal no "
                       "document states must not fail a module)",
           benign=True,
           commands=("+QSSLCLOSE",)),
    Defect(name=SEND_SHORT, clause=f"{_DOC} §2.2.4, §3.1, §3.2, §3.3",
           description="+QSSLSEND sends the data typed less its last byte, and answers SEND OK",
           commands=("+QSSLSEND",)),
    Defect(name=RECV_WRONG_LENGTH, clause=f"{_DOC} §2.2.5, §3.1, §3.2, §3.3",
           description="+QSSLRECV's <actual length> is one more than the bytes that follow",
           commands=("+QSSLRECV",)),
    Defect(name=STATE_NO_SSL_FLAG, clause=f"{_DOC} §2.2.6",
           description="+QSSLSTATE prints <sslconnectionflag> 0 for an SSL connection",
           commands=("+QSSLSTATE",)),
    Defect(name=SECWRITE_OVERWRITES, clause=f"{_DOC} §2.2.7",
           description="+QSECWRITE of a file that exists replaces it instead of refusing",
           commands=("+QSECWRITE",)),
    Defect(name=SECREAD_CHECKSUM_DIFFERS, clause=f"{_DOC} §2.2.8, §3.1, §3.2",
           description="+QSECREAD prints a <checksum> one more than the one +QSECWRITE printed",
           commands=("+QSECREAD",)),
    Defect(name=SECDEL_KEEPS_FILE, clause=f"{_DOC} §2.2.9",
           description="+QSECDEL answers OK but +QSECREAD still reads the file back (until it "
                       "is written again)",
           commands=("+QSECDEL",)),
    Defect(name=RECV_URC_REPEATED, clause=f"{_DOC} §2.2.5, §2.2.10.1",
           description='+QSSLURC: "recv" comes for every arrival, also while unread bytes wait',
           commands=("+QSSLURC",)),
    Defect(name=CLOSED_URC_MISSING, clause=f"{_DOC} §2.2.10.2",
           description='the server\'s close is not reported by +QSSLURC: "closed" (the socket '
                       "still closes)",
           commands=("+QSSLURC",)),
    Defect(name=ESCAPE_WITHOUT_GUARD, clause=f"{_DOC} §2.2.2",
           description="in transparent mode (<connectmode> 1) +++ escapes to command mode also inside "
                       "data, without the guard times of silence (errata QGS-23): the three bytes never "
                       "reach the server",
           commands=("+QSSLOPEN",)),
)
"""Every quectel-gsm-ssl defect."""
