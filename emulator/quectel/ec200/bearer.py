"""The PDP context commands of §1.3 and §3.1 (quectel-ec200-ssl; syntax in its document [1]).

Document [1] (the EC200x TCP/IP application note) is not among the documents: the emulator
implements what §1.3 and §3.1 show, in the shape Quectel's TCP/IP notes give them.

- ``AT+QICSGP=<contextID>[,<context_type>,<APN>[,<username>,<password>[,<authentication>]]]``
  (<contextID> 1-15, <context_type> 1 IPv4 / 2 IPv6 / 3 IPv4v6, <authentication> 0-3); with the
  <contextID> alone, the query ``+QICSGP: <context_type>,"<APN>","<username>","<password>",
  <authentication>``. §3.1.1 prints seven parameters (``1,1,"UNINET","","","",1``): the emulator
  takes an empty string before <authentication> as the document writes it.
- ``AT+QIACT=<contextID>``: activate (ERROR if it is active already); ``AT+QIACT?``:
  ``+QIACT: <contextID>,<context_state>,<context_type>,"<IP_address>"`` per active context
  (§3.1.2: ``+QIACT: 1,1,1,"10.7.157.1"``); ``AT+QIACT=?``: ``+QIACT: (1-15)``.
- ``AT+QIDEACT=<contextID>``: deactivate; its SSL connections end as §2.3.2 says ("the state of
  GPRS PDP is deactivated"): "closing", ``+QSSLURC: "closed",<clientID>``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from emulator.core.errors import PlainError
from emulator.core.instance import Instance
from emulator.core.params import Arg, Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.ec200.defects import CLOSED_URC_MISSING, QIACT_READ_INACTIVE
from emulator.quectel.ec200.state import PdpContext, QContext, QuectelEc200State
from emulator.quectel.ec200.urcs import closed_urc

CONTEXT_IDS: Final = Choice.span(1, 15)


CONTEXT_TYPES: Final = Choice.span(1, 3)
AUTHENTICATIONS: Final = Choice.span(0, 3)


def address(context_id: int) -> str:
    """The address a context gets: §3.1.2's for context 1, its neighbours for the others."""
    return f"10.7.157.{context_id}"


def _text(arg: Arg | None) -> str:
    if arg is not None and not arg.quoted:
        raise PlainError("a string parameter is quoted")
    return "" if arg is None else arg.text


def qicsgp_set(ctx: QContext, args: Args) -> Response:
    """Configure a context, or query it with the <contextID> alone."""
    check_count(args, 1, 7)
    cid = int_arg(args, 0, CONTEXT_IDS)
    pdp = ctx.state.pdp[cid]
    if len(args) == 1:
        return info(f'+QICSGP: {pdp.context_type},"{pdp.apn}","{pdp.username}","{pdp.password}",'
                    f"{pdp.authentication}")
    if len(args) not in (3, 5, 6, 7):
        raise PlainError("<contextID>,<context_type>,<APN>[,<username>,<password>[,<authentication>]]")
    if len(args) == 7 and _text(args[5]):
        raise PlainError("§3.1.1's extra parameter is an empty string")
    context_type = int_arg(args, 1, CONTEXT_TYPES)
    apn = _text(args[2])
    username = _text(args[3]) if len(args) >= 5 else ""
    password = _text(args[4]) if len(args) >= 5 else ""
    auth = opt_int_arg(args, len(args) - 1, AUTHENTICATIONS) if len(args) >= 6 else 0
    pdp.context_type, pdp.apn, pdp.username, pdp.password = context_type, apn, username, password
    pdp.authentication = auth or 0
    return OK


def qicsgp_test(ctx: QContext, args: Args) -> Response:
    """``+QICSGP: (1-15),(1-3),<APN>,<username>,<password>,(0-3)``."""
    return info(f"+QICSGP: {CONTEXT_IDS},{CONTEXT_TYPES},<APN>,<username>,<password>,{AUTHENTICATIONS}")


def qiact_set(ctx: QContext, args: Args) -> Response:
    """Activate a context (ERROR when it is active)."""
    check_count(args, 1, 1)
    pdp = ctx.state.pdp[int_arg(args, 0, CONTEXT_IDS)]
    if pdp.active:
        raise PlainError("already active")
    pdp.active = True
    return OK


def qiact_read(ctx: QContext, args: Args) -> Response:
    """One line per active context (§3.1.2)."""
    shown = 0 if ctx.has_defect(QIACT_READ_INACTIVE) else 1
    return info(*(f'+QIACT: {cid},{shown},{pdp.context_type},"{address(cid)}"'
                  for cid, pdp in sorted(ctx.state.pdp.items()) if pdp.active))


def qiact_test(ctx: QContext, args: Args) -> Response:
    """``+QIACT: (1-15)``."""
    return info(f"+QIACT: {CONTEXT_IDS}")


def qideact_set(ctx: QContext, args: Args) -> Response:
    """Deactivate a context; its connections end (§2.3.2)."""
    check_count(args, 1, 1)
    cid = int_arg(args, 0, CONTEXT_IDS)
    state = ctx.state
    state.pdp[cid].active = False
    ended = [(s.client_id, s.link) for s in state.sockets.values()
             if s.pdp == cid and s.link is not None and not s.link.closed]
    with ctx.services.unlocked():
        for _, link in ended:
            link.close(notify=False)  # the network is gone: no close_notify
    if not ctx.has_defect(CLOSED_URC_MISSING):
        for client_id, link in ended:
            link.port.after_response(_urc(link.port, closed_urc(client_id)))
    return OK


def _urc(port: Instance, text: str) -> Callable[[], None]:
    return lambda: port.unsolicited(text)


def qideact_test(ctx: QContext, args: Args) -> Response:
    """``+QIDEACT: (1-15)``."""
    return info(f"+QIDEACT: {CONTEXT_IDS}")


def is_active(state: QuectelEc200State, cid: int) -> bool:
    """Whether PDP context ``cid`` is active."""
    context: PdpContext | None = state.pdp.get(cid)
    return context is not None and context.active


SPECS: Final[tuple[CommandSpec[QuectelEc200State], ...]] = (
    CommandSpec(name="+QICSGP", set=qicsgp_set, test=qicsgp_test),
    CommandSpec(name="+QIACT", set=qiact_set, read=qiact_read, test=qiact_test),
    CommandSpec(name="+QIDEACT", set=qideact_set, test=qideact_test),
)
