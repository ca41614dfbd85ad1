"""Parse the parameter ranges of a test command's answer: ``(1-6),(0,1),(0)`` (V.250 §5.7.1 compound
ranges, as the Telit examples print them)."""

from __future__ import annotations

import re

_GROUP = re.compile(r"\(([^()]*)\)")
_SPAN = re.compile(r"^(-?\d+)-(-?\d+)$")


def parse_ranges(text: str) -> list[frozenset[int]]:
    """``"(1),(0-5),(0,1)"`` gives ``[{1}, {0..5}, {0, 1}]``; anything else raises ValueError."""
    groups = _GROUP.findall(text)
    rebuilt = ",".join(f"({g})" for g in groups)
    if not groups or rebuilt != text.replace(" ", ""):
        raise ValueError(f"not a list of parenthesised ranges: {text!r}")
    return [_values(g) for g in groups]


def _values(group: str) -> frozenset[int]:
    out: set[int] = set()
    for part in group.split(","):
        part = part.strip()
        m = _SPAN.match(part)
        if m:
            out.update(range(int(m.group(1)), int(m.group(2)) + 1))
        elif part:
            out.add(int(part))
    return frozenset(out)


def span(values: frozenset[int]) -> tuple[int, int]:
    """The lowest and highest value of a range."""
    return min(values), max(values)
