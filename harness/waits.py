"""How long the suite waits for what the network causes: the server's bytes arriving, a URC after the far end
acted, a connection coming up.

A test names the wait a real network needs (``modem.waits.network(10)``: ten seconds for an echo over a
cellular link); :class:`Waits` turns it into the deadline for this target:

- on a real module, that figure, plus the line's time when the link's rate is known;
- on the embedded emulator, whose "network" is this machine's loopback, at most :data:`LOOPBACK_CAP` seconds
  (an echo there takes milliseconds; a wait of 30 s only made a broken module's run long), plus the line's
  time: the simulated line (``emulator://…?baud=115200&latency=30ms``) paces every byte, and no deadline may
  be shorter than the line needs (issue 15).

A negative control listens for what must not come (``modem.waits.quiet(2)``): on loopback half a second.

Waits the documents mandate (a guard time, the module's configured timeout, an upload's input timeout) are not
network waits: tests derive those from the module's settings and never pass them through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

__all__ = ["LOOPBACK_BYTE_TIME", "LOOPBACK_CAP", "LOOPBACK_QUIET", "TURN_BYTES", "Waits", "for_url", "parse_latency"]

#: The longest a network event may take when the network is this machine's loopback: far above what it takes
#: (milliseconds), with room for a loaded 2-core machine running six suites at once.
LOOPBACK_CAP: Final = 4.0
#: How long to listen for what must not come when the network is loopback: what a module sends there arrives in
#: milliseconds, so half a second tells "nothing came" as surely as the seconds a real network needs.
LOOPBACK_QUIET: Final = 0.5
#: Seconds per byte assumed on the embedded emulator's link when no line rate is given (50 kB/s: well below
#: what the in-process link moves even on a loaded machine), so that a bulk transfer's wait grows with it.
LOOPBACK_BYTE_TIME: Final = 1 / 50_000
#: Bytes one command/answer turn puts on the line besides its data: the command and its echo, an information
#: header (the answer's "<command>: <count>" line), the result code, their line ends.
TURN_BYTES: Final = 64
#: Bits on the line per byte: a start bit, eight data bits, a stop bit (8N1).
BITS_PER_BYTE: Final = 10
#: Exchanges a network wait spans on the line: the command out and its answer back, the data out and back.
_CROSSINGS: Final = 4

#: The simulated line's latency forms (faults/line.py, which the harness does not import): 30ms, 0.03s, 500us, 0.
_DURATION = re.compile(r"(?P<value>\d+(?:\.\d*)?|\.\d+)(?P<unit>s|ms|us)")
_UNITS: Final = {"s": 1.0, "ms": 1e-3, "us": 1e-6}


def parse_latency(text: str) -> float | None:
    """``"30ms"``, ``"0.03s"``, ``"500us"`` or ``"0"`` as seconds; None for anything else (the emulator, which
    opened the link before the waits are read, has already refused it with the valid forms)."""
    raw = text.strip()
    if raw == "0":
        return 0.0
    m = _DURATION.fullmatch(raw)
    return None if m is None else float(m.group("value")) * _UNITS[m.group("unit")]


@dataclass(frozen=True)
class Waits:
    """The deadlines of network waits on one target (see the module docstring)."""

    #: No network wait is longer than this (the loopback network of the embedded emulator); None: a real network.
    cap: float | None = None
    #: Seconds one byte takes on the link (0: not known, or not worth counting).
    byte_time: float = 0.0
    #: One-way latency of the link, seconds.
    latency: float = 0.0

    def network(self, seconds: float, nbytes: int = 0) -> float:
        """The deadline for a network event that a real network may take ``seconds`` to bring, moving
        ``nbytes`` over the link (each way counted once: the caller gives the total)."""
        base = seconds if self.cap is None else min(seconds, self.cap)
        return base + nbytes * self.byte_time + _CROSSINGS * self.latency

    def exchanges(self, count: int) -> float:
        """What ``count`` command/answer turns add on the line: the latency both ways, and the bytes of the
        command, its echo, an information header and the result code (:data:`TURN_BYTES`) at the line's rate.
        A read of many chunks pays this on top of :meth:`network`'s bytes."""
        return count * (2 * self.latency + TURN_BYTES * self.byte_time)

    def quiet(self, seconds: float) -> float:
        """How long to listen for something that must not come (a negative control) where a real network needs
        ``seconds`` to be sure: on loopback at most :data:`LOOPBACK_QUIET`, plus the line's turns."""
        base = seconds if self.cap is None else min(seconds, LOOPBACK_QUIET)
        return base + _CROSSINGS * self.latency

    def as_json(self) -> dict[str, Any]:
        """How this target's network waits were bounded (results.json ``targets.network_waits``, docs/RESULTS.md):
        ``cap`` (seconds; null: a real network, each wait as the test names it), ``quiet`` (the longest a negative
        control listens; null: as the test names it), ``byte_time`` and ``latency`` (seconds, added to every
        network wait: the line's time), and ``rule``, the same in one sentence."""
        quiet = None if self.cap is None else LOOPBACK_QUIET
        return {
            "cap": self.cap,
            "quiet": quiet,
            "byte_time": self.byte_time,
            "latency": self.latency,
            "rule": self.rule(),
        }

    def rule(self) -> str:
        """One sentence: how a network wait of ``s`` seconds moving ``n`` bytes becomes this target's deadline."""
        base = "s (a real network: as the test names it)" if self.cap is None else f"min(s, {self.cap:g} s)"
        line = f" + n x {self.byte_time * 1e6:.1f} us" if self.byte_time else ""
        turns = f" + {_CROSSINGS} x {self.latency * 1e3:g} ms latency" if self.latency else ""
        quiet = "as the test names it" if self.cap is None else f"at most {LOOPBACK_QUIET:g} s"
        return f"network wait = {base}{line}{turns}; a negative control listens {quiet}{turns}"


def for_url(url: str, cap: float | None = None) -> Waits:
    """The waits for a target at ``url``: the embedded emulator's (``emulator://``: loopback, its ``baud`` and
    ``latency`` options read) or a real network's; ``cap`` (``--network-wait``) overrides the cap either way."""
    parts = urlsplit(url)
    if parts.scheme != "emulator":
        return Waits(cap=cap)
    query = parse_qs(parts.query)
    byte_time = LOOPBACK_BYTE_TIME
    baud = query.get("baud", [""])[-1].strip()
    if baud.isascii() and baud.isdigit() and int(baud) > 0:
        byte_time = max(byte_time, BITS_PER_BYTE / int(baud))
    latency = parse_latency(query.get("latency", ["0"])[-1]) or 0.0
    return Waits(cap=LOOPBACK_CAP if cap is None else cap, byte_time=byte_time, latency=latency)
