"""``python -m tools run``: run the suite with sensible defaults and write its reports.

Every run gets a new folder ``reports/<UTC time>/`` with ``report.html`` (self-contained),
``results.json`` and ``junit.xml``; their paths are printed at the end. Options the command does not
know (``--profile``, ``--target``, ``-k``, ``-x`` ...) pass through to pytest.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

import conformance
from tools.reports import new_folder

SUITE = Path(conformance.__file__).resolve().parent
#: pytest's and pytest-xdist's options whose value is the next argument (the plugin's are in its OPTIONS).
_VALUED = frozenset(
    {"-k", "-m", "-n", "-p", "-o", "-c", "--numprocesses", "--dist", "--timeout", "--rootdir", "--basetemp",
     "--confcutdir", "--farm-pki", "--deselect", "--ignore"}
)  # fmt: skip


def _is_target(arg: str) -> bool:
    """True when ``arg`` names tests: an existing folder or ``.py`` file, or a node id in one."""
    path = Path(arg.split("::")[0])
    return not arg.startswith("-") and path.exists() and (path.is_dir() or path.suffix == ".py")


def run(reports: Path, rest: Sequence[str]) -> int:
    """Run the suite (or the paths in ``rest``) with the reports under a new folder of ``reports``; pytest's
    exit code."""
    folder = new_folder(reports)
    html, results, junit = folder / "report.html", folder / "results.json", folder / "junit.xml"
    # A folder or test file to run, not the value of an option before it (``--farm farm.toml`` names no test).
    targets = [a for i, a in enumerate(rest) if _is_target(a) and (i == 0 or rest[i - 1] not in _VALUED)]
    pytest_args = [
        *([] if targets else [str(SUITE)]),
        "-p",
        "harness.plugin",
        "-p",
        "no:cacheprovider",
        f"--html={html}",
        "--self-contained-html",
        f"--junitxml={junit}",
        f"--results-json={results}",
        "-o",
        "junit_family=xunit2",
        "-rfE",
        "--tb=short",  # the clause, what came and the transcript say it; reprs of fixtures do not
        *rest,
    ]
    code = pytest.main(pytest_args)
    print()
    for label, path in (("HTML report", html), ("JSON results", results), ("JUnit XML", junit)):
        if path.exists():
            print(f"{label}: {path} ({path.stat().st_size / 1e6:.1f} MB)")
        else:
            print(f"{label}: not written (see the errors above)")
    return int(code)
