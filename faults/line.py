"""A simulated line: bytes paced at a UART's rate, and a radio link's latency, both ways.

``emulator://telit/he910?baud=115200&latency=30ms`` and ``python -m faults ... --baud 115200 --latency
30ms`` put a :class:`Line` at the suite's end of the fault chain (:func:`faults.chain.build`), so the
same sans-I/O schedule serves both drivers:

- each direction is a :class:`Wire`: a byte takes :data:`BITS_PER_BYTE` bit times to leave the
  transmitter (8N1: a start bit, 8 data bits, a stop bit), one after the other; bytes given while the
  wire is busy wait behind it;
- a byte arrives ``latency`` seconds after it left the transmitter (one way: a round trip pays it
  twice, as a radio link does);
- bytes are delivered in slices of at most :data:`SLICE` bytes, each when its last byte has arrived
  (a 16550-style receive FIFO), so that a long transfer arrives progressively, not at its end.

A :class:`Line` is not a fault: it changes no byte and is benign; it is not in the registry of named
faults. The driver learns when the suite's bytes have left the wire from :meth:`Line.drained_at`
(the URL handler's ``flush`` waits for it, as ``tcdrain`` does on a real serial port).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from faults.actions import Action, Direction, Send
from faults.base import Fault, Verdict

#: Bit times per byte on the wire: 8N1 framing (start bit, 8 data bits, stop bit).
BITS_PER_BYTE: Final = 10
#: At most this many bytes are delivered at once (the receive FIFO of a 16550 UART).
SLICE: Final = 16
#: The forms a latency takes, for error messages.
LATENCY_FORMS: Final = "a number with a unit: 30ms, 0.03s, 500us (or 0)"
BAUD_FORMS: Final = "a whole number of bits per second > 0, e.g. 9600 or 115200"

_DURATION = re.compile(r"(?P<value>\d+(?:\.\d*)?|\.\d+)(?P<unit>s|ms|us)")
_UNITS: Final = {"s": 1.0, "ms": 1e-3, "us": 1e-6}
#: A latency above this is a typo, not a link (a geostationary hop is about 0.25 s one way).
MAX_LATENCY: Final = 60.0


class LineSyntaxError(ValueError):
    """A ``baud`` or ``latency`` option has a bad value; the message names the valid forms."""


@dataclass(frozen=True, kw_only=True)
class LineSettings:
    """The line's rate and latency. ``baud`` ``None``: no pacing (bytes take no time), latency only."""

    baud: int | None = None
    #: One way, in seconds.
    latency: float = 0.0

    @property
    def byte_time(self) -> float:
        """Seconds one byte occupies the wire (0 without a rate)."""
        return 0.0 if self.baud is None else BITS_PER_BYTE / self.baud

    def describe(self) -> str:
        """``115200 baud, 30 ms`` (for names and logs)."""
        rate = "unpaced" if self.baud is None else f"{self.baud} baud"
        return f"{rate}, {self.latency * 1000:g} ms"


def parse_baud(text: str) -> int:
    """``"115200"`` -> 115200; :class:`LineSyntaxError` names the valid forms."""
    raw = text.strip()
    if not (raw.isascii() and raw.isdigit()) or int(raw) <= 0:
        raise LineSyntaxError(f"baud must be {BAUD_FORMS}; got {text!r}")
    return int(raw)


def parse_latency(text: str) -> float:
    """``"30ms"`` -> 0.03 (seconds); ``"0"`` -> 0. :class:`LineSyntaxError` names the valid forms."""
    raw = text.strip()
    if raw == "0":
        return 0.0
    m = _DURATION.fullmatch(raw)
    if m is None:
        raise LineSyntaxError(f"latency must be {LATENCY_FORMS}; got {text!r}")
    seconds = float(m.group("value")) * _UNITS[m.group("unit")]
    if seconds > MAX_LATENCY:
        raise LineSyntaxError(f"latency must be at most {MAX_LATENCY:g}s ({LATENCY_FORMS}); got {text!r}")
    return seconds


def parse_line(baud: str | None, latency: str | None) -> LineSettings | None:
    """The settings named by the ``baud`` and ``latency`` options (either may be absent), or ``None``
    when both are absent (no line: the link is as fast as the machine)."""
    if baud is None and latency is None:
        return None
    return LineSettings(baud=None if baud is None else parse_baud(baud),
                        latency=0.0 if latency is None else parse_latency(latency))


class Wire:
    """One direction of the line: when each byte given to it arrives (sans-I/O)."""

    def __init__(self, settings: LineSettings) -> None:
        self.settings = settings
        #: When the transmitter finishes the last byte it was given (monotonic seconds).
        self.free = float("-inf")

    def send(self, now: float, size: int) -> list[tuple[float, int]]:
        """Transmit ``size`` bytes given at ``now``: ``(arrival time, byte count)`` of each slice, in order.

        The first byte starts when the wire is free (``max(now, free)``); byte ``k`` (1-based) has left at
        ``start + k * byte_time`` and arrives ``latency`` later; a slice arrives with its last byte.
        """
        if size <= 0:
            return []
        start = max(now, self.free)
        step = self.settings.byte_time
        self.free = start + size * step
        if step == 0.0:
            return [(start + self.settings.latency, size)]
        out: list[tuple[float, int]] = []
        sent = 0
        while sent < size:
            count = min(SLICE, size - sent)
            sent += count
            out.append((start + sent * step + self.settings.latency, count))
        return out


class Line(Fault):
    """The line as a chain element (first in the chain: the suite's end); see the module docstring."""

    benign = True
    verdict = Verdict.MUST_PASS

    def __init__(self, settings: LineSettings) -> None:
        super().__init__()
        self.settings = settings
        self.name = f"line({settings.describe()})"
        self.up = Wire(settings)  # suite -> target
        self.down = Wire(settings)  # target -> suite
        self._last = {d: float("-inf") for d in Direction}

    def drained_at(self) -> float:
        """When the last byte the suite wrote has left the suite's transmitter (``tcdrain``)."""
        return self.up.free

    def on_to_target(self, data: bytes, now: float) -> list[Action]:
        """The suite's bytes, paced towards the target."""
        return self._pace(Direction.TO_TARGET, self.up, data, now)

    def on_to_suite(self, data: bytes, now: float) -> list[Action]:
        """The target's bytes, paced towards the suite."""
        return self._pace(Direction.TO_SUITE, self.down, data, now)

    def poll(self, now: float) -> list[Action]:
        """Nothing held: the schedule is in the pauses of the :class:`Send` actions."""
        return []

    def deadline(self) -> float | None:
        """No timer of its own."""
        return None

    def _pace(self, direction: Direction, wire: Wire, data: bytes, now: float) -> list[Action]:
        # A Send's pause counts from the later of "now" and the previous bytes' delivery the same way
        # (faults.actions.Send, faults.Outbox): turn each slice's arrival time into such a pause.
        out: list[Action] = []
        offset = 0
        for at, count in wire.send(now, len(data)):
            after = max(0.0, at - max(now, self._last[direction]))
            self._last[direction] = max(at, self._last[direction])
            out.append(Send(to=direction, data=data[offset : offset + count], after=after))
            offset += count
        return out
