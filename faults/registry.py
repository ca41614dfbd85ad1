"""The named faults and their small syntax: ``NAME[:ARG[:ARG]]``.

Arguments are positional and separated by ``:``; a text argument is the last one and takes the rest of
the string, colons included (``urc-between:+CREG: 1``). Counts and milliseconds are whole numbers.
Unknown names and bad arguments raise :class:`FaultSyntaxError` (a ``ValueError``) naming the valid
choices, so that the URL handler and the command line can show it as it is.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from faults.base import Fault, Verdict
from faults.framing import CrOnly, EchoOnAtStart, EchoWhenOff, Garbage, LfOnly
from faults.silence import DropFinal, DropLinkAfter, RestartAfter, Silent, TruncateLine
from faults.timing import SUITE_DEADLINE_MS, NeedsWakeup, Slow, SplitBytes
from faults.urcs import PAYLOAD_PLACES, UrcBetween, UrcPayload, UrcPending


class FaultSyntaxError(ValueError):
    """A fault was named or parametrised wrongly; the message lists what is valid."""


class ArgKind(enum.Enum):
    """How an argument is read."""

    COUNT = "count"  # a whole number >= 1 (the N-th command, N final result codes ...)
    NUMBER = "number"  # a whole number >= 0 (milliseconds, a seed, a count that may be 0)
    CHOICE = "choice"  # one of ``choices``
    TEXT = "text"  # printable text without CR, LF or NUL; takes the rest of the string


@dataclass(frozen=True, kw_only=True)
class Arg:
    """One positional argument of a fault."""

    #: As shown in the usage (``N``, ``MS``, ``TEXT``).
    label: str
    #: The keyword the fault's constructor takes.
    key: str
    kind: ArgKind
    required: bool = False
    choices: tuple[str, ...] = ()
    #: One line for the listing.
    help: str = ""

    def read(self, fault: str, usage: str, raw: str) -> int | str:
        """Convert ``raw``; :class:`FaultSyntaxError` says what was expected."""
        where = f"fault {fault!r}: {self.label}"
        if self.kind in (ArgKind.COUNT, ArgKind.NUMBER):
            least = 1 if self.kind is ArgKind.COUNT else 0
            if not (raw.isascii() and raw.isdigit()) or int(raw) < least:
                raise FaultSyntaxError(f"{where} must be a whole number >= {least}, got {raw!r} (usage: {usage})")
            return int(raw)
        if self.kind is ArgKind.CHOICE:
            if raw not in self.choices:
                raise FaultSyntaxError(
                    f"{where} must be one of {', '.join(self.choices)}, got {raw!r} (usage: {usage})"
                )
            return raw
        if not raw or any(c in raw for c in "\r\n\0"):
            raise FaultSyntaxError(f"{where} must be non-empty text without CR, LF or NUL, got {raw!r}")
        return raw


@dataclass(frozen=True, kw_only=True)
class FaultSpec:
    """A named fault: how to build it, and what the suite should conclude behind it."""

    name: str
    factory: Callable[..., Fault]
    #: A variation the suite must tolerate (with the default arguments).
    benign: bool
    #: The verdict class a trustworthy suite reaches (with the default arguments).
    verdict: Verdict
    description: str
    args: tuple[Arg, ...] = ()
    #: What the verdict depends on, when an argument changes it.
    note: str = ""

    @property
    def usage(self) -> str:
        """``name:N`` with optional parts in brackets: ``split-bytes[:MS]``."""
        text, closing = self.name, ""
        for arg in self.args:
            if arg.required:
                text += f":{arg.label}"
            else:
                text += f"[:{arg.label}"
                closing += "]"
        return text + closing

    def build(self, raw_args: list[str]) -> Fault:
        """Build the fault from its raw arguments (already split)."""
        if len(raw_args) > len(self.args):
            takes = f"takes at most {len(self.args)} argument(s)" if self.args else "takes no argument"
            raise FaultSyntaxError(f"fault {self.name!r} {takes}, got {':'.join(raw_args)!r} (usage: {self.usage})")
        missing = [a.label for a in self.args[len(raw_args) :] if a.required]
        if missing:
            raise FaultSyntaxError(f"fault {self.name!r} needs {', '.join(missing)} (usage: {self.usage})")
        kwargs = {arg.key: arg.read(self.name, self.usage, raw) for arg, raw in zip(self.args, raw_args, strict=False)}
        fault = self.factory(**kwargs)
        fault.name = self.name if not raw_args else f"{self.name}:{':'.join(raw_args)}"
        return fault


def _n(help: str) -> Arg:
    return Arg(label="N", key="command", kind=ArgKind.COUNT, required=True, help=help)


_TEXT = Arg(label="TEXT", key="text", kind=ArgKind.TEXT,
            help="the unsolicited line (in a URL, percent-encode a space as %20)")

_SPECS = (
    FaultSpec(name="silent", factory=Silent, benign=False, verdict=Verdict.TARGET_SILENT,
              description="never answer: nothing reaches the target, nothing comes back"),
    FaultSpec(name="silent-after", factory=Silent, benign=False, verdict=Verdict.TARGET_SILENT,
              description="stop answering once N final result codes have passed",
              args=(Arg(label="N", key="after", kind=ArgKind.NUMBER, required=True, help="final result codes"),)),
    FaultSpec(name="garbage", factory=Garbage, benign=False, verdict=Verdict.PROTOCOL_BROKEN,
              description="replace or insert random bytes (0x80-0xFF, seeded) in every response line",
              args=(Arg(label="SEED", key="seed", kind=ArgKind.NUMBER, help="random seed, default 0"),)),
    FaultSpec(name="truncate-line", factory=TruncateLine, benign=False, verdict=Verdict.TARGET_SILENT,
              description="cut the first line of the N-th command's response in the middle, then silence",
              args=(Arg(label="N", key="command", kind=ArgKind.COUNT, help="which command, default 1"),)),
    FaultSpec(name="drop-final", factory=DropFinal, benign=False, verdict=Verdict.TARGET_SILENT,
              description="drop the final result code (OK, ERROR, +CME ERROR...) of every response, or the N-th's",
              args=(Arg(label="N", key="command", kind=ArgKind.COUNT, help="only this command's, default all"),)),
    FaultSpec(name="split-bytes", factory=SplitBytes, benign=True, verdict=Verdict.MUST_PASS,
              description="deliver every byte of the answers on its own, MS milliseconds apart (default 1)",
              args=(Arg(label="MS", key="ms", kind=ArgKind.NUMBER, help="pause between bytes, default 1 ms"),)),
    FaultSpec(name="slow", factory=Slow, benign=True, verdict=Verdict.MUST_PASS,
              description="delay every response by MS milliseconds",
              args=(Arg(label="MS", key="ms", kind=ArgKind.NUMBER, required=True, help="delay"),),
              note=f"benign under the suite's {SUITE_DEADLINE_MS} ms deadline, else target silent"),
    FaultSpec(name="urc-between", factory=UrcBetween, benign=True, verdict=Verdict.MUST_PASS,
              description="an unsolicited line (+CREG: 1, RING in turn) after every final result code",
              args=(_TEXT,)),
    FaultSpec(name="urc-pending", factory=UrcPending, benign=True, verdict=Verdict.MUST_PASS,
              description="an unsolicited line (+CREG: 1) inside each response, after the echo, before the answer "
                          "(3GPP TS 27.007 URCs may come while a command is pending)",
              args=(_TEXT,)),
    FaultSpec(name="urc-payload", factory=UrcPayload, benign=False, verdict=Verdict.PROTOCOL_BROKEN,
              description="an unsolicited line before a payload header (a line that announces n raw bytes, as "
                          "the dialect tables say), after or inside its n bytes",
              args=(Arg(label="WHERE", key="where", kind=ArgKind.CHOICE, choices=PAYLOAD_PLACES,
                        help="before (default), after or inside the payload"), _TEXT)),
    FaultSpec(name="echo-when-off", factory=EchoWhenOff, benign=False, verdict=Verdict.PROTOCOL_BROKEN,
              description="echo command lines although ATE0 turned echo off (V.250 §6.2.4)"),
    FaultSpec(name="echo-on-at-start", factory=EchoOnAtStart, benign=True, verdict=Verdict.MUST_PASS,
              description="echo command lines from the start, until the suite sends ATE<n>"),
    FaultSpec(name="cr-only", factory=CrOnly, benign=True, verdict=Verdict.MUST_PASS,
              description="end response lines with CR only (V.250 §5.7.1 framing with another S4)"),
    FaultSpec(name="lf-only", factory=LfOnly, benign=True, verdict=Verdict.MUST_PASS,
              description="end response lines with LF only"),
    FaultSpec(name="drop-link-after", factory=DropLinkAfter, benign=False, verdict=Verdict.LINK_LOST,
              description="close the link in the middle of the N-th command's response",
              args=(_n("which command"),)),
    FaultSpec(name="restart-after", factory=RestartAfter, benign=False, verdict=Verdict.TARGET_SILENT,
              description="restart the module in the middle of the N-th command's response: boot banner, "
                          "settings lost",
              args=(_n("which command"), Arg(label="BANNER", key="banner", kind=ArgKind.TEXT,
                                             help="boot banner line, default RDY"))),
    FaultSpec(name="needs-wakeup", factory=NeedsWakeup, benign=True, verdict=Verdict.MUST_PASS,
              description="ignore the first command after the link opens (or after IDLE_MS without traffic)",
              args=(Arg(label="IDLE_MS", key="idle_ms", kind=ArgKind.NUMBER, help="sleep again after this idle time"),),
              note="benign for a suite that wakes the module with a spare AT"),
)

#: Every named fault, by name.
FAULTS: Mapping[str, FaultSpec] = {spec.name: spec for spec in _SPECS}


def parse_fault(text: str) -> Fault:
    """Build one fault from ``NAME[:ARG[:ARG]]``; :class:`FaultSyntaxError` lists what is valid."""
    name, sep, rest = text.strip().partition(":")
    spec = FAULTS.get(name)
    if spec is None:
        raise FaultSyntaxError(f"unknown fault {name!r}; valid faults: {', '.join(FAULTS)}")
    if not sep:
        return spec.build([])
    last_text = bool(spec.args) and spec.args[-1].kind is ArgKind.TEXT
    raw = rest.split(":", len(spec.args) - 1) if last_text else rest.split(":")
    return spec.build(raw)


def listing() -> str:
    """A table of every fault: usage, benign or not, expected verdict, description."""
    rows = [("fault", "benign", "expected verdict", "what it does")]
    for spec in FAULTS.values():
        description = spec.description + (f" ({spec.note})" if spec.note else "")
        rows.append((spec.usage, "yes" if spec.benign else "no", spec.verdict.value, description))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}" for row in rows
    )
