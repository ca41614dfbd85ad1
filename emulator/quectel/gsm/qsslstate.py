"""+QSSLSTATE: the TCP/IP stack and every socket in use (quectel-gsm-ssl §2.2.6).

``AT+QSSLSTATE``: ``+QSSLSTATE: "<state>"``, then per socket index in use, SSL or plain TCP,
``+QSSLSTATE: <socketindex>,"TCP","<ipadd>",<port>,"<socketstatus>",<sslconnectionflag>``, OK.
String parameters are quoted (V.250 §5.4.2.2 prints strings between quotes; the document's table
shows names only: emulator/README.md). <state> is "IP PROCESSING" while a socket is in use.
"""

from __future__ import annotations

from typing import Final

from emulator.core.params import Args
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.quectel.gsm.bearer import is_active
from emulator.quectel.gsm.defects import STATE_NO_SSL_FLAG
from emulator.quectel.gsm.state import Bearer, QContext

NAME: Final = "+QSSLSTATE"


def exec_(ctx: QContext, args: Args) -> Response:
    """The state line and one line per socket in use."""
    state = ctx.state
    in_use = {i: s for i in sorted(state.sockets) if (s := state.socket(i)) is not None}
    bearer = Bearer.PROCESSING if in_use and is_active(state) else state.bearer
    lines = [f'{NAME}: "{bearer.value}"']
    for index, sock in in_use.items():
        status = "CONNECTED" if sock.connection() is not None else "CONNECTING"
        flag = int(sock.ssl and not ctx.has_defect(STATE_NO_SSL_FLAG))
        address = sock.address or sock.host
        lines.append(f'{NAME}: {index},"TCP","{address}",{sock.port},"{status}",{flag}')
    return info(*lines)


def _ok(ctx: QContext, args: Args) -> Response:
    return OK


SPEC = CommandSpec(name=NAME, exec=exec_, read=_ok, test=_ok)
