"""When each byte a fault sent may be delivered: a small sans-I/O schedule shared by both drivers."""

from __future__ import annotations

from collections import deque


class Outbox:
    """Bytes waiting for their delivery time, in order.

    :meth:`push` schedules bytes ``after`` seconds past the later of ``now`` and the previous bytes'
    delivery time (see :class:`faults.actions.Send`); :meth:`take_due` returns what is due.
    """

    def __init__(self) -> None:
        self._queue: deque[tuple[float, bytes]] = deque()
        self._last = float("-inf")

    def push(self, now: float, after: float, data: bytes) -> None:
        """Schedule ``data`` (empty bytes are a pause for what comes next)."""
        at = max(now, self._last) + after
        self._last = at
        if data:
            self._queue.append((at, data))

    def take_due(self, now: float) -> bytes:
        """Every byte due at ``now``, joined."""
        out = bytearray()
        while self._queue and self._queue[0][0] <= now:
            out += self._queue.popleft()[1]
        return bytes(out)

    def next_due(self) -> float | None:
        """When the next bytes are due, or ``None`` if nothing waits."""
        return self._queue[0][0] if self._queue else None

    def clear(self) -> None:
        """Forget everything scheduled."""
        self._queue.clear()
        self._last = float("-inf")

    def __len__(self) -> int:
        """How many bytes wait."""
        return sum(len(data) for _, data in self._queue)
