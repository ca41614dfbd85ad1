"""What #SSLSEND and #SSLSENDEXT share: sending typed bytes once the prompt input is complete.

The bytes go out outside the module lock (a TLS write may wait the connection's timeout); the
final result is then framed under it, so +CMEE and #SELINT apply as to any command (D19: OK once
the bytes are written to the TLS connection).
"""

from __future__ import annotations

from collections.abc import Callable

from emulator.core.results import OK, Response
from emulator.core.table import Context
from emulator.telit.connection import DataConnection, NotConnected
from emulator.telit.errors import SslError, ssl_error
from emulator.tls.client import LinkError

Completion = Callable[[bytes | None, bool], bytes]


def sender(ctx: Context, connection: DataConnection, *, trim: int = 0) -> Completion:
    """The completion of a send prompt: send the data (less ``trim`` trailing bytes, a defect
    switch), then OK; ESC (``None``) sends nothing and answers OK (D19)."""
    services, port = ctx.services, ctx.port

    def complete(data: bytes | None, overflow: bool) -> bytes:
        failure: SslError | None = None
        if overflow:
            failure = SslError.GENERIC
        elif data is not None:
            payload = data[:len(data) - trim] if trim else data
            try:
                if payload:
                    connection.send(payload)
            except NotConnected:
                failure = SslError.NOT_CONNECTED  # D14 833
            except LinkError:
                failure = SslError.DISCONNECTED  # the peer went away while we wrote

        def step(ctx: Context) -> Response:
            if failure is not None:
                raise ssl_error(ctx, failure)
            return OK

        return services.resume(port, step)

    return complete
