"""Faults that add unsolicited result codes (URCs): between responses, inside one, around a payload.

V.250 §5.7.1 frames a response as information text and one final result code; unsolicited result codes
(V.250 §5.7.2 ``RING``, 3GPP TS 27.007 §7.2 ``+CREG: <stat>``) may come at any time *between* responses.
The emulator reads the same clause so (``emulator/core/instance.py``: URCs wait for the final result
code). A URC inside a response is where a host cannot tell it from information text.
"""

from __future__ import annotations

from itertools import cycle

from faults.actions import Action, Note, to_suite
from faults.base import Fault, Verdict, framed
from faults.stream import HOLD, Kind, Piece

#: What is injected when no text is given: a registration change and an incoming call.
DEFAULT_URCS = ("+CREG: 1", "RING")


class UrcBetween(Fault):
    """After every final result code (but CONNECT: online data follows it), one unsolicited line:
    ``+CREG: 1`` and ``RING`` in turn, or ``text``."""

    benign = True
    verdict = Verdict.MUST_PASS

    def __init__(self, text: str | None = None) -> None:
        super().__init__()
        self._texts = cycle((text,) if text else DEFAULT_URCS)
        # A final that ended on CR as the last byte read: its LF may follow, and the URC goes after it.
        self._deferred: bytes | None = None
        self._deferred_since = 0.0

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        out: list[Action] = []
        if self._deferred is not None:
            urc, self._deferred = to_suite(self._deferred), None
            out += [to_suite(piece.data), urc] if piece.continuation else [urc, to_suite(piece.data)]
        else:
            out.append(to_suite(piece.data))
        if piece.final and not self.stream.online:
            text = next(self._texts)
            out.append(Note(text=f"urc-between: {text!r} after {piece.text!r}"))
            if self.stream.lf_pending:
                self._deferred, self._deferred_since = framed(text), now
            else:
                out.append(to_suite(framed(text)))
        return out

    def deadline(self) -> float | None:
        own = self._deferred_since + HOLD if self._deferred is not None else None
        times = [t for t in (own, super().deadline()) if t is not None]
        return min(times) if times else None

    def poll(self, now: float) -> list[Action]:
        out = super().poll(now)
        if self._deferred is not None and now >= self._deferred_since + HOLD:
            out.append(to_suite(self._deferred))  # no LF came: the URC goes now
            self._deferred = None
        return out


class UrcPending(Fault):
    """While a command is pending, one unsolicited line (``text``, ``+CREG: 1`` by default) before its
    response: after the echo, before the first line, prompt or line end of the answer."""

    # A 27.007 URC (+CREG) may come while a command is pending; a host must take it for what it is.
    benign = True
    verdict = Verdict.MUST_PASS

    def __init__(self, text: str = DEFAULT_URCS[0]) -> None:
        super().__init__()
        self.text = text
        self._done_for = 0

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        if (
            piece.solicited
            and piece.command != self._done_for
            and not piece.echo
            and not piece.continuation
            and piece.kind in (Kind.LINE, Kind.EOL, Kind.PROMPT, Kind.HEADER)
        ):
            self._done_for = piece.command
            return [
                to_suite(framed(self.text)),
                to_suite(piece.data),
                Note(text=f"urc-pending: {self.text!r} before {piece.data!r} (command {piece.command})"),
            ]
        return [to_suite(piece.data)]


#: Where :class:`UrcPayload` puts its line.
PAYLOAD_PLACES = ("before", "after", "inside")


class UrcPayload(Fault):
    """One unsolicited line next to every payload a header announces (the payload headers of
    :mod:`faults.dialects`, on their own line or inline): ``before`` the header, ``after`` the <n> bytes,
    or ``inside`` them (in the middle: the payload is corrupted, which is a fault of its own kind)."""

    benign = False
    verdict = Verdict.PROTOCOL_BROKEN

    def __init__(self, where: str = "before", text: str = DEFAULT_URCS[0]) -> None:
        super().__init__()
        if where not in PAYLOAD_PLACES:
            raise ValueError(f"where must be one of {', '.join(PAYLOAD_PLACES)}, not {where!r}")
        self.where = where
        self.text = text
        self._offset = 0
        self._mid: int | None = None

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        urc = to_suite(framed(self.text))
        if piece.announces is not None:
            self._offset = 0
            self._mid = piece.announces // 2 if piece.announces else None
            note = Note(text=f"urc-payload ({self.where}): {self.text!r} around {piece.text!r}")
            if self.where == "before":
                return [urc, to_suite(piece.data), note]
            if self.where == "after" and piece.announces == 0:
                return [to_suite(piece.data), urc, note]
            return [to_suite(piece.data), note]
        if piece.kind is not Kind.PAYLOAD:
            return [to_suite(piece.data)]
        start, self._offset = self._offset, self._offset + len(piece.data)
        if self.where == "after" and piece.last:
            return [to_suite(piece.data), urc]
        if self.where == "inside" and self._mid is not None and start <= self._mid < self._offset:
            cut = self._mid - start
            self._mid = None
            return [to_suite(piece.data[:cut]), urc, to_suite(piece.data[cut:])]
        return [to_suite(piece.data)]
