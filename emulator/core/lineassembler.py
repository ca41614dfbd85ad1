"""Assemble received characters into command lines (V.250 §5.2).

A small state machine fed one byte at a time:

    SEEK_A  --'A'/'a'-->  SEEK_T  --'T'/'t' (same case)-->  IN_LINE  --S3-->  CommandLine
                          SEEK_T  --'/'-->  RepeatLine (the ``A/`` command, V.250 §5.2.4)

Anything else in SEEK_A/SEEK_T is dropped: V.250 §5.2.1 ignores characters before the prefix,
which also swallows the LF a terminal sends after CR. Inside a line, S5 deletes the last
character but never the prefix, and other control characters are ignored (V.250 §5.2.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

# V.250 §5.2.1 asks for at least 40 characters; past this many the line is answered with ERROR
# rather than growing a buffer without bound on a stream of garbage.
MAX_LINE = 1024


@dataclass(frozen=True, kw_only=True)
class CommandLine:
    """A complete line: the text between the prefix and S3; ``overflow`` if it was too long."""

    body: str
    overflow: bool = False


@dataclass(frozen=True)
class RepeatLine:
    """``A/``: execute the previous command line again."""


LineEvent = CommandLine | RepeatLine


class _State(Enum):
    SEEK_A = auto()
    SEEK_T = auto()
    IN_LINE = auto()


class LineAssembler:
    """Turns a byte stream into :data:`LineEvent` values; holds no other state."""

    def __init__(self) -> None:
        self._state = _State.SEEK_A
        self._upper = True
        self._buffer: list[str] = []
        self._overflow = False

    def reset(self) -> None:
        """Forget any partial line (a new DTE was connected)."""
        self._state = _State.SEEK_A
        self._buffer = []
        self._overflow = False

    def receive(self, byte: int, *, s3: int, s5: int) -> LineEvent | None:
        """Consume one byte; return an event when it completes a line or an ``A/``."""
        if self._state is _State.IN_LINE:
            return self._in_line(byte, s3, s5)
        char = chr(byte)
        if self._state is _State.SEEK_T:
            if (char == "T" and self._upper) or (char == "t" and not self._upper):
                self._state = _State.IN_LINE
                self._buffer = []
                self._overflow = False
                return None
            if char == "/":
                self._state = _State.SEEK_A
                return RepeatLine()
        # SEEK_A, or SEEK_T that did not continue: look for a new 'A'.
        if char in "Aa":
            self._state = _State.SEEK_T
            self._upper = char == "A"
        else:
            self._state = _State.SEEK_A
        return None

    def _in_line(self, byte: int, s3: int, s5: int) -> LineEvent | None:
        if byte == s3:
            self._state = _State.SEEK_A
            line = CommandLine(body="".join(self._buffer), overflow=self._overflow)
            self._buffer = []
            self._overflow = False
            return line
        if byte == s5:
            if self._buffer:
                self._buffer.pop()
            return None
        if byte < 0x20 or byte == 0x7F:
            return None
        if len(self._buffer) >= MAX_LINE:
            self._overflow = True
            return None
        self._buffer.append(chr(byte))
        return None
