"""The cross-vendor TLS tests: each parametrization cites the clauses of its own profile's document.

A test here carries the ``spec`` marks of every document that has a driver, so that the plugin parametrizes
it with every profile of those documents (harness/plugin/collection.py ``pytest_generate_tests``). Once parametrized,
each item keeps only its profile's document's marks: a telit-gsm-ssl module's verdict is a verdict on
telit-gsm-ssl §3.2, not on a clause of another document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.profiles import Profile

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Drop, from each item of this folder, the ``spec`` marks of documents other than its profile's."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        profile = callspec.params.get("profile") if callspec is not None else None
        if not isinstance(profile, Profile) or _HERE not in item.path.resolve().parents:
            continue
        item.own_markers[:] = [
            m for m in item.own_markers if m.name != "spec" or not m.args or m.args[0] == profile.document
        ]
