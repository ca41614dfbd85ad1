"""Opening a socket in the background and closing it: what both Quectel documents share.

quectel-gsm-ssl §2.2.2 and quectel-ec200-ssl §2.2.2 (<access_mode> 0 and 1): opening answers OK
at once and reports the result later by a URC. The dial runs on a thread of its own, and its
result is applied under the module lock (``ModuleServices.resume``), to the state of the module
as it is then (a power cycle or a close meanwhile drops the connection).

A dialect's state offers ``sockets`` (index -> socket) and ``powered``; its sockets a ``link``
(:class:`~emulator.net.connection.DataConnection`, ``None`` while connecting).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any, Final, Protocol

from emulator.core.instance import Instance
from emulator.core.results import Response
from emulator.core.scheduler import Scheduler
from emulator.core.table import Context, ModuleServices
from emulator.net.connection import Announce, Behaviour, DataConnection
from emulator.tls.client import TlsError, TlsLink

#: Payload packets matter in transparent mode only, which a background dial never enters.
PACKET: Final = 1460


class DialFailed(Exception):
    """The connection could not be made (no address, refused, handshake failed)."""


class SocketLike(Protocol):
    """A socket of a dialect's state: its connection once open."""

    link: DataConnection | None


class SocketsState(Protocol):
    """What the shared code needs of a dialect's state."""

    powered: bool

    @property
    def sockets(self) -> dict[int, Any]:
        """The sockets in use, by index."""
        ...


def resolve(host: str, port: int) -> str:
    """The IPv4 address of ``host``; :class:`DialFailed` if it has none."""
    try:
        infos = socket.getaddrinfo(host, port, socket.AF_INET, socket.SOCK_STREAM)
    except OSError as error:
        raise DialFailed(f"cannot resolve {host}: {error}") from error
    return str(infos[0][4][0])


Dial = Callable[[], TlsLink]
"""Makes the link (blocking); raises :class:`DialFailed`, a TLS error or ``OSError``."""

Make = Callable[[TlsLink, Instance, Scheduler], DataConnection]
"""Builds the connection of a link that the dial made, for the instance that opened it."""

Report = Callable[[BaseException | None], str]
"""The result URC's text: ``None`` on success, else why the dial failed (or was abandoned:
:class:`DialFailed`)."""


def open_in_background(ctx: Context[SocketsState], sock: SocketLike, index: int, dial: Dial, *,
                       announce: Announce, peer_closed: Callable[[Instance], None] | None,
                       report: Report, make: Make | None = None) -> None:
    """Reserve ``index`` for ``sock`` and dial on a thread; ``report`` gives the result URC.

    The result URC is written before the connection's reader starts, so no data URC comes
    first. ``make`` builds the connection (under the module lock) when the dialect needs its own
    (``announce`` and ``peer_closed`` are then its business); by default a
    :class:`~emulator.net.connection.DataConnection` in command mode.
    """
    state = ctx.state
    state.sockets[index] = sock
    services: ModuleServices = ctx.services
    port = ctx.port
    scheduler = services.scheduler

    def run() -> None:
        link: TlsLink | None = None
        failure: BaseException | None = None
        try:
            link = dial()
        except (DialFailed, TlsError, OSError) as error:
            link, failure = None, error

        def step(ctx: Context[Any]) -> Response:
            current = state.sockets.get(index)
            if not state.powered or current is not sock:
                if link is not None:  # closed or power-cycled meanwhile
                    link.close(notify=False)
                if state.powered and current is None:
                    port.unsolicited(report(failure or DialFailed("closed while opening")))
                return Response(final=None)
            if link is None:
                del state.sockets[index]
                port.unsolicited(report(failure or DialFailed("no link")))
                return Response(final=None)
            port.unsolicited(report(None))
            if make is not None:
                sock.link = make(link, port, scheduler)
                return Response(final=None)
            behaviour = Behaviour(packet=PACKET, tx_timeout=None, max_idle=None,
                                  announce=announce, peer_closed=peer_closed)
            sock.link = DataConnection(link, port, scheduler, behaviour, online=False)
            return Response(final=None)

        services.resume(port, step)

    threading.Thread(target=run, name=f"emulator-quectel-dial-{index}", daemon=True).start()


def close(ctx: Context[SocketsState], index: int, sock: SocketLike) -> None:
    """Close ``sock`` from the host's side and free its index."""
    ctx.state.sockets.pop(index, None)
    link, sock.link = sock.link, None
    if link is not None:
        with ctx.services.unlocked():
            link.close()


class Powered(Protocol):
    """What :func:`power_off` needs of a Quectel dialect's state: its sockets and the links left behind."""

    powered: bool
    sockets: dict[int, Any]
    leaked: list[Any]


def power_off(state: Powered) -> None:
    """Drop every connection; a handshake still running finds ``powered`` false and drops its."""
    state.powered = False
    sockets, state.sockets = list(state.sockets.values()), {}
    leaked, state.leaked = state.leaked, []
    for leak in leaked:
        leak.drop()
    for sock in sockets:
        link, sock.link = sock.link, None
        if link is not None:
            link.drop()
