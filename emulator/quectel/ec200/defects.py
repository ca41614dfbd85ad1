"""The quectel-ec200-ssl dialect's named defects, each switched at one place of the dialect.

At least one per command of the document and per data access mode (§1.4). They are not (yet) in
``emulator/defects.py``'s union: the lead adds this tuple there once the suite kills them. Every
one shows on every product (``products`` empty): the document describes the four modules alike.
"""

from __future__ import annotations

from typing import Final

from emulator.core.defect import Defect

NEGOTIATETIME_DEFAULT: Final = "quectel-ec200-negotiatetime-default-wrong"
SECLEVEL_IGNORED: Final = "quectel-ec200-seclevel-ignored"
LOCALTIME_ALWAYS_IGNORED: Final = "quectel-ec200-ignorelocaltime-always"
CCLK_IGNORED: Final = "quectel-ec200-cclk-ignored"
SNI_IGNORED: Final = "quectel-ec200-sni-not-sent"
SESSION_ALWAYS_CACHED: Final = "quectel-ec200-session-cache-always"
OPEN_REUSES_CLIENTID: Final = "quectel-ec200-qsslopen-clientid-reused"
OPEN_FAILURE_AS_SUCCESS: Final = "quectel-ec200-qsslopen-failure-reported-0"
SEND_SHORT: Final = "quectel-ec200-qsslsend-short"
SEND_FAIL_AS_ERROR: Final = "quectel-ec200-send-fail-as-error"
RECV_WRONG_LENGTH: Final = "quectel-ec200-qsslrecv-wrong-length"
CLOSE_KEEPS_CONNECTION: Final = "quectel-ec200-qsslclose-keeps-connection"
CLOSETIMEMODE_IGNORED: Final = "quectel-ec200-closetimemode-ignored"
STATE_WRONG_MODE: Final = "quectel-ec200-qsslstate-wrong-access-mode"
BUFFER_URC_MISSING: Final = "quectel-ec200-buffer-recv-urc-missing"
PUSH_WRONG_LENGTH: Final = "quectel-ec200-push-recv-length-wrong"
ESCAPE_WITHOUT_GUARD: Final = "quectel-ec200-transparent-escape-without-guard"
CLOSED_URC_MISSING: Final = "quectel-ec200-closed-urc-missing"
GETERROR_STALE: Final = "quectel-ec200-qigeterror-stale"
GETERROR_DESCRIPTION_SHIFTED: Final = "quectel-ec200-qigeterror-description-shifted"
QIACT_READ_INACTIVE: Final = "quectel-ec200-qiact-read-state-0"
ATO_WITHOUT_CONNECTION_OK: Final = "quectel-ec200-ato-without-connection-ok"
QISWTMD_NO_CONNECT: Final = "quectel-ec200-qiswtmd-no-connect"

_DOC: Final = "quectel-ec200-ssl"

