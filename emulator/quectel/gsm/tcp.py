"""The plain TCP commands of §3.3 (quectel-gsm-ssl §1.3, §3.3), as far as the example needs them.

The document leaves their syntax to the Mxx AT Commands Manual; the emulator does what §3.3
shows, with several sessions (+QIMUX=1) only:

- ``AT+QIOPEN=<index>,"TCP","<address>",<port>``: OK, then ``<index>, CONNECT OK`` (or
  ``<index>, CONNECT FAIL``); an index in use by an SSL or TCP socket: ``<index>, ALREADY
  CONNECT`` (§1.3 forbids sharing an index).
- ``AT+QISEND=<index>[,<length>]``: ``> ``, the data, ``SEND OK`` (as +QSSLSEND).
- ``+QIRDI: <id>,<sc>,<sid>`` when data arrives into an empty buffer and +QINDI is 1.
- ``AT+QIRD=<id>,<sc>,<sid>,<len>``: ``+QIRD: <ip>:<port>,TCP,<n>``, CR LF, the bytes, OK.
- ``AT+QICLOSE=<index>``: ``<index>, CLOSE OK``.

The connection is a plain socket behind the same :class:`~emulator.net.connection.DataConnection`
as the SSL ones: :class:`_PlainConnection` gives :class:`~emulator.tls.client.TlsLink` the few
calls it makes of a TLS connection.
"""

from __future__ import annotations

import contextlib
import socket
from typing import Any, Final

from emulator.core.errors import PlainError
from emulator.core.params import Args, Choice, parse_int
from emulator.core.results import OK, Response, ResultCode, final
from emulator.core.table import CommandSpec
from emulator.net.connection import Announce, NotConnected
from emulator.quectel.common.sockets import close, open_in_background, resolve
from emulator.quectel.gsm.bearer import is_active
from emulator.quectel.gsm.state import QContext, QuectelGsmState, Socket
from emulator.quectel.gsm.transfer import LIMIT, prompt_for
from emulator.tls.client import TlsLink, dial_tcp

INDEXES: Final = Choice.span(0, 5)
PORTS: Final = Choice.span(1, 65535)
LENGTHS: Final = Choice.span(1, LIMIT)
READ_LENGTHS: Final = Choice.span(1, 1500)
_CLIENT = 1  # +QIRDI <sc>: the module acts as the client (§3.3)


class _NoSession:
    cipherSuite = 0
    serverCertChain = None
    resumable = False


class _PlainConnection:
    """The calls :class:`TlsLink` makes of a tlslite-ng connection, on a plain socket."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.session = _NoSession()
        self.version = (0, 0)
        self.resumed = False

    def read(self, max: int, min: int = 1) -> bytes:
        return self._sock.recv(max)

    def write(self, data: Any) -> None:
        self._sock.sendall(bytes(data))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_WR)


def plain_link(host: str, port: int, timeout: float) -> TlsLink:
    """A TCP connection wrapped as a :class:`TlsLink` (no TLS)."""
    sock = dial_tcp(host, port, timeout=timeout)
    return TlsLink(sock, _PlainConnection(sock))


#: How long a plain dial waits (the document gives no <timeout> to +QIOPEN).
DIAL_TIMEOUT: Final = 10.0


def _ints(args: Args, *choices: Choice) -> list[int]:
    if len(args) != len(choices):
        raise PlainError("parameter count")
    values: list[int] = []
    for arg, choice in zip(args, choices, strict=True):
        value = None if arg is None else parse_int(arg)
        if value is None or value not in choice:
            raise PlainError(f"not in {choice}")
        values.append(value)
    return values


def _tcp(state: QuectelGsmState, index: int) -> Socket:
    sock = state.socket(index)
    if sock is None or sock.ssl:
        raise PlainError("no TCP connection")
    return sock


def qiopen_set(ctx: QContext, args: Args) -> Response:
    """OK, then ``<index>, CONNECT OK`` / ``CONNECT FAIL`` / ``ALREADY CONNECT``."""
    state = ctx.state
    if len(args) != 4 or args[1] is None or args[2] is None or not args[2].text:
        raise PlainError("<index>,\"TCP\",<address>,<port>")
    if state.mux != 1 or not is_active(state) or args[1].text.upper() != "TCP":
        raise PlainError("several sessions, an active context and TCP only")
    index = _ints(args[:1], INDEXES)[0]
    port_number = _ints(args[3:], PORTS)[0]
    host = args[2].text
    instance = ctx.port
    if state.socket(index) is not None:
        instance.after_response(lambda: instance.unsolicited(f"{index}, ALREADY CONNECT"))
        return OK
    cid = state.foreground
    sock = Socket(ssl=False, host=host, address="", port=port_number, cid=cid)

    def dial() -> TlsLink:
        sock.address = resolve(host, port_number)
        return plain_link(sock.address, port_number, DIAL_TIMEOUT)

    indi = state.indi
    announce = Announce(count=lambda n: f"+QIRDI: {cid},{_CLIENT},{index}",
                        repeat=False) if indi == 1 else Announce()
    open_in_background(ctx, sock, index, dial, announce=announce,
                       peer_closed=lambda p: p.unsolicited(f"{index}, CLOSED"),
                       report=lambda failure: f"{index}, CONNECT {'OK' if failure is None else 'FAIL'}")
    return OK


def qisend_set(ctx: QContext, args: Args) -> Response:
    """``> ``, then the data."""
    if not 1 <= len(args) <= 2:
        raise PlainError("one or two parameters")
    values = _ints(args, INDEXES, LENGTHS)[:len(args)] if len(args) == 2 else _ints(args, INDEXES)
    connection = _tcp(ctx.state, values[0]).connection()
    if connection is None:
        raise PlainError("not connected")
    return prompt_for(ctx, connection, values[1] if len(values) == 2 else None)


def qird_set(ctx: QContext, args: Args) -> Response:
    """``+QIRD: <ip>:<port>,TCP,<n>``, the bytes, OK; OK alone when nothing waits."""
    _cid, _sc, index, length = _ints(args, Choice.of(0, 1), Choice.of(1), INDEXES, READ_LENGTHS)
    sock = _tcp(ctx.state, index)
    if sock.link is None:
        raise PlainError("not connected")
    try:
        data = sock.link.recv(length, 0.0)
    except NotConnected:
        raise PlainError("closed, nothing left") from None
    if not data:
        return OK
    return Response(lines=(f"+QIRD: {sock.address}:{sock.port},TCP,{len(data)}",), payload=data)


def qiclose_set(ctx: QContext, args: Args) -> Response:
    """``<index>, CLOSE OK``."""
    index = _ints(args, INDEXES)[0]
    close(ctx, index, _tcp(ctx.state, index))
    return final(ResultCode(f"{index}, CLOSE OK"))


SPECS: Final[tuple[CommandSpec[QuectelGsmState], ...]] = (
    CommandSpec(name="+QIOPEN", set=qiopen_set),
    CommandSpec(name="+QISEND", set=qisend_set),
    CommandSpec(name="+QIRD", set=qird_set),
    CommandSpec(name="+QICLOSE", set=qiclose_set),
)


