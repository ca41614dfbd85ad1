"""Drive fault objects without sockets: bytes in, bytes and pauses out."""

from __future__ import annotations

import time
from collections.abc import Sequence

import serial

from faults import Action, Direction, DropLink, Fault, Note, PowerCycle, Send

OK = b"\r\nOK\r\n"


def sent(actions: Sequence[Action], to: Direction) -> bytes:
    """The bytes the actions deliver one way, joined."""
    return b"".join(a.data for a in actions if isinstance(a, Send) and a.to is to)


def to_suite(actions: Sequence[Action]) -> bytes:
    """What the suite gets."""
    return sent(actions, Direction.TO_SUITE)


def to_target(actions: Sequence[Action]) -> bytes:
    """What the target gets."""
    return sent(actions, Direction.TO_TARGET)


def pauses(actions: Sequence[Action]) -> list[tuple[float, bytes]]:
    """(pause, bytes) of every delivery to the suite."""
    return [(a.after, a.data) for a in actions if isinstance(a, Send) and a.to is Direction.TO_SUITE]


def others(actions: Sequence[Action]) -> list[Action]:
    """The actions that are not deliveries nor notes (DropLink, PowerCycle)."""
    return [a for a in actions if isinstance(a, DropLink | PowerCycle)]


def notes(actions: Sequence[Action]) -> list[str]:
    """The notes' texts."""
    return [a.text for a in actions if isinstance(a, Note)]


def exchange(fault: Fault, line: str, answer: bytes, now: float = 0.0) -> list[Action]:
    """The suite sends ``line`` + CR, the target answers ``answer``: every action, in order."""
    actions = fault.on_to_target(line.encode("latin-1") + b"\r", now)
    return actions + fault.on_to_suite(answer, now)


def echoed(line: str, answer: bytes) -> bytes:
    """``answer`` preceded by the echo of ``line`` (V.250 §6.2.4, E1)."""
    return line.encode("latin-1") + b"\r" + answer


def collect(port: serial.Serial, until: bytes | None = None, within: float = 2.0) -> bytes:
    """Read until ``until`` ends what came, or ``within`` seconds passed (the deadline of every read)."""
    deadline = time.monotonic() + within
    got = b""
    while time.monotonic() < deadline:
        got += port.read(max(1, port.in_waiting))
        if until is not None and got.endswith(until):
            break
    return got


def at(port: serial.Serial, line: str, until: bytes | None = OK, within: float = 2.0) -> bytes:
    """Send ``line`` and collect the answer up to ``until``."""
    port.write(line.encode() + b"\r")
    return collect(port, until, within)
