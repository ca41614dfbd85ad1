"""Faults that take answers away: silence, a cut line, a missing final result code, a dropped link, a restart.

V.250 §5.7.1: a response ends on a final result code, never on silence; a host that waits for one must
give up at a deadline and say what it was waiting for (the suite's ``TargetSilent``).
"""

from __future__ import annotations

from faults.actions import Action, DropLink, Note, PowerCycle, to_suite, to_target
from faults.base import Fault, Verdict, dropped, first_half, framed, is_content
from faults.stream import Kind, Piece


class Silent(Fault):
    """Stop answering once ``after`` final result codes have passed (0: from the start).

    The commands sent afterwards are not delivered either: the module is gone, not just mute.
    """

    benign = False
    verdict = Verdict.TARGET_SILENT

    def __init__(self, after: int = 0) -> None:
        super().__init__()
        self.after = after
        self.silent = after == 0

    def outgoing(self, piece: Piece, now: float) -> list[Action]:
        if self.silent:
            return [Note(text=f"silent: ignored {piece.text!r}")] if piece.kind is Kind.END else []
        return [to_target(piece.data)]

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        if self.silent:
            return []  # dropped without a note: a silent target's chatter would flood the log
        out: list[Action] = [to_suite(piece.data)]
        if piece.final and self.stream.finals >= self.after:
            self.silent = True
            out.append(Note(text=f"silent from now on, after {self.stream.finals} final result code(s)"))
        return out


class TruncateLine(Fault):
    """Cut the first line of the ``command``-th command's response in the middle, then stay silent."""

    benign = False
    verdict = Verdict.TARGET_SILENT

    def __init__(self, command: int = 1) -> None:
        super().__init__()
        self.command = command
        self.done = False

    def outgoing(self, piece: Piece, now: float) -> list[Action]:
        return [] if self.done else [to_target(piece.data)]

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        if self.done:
            return []
        if piece.command >= self.command and is_content(piece):
            self.done = True
            cut = first_half(piece)
            return [to_suite(cut), Note(text=f"truncate-line: cut {piece.data!r} to {cut!r}, then silence")]
        return [to_suite(piece.data)]


class DropFinal(Fault):
    """Drop the final result code (OK, ERROR, +CME ERROR...) of every response, or of the ``command``-th
    only. CONNECT is kept: online data follows it, and dropping it would be another fault."""

    benign = False
    verdict = Verdict.TARGET_SILENT

    def __init__(self, command: int | None = None) -> None:
        super().__init__()
        self.command = command

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        wanted = self.command is None or piece.command == self.command
        if piece.final and wanted and not self.stream.online:
            return dropped(piece, f"drop-final (command {piece.command})")
        return [to_suite(piece.data)]


class _MidResponse(Fault):
    """Acts once, in the middle of the first line of the ``command``-th command's response."""

    benign = False

    def __init__(self, command: int) -> None:
        super().__init__()
        self.command = command
        self.fired = False

    def incoming(self, piece: Piece, now: float) -> list[Action]:
        if not self.fired and piece.command >= self.command and is_content(piece):
            self.fired = True
            return [to_suite(first_half(piece)), *self.fire(piece)]
        return self.after_firing(piece) if self.fired else [to_suite(piece.data)]

    def fire(self, piece: Piece) -> list[Action]:
        """What to do at the cut."""
        raise NotImplementedError

    def after_firing(self, piece: Piece) -> list[Action]:
        """What happens to the target's bytes after the cut."""
        return []


class DropLinkAfter(_MidResponse):
    """Close the link in the middle of the ``command``-th command's response."""

    verdict = Verdict.LINK_LOST

    def outgoing(self, piece: Piece, now: float) -> list[Action]:
        return [] if self.fired else [to_target(piece.data)]

    def fire(self, piece: Piece) -> list[Action]:
        return [DropLink(reason=f"drop-link-after:{self.command}: link closed in the middle of {piece.data!r}")]


class RestartAfter(_MidResponse):
    """Restart the module in the middle of the ``command``-th command's response: the rest of the
    response is lost, a boot banner comes (``<CR><LF>RDY<CR><LF>`` by default), settings are lost
    (the embedded emulator powers its module off and on). Bytes from the target are dropped until the
    suite sends its next bytes, which meet a module just switched on."""

    verdict = Verdict.TARGET_SILENT

    def __init__(self, command: int, banner: str = "RDY") -> None:
        super().__init__(command)
        self.banner = banner
        self.restarting = False

    def on_to_target(self, data: bytes, now: float) -> list[Action]:
        if self.restarting:
            # The module came back with power-on settings and nothing pending (V.250 §6.1.1 defaults).
            self.restarting = False
            self.stream.reset()
        return super().on_to_target(data, now)

    def fire(self, piece: Piece) -> list[Action]:
        self.restarting = True
        why = f"restart-after:{self.command}: module restarted in the middle of {piece.data!r}"
        return [PowerCycle(reason=why), to_suite(framed(self.banner))]

    def after_firing(self, piece: Piece) -> list[Action]:
        return dropped(piece, "restart (what was pending)") if self.restarting else [to_suite(piece.data)]
