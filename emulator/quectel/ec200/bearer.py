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
- ``AT+QIDNSCFG=<contextID>`` (§4 item 2: "check if the DNS server address is valid"):
  ``+QIDNSCFG: <contextID>,"<pridnsaddr>","<secdnsaddr>"``; ``AT+QIDNSCFG=<contextID>,"<pridnsaddr>"
  [,"<secdnsaddr>"]`` sets them (dotted IPv4 addresses, else ERROR); ``AT+QIDNSCFG=?``:
  ``+QIDNSCFG: (1-15),<pridnsaddr>,<secdnsaddr>``. The network's servers (emulator's choice,
  beside §3.1.2's address) until set; kept until power off. The emulator resolves names through
  its host while one of the two is a usable address; with both 0.0.0.0 (no server) a name does
  not resolve ("an invalid DNS server address cannot convert domain name to IP address", §4 item
  2) and +QSSLOPEN reports 565; an address dialled as such needs no DNS.
"""

from __future__ import annotations

import ipaddress
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
#: The DNS servers a context gets from the network (emulator's choice: §3.1.2's network).
NETWORK_DNS: Final = ("10.7.157.254", "10.7.157.253")


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


def _dns_address(arg: Arg | None) -> str:
    text = _text(arg)
    try:
        return str(ipaddress.IPv4Address(text))
    except ValueError:
        raise PlainError(f"{text!r} is not an IPv4 address") from None


def qidnscfg_set(ctx: QContext, args: Args) -> Response:
    """Query the DNS servers of a context, or set them."""
    check_count(args, 1, 3)
    cid = int_arg(args, 0, CONTEXT_IDS)
    pdp = ctx.state.pdp[cid]
    if len(args) == 1:
        primary, secondary = pdp.dns or NETWORK_DNS
        return info(f'+QIDNSCFG: {cid},"{primary}","{secondary}"')
    primary = _dns_address(args[1])
    secondary = _dns_address(args[2]) if len(args) == 3 else (pdp.dns or NETWORK_DNS)[1]
    pdp.dns = (primary, secondary)
    return OK


def qidnscfg_test(ctx: QContext, args: Args) -> Response:
    """``+QIDNSCFG: (1-15),<pridnsaddr>,<secdnsaddr>``."""
    return info(f"+QIDNSCFG: {CONTEXT_IDS},<pridnsaddr>,<secdnsaddr>")


def resolves_names(state: QuectelEc200State, cid: int) -> bool:
    """Whether context ``cid`` has a DNS server to ask: one of its two addresses is not 0.0.0.0 (§4 item 2)."""
    context = state.pdp.get(cid)
    servers = NETWORK_DNS if context is None or not context.dns else context.dns
    return any(not ipaddress.IPv4Address(a).is_unspecified for a in servers)


def is_active(state: QuectelEc200State, cid: int) -> bool:
    """Whether PDP context ``cid`` is active."""
    context: PdpContext | None = state.pdp.get(cid)
    return context is not None and context.active


SPECS: Final[tuple[CommandSpec[QuectelEc200State], ...]] = (
    CommandSpec(name="+QICSGP", set=qicsgp_set, test=qicsgp_test),
    CommandSpec(name="+QIACT", set=qiact_set, read=qiact_read, test=qiact_test),
    CommandSpec(name="+QIDEACT", set=qideact_set, test=qideact_test),
    CommandSpec(name="+QIDNSCFG", set=qidnscfg_set, test=qidnscfg_test),
)
