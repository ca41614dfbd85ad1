"""+QSSLSEND: send data on an SSL connection (quectel-ec200-ssl §2.2.3, §3.3.2, §3.4.2).

``AT+QSSLSEND=<clientID>``: ``> ``, then bytes up to Ctrl-Z (at most 1460; more is ERROR and
nothing is sent; ESC cancels: nothing is sent, the answer is OK, +QIGETERROR 571 "Cancel send":
the document names no answer to a cancel, vectors errata). ``AT+QSSLSEND=<clientID>,<sendlen>``
(1-1460): ``> ``, then exactly <sendlen> bytes, every byte data. Then ``SEND OK`` once sent;
``ERROR`` when the connection closed meanwhile or the peer went away (§2.2.3 "abnormally
closed"); ``SEND FAIL`` ("connection has been established but buffer is full") when the data
finds no room in the connection's send buffer within :data:`SEND_WAIT`: nothing of it is sent,
the connection stays open. The document sizes no buffer: :data:`SEND_BUFFER` (vectors errata
QEC-22), set on each connection by +QSSLOPEN.
Without a connected socket in buffer access or direct push mode: ERROR at once (567, or 552 for a
bad parameter). Test form ``+QSSLSEND: (0-11),(1-1460)``.
"""

from __future__ import annotations

from typing import Final

from emulator.core.input import Exactly, UntilCtrlZ
from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Prompt, Response, ResultCode, final, info, prompting
from emulator.core.table import CommandSpec, Context
from emulator.net.transfer import SendFailure, sender
from emulator.quectel.ec200.defects import SEND_FAIL_AS_ERROR, SEND_SHORT
from emulator.quectel.ec200.errors import Code, bad, fail, record, ssl_command
from emulator.quectel.ec200.state import Mode, QContext, QuectelEc200State

NAME: Final = "+QSSLSEND"
CLIENT_IDS: Final = Choice.span(0, 11)
LIMIT: Final = 1460
LENGTHS: Final = Choice.span(1, LIMIT)
PROMPT: Final = Prompt(text="> ")
SEND_OK: Final = ResultCode("SEND OK")
SEND_FAIL: Final = ResultCode("SEND FAIL")
#: The send buffer of a connection, bytes (the link's queue and the socket's buffer each get it), and how long a
#: send may wait for room in it before SEND FAIL (errata QEC-22: the document gives neither).
SEND_BUFFER: Final = 4096
SEND_WAIT: Final = 0.5


def test(ctx: QContext, args: Args) -> Response:
    """``+QSSLSEND: (0-11),(1-1460)``."""
    return info(f"{NAME}: {CLIENT_IDS},{LENGTHS}")


def _answer(ctx: Context[QuectelEc200State], failure: SendFailure | None) -> Response:
    if failure is SendFailure.OVERFLOW:
        record(ctx, Code.INVALID_PARAMETER)
        raise bad("more than 1460 bytes")
    if failure is SendFailure.STALLED and not ctx.has_defect(SEND_FAIL_AS_ERROR):
        # Table 5 has no code for a full buffer, and the command did not fail: +QIGETERROR keeps 0 (errata QEC-22).
        record(ctx, Code.SUCCESS)
        return final(SEND_FAIL)
    if failure is not None:  # closed, gone, or (the defect) a full buffer taken for a failed write
        record(ctx, Code.WRITE if failure in (SendFailure.LINK_LOST, SendFailure.STALLED) else Code.CLOSED)
        raise fail(Code.CLOSED, failure.value)
    record(ctx, Code.SUCCESS)
    return final(SEND_OK)


def set_(ctx: QContext, args: Args) -> Response:
    """The prompt, on a connected socket."""
    if not 1 <= len(args) <= 2:
        raise bad("one or two parameters")
    values = [None if a is None else parse_int(a) for a in args]
    client_id, length = values[0], values[1] if len(values) == 2 else None
    if client_id not in CLIENT_IDS or (len(values) == 2 and length not in LENGTHS):
        raise bad("out of range")
    assert client_id is not None
    sock = ctx.state.sockets.get(client_id)
    connection = None if sock is None else sock.connection()
    if sock is None or connection is None or sock.mode is Mode.TRANSPARENT:
        raise fail(Code.CLOSED, "no connection in buffer access or direct push mode")
    send = sender(ctx, connection, _answer, trim=1 if ctx.has_defect(SEND_SHORT) else 0, within=SEND_WAIT)
    services, port = ctx.services, ctx.port

    def complete(data: bytes | None, overflow: bool) -> bytes:
        if data is None:  # ESC
            def cancelled(ctx: QContext) -> Response:
                record(ctx, Code.CANCEL_SEND)
                return OK

            return services.resume(port, cancelled)
        if not data and not overflow:
            def empty(ctx: QContext) -> Response:
                record(ctx, Code.INVALID_PARAMETER)
                raise bad("nothing to send")

            return services.resume(port, empty)
        return send(data, overflow)

    if length is None:
        port.expect_input(UntilCtrlZ(complete, edit=False, limit=LIMIT))
    else:
        port.expect_input(Exactly(complete, length))
    return prompting(PROMPT)


SPEC = CommandSpec(name=NAME, set=ssl_command(set_), test=ssl_command(test))