DEFECTS: Final[tuple[Defect, ...]] = (
    Defect(name=NEGOTIATETIME_DEFAULT, clause=f"{_DOC} §2.2.1",
           description='"negotiatetime" reads 120 at power on instead of the default 300',
           commands=("+QSSLCFG",)),
    Defect(name=SECLEVEL_IGNORED, clause=f"{_DOC} §2.2.1, §2.2.2, §3.2",
           description='"seclevel" 1 and 2 verify nothing: any server certificate is accepted',
           commands=("+QSSLCFG", "+QSSLOPEN")),
    Defect(name=LOCALTIME_ALWAYS_IGNORED, clause=f"{_DOC} §1.5, §2.2.1",
           description='"ignorelocaltime" 0 still ignores the validity dates: an expired or not yet '
                       "valid server certificate is accepted",
           commands=("+QSSLCFG", "+QSSLOPEN")),
    Defect(name=CCLK_IGNORED, clause=f"{_DOC} §1.5",
           description="the validity dates are checked against the host's time, not the module time "
                       "+CCLK set",
           commands=("+QSSLOPEN",)),  # +CCLK is 27.007's, not the document's (killmatrix.toml)
    Defect(name=SNI_IGNORED, clause=f"{_DOC} §1.6, §2.2.1",
           description='"sni" 1 sends no server_name extension in the ClientHello',
           commands=("+QSSLCFG", "+QSSLOPEN")),
    Defect(name=SESSION_ALWAYS_CACHED, clause=f"{_DOC} §2.2.1",
           description='"session_cache" 0 still offers the previous session: the second connection '
                       "is resumed",
           commands=("+QSSLCFG", "+QSSLOPEN")),
    Defect(name=OPEN_REUSES_CLIENTID, clause=f"{_DOC} §2.2.2, §5",
           description="+QSSLOPEN of a <clientID> in use drops the open connection and opens a new one "
                       "instead of refusing (563)",
           commands=("+QSSLOPEN",)),
    Defect(name=OPEN_FAILURE_AS_SUCCESS, clause=f"{_DOC} §2.2.2",
           description="a failed handshake is reported +QSSLOPEN: <clientID>,0 (the socket stays "
                       "unusable)",
           commands=("+QSSLOPEN",)),
    Defect(name=SEND_SHORT, clause=f"{_DOC} §2.2.3, §3.3.2, §3.4.2",
           description="+QSSLSEND sends the data typed less its last byte, and answers SEND OK",
           commands=("+QSSLSEND",)),
    Defect(name=SEND_FAIL_AS_ERROR, clause=f"{_DOC} §2.2.3",
           description="+QSSLSEND answers ERROR, not SEND FAIL, when the connection is established but its "
                       "send buffer is full (the server stopped reading)",
           commands=("+QSSLSEND",)),
    Defect(name=RECV_WRONG_LENGTH, clause=f"{_DOC} §2.2.4, §3.3.3",
           description="+QSSLRECV's <have_readlen> is one more than the bytes that follow",
           commands=("+QSSLRECV",)),
    Defect(name=CLOSE_KEEPS_CONNECTION, clause=f"{_DOC} §2.2.5, §3.3.4",
           description="+QSSLCLOSE answers OK and frees <clientID>, but the connection stays open on "
                       "the wire: no close_notify, no TCP close",
           commands=("+QSSLCLOSE",)),
    Defect(name=CLOSETIMEMODE_IGNORED, clause=f"{_DOC} §2.2.1, §2.2.5",
           description='+QSSLCLOSE counts <close_timeout> in seconds under "closetimemode" 1 too: a close '
                       "the server does not answer lingers a thousand times too long",
           commands=("+QSSLCFG", "+QSSLCLOSE")),
    Defect(name=STATE_WRONG_MODE, clause=f"{_DOC} §2.2.6, §3.4.1",
           description="+QSSLSTATE prints <access_mode> 0 whatever the connection's mode",
           commands=("+QSSLSTATE",)),
    Defect(name=BUFFER_URC_MISSING, clause=f"{_DOC} §1.4, §2.2.4, §2.3.1, §3.3.3",
           description='buffer access mode: no +QSSLURC: "recv",<clientID> when data arrives (it '
                       "can still be read)",
           commands=("+QSSLURC",)),
    Defect(name=PUSH_WRONG_LENGTH, clause=f"{_DOC} §1.4, §2.3.1, §3.4.3",
           description='direct push mode: +QSSLURC: "recv",<clientID>,<n> counts one byte more than '
                       "the data that follows",
           commands=("+QSSLURC",)),
    Defect(name=ESCAPE_WITHOUT_GUARD, clause=f"{_DOC} §1.4",
           description="transparent transmission mode: +++ is honoured without the second of "
                       "silence before and after it (data that contains +++ ends the mode)",
           commands=("+QSSLOPEN", "+QISWTMD", "ATO")),
    Defect(name=CLOSED_URC_MISSING, clause=f"{_DOC} §2.3.2",
           description='the server\'s close is not reported by +QSSLURC: "closed" (the socket still '
                       'becomes "closing")',
           commands=("+QSSLURC",)),
    Defect(name=GETERROR_STALE, clause=f"{_DOC} §5",
           description="+QIGETERROR keeps the code of the last failed SSL command: a successful one "
                       "does not reset it to 0",
           commands=("+QIGETERROR",)),
    Defect(name=GETERROR_DESCRIPTION_SHIFTED, clause=f"{_DOC} §5",
           description="+QIGETERROR prints a failure's code with the description of the next code of Table 5 "
                       '(566 "Socket has been closed"): its table is off by one',
           commands=("+QIGETERROR",)),
    Defect(name=QIACT_READ_INACTIVE, clause=f"{_DOC} §1.3, §3.1.2",
           description="+QIACT? prints <context_state> 0 for an activated context",
           commands=("+QIACT",)),
    Defect(name=ATO_WITHOUT_CONNECTION_OK, clause=f"{_DOC} §1.4",
           description="ATO when no connection left transparent transmission mode answers OK "
                       "instead of NO CARRIER",
           commands=("ATO",)),
    Defect(name=QISWTMD_NO_CONNECT, clause=f"{_DOC} §1.4",
           description="+QISWTMD=<clientID>,2 answers OK and stays in command mode instead of CONNECT "
                       "and transparent transmission mode",
           commands=("+QISWTMD",)),
)
"""Every quectel-ec200-ssl defect."""
