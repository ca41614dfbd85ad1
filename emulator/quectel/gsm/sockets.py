"""What the SSL and plain TCP sockets share: opening in the background, announcing, closing.

quectel-gsm-ssl §1.3: SSL and plain TCP connections use one set of socket indexes (0-5); an
index in use by either cannot be opened again. Opening answers OK at once and reports the
result later by a URC (§2.2.2; §3.3 ``1, CONNECT OK``): the dial runs on a thread of its own,
and its result is applied under the module lock (``ModuleServices.resume``), to the state of
the module as it is then (a power cycle meanwhile drops the connection).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Final

from emulator.core.instance import Instance
from emulator.core.results import Response
from emulator.core.table import ModuleServices
from emulator.net.connection import Announce, Behaviour, DataConnection
from emulator.quectel.gsm.state import QContext, QuectelGsmState, Socket
from emulator.tls.client import TlsError, TlsLink

#: Payload packets matter in transparent (online) mode only, which the emulator does not enter.
_PACKET: Final = 1460


class DialFailed(Exception):
    """The connection could not be made (no address, refused, handshake failed)."""


def resolve(host: str, port: int) -> str:
    """The IPv4 address of ``host`` (what +QSSLRECV / +QIRD print); :class:`DialFailed`."""
    try:
        infos = socket.getaddrinfo(host, port, socket.AF_INET, socket.SOCK_STREAM)
    except OSError as error:
        raise DialFailed(f"cannot resolve {host}: {error}") from error
    return str(infos[0][4][0])


Dial = Callable[[], TlsLink]
"""Makes the link (blocking); raises :class:`DialFailed` or a TLS error."""


def open_in_background(ctx: QContext, sock: Socket, index: int, dial: Dial, *,
                       announce: Announce, peer_closed: Callable[[Instance], None] | None,
                       report: Callable[[bool], str]) -> None:
    """Reserve ``index`` for ``sock`` and dial on a thread; ``report(ok)`` is the URC text.

    The result URC is written before the connection's reader starts, so no data URC comes first.
    """
    state: QuectelGsmState = ctx.state
    state.sockets[index] = sock
    services: ModuleServices = ctx.services
    port = ctx.port
    scheduler = services.scheduler

    def run() -> None:
        link: TlsLink | None = None
        try:
            link = dial()
        except (DialFailed, TlsError, OSError):
            link = None

        def step(ctx: QContext) -> Response:
            current = state.sockets.get(index)
            if not state.powered or current is not sock:
                if link is not None:  # closed or power-cycled meanwhile
                    link.close(notify=False)
                if state.powered and current is None:
                    port.unsolicited(report(False))
                return Response(final=None)
            if link is None:
                del state.sockets[index]
                port.unsolicited(report(False))
                return Response(final=None)
            port.unsolicited(report(True))
            behaviour = Behaviour(packet=_PACKET, tx_timeout=None, max_idle=None,
                                  announce=announce, peer_closed=peer_closed)
            sock.link = DataConnection(link, port, scheduler, behaviour, online=False)
            return Response(final=None)

        services.resume(port, step)

    threading.Thread(target=run, name=f"emulator-quectel-dial-{index}", daemon=True).start()


def close(ctx: QContext, index: int, sock: Socket) -> None:
    """Close ``sock`` from the host's side and free its index."""
    ctx.state.sockets.pop(index, None)
    link, sock.link = sock.link, None
    if link is not None:
        with ctx.services.unlocked():
            link.close()
