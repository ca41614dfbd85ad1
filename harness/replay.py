"""Replay a document's example transcript (from ``vectors/``) on one or two AT instances.

The transcript grammar is described in ``vectors/telit/examples.toml``: ``N> COMMAND`` sends on
instance N, ``N< LINE`` is an expected line, the last one of a command being its final result code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from harness.modem import Modem


@dataclass(frozen=True)
class Step:
    """One command of a transcript and the lines it must produce (information lines, then the final)."""

    instance: int
    command: str
    expected: tuple[str, ...]
    lineno: int


def parse(text: str, placeholders: Mapping[str, object]) -> list[Step]:
    """Parse a transcript, filling ``{placeholders}`` from the profile."""
    steps: list[Step] = []
    current: tuple[int, str, int] | None = None
    expected: list[str] = []
    for lineno, raw in enumerate(text.strip("\n").splitlines(), 1):
        line = raw.rstrip()
        if not line:
            continue
        if len(line) < 3 or not line[0].isdigit() or line[1:3] not in ("> ", "< "):
            raise ValueError(f"transcript line {lineno}: expected 'N> COMMAND' or 'N< LINE': {raw!r}")
        instance, arrow, body = int(line[0]), line[1], line[3:].format_map(dict(placeholders))
        if arrow == ">":
            if current:
                steps.append(Step(current[0], current[1], tuple(expected), current[2]))
            current, expected = (instance, body, lineno), []
        else:
            if current is None or current[0] != instance:
                raise ValueError(f"transcript line {lineno}: a response on instance {instance} with no command")
            expected.append(body)
    if current:
        steps.append(Step(current[0], current[1], tuple(expected), current[2]))
    return steps


def run_setup(steps: list[Step], modems: Mapping[int, Modem]) -> None:
    """Send the setup commands; their results are not judged (they restore the starting state)."""
    for step in steps:
        modems[step.instance].command(step.command)


def replay(steps: list[Step], modems: Mapping[int, Modem], source: str, *, tolerate_period: bool = False) -> None:
    """Send each step and compare what came back, line for line, with the document."""
    for n, step in enumerate(steps, 1):
        r = modems[step.instance].command(step.command)
        got = [*r.lines, r.final.text]
        want = list(step.expected)
        if tolerate_period:
            # errata TSU-05: the document prints one verbose error with a final period.
            got = [g.removesuffix(".") if g.startswith("+CME ERROR:") else g for g in got]
            want = [w.removesuffix(".") if w.startswith("+CME ERROR:") else w for w in want]
        assert got == want, (
            f"{source}, step {n} (transcript line {step.lineno}, instance {step.instance}) {step.command!r}:\n"
            f"  the document shows: {want}\n  the target answered: {got}"
        )
