"""Transparent mode: +QSSLOPEN <connectmode> 1 (quectel-gsm-ssl §2.2.2), ``+++`` and ``ATO``.

The document names the mode ("1 Transparent mode") and describes nothing of it; the emulator reads it as
V.250's online data state, as the vectors' errata QGS-23 decide:

- ``AT+QSSLOPEN=<ssid>,<ctxindex>,"<host>",<port>,1[,<timeout>]``: OK ("If format is right"), the result
  URC ``+QSSLOPEN: <ssid>,<connectcode>`` (§2.2.2), and on success ``CONNECT``: online data state, every
  byte from the host goes to the server and every byte from the server to the host. A failure is the
  URC with -1 or -2 alone, in command mode. The emulator dials before it answers (the port is busy
  meanwhile); what it prints, and in which order, is the same.
- ``+++`` with the instance's guard time (V.250 S12, 50 fiftieths by default) of silence before and after:
  OK, command mode, the connection open and used as one of <connectmode> 0 (+QSSLSEND, +QSSLRECV, the
  ``+QSSLURC`` URCs). ``+++`` inside data is data.
- ``ATO`` (V.250 §6.3.7): CONNECT and back to online data state on the connection that last left it
  (what arrived meanwhile comes first); NO CARRIER if no connection did, or it has closed since.
- The server's close in online data state: NO CARRIER (V.250 §5.7.1), the socket freed.
"""

from __future__ import annotations

from typing import Final

from emulator.core.cmdline import BasicCommand
from emulator.core.errors import unsupported
from emulator.core.results import OK, Response, ResultCode, frame_final, frame_info
from emulator.net.connection import Behaviour, DataConnection
from emulator.quectel.common.sockets import Dial, DialFailed
from emulator.quectel.gsm.defects import ESCAPE_WITHOUT_GUARD
from emulator.quectel.gsm.state import QContext, Socket
from emulator.tls.client import TlsError

#: Bytes from the host leave in packets of 1460 bytes (``PACKET``), or this many seconds after the first byte of an
#: unfinished one (the document gives no figure; short, so an echo comes back at once).
TX_WAIT: Final = 0.05


def go_online(ctx: QContext, ssid: int, connection: DataConnection) -> None:
    """After this command line's answer (CONNECT), online data state on ``connection``."""
    ctx.state.suspended = ssid
    connection.expect_online()
    ctx.port.go_online(connection, guard_required=not ctx.has_defect(ESCAPE_WITHOUT_GUARD))


def open_transparent(ctx: QContext, sock: Socket, ssid: int, dial: Dial, behaviour: Behaviour,
                     report: str) -> Response:
    """Dial ``sock`` (the module lock released meanwhile); OK, ``report`` and CONNECT on success, OK and
    ``+QSSLOPEN: <ssid>,-1`` on failure (the caller's ``report`` text is the success URC)."""
    state = ctx.state
    state.sockets[ssid] = sock
    try:
        with ctx.services.unlocked():
            link = dial()
    except (DialFailed, TlsError, OSError):
        if state.sockets.get(ssid) is sock:
            del state.sockets[ssid]
        return _ok_then(ctx, f"+QSSLOPEN: {ssid},-1")
    if not state.powered or state.sockets.get(ssid) is not sock:
        link.close(notify=False)
        return _ok_then(ctx, f"+QSSLOPEN: {ssid},-1")
    connection = DataConnection(link, ctx.port, ctx.services.scheduler, behaviour, online=True)
    sock.link = connection
    go_online(ctx, ssid, connection)
    settings = ctx.settings
    return Response(payload=frame_final(ResultCode.OK, settings) + frame_info((report,), settings),
                    final=ResultCode.CONNECT)


def _ok_then(ctx: QContext, urc: str) -> Response:
    port = ctx.port
    port.after_response(lambda: port.unsolicited(urc))
    return OK


def ato(ctx: QContext, command: BasicCommand) -> Response:
    """``ATO``: back to online data state, or NO CARRIER."""
    if command.number not in (None, 0):
        raise unsupported()
    state = ctx.state
    ssid = state.suspended
    sock = None if ssid is None else state.socket(ssid)
    connection = None if sock is None else sock.connection()
    if ssid is None or connection is None:
        return Response(final=ResultCode.NO_CARRIER)
    go_online(ctx, ssid, connection)
    return Response(final=ResultCode.CONNECT)


BASIC: Final = {"O": ato}
"""The V.250 basic commands transparent mode adds."""
