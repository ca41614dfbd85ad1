"""Recognise the ``+++`` escape from online data state (docs/DECISIONS-issue4.md D18).

Pure logic fed with timestamps, no threads: the instance calls :meth:`EscapeDetector.feed`
with each chunk the DTE sends and :meth:`EscapeDetector.expire` when the guard time after a
held ``+`` has passed (it arms a timer for :attr:`FeedResult.check_after`).

The escape is three ``+`` with the guard time (S12, 1/50 s units) of silence before the
first and after the last. A ``+`` that may start an escape is held back, not forwarded; it
becomes data again as soon as anything breaks the pattern (another byte, a fourth ``+``, or
silence after only one or two of them). Without the guard times, ``+++`` is data (D18).

``guard_required=False`` honours ``+++`` wherever it appears, at once: a deliberate defect
switch of a dialect, never the documented behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass

_PLUS = ord("+")
_ESCAPE_LENGTH = 3


@dataclass(frozen=True, kw_only=True)
class FeedResult:
    """What to do with one chunk.

    ``forward``: bytes that are data, in order. ``escape_at``: the escape happened at once
    (only without guard times) and the chunk's bytes from this index on belong to command
    state. ``check_after``: call :meth:`EscapeDetector.expire` after this many seconds of
    silence (``None``: no timer needed).
    """

    forward: bytes
    escape_at: int | None = None
    check_after: float | None = None


@dataclass(frozen=True, kw_only=True)
class Expiry:
    """Outcome of a quiet guard time: ``escape``, or ``release`` held ``+`` bytes as data."""

    escape: bool
    release: bytes = b""


class EscapeDetector:
    """Tracks the DTE's bytes in online data state to find a guarded ``+++``."""

    def __init__(self, *, guard: float, now: float, guard_required: bool = True) -> None:
        self.guard = guard
        self.guard_required = guard_required
        # Entering data state counts as the start of the silence before an escape.
        self._last = now
        self._held = 0

    @property
    def held(self) -> int:
        """How many ``+`` are held back as a possible escape."""
        return self._held

    def feed(self, data: bytes, now: float) -> FeedResult:
        """Classify ``data`` received at ``now`` (a monotonic time in seconds)."""
        out = bytearray()
        for index, byte in enumerate(data):
            silent_before = now - self._last >= self.guard
            self._last = now
            if byte == _PLUS and (self._held or silent_before or not self.guard_required):
                self._held += 1
                if self._held < _ESCAPE_LENGTH:
                    continue
                if not self.guard_required:
                    self._held = 0
                    return FeedResult(forward=bytes(out), escape_at=index + 1)
                if self._held == _ESCAPE_LENGTH:
                    continue
                # A fourth '+': this was no escape.
                out += b"+" * self._held
                self._held = 0
                continue
            if self._held:
                out += b"+" * self._held
                self._held = 0
            out.append(byte)
        # A held '+' must not wait for ever: after a quiet guard time it is decided.
        check = self.guard if self._held else None
        return FeedResult(forward=bytes(out), check_after=check)

    def expire(self, now: float) -> Expiry | None:
        """The timer armed by :meth:`feed` fired; ``None`` if bytes came since (stale timer)."""
        if not self._held or now - self._last < self.guard:
            return None
        held, self._held = self._held, 0
        if held == _ESCAPE_LENGTH and self.guard_required:
            return Expiry(escape=True)
        return Expiry(escape=False, release=b"+" * held)
