"""Sending the bytes typed after ``> `` (+QSSLSEND quectel-gsm-ssl §2.2.4; +QISEND of §3.3).

``SEND OK`` once written; ``SEND FAIL`` when the write was blocked past the connection's
deadline (§2.2.4 "If the process of sending data is blocked"); ``ERROR`` for other errors (the
connection closed meanwhile, the peer gone, more than the limit typed before Ctrl-Z, no byte at
all). ESC cancels: nothing is sent and the answer is OK (the document does not say which answer
a cancel gets: emulator/README.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from emulator.core.errors import PlainError
from emulator.core.input import Exactly, UntilCtrlZ
from emulator.core.results import OK, Prompt, Response, ResultCode, final, prompting
from emulator.net.connection import DataConnection, NotConnected
from emulator.quectel.gsm.state import QContext
from emulator.tls.client import LinkError

PROMPT: Final = Prompt(text="> ")
SEND_OK: Final = ResultCode("SEND OK")
SEND_FAIL: Final = ResultCode("SEND FAIL")
LIMIT: Final = 1460


def prompt_for(ctx: QContext, connection: DataConnection, length: int | None, *,
               trim: int = 0) -> Response:
    """Read exactly ``length`` bytes (all data) or up to Ctrl-Z (at most :data:`LIMIT`), send
    them (less ``trim`` trailing bytes, a defect switch), answer."""
    services, port = ctx.services, ctx.port

    def complete(data: bytes | None, overflow: bool) -> bytes:
        outcome: Callable[[], Response]
        if data is None:
            outcome = lambda: OK  # noqa: E731  ESC
        elif overflow or not data:
            outcome = _error
        else:
            outcome = _send(connection, data[:len(data) - trim] if trim else data)

        def step(ctx: QContext) -> Response:
            return outcome()

        return services.resume(port, step)

    if length is None:
        port.expect_input(UntilCtrlZ(complete, edit=False, limit=LIMIT))
    else:
        port.expect_input(Exactly(complete, length))
    return prompting(PROMPT)


def _error() -> Response:
    raise PlainError("nothing to send, or more than the limit")


def _send(connection: DataConnection, payload: bytes) -> Callable[[], Response]:
    try:
        if payload:
            connection.send(payload)
    except NotConnected:
        return _error
    except LinkError as error:
        if isinstance(error.__cause__, TimeoutError):
            return lambda: final(SEND_FAIL)
        return _error
    return lambda: final(SEND_OK)
