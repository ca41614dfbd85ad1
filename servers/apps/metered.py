"""A connection as an app stream: bytes counted into the connection's record, each read bounded by the idle
deadline and each write by its size.

A write's deadline is the idle bound plus the time its bytes take to drain at :data:`DRAIN_RATE`: a module read
over a slow line keeps the app's writes blocked far longer than it is ever idle (issue 15: a 64 KiB echo drained
through a 2 kB/s link takes half a minute, and a farm that bounded writes by the idle deadline closed it).
"""

from __future__ import annotations

from typing import Final, Protocol

from ..recorder import Draft

__all__ = ["DRAIN_RATE", "Metered", "write_deadline"]

#: The slowest a write may drain, bytes a second (a 1200-baud line moves 120; 9600 baud about 960).
DRAIN_RATE: Final = 100.0


class Connection(Protocol):
    """What :class:`Metered` needs: a socket, or a TLS session of the endpoints."""

    def recv(self, size: int) -> bytes: ...
    def sendall(self, data: bytes) -> None: ...
    def settimeout(self, seconds: float | None) -> None: ...


def write_deadline(idle: float, size: int, rate: float = DRAIN_RATE) -> float:
    """How long a write of ``size`` bytes may block: ``idle`` plus its drain at ``rate`` bytes a second."""
    return idle + size / rate


class Metered:
    """``conn`` as a :class:`~servers.apps.run.Stream` counting into ``draft``; ``TimeoutError`` when a read
    waits ``idle`` seconds or a write outlives :func:`write_deadline`."""

    def __init__(self, conn: Connection, draft: Draft, idle: float) -> None:
        self._conn = conn
        self._draft = draft
        self.idle = idle

    def recv(self, size: int) -> bytes:
        """Up to ``size`` bytes within the idle deadline; ``b""`` at the end of the stream."""
        self._conn.settimeout(self.idle)
        data = self._conn.recv(size)
        self._draft.bytes_received += len(data)
        return data

    def sendall(self, data: bytes) -> None:
        """All of ``data``, within its write deadline."""
        self._conn.settimeout(write_deadline(self.idle, len(data)))
        self._conn.sendall(data)
        self._draft.bytes_sent += len(data)
