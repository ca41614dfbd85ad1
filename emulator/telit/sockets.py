"""Who may touch which SSL socket: activation (#SSLEN) and ownership per AT instance.

telit-ssl-ug §4.1: "If <Enable> parameter is not set to 1, any attempt to set SSL parameters
fails"; §4.2.1/§4.2.2: a socket enabled on one AT instance cannot be used by another. D6 fixes
what "used" means (the set forms), D7 what the read forms print with several sockets.
"""

from __future__ import annotations

from emulator.telit.defects import OWNERSHIP_NOT_ENFORCED
from emulator.telit.errors import not_activated, resource_used
from emulator.telit.state import SslSocket, TelitContext, telit_state


def owned_by_other(ctx: TelitContext, socket: SslSocket) -> bool:
    """Whether another instance enabled ``socket`` and ownership is enforced."""
    if socket.owner is None or socket.owner == ctx.instance:
        return False
    return not ctx.has_defect(OWNERSHIP_NOT_ENFORCED)


def configurable(ctx: TelitContext, ssid: int, *, before_enable: bool = False) -> SslSocket:
    """The socket ``ssid`` if this instance may change its configuration.

    Not enabled: "SSL not activated" (unless ``before_enable``, a defect switch); enabled on
    another instance: "Resource used by another instance" (D6).
    """
    socket = telit_state(ctx).sockets[ssid]
    if socket.owner is None:
        if before_enable:
            return socket
        raise not_activated(ctx)
    if owned_by_other(ctx, socket):
        raise resource_used(ctx)
    return socket


def readable(ctx: TelitContext, *, before_enable: bool = False) -> list[tuple[int, SslSocket]]:
    """The sockets a read form reports: every enabled one, on any instance (D6, D7).

    None enabled: "SSL not activated" (§4.7.1.1), unless ``before_enable`` (a defect switch),
    which reports every socket.
    """
    sockets = sorted(telit_state(ctx).sockets.items())
    if before_enable:
        return sockets
    enabled = [(ssid, socket) for ssid, socket in sockets if socket.owner is not None]
    if not enabled:
        raise not_activated(ctx)
    return enabled
