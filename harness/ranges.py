"""Parse the parameter ranges of a test command's answer (V.250 §5.7.1 compound ranges).

Three forms appear in the documents:

- a list of parenthesised ranges, as the Telit examples print them: ``(1-6),(0,1),(0)``
  (telit-ssl-ug §4.3.2), also with spaces after the commas: ``(1-31), (0,1)`` (fibocom-l610-ssl §1.5);
- the same after a quoted keyword that names the setting: ``"sslversion",(0-5),(0-4)`` (quectel-ec200-ssl
  §2.2.1, one line per keyword);
- a list of values in one group: ``(1,2,3,4)`` (fibocom-l610-ssl §1.4, "list of supported <sslver>s").

Values are decimal, negative (``(-20-0)``) or hexadecimal (``0x0035``, quectel-ec200-ssl cipher suites).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["TestForm", "parse_ranges", "parse_test_form", "span"]

_GROUP = re.compile(r"\(([^()]*)\)")
_SPAN = re.compile(r"^(-?(?:0[xX][0-9a-fA-F]+|\d+))-(-?(?:0[xX][0-9a-fA-F]+|\d+))$")
_KEYWORD = re.compile(r'^\s*"([^"]*)"\s*,\s*')


@dataclass(frozen=True)
class TestForm:
    """What one line of a test command's answer says: the keyword it is about (``"sslversion"``), if any,
    and the range of each parameter after it."""

    __test__ = False  # a data class, not a pytest test class

    keyword: str | None
    ranges: list[frozenset[int]]


def parse_ranges(text: str) -> list[frozenset[int]]:
    """``"(1),(0-5),(0,1)"`` gives ``[{1}, {0..5}, {0, 1}]``; anything else raises ValueError."""
    groups = _GROUP.findall(text)
    rebuilt = ",".join(f"({g})" for g in groups)
    if not groups or rebuilt.replace(" ", "") != text.replace(" ", ""):
        raise ValueError(f"not a list of parenthesised ranges: {text!r}")
    return [_values(g, text) for g in groups]


def parse_test_form(text: str) -> TestForm:
    """A test form's parameters, with or without a leading quoted keyword:
    ``'"sslversion",(0-5),(0-4)'`` gives ``TestForm("sslversion", [{0..5}, {0..4}])`` and ``"(1-31),(0,1)"``
    gives ``TestForm(None, [{1..31}, {0, 1}])``. Anything else raises ValueError naming the text."""
    m = _KEYWORD.match(text)
    if m is None:
        return TestForm(None, parse_ranges(text))
    try:
        return TestForm(m.group(1), parse_ranges(text[m.end() :]))
    except ValueError:
        raise ValueError(f'not a keyword and parenthesised ranges ("<keyword>",(a-b),...): {text!r}') from None


def _number(part: str) -> int:
    negative = part.startswith("-")
    digits = part[1:] if negative else part
    value = int(digits, 16) if digits[:2].lower() == "0x" else int(digits)
    return -value if negative else value


def _values(group: str, text: str) -> frozenset[int]:
    out: set[int] = set()
    for part in group.split(","):
        part = part.strip()
        if not part:
            continue
        m = _SPAN.match(part)
        try:
            if m:
                out.update(range(_number(m.group(1)), _number(m.group(2)) + 1))
            else:
                out.add(_number(part))
        except ValueError:
            raise ValueError(f"not a number or range {part!r} in {text!r}") from None
    return frozenset(out)


def span(values: frozenset[int]) -> tuple[int, int]:
    """The lowest and highest value of a range."""
    return min(values), max(values)
