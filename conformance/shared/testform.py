"""The test form of a command (V.250 §5.4.3 ``AT<command>=?``), read as a list of ranges."""

from __future__ import annotations

from harness.checks import expect_ok
from harness.modem import Modem
from harness.ranges import parse_ranges


def ranges_of_test_form(modem: Modem, command: str, prefix: str, clause: str) -> list[frozenset[int]]:
    """Send ``AT<command>=?`` and parse the ranges of its one ``<prefix>:`` information line; a missing or
    unparsable line fails citing ``clause``."""
    r = expect_ok(modem.command(f"AT{command}=?"), clause)
    lines = [line for line in r.lines if line.startswith(prefix + ":")]
    assert len(lines) == 1, f"{clause}: expected one {prefix} line, got {r.describe()}"
    try:
        return parse_ranges(lines[0][len(prefix) + 1 :].strip())
    except ValueError as e:
        raise AssertionError(f"{clause}: the test form is not a list of ranges: {r.describe()}") from e
