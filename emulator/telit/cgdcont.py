"""+CGDCONT, minimal: PDP contexts for the examples (telit-ssl-ug §2; 3GPP TS 27.007 §10.1.1).

No network: a definition is only remembered and read back.
"""

from __future__ import annotations

from emulator.core.errors import unsupported
from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg, str_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.state import PdpContext, TelitContext, telit_state

CIDS = Choice.span(1, 5)
_PDP_TYPES = ("IP",)  # the only type the documents use (telit-ssl-ug §2, §6.2)
_D_COMP = Choice.span(0, 3)  # 27.007 §10.1.1 <d_comp>
_H_COMP = Choice.span(0, 4)  # 27.007 §10.1.1 <h_comp>


def test(ctx: TelitContext, args: Args) -> Response:
    """``+CGDCONT: (1-5),"IP",,,(0-3),(0-4)`` (27.007 §10.1.1 test form)."""
    return info(*(f'+CGDCONT: {CIDS},"{t}",,,{_D_COMP},{_H_COMP}' for t in _PDP_TYPES))


def read(ctx: TelitContext, args: Args) -> Response:
    """``+CGDCONT: <cid>,"<PDP_type>","<APN>","",0,0`` per defined context."""
    contexts = sorted(telit_state(ctx).pdp_contexts.items())
    return info(*(f'+CGDCONT: {cid},"{c.pdp_type}","{c.apn}","",0,0' for cid, c in contexts))


def set_(ctx: TelitContext, args: Args) -> Response:
    """``+CGDCONT=<cid>[,<PDP_type>[,<APN>[,<PDP_addr>[,<d_comp>[,<h_comp>]]]]]``.

    27.007: ``+CGDCONT=<cid>`` alone undefines the context.
    """
    check_count(args, 1, 6)
    cid = int_arg(args, 0, CIDS)
    contexts = telit_state(ctx).pdp_contexts
    if len(args) == 1:
        contexts.pop(cid, None)
        return OK
    pdp_type = str_arg(args, 1).upper()
    if pdp_type not in _PDP_TYPES:
        raise unsupported()
    opt_int_arg(args, 4, _D_COMP)
    opt_int_arg(args, 5, _H_COMP)
    contexts[cid] = PdpContext(pdp_type=pdp_type, apn=str_arg(args, 2))
    return OK


SPEC = CommandSpec(name="+CGDCONT", set=set_, read=read, test=test)
