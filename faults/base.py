"""The interface every fault shares, and what most of them need: the stream tracker and a few helpers.

A fault is a small object with one job and some state. Drivers call

- :meth:`Fault.on_to_target` with the bytes the suite writes,
- :meth:`Fault.on_to_suite` with the bytes the target answers,
- :meth:`Fault.poll` when :meth:`Fault.deadline` has passed,

each with the current monotonic time, and carry out the :mod:`faults.actions` they get back. The base
class forwards everything unchanged; a subclass overrides :meth:`Fault.outgoing` (one piece from the
suite) and/or :meth:`Fault.incoming` (one piece from the target), where the pieces are cut by
:class:`faults.stream.Tracker`.
"""

from __future__ import annotations

import enum

from faults.actions import Action, Note, Send, to_suite, to_target
from faults.stream import Kind, Piece, Tracker


class Verdict(enum.Enum):
    """What a trustworthy suite should conclude about a target behind a fault."""

    #: No final result code before the deadline: the harness's ``TargetSilent``.
    TARGET_SILENT = "target silent"
    #: The target answered something the protocol does not allow: ``RemoteProtocolError``, or a failed check.
    PROTOCOL_BROKEN = "protocol broken"
    #: The link closed under the suite: the harness's ``LinkError`` (an error, not a verdict on a clause).
    LINK_LOST = "link lost"
    #: A variation the documents allow: every test must still pass.
    MUST_PASS = "must pass"


class Fault:
    """Base class: a link that changes nothing. See the module docstring."""

    #: The registry name (set by :mod:`faults.registry` on the instances it builds).
    name: str = "pass"
    #: A variation the suite must tolerate (True) or a misbehaviour it must report (False).
    benign: bool = True
    #: The verdict class a trustworthy suite reaches behind this fault.
    verdict: Verdict = Verdict.MUST_PASS

    def __init__(self) -> None:
        self.stream = Tracker()

    # ------------------------------------------------------------------ driver side
    def on_to_target(self, data: bytes, now: float) -> list[Action]:
        """Bytes the suite wrote; returns what to deliver (usually to the target)."""
        out: list[Action] = []
        for piece in self.stream.from_suite(data):
            out += self.outgoing(piece, now)
        return out

    def on_to_suite(self, data: bytes, now: float) -> list[Action]:
        """Bytes the target answered; returns what to deliver (usually to the suite)."""
        out: list[Action] = []
        for piece in self.stream.from_target(data, now):
            out += self.incoming(piece, now)
        return out

    def poll(self, now: float) -> list[Action]:
        """Time passed: release what the tracker held too long (see :data:`faults.stream.HOLD`)."""
        out: list[Action] = []
        for piece in self.stream.release(now):
            out += self.incoming(piece, now)
        return out

    def deadline(self) -> float | None:
        """When :meth:`poll` wants to be called (monotonic seconds), or ``None``."""
        return self.stream.deadline()

    # ------------------------------------------------------------------ fault side
    def outgoing(self, piece: Piece, now: float) -> list[Action]:
        """One piece from the suite; forwards it by default."""
        return [to_target(piece.data)]

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        """One piece from the target; forwards it by default."""
        return [to_suite(piece.data)]

    def __repr__(self) -> str:
        return f"<fault {self.name}>"


def framed(text: str) -> bytes:
    """An unsolicited line in verbose framing, ``<CR><LF>text<CR><LF>`` (V.250 §5.7.1)."""
    return b"\r\n" + text.encode("latin-1") + b"\r\n"


def first_half(piece: Piece) -> bytes:
    """The first half of a piece's body: at least one byte, never all of it (``OK`` gives ``O``)."""
    body = piece.body
    return body[: max(1, len(body) // 2)] if len(body) > 1 else b""


def is_content(piece: Piece) -> bool:
    """A piece of the pending command's response that says something: a line other than the echo,
    the prompt, or an inline payload header (the opening CR LF and the echo are not content)."""
    return piece.solicited and (
        (piece.kind is Kind.LINE and not piece.echo) or piece.kind in (Kind.PROMPT, Kind.HEADER)
    )


def dropped(piece: Piece, why: str) -> list[Action]:
    """Drop ``piece`` and say so."""
    return [Note(text=f"{why}: dropped {piece.data!r}")] if piece.data else []


__all__ = ["Fault", "Send", "Verdict", "dropped", "first_half", "framed", "is_content"]
