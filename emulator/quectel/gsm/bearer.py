"""The bearer commands of the examples (quectel-gsm-ssl §1.2, §1.3, §3.1-§3.3).

The document leaves their syntax to the Mxx AT Commands Manual (§1.2 NOTE), which is not among
the documents: the emulator implements exactly what the examples show, and what they leave open
as emulator/README.md records.

- ``AT+QIFGCNT=<id>`` (0, 1): the foreground context (its number is the <cid> of the URCs).
- ``AT+QICSGP=<mode>[,<apn>[,<user>,<pwd>]]``: bearer type (0 CSD, 1 GPRS) and APN.
- ``AT+QIREGAPP``: register to the TCP/IP stack (IP INITIAL -> IP START).
- ``AT+QIACT``: activate the PDP context (-> IP GPRSACT); from IP INITIAL it registers first.
- ``AT+QILOCIP``: the local address alone, no result code (§3.1 "10.1.83.188").
- ``AT+QIMUX=<n>`` (0, 1): several TCP/IP sessions.
- ``AT+QINDI=<n>`` (0-2): how received TCP/IP data is announced (1: ``+QIRDI``, §3.3).
- ``AT+QIDEACT``: ``DEACT OK``; every socket is dropped, back to IP INITIAL.
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import PlainError
from emulator.core.params import Args, Choice, check_count, int_arg, str_arg
from emulator.core.results import OK, Response, ResultCode, final, info
from emulator.core.table import CommandSpec
from emulator.quectel.gsm.state import Bearer, QContext, QuectelGsmState

#: The local address the emulator's PDP context gets: the examples' (§3.1-§3.3).
LOCAL_ADDRESS: Final = "10.1.83.188"
DEACT_OK: Final = ResultCode("DEACT OK")
_CONTEXTS = Choice.of(0, 1)
_MODES = Choice.of(0, 1)
_MUX = Choice.of(0, 1)
_INDI = Choice.span(0, 2)
ACTIVE: Final = frozenset({Bearer.GPRSACT, Bearer.STATUS, Bearer.PROCESSING})


def is_active(state: QuectelGsmState) -> bool:
    """Whether the PDP context is active (sockets may be opened)."""
    return state.bearer in ACTIVE


def _not_now(what: str) -> PlainError:
    return PlainError(what)


def qifgcnt_set(ctx: QContext, args: Args) -> Response:
    """``+QIFGCNT=<id>``."""
    check_count(args, 1, 1)
    ctx.state.foreground = int_arg(args, 0, _CONTEXTS)
    return OK


def qifgcnt_read(ctx: QContext, args: Args) -> Response:
    """``+QIFGCNT: <id>``."""
    return info(f"+QIFGCNT: {ctx.state.foreground}")


def qifgcnt_test(ctx: QContext, args: Args) -> Response:
    """``+QIFGCNT: (0,1)``."""
    return info(f"+QIFGCNT: {_CONTEXTS}")


def qicsgp_set(ctx: QContext, args: Args) -> Response:
    """``+QICSGP=<mode>[,<apn>[,<user>,<pwd>]]``; only before the stack is registered."""
    check_count(args, 1, 4)
    mode = int_arg(args, 0, _MODES)
    if ctx.state.bearer is not Bearer.INITIAL:
        raise _not_now("the bearer is configured in IP INITIAL only")
    ctx.state.apn = (mode, str_arg(args, 1), str_arg(args, 2), str_arg(args, 3))
    return OK


def qicsgp_read(ctx: QContext, args: Args) -> Response:
    """``+QICSGP: <mode>``."""
    return info(f"+QICSGP: {ctx.state.apn[0]}")


def qicsgp_test(ctx: QContext, args: Args) -> Response:
    """``+QICSGP: (0,1)``."""
    return info(f"+QICSGP: {_MODES}")


def qiregapp_exec(ctx: QContext, args: Args) -> Response:
    """Register to the TCP/IP stack (IP INITIAL only)."""
    if ctx.state.bearer is not Bearer.INITIAL:
        raise _not_now("already registered")
    ctx.state.bearer = Bearer.START
    return OK


def qiact_exec(ctx: QContext, args: Args) -> Response:
    """Activate the PDP context; ERROR once active."""
    if is_active(ctx.state):
        raise _not_now("already active")
    ctx.state.bearer = Bearer.GPRSACT
    return OK


def qilocip_exec(ctx: QContext, args: Args) -> Response:
    """The local address as a line of its own, no result code (§3.1)."""
    if not is_active(ctx.state):
        raise _not_now("no PDP context active")
    if ctx.state.bearer is Bearer.GPRSACT:
        ctx.state.bearer = Bearer.STATUS  # §2.2.6 "IP STATUS": the address has been gotten
    return Response(lines=(LOCAL_ADDRESS,), final=None)


def qimux_set(ctx: QContext, args: Args) -> Response:
    """``+QIMUX=<n>``; not while a socket is open."""
    check_count(args, 1, 1)
    value = int_arg(args, 0, _MUX)
    if ctx.state.sockets and value != ctx.state.mux:
        raise _not_now("sockets are open")
    ctx.state.mux = value
    return OK


def qimux_read(ctx: QContext, args: Args) -> Response:
    """``+QIMUX: <n>``."""
    return info(f"+QIMUX: {ctx.state.mux}")


def qimux_test(ctx: QContext, args: Args) -> Response:
    """``+QIMUX: (0,1)``."""
    return info(f"+QIMUX: {_MUX}")


def qindi_set(ctx: QContext, args: Args) -> Response:
    """``+QINDI=<n>``."""
    check_count(args, 1, 1)
    ctx.state.indi = int_arg(args, 0, _INDI)
    return OK


def qindi_read(ctx: QContext, args: Args) -> Response:
    """``+QINDI: <n>``."""
    return info(f"+QINDI: {ctx.state.indi}")


def qindi_test(ctx: QContext, args: Args) -> Response:
    """``+QINDI: (0-2)``."""
    return info(f"+QINDI: {_INDI}")


def qideact_exec(ctx: QContext, args: Args) -> Response:
    """``DEACT OK``: every socket dropped (the host asked: no URC), back to IP INITIAL."""
    state = ctx.state
    sockets, state.sockets = list(state.sockets.values()), {}
    with ctx.services.unlocked():
        for sock in sockets:
            link, sock.link = sock.link, None
            if link is not None:
                link.close()
    state.bearer = Bearer.INITIAL
    return final(DEACT_OK)


SPECS: Final[tuple[CommandSpec[QuectelGsmState], ...]] = (
    CommandSpec(name="+QIFGCNT", set=qifgcnt_set, read=qifgcnt_read, test=qifgcnt_test),
    CommandSpec(name="+QICSGP", set=qicsgp_set, read=qicsgp_read, test=qicsgp_test),
    CommandSpec(name="+QIREGAPP", exec=qiregapp_exec),
    CommandSpec(name="+QIACT", exec=qiact_exec),
    CommandSpec(name="+QILOCIP", exec=qilocip_exec),
    CommandSpec(name="+QIMUX", set=qimux_set, read=qimux_read, test=qimux_test),
    CommandSpec(name="+QINDI", set=qindi_set, read=qindi_read, test=qindi_test),
    CommandSpec(name="+QIDEACT", exec=qideact_exec),
)
