"""Faults that change when bytes arrive, not what they are: byte-by-byte delivery, latency, sleep.

A host must not depend on how the answer is cut into reads (V.250 says nothing about timing inside a
response), nor on an answer faster than its deadline (the suite's ``--at-timeout``, 5 s by default).
"""

from __future__ import annotations

from faults.actions import Action, Note, to_suite, to_target
from faults.base import Fault, Verdict
from faults.stream import Kind, Piece

#: The suite's default deadline for one command (README: ``--at-timeout``, 5 s): a fault that delays an
#: answer at least this long makes the target silent as far as the suite can tell.
SUITE_DEADLINE_MS = 5000


class SplitBytes(Fault):
    """Deliver every byte from the target on its own, ``ms`` milliseconds after the one before."""

    benign = True
    verdict = Verdict.MUST_PASS

    def __init__(self, ms: int = 1) -> None:
        super().__init__()
        self.ms = ms

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        pause = self.ms / 1000
        return [to_suite(bytes([byte]), after=pause) for byte in piece.data]


class Slow(Fault):
    """Delay every response by ``ms`` milliseconds (its first byte, and everything behind it).

    Benign while ``ms`` is under :data:`SUITE_DEADLINE_MS`; at or over it the suite sees a silent target.
    """

    def __init__(self, ms: int) -> None:
        super().__init__()
        self.ms = ms
        self.benign = ms < SUITE_DEADLINE_MS
        self.verdict = Verdict.MUST_PASS if self.benign else Verdict.TARGET_SILENT

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        return [to_suite(piece.data, after=self.ms / 1000 if piece.first else 0.0)]


class NeedsWakeup(Fault):
    """Ignore the first command line after the link opens (no echo, no answer: the module was asleep
    and lost it), and, with ``idle_ms``, the first one after that long without traffic either way.

    Benign for a host that wakes the module with a spare ``AT`` and a short deadline before it starts.
    """

    benign = True
    verdict = Verdict.MUST_PASS

    def __init__(self, idle_ms: int | None = None) -> None:
        super().__init__()
        self.idle_ms = idle_ms
        self.asleep = True
        self._last: float | None = None
        self._line_asleep = False
        self._in_line = False

    def outgoing(self, piece: Piece, now: float) -> list[Action]:
        if piece.kind in (Kind.COMMAND, Kind.END):
            if not self._in_line:
                idle = (
                    self.idle_ms is not None and self._last is not None and now - self._last >= self.idle_ms / 1000
                )
                self._line_asleep = self.asleep or idle
                self._in_line = True
            if piece.kind is Kind.END:
                self._in_line = False
            if self._line_asleep:
                if piece.kind is Kind.END:
                    self.asleep = False
                    self._last = now
                    return [Note(text=f"needs-wakeup: asleep, ignored {piece.text!r}")]
                return []
        self._last = now
        return [to_target(piece.data)]

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        self._last = now
        return [to_suite(piece.data)]
