"""Table 5 result codes (quectel-ec200-ssl §5) and +QIGETERROR's memory of them.

§5: "If an ERROR is returned after executing SSL AT commands, the detailed information about
errors can be queried with AT+QIGETERROR"; "AT+QIGETERROR just returns the result code of the
last executed SSL AT command". The SSL commands answer plain ERROR (the document prints no
+CME ERROR for them); :func:`ssl_command` wraps their handlers so that each records 0 on success
and its Table 5 code on failure (a malformed or out-of-range parameter: 552).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Final

from emulator.core.errors import PlainError
from emulator.core.params import Args
from emulator.core.results import Response
from emulator.quectel.ec200.defects import GETERROR_STALE
from emulator.quectel.ec200.state import QContext


class Code(enum.IntEnum):
    """Table 5."""

    SUCCESS = 0
    UNKNOWN = 550
    BLOCKED = 551
    INVALID_PARAMETER = 552
    MEMORY = 553
    CREATE_SOCKET = 554
    NOT_SUPPORTED = 555
    BIND = 556
    LISTEN = 557
    WRITE = 558
    READ = 559
    ACCEPT = 560
    OPEN_PDP = 561
    CLOSE_PDP = 562
    ID_USED = 563
    DNS_BUSY = 564
    DNS_PARSE = 565
    CONNECT = 566
    CLOSED = 567
    BUSY = 568
    TIMEOUT = 569
    PDP_BROKEN = 570
    CANCEL_SEND = 571
    NOT_ALLOWED = 572
    APN_NOT_CONFIGURED = 573
    PORT_BUSY = 574


#: Table 5's descriptions, as printed.
DESCRIPTIONS: Final[dict[int, str]] = {
    0: "Operation successful", 550: "Unknown error", 551: "Operation blocked",
    552: "Invalid parameter", 553: "Memory not enough", 554: "Create socket failed",
    555: "Operation not supported", 556: "Socket bind failed", 557: "Socket listen failed",
    558: "Socket write failed", 559: "Socket read failed", 560: "Socket accept failed",
    561: "Open PDP context failed", 562: "Close PDP context failed",
    563: "Socket identity has been used", 564: "DNS busy", 565: "DNS parse failed",
    566: "Socket connection failed", 567: "Socket has been closed", 568: "Operation busy",
    569: "Operation timeout", 570: "PDP context break down", 571: "Cancel send",
    572: "Operation not allowed", 573: "APN not configured", 574: "Port busy",
}


class SslFailure(PlainError):
    """An SSL command failed with a Table 5 code: plain ERROR, the code for +QIGETERROR."""

    def __init__(self, code: Code, reason: str = "") -> None:
        super().__init__(f"{int(code)} {DESCRIPTIONS[code]}{': ' if reason else ''}{reason}")
        self.code = code


def fail(code: Code, reason: str = "") -> SslFailure:
    """The error to raise."""
    return SslFailure(code, reason)


def bad(reason: str) -> SslFailure:
    """552: a malformed, missing, extra or out-of-range parameter."""
    return SslFailure(Code.INVALID_PARAMETER, reason)


def record(ctx: QContext, code: int) -> None:
    """Remember ``code`` as the last SSL command's result (a stale memory keeps failures)."""
    if code == 0 and ctx.has_defect(GETERROR_STALE):
        return  # defect: a success does not reset the code
    ctx.state.last_error = code


Handler = Callable[[QContext, Args], Response]


def ssl_command(handler: Handler) -> Handler:
    """Wrap an SSL command's handler: 0 on success, the failure's code (552 by default)."""

    def run(ctx: QContext, args: Args) -> Response:
        try:
            response = handler(ctx, args)
        except SslFailure as error:
            record(ctx, error.code)
            raise
        except PlainError:
            record(ctx, Code.INVALID_PARAMETER)
            raise
        record(ctx, Code.SUCCESS)
        return response

    run.__doc__ = handler.__doc__
    return run
