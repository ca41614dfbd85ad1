"""Faults that change the bytes of responses: garbage, echo, line ends.

V.250 §6.2.4 (``E``): the DCE echoes the characters it receives in command state only while echo is on;
§5.7.1: verbose responses are framed ``<S3><S4>text<S3><S4>`` (CR LF by default), which the host may
change with ``ATS3`` / ``ATS4``, so a host reads a line end as CR, LF or CR LF.
"""

from __future__ import annotations

import random

from faults.actions import Action, Note, to_suite, to_target
from faults.base import Fault, Verdict
from faults.stream import Kind, Piece, echo_setting


class Garbage(Fault):
    """In every line of every response (the echo excepted), replace one character by a random byte, or
    insert one to three, from 0x80-0xFF (never CR or LF, so lines keep their ends: the damage is in what
    they say). ``seed`` makes the damage repeatable."""

    benign = False
    verdict = Verdict.PROTOCOL_BROKEN

    def __init__(self, seed: int = 0) -> None:
        super().__init__()
        self.seed = seed
        self._rng = random.Random(seed)

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        if piece.kind is not Kind.LINE or not piece.solicited or piece.echo or not piece.body:
            return [to_suite(piece.data)]
        body = bytearray(piece.body)
        at = self._rng.randrange(len(body))
        noise = bytes(self._rng.randrange(0x80, 0x100) for _ in range(self._rng.randint(1, 3)))
        if self._rng.random() < 0.5:
            body[at : at + 1] = noise[:1]
        else:
            body[at:at] = noise
        changed = bytes(body) + piece.eol
        return [to_suite(changed), Note(text=f"garbage: {piece.data!r} became {changed!r}")]


class _ForcedEcho(Fault):
    """Adds the echo of a command line (its characters and the S3 CR) when the target did not echo it."""

    benign = True
    verdict = Verdict.MUST_PASS

    def __init__(self) -> None:
        super().__init__()
        self._line = ""

    def forcing(self, command: int) -> bool:
        """Whether the ``command``-th command must be echoed."""
        raise NotImplementedError

    def outgoing(self, piece: Piece, now: float) -> list[Action]:
        if piece.kind is Kind.END:
            self._line = piece.text
        return [to_target(piece.data)]

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        if piece.first and not piece.echo and self.forcing(piece.command):
            echo = self._line.encode("latin-1") + b"\r"
            return [to_suite(echo), to_suite(piece.data), Note(text=f"{self.name}: echoed {echo!r}")]
        return [to_suite(piece.data)]


class EchoWhenOff(_ForcedEcho):
    """Echo every command line, also after ``ATE0`` turned echo off (V.250 §6.2.4 says it must not)."""

    benign = False
    verdict = Verdict.PROTOCOL_BROKEN

    def forcing(self, command: int) -> bool:
        return True


class EchoOnAtStart(_ForcedEcho):
    """Echo command lines from the start, even where the target starts with echo off, until the suite
    sends an ``E`` command; from then on the target's own setting rules (V.250 §6.2.4)."""

    def __init__(self) -> None:
        super().__init__()
        self._until: int | None = None

    def outgoing(self, piece: Piece, now: float) -> list[Action]:
        if piece.kind is Kind.END and self._until is None and echo_setting(piece.text) is not None:
            self._until = piece.command  # ATE<n> is still echoed as the old setting says
        return super().outgoing(piece, now)

    def forcing(self, command: int) -> bool:
        return self._until is None or command <= self._until


class LineEnds(Fault):
    """Rewrite the line ends of the target's lines (the echo and payloads excepted) to ``eol``: CR only or
    LF only, as a module whose S4 or S3 differ from the defaults frames them."""

    benign = True
    verdict = Verdict.MUST_PASS

    def __init__(self, eol: bytes) -> None:
        super().__init__()
        self.eol = eol

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        if piece.kind not in (Kind.LINE, Kind.EOL) or piece.echo:
            return [to_suite(piece.data)]
        if piece.continuation:
            return []  # the LF of a CR LF cut across two reads: the CR was already rewritten
        return [to_suite(piece.body + self.eol)]


class CrOnly(LineEnds):
    """Responses end their lines with CR only."""

    def __init__(self) -> None:
        super().__init__(b"\r")


class LfOnly(LineEnds):
    """Responses end their lines with LF only."""

    def __init__(self) -> None:
        super().__init__(b"\n")
