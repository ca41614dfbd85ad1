"""+QSSLURC (quectel-ec200-ssl §2.3): "recv" in buffer access and direct push mode, "closed".

- Buffer access mode (§1.4 1., §2.3.1): ``+QSSLURC: "recv",<clientID>`` when data arrives into
  an empty buffer; not again until everything was read (the document does not say whether it
  repeats: the emulator announces an empty buffer's first bytes, as Quectel's TCP/IP notes do).
- Direct push mode (§1.4 2., §2.3.1): ``+QSSLURC: "recv",<clientID>,<current_recvlength>`` CR LF
  and exactly that many bytes, at most 1500 per URC (the largest <readlen>, §2.2.4).
- ``+QSSLURC: "closed",<clientID>`` (§2.3.2) once the server closed and, in buffer access mode,
  everything was read; the socket stays "closing" until +QSSLCLOSE.
- Transparent transmission mode (§1.4 3.): the data goes to the port; the server's close ends
  the mode with NO CARRIER (§3.5.1); after ``+++`` the connection is in buffer access mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from emulator.core.instance import Instance
from emulator.net.connection import Announce
from emulator.quectel.ec200.defects import BUFFER_URC_MISSING, CLOSED_URC_MISSING, PUSH_WRONG_LENGTH
from emulator.quectel.ec200.state import Mode, QContext

#: The most bytes one direct-push URC carries.
PUSH_LIMIT: Final = 1500


def closed_urc(client_id: int) -> str:
    """§2.3.2."""
    return f'+QSSLURC: "closed",{client_id}'


def announce(ctx: QContext, client_id: int, mode: Mode) -> Announce:
    """How received data is told in ``mode`` (transparent: buffer access once ``+++`` left it)."""
    if mode is Mode.PUSH:
        extra = 1 if ctx.has_defect(PUSH_WRONG_LENGTH) else 0
        return Announce(push=lambda n: f'+QSSLURC: "recv",{client_id},{n + extra}',
                        push_limit=PUSH_LIMIT, inline=False)
    if ctx.has_defect(BUFFER_URC_MISSING):
        return Announce()  # defect: the bytes wait unannounced
    return Announce(count=lambda n: f'+QSSLURC: "recv",{client_id}', repeat=False)


def peer_closed(ctx: QContext, client_id: int) -> Callable[[Instance], None] | None:
    """The report of the server's close in buffer access and direct push mode."""
    if ctx.has_defect(CLOSED_URC_MISSING):
        return None
    return lambda port: port.unsolicited(closed_urc(client_id))
