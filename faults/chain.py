"""Several faults in a row: ``suite <-> first <-> second <-> ... <-> target``.

A :class:`Chain` has the driver side of :class:`~faults.base.Fault` (``on_to_target``, ``on_to_suite``,
``poll``, ``deadline``): bytes the suite writes go through the faults in order, bytes the target answers
in reverse order, and whatever a fault sends on is handed to its neighbour at once (a pause it asks for
is added to the pause of the first bytes it passes on the same way). An empty chain changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from faults.actions import Action, Direction, Send
from faults.base import Fault, Verdict
from faults.line import Line, LineSettings
from faults.registry import parse_fault


class Chain:
    """Faults in a row, driven as one."""

    def __init__(self, faults: Iterable[Fault] = ()) -> None:
        self.faults: tuple[Fault, ...] = tuple(faults)
        # Pauses a fault was handed with bytes it held back (a partial line): they delay its next bytes.
        self._owed: dict[tuple[int, Direction], float] = {}

    @property
    def names(self) -> tuple[str, ...]:
        """The faults' names, suite side first."""
        return tuple(f.name for f in self.faults)

    @property
    def line(self) -> Line | None:
        """The simulated line of the chain (:mod:`faults.line`), or ``None``: with one, the drivers deliver
        bytes towards the target on schedule too, not at once."""
        return next((f for f in self.faults if isinstance(f, Line)), None)

    @property
    def benign(self) -> bool:
        """Every fault of the chain is benign."""
        return all(f.benign for f in self.faults)

    @property
    def verdict(self) -> Verdict:
        """The expected verdict of the chain: the first fault's that is not benign, else must pass."""
        return next((f.verdict for f in self.faults if not f.benign), Verdict.MUST_PASS)

    def on_to_target(self, data: bytes, now: float) -> list[Action]:
        """Bytes the suite wrote."""
        return self._enter(0, Direction.TO_TARGET, data, now, 0.0)

    def on_to_suite(self, data: bytes, now: float) -> list[Action]:
        """Bytes the target answered."""
        return self._enter(len(self.faults) - 1, Direction.TO_SUITE, data, now, 0.0)

    def poll(self, now: float) -> list[Action]:
        """Let every fault whose deadline passed release what it holds."""
        out: list[Action] = []
        for index, fault in enumerate(self.faults):
            due = fault.deadline()
            if due is not None and due <= now:
                out += self._onwards(index, fault.poll(now), now, 0.0)
        return out

    def deadline(self) -> float | None:
        """The earliest deadline of the faults, or ``None``."""
        times = [t for t in (f.deadline() for f in self.faults) if t is not None]
        return min(times) if times else None

    def _enter(self, index: int, direction: Direction, data: bytes, now: float, after: float) -> list[Action]:
        # ``data`` reaches fault ``index`` travelling ``direction``; past either end it is delivered.
        if not 0 <= index < len(self.faults):
            return [Send(to=direction, data=data, after=after)] if data or after else []
        fault = self.faults[index]
        if direction is Direction.TO_TARGET:
            actions = fault.on_to_target(data, now)
        else:
            actions = fault.on_to_suite(data, now)
        return self._onwards(index, actions, now, after, direction)

    def _onwards(
        self, index: int, actions: Sequence[Action], now: float, after: float, came: Direction | None = None
    ) -> list[Action]:
        out: list[Action] = []
        carried = {d: self._owed.pop((index, d), 0.0) for d in Direction}
        if came is not None:
            carried[came] += after
        for action in actions:
            if not isinstance(action, Send):
                out.append(action)
                continue
            pause, carried[action.to] = carried[action.to] + action.after, 0.0
            if not action.data:
                carried[action.to] = pause  # a pause alone: it delays the next bytes that way
                continue
            step = 1 if action.to is Direction.TO_TARGET else -1
            out += self._enter(index + step, action.to, action.data, now, pause)
        for direction, pause in carried.items():
            if pause:
                self._owed[(index, direction)] = pause
        return out


def build(specs: Iterable[str], line: LineSettings | None = None) -> Chain:
    """A chain of the faults named by ``specs`` (``NAME[:ARG...]`` each), suite side first, behind a
    simulated :class:`~faults.line.Line` with ``line``'s rate and latency at the suite's end, if given."""
    faults: list[Fault] = [] if line is None else [Line(line)]
    faults += (parse_fault(spec) for spec in specs)
    return Chain(faults)
