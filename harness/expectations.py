"""Known deviations of a firmware: an expectations file (TOML) applied as strict xfail.

Each ``[[deviation]]`` names a test (node id, or an fnmatch pattern), the ``reason``, the ``clause`` and,
optionally, the expected ``outcome`` (see :data:`EXPECTED_OUTCOMES`; default ``fail``). A deviation that
no longer deviates fails as a strict XPASS ("deviation fixed"), and one that fails in another way (a
silence where a wrong answer was expected) is reported as the failure it is: the file stays true.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path
from typing import Any

import pytest

from harness.errors import RemoteProtocolError, TargetSilent
from harness.profiles import all_profiles
from harness.vectors import load

#: The embedded emulator's own file, applied by default when the target is the embedded emulator.
EMULATOR = "vectors/expectations/emulator.toml"

#: What a known deviation may be expected to do. "fail": the test's assertion or the target's protocol
#: error; the others narrow it.
EXPECTED_OUTCOMES: dict[str, tuple[type[BaseException], ...]] = {
    "fail": (AssertionError, RemoteProtocolError, TargetSilent),
    "assertion": (AssertionError,),
    "silent": (TargetSilent,),
    "protocol": (RemoteProtocolError,),
}


def path(given: str | None, *, embedded: bool) -> str | None:
    """The file to apply: ``given`` (which must exist), else the emulator's for the embedded emulator."""
    if given:
        if not Path(given).is_file():
            raise pytest.UsageError(f"--expectations: no such file {given!r}")
        return str(given)
    return EMULATOR if embedded else None


def _read(source: str) -> dict[str, Any]:
    if source == EMULATOR:
        return load("expectations/emulator")
    try:
        return tomllib.loads(Path(source).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise pytest.UsageError(f"{source}: not valid TOML: {e}") from None


def apply(source: str, items: list[pytest.Item], profiles: list[str], *, report_unmatched: bool = True) -> list[str]:
    """Mark the deviations of ``source`` on ``items`` as strict xfail; return the entries that matched
    no item although they could apply to the selected ``profiles`` (a typo, or a stale entry)."""
    unmatched: list[str] = []
    for entry in _read(source).get("deviation", []):
        missing = {"test", "reason", "clause"} - set(entry)
        if missing:
            raise pytest.UsageError(f"{source}: a deviation lacks {sorted(missing)}: {entry}")
        outcome = entry.get("outcome", "fail")
        if outcome not in EXPECTED_OUTCOMES:
            raise pytest.UsageError(
                f"{source}: deviation {entry['test']!r} has outcome {outcome!r}; known: {', '.join(EXPECTED_OUTCOMES)}"
            )
        reason = f"known deviation ({entry['clause']}): {entry['reason']}"
        matched = False
        for item in items:
            # An exact node id first: its "[profile-param]" would read as a character class to fnmatch.
            if item.nodeid == entry["test"] or fnmatch.fnmatchcase(item.nodeid, entry["test"]):
                matched = True
                item.add_marker(pytest.mark.xfail(strict=True, raises=EXPECTED_OUTCOMES[outcome], reason=reason))
        # An entry for a module this run does not test (its node id names another profile) is not a typo.
        named = _profiles_named(str(entry["test"]))
        if report_unmatched and not matched and (not named or any(p in named for p in profiles)):
            unmatched.append(str(entry["test"]))
    return unmatched


def _profiles_named(test: str) -> list[str]:
    """The profiles whose tests ``test`` (a node id or an fnmatch pattern) can name by its parameter.

    An exact id names one (``[telit/le866-...``); a pattern may name several through a wildcard in the product
    (``[[]quectel-ec200/*-...``: ``[[]`` is fnmatch's literal ``[``).
    """
    text = test.replace("[[]", "[")
    named = [name for name in all_profiles() if f"[{name}" in text]
    _, bracket, param = text.partition("[")
    document, slash, rest = param.partition("/")
    product = rest.partition("-")[0]
    if bracket and slash and any(c in product for c in "*?"):
        named += [name for name in all_profiles() if fnmatch.fnmatchcase(name, f"{document}/{product}")]
    return named
