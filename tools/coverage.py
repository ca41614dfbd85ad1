"""``python -m tools coverage``: which testable sections of each document no test cites.

Collects the suite (``pytest --collect-only``), reads every test's ``spec`` marks, and compares them
with ``vectors/sections.toml``. A section marked ``untestable`` is listed with its reason. The spec marks of
a test marked ``observation`` (it records what the documents leave open and gives no verdict:
harness/plugin/fixtures.py) cover nothing: a section only such tests cite is listed as observed only.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import pytest

import conformance
from harness.vectors import load_merged


class _Marks:
    """A pytest plugin that gathers the spec marks of the collected tests."""

    def __init__(self) -> None:
        self.cited: dict[str, dict[str, int]] = {}
        #: Sections cited by tests that only observe (marked ``observation``): not covered by them.
        self.observed: dict[str, dict[str, int]] = {}

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            into = self.observed if item.get_closest_marker("observation") is not None else self.cited
            for mark in item.iter_markers("spec"):
                doc, section = mark.args[0], mark.args[1]
                into.setdefault(doc, {}).setdefault(section, 0)
                into[doc][section] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools coverage", description=__doc__.splitlines()[0])
    parser.add_argument("--document", action="append", help="only these document ids")
    args = parser.parse_args(argv)
    marks = _Marks()
    with contextlib.redirect_stdout(io.StringIO()):
        code = pytest.main(
            [str(Path(conformance.__file__).parent), "--collect-only", "-q", "-p", "no:cacheprovider"], plugins=[marks]
        )
    if code not in (0, 5):
        return int(code)
    sections = load_merged("sections")
    for doc, entries in sections.items():
        if args.document and doc not in args.document:
            continue
        cited = marks.cited.get(doc, {})
        observed = marks.observed.get(doc, {})
        untested = [(s, e) for s, e in entries.items() if "untestable" not in e and s not in cited]
        print(f"\n{doc}: {len(entries)} sections, {sum(1 for s in entries if s in cited)} cited by tests")
        for section, entry in untested:
            only = " (observed only: no test gives a verdict)" if section in observed else ""
            print(f"  NO TEST   §{section} {entry['title']}{only}")
        for section, entry in entries.items():
            if "untestable" in entry:
                print(f"  untestable §{section} {entry['title']}: {entry['untestable']}")
        unknown = sorted((set(cited) | set(observed)) - set(entries))
        if unknown:
            print(f"  cited but not in vectors/sections.toml: {', '.join(unknown)}")
    return 0
