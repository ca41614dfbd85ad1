"""Sending typed bytes once a send command's prompt input is complete.

The bytes go out outside the module lock (a TLS write may wait the connection's timeout); the
answer is then framed under it, so +CMEE and the dialect's error filter apply as to any command.
What the answer is belongs to the dialect: Telit answers OK or an error code (D19), Quectel
``SEND OK`` or ``SEND FAIL`` (quectel-gsm-ssl §2.2.4).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import TypeVar

from emulator.core.results import Response
from emulator.core.table import Context
from emulator.net.connection import DataConnection, NotConnected
from emulator.tls.client import LinkError, SendStalled

S = TypeVar("S")

Completion = Callable[[bytes | None, bool], bytes]
"""An input collector's completion: the data (``None``: abandoned) and whether it overflowed."""


class SendFailure(enum.Enum):
    """Why typed bytes were not sent."""

    OVERFLOW = "the input exceeded the command's limit"
    NOT_CONNECTED = "the connection was closed"
    LINK_LOST = "the peer went away while the bytes were written"
    STALLED = "the connection's send buffer stayed full (the far end does not read)"


Answer = Callable[[Context[S], "SendFailure | None"], Response]
"""The dialect's answer to a send: ``None`` when all went out or the DTE abandoned the input;
it may raise a :class:`~emulator.core.errors.CommandError` like any handler."""


def sender(ctx: Context[S], connection: DataConnection, answer: Answer[S], *,
           trim: int = 0, within: float | None = None) -> Completion:
    """The completion of a send prompt: send the data (less ``trim`` trailing bytes, a defect
    switch), then ``answer``; an abandoned input (ESC) sends nothing. ``within`` seconds: the
    most the data may wait for room in the connection's send buffer, else nothing of it goes
    (:attr:`SendFailure.STALLED`); ``None``: the send waits as the connection's writes do."""
    services, port = ctx.services, ctx.port

    def complete(data: bytes | None, overflow: bool) -> bytes:
        failure: SendFailure | None = None
        if overflow:
            failure = SendFailure.OVERFLOW
        elif data is not None:
            payload = data[:len(data) - trim] if trim else data
            try:
                if payload:
                    deadline = None if within is None else time.monotonic() + within
                    connection.send(payload, deadline=deadline)
            except NotConnected:
                failure = SendFailure.NOT_CONNECTED
            except SendStalled:
                failure = SendFailure.STALLED
            except LinkError:
                failure = SendFailure.LINK_LOST

        def step(ctx: Context[S]) -> Response:
            return answer(ctx, failure)

        return services.resume(port, step)

    return complete
