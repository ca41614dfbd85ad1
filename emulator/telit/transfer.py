"""How #SSLSEND and #SSLSENDEXT answer once their bytes went out (D19, D14).

OK once the bytes are written to the TLS connection; 833 when the socket was closed meanwhile,
840 when the peer went away during the write, the generic SSL error for input over the limit.
ESC sends nothing and answers OK.
"""

from __future__ import annotations

from emulator.core.results import OK, Response
from emulator.net.connection import DataConnection
from emulator.net.transfer import Completion, SendFailure
from emulator.net.transfer import sender as net_sender
from emulator.telit.errors import SslError, ssl_error
from emulator.telit.state import TelitContext

_ERRORS = {
    SendFailure.OVERFLOW: SslError.GENERIC,
    SendFailure.NOT_CONNECTED: SslError.NOT_CONNECTED,  # D14 833
    SendFailure.LINK_LOST: SslError.DISCONNECTED,
    # §5.1.2.1 "ERROR on failure": no room for the data within <Timeout> (vectors/telit errata TSU-50).
    SendFailure.STALLED: SslError.GENERIC,
}


def answer(ctx: TelitContext, failure: SendFailure | None) -> Response:
    """OK, or the error of ``failure``."""
    if failure is not None:
        raise ssl_error(ctx, _ERRORS[failure])
    return OK


def sender(ctx: TelitContext, connection: DataConnection, *, trim: int = 0) -> Completion:
    """The completion of a Telit send prompt (see :func:`emulator.net.transfer.sender`)."""
    return net_sender(ctx, connection, answer, trim=trim)
