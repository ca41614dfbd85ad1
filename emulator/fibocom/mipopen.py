"""+MIPOPEN: open a socket, here an SSL one (fibocom-l610-ssl §2 Examples 1-5).

``AT+MIPOPEN=<Socket_ID>,[<Source_Port>],<Remote_IP>,<Remote_Port>,<Protocol>``: the examples use
<Protocol> 2, SSL (``at+mipopen=1,,"www.baidu.com",443,2``); 0 and 1 (TCP, UDP in Fibocom's
other manuals) are outside the document and refused with ERROR, as are a socket in use, an
empty host and no active bearer (+MIPCALL). Otherwise OK at once; the dial and the handshake run
in the background and end with ``+MIPOPEN: <Socket_ID>,1`` (connected) or
``+MIPOPEN: <Socket_ID>,0`` (failed, the code in +GTSSLERR). The document prints the failure
``+MIPOPEN 1.0`` (Example 2) and ``+MIPOPEN 1,0`` (Example 3): the emulator prints the success
form's shape (emulator/README.md). The test form prints the ranges.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Final

from emulator.core.errors import unsupported
from emulator.core.instance import Instance
from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg, str_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec, ModuleServices
from emulator.fibocom import dial
from emulator.fibocom.defects import ERR_STALE, MIPOPEN_URC_FIRST
from emulator.fibocom.errors import GtSslErr, not_allowed
from emulator.fibocom.state import FibocomContext, FibocomState
from emulator.net.connection import Behaviour, DataConnection
from emulator.tls.client import ClientConfig, ConnectError, HandshakeError, TlsLink, connect

SOURCE_PORTS: Final = Choice.span(0, 65535)
PORTS: Final = Choice.span(1, 65535)
SSL: Final = 2
PROTOCOLS: Final = Choice.of(SSL)



def socket_ids(ctx: FibocomContext) -> Choice:
    """<Socket_ID>: 1 to the product's socket count."""
    return Choice.span(1, len(ctx.state.sockets))


def set_(ctx: FibocomContext, args: Args) -> Response:
    """Check, answer OK, dial after the answer."""
    check_count(args, 5, 5)
    number = int_arg(args, 0, socket_ids(ctx))
    opt_int_arg(args, 1, SOURCE_PORTS)  # any local port: the emulator's own
    host = str_arg(args, 2)
    if not host:
        raise unsupported()
    port = int_arg(args, 3, PORTS)
    int_arg(args, 4, PROTOCOLS)
    state = ctx.state
    socket = state.sockets[number]
    if state.address is None or socket.busy:
        raise not_allowed()
    instance = ctx.port
    try:
        config = dial.client_config(ctx, host)
    except dial.DialRefused as refused:
        # Nothing to dial: the failure is known now, reported like any other after OK.
        _record(ctx.state, ctx.has_defect(ERR_STALE), refused.code)
        failed = f"+MIPOPEN: {number},0"
        if ctx.has_defect(MIPOPEN_URC_FIRST):  # benign defect: the result before OK
            return info(failed)
        instance.after_response(lambda: instance.unsolicited(failed))
        return OK
    socket.opening = True
    job = _Dial(ctx.services, instance, number, host, port, config, dial.behaviour(ctx, number),
                stale=ctx.has_defect(ERR_STALE))
    if ctx.has_defect(MIPOPEN_URC_FIRST):
        # Benign defect: firmware that answers once the handshake is over, the result before OK.
        with ctx.services.unlocked():
            link, code = job.connect()
        outcome = job.finish(ctx, link, code)
        if outcome is None:
            return OK
        urc, start = outcome
        start()  # what the connection announces waits for the answer's end (busy)
        return info(urc)
    instance.after_response(job.start)
    return OK


def _record(state: FibocomState, stale: bool, code: GtSslErr | None) -> None:
    # §1.3.2: the code of the last connection; a connection without error clears it (defect:
    # it does not).
    if code is not None or not stale:
        state.last_error = None if code is None else int(code)


class _Dial:
    """One dial in the background: TCP, handshake, then the URC and the connection."""

    def __init__(self, services: ModuleServices, port: Instance, number: int, host: str,
                 remote: int, config: ClientConfig, behaviour: Behaviour, *, stale: bool) -> None:
        self._services = services
        self._port = port
        self._number = number
        self._host = host
        self._remote = remote
        self._config = config
        self._behaviour = behaviour
        self._stale = stale

    def start(self) -> None:
        """Run on a thread of its own (the answer OK is written)."""
        threading.Thread(target=self._run, name="emulator-fibocom-dial", daemon=True).start()

    def connect(self) -> tuple[TlsLink | None, GtSslErr | None]:
        """TCP and the handshake (no lock held): the link, or the failure's code."""
        try:
            return connect(self._host, self._remote, self._config,
                           timeout=dial.HANDSHAKE_TIMEOUT), None
        except (ConnectError, HandshakeError) as error:
            return None, dial.failure_code(error)

    def _run(self) -> None:
        link, code = self.connect()

        def step(ctx: FibocomContext) -> Response:
            outcome = self.finish(ctx, link, code)
            if outcome is not None:
                urc, start = outcome
                # The URC before the connection starts: data announced by it follows the URC.
                self._port.unsolicited(urc)
                start()
            return Response(final=None)

        self._services.resume(self._port, step)

    def finish(self, ctx: FibocomContext, link: TlsLink | None,
               code: GtSslErr | None) -> tuple[str, Callable[[], None]] | None:
        """Record the outcome (module lock held): the result URC and what starts the
        connection (the caller writes the URC first), or None when the socket was given up
        meanwhile."""
        state = ctx.state
        socket = state.sockets[self._number]
        if state.off or not socket.opening:  # switched off, or the bearer went down meanwhile
            if link is not None:
                link.close(notify=False)
            return None
        socket.opening = False
        _record(state, self._stale, code)
        port, scheduler, behaviour = self._port, ctx.services.scheduler, self._behaviour

        def start() -> None:
            if link is not None:
                socket.link = DataConnection(link, port, scheduler, behaviour, online=False)

        return f"+MIPOPEN: {self._number},{int(link is not None)}", start


def test(ctx: FibocomContext, args: Args) -> Response:
    """``+MIPOPEN: (1-4),(0-65535),,(1-65535),(2)``."""
    return info(f"+MIPOPEN: {socket_ids(ctx)},{SOURCE_PORTS},,{PORTS},{PROTOCOLS}")


SPEC = CommandSpec(name="+MIPOPEN", set=set_, test=test)
