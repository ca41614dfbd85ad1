"""``python -m harness run``: run the suite with sensible defaults and write its reports.

Every run gets a new folder ``reports/<UTC time>/`` with ``report.html`` (self-contained),
``results.json`` and ``junit.xml``; their paths are printed at the end. Options the command does not
know (``--profile``, ``--target``, ``-k``, ``-x`` ...) pass through to pytest.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import conformance

SUITE = Path(conformance.__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness",
        description="Conformance suite for the SSL/TLS AT commands of cellular modules.",
        epilog="Any other option is passed to pytest, e.g. --profile telit/he910, --target socket://host:7000, "
        "--target2 ..., -k sslen, -x. Run 'python -m pytest --help' for all of them.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the suite and write the HTML, JSON and JUnit reports")
    run.add_argument("--reports", default="reports", metavar="DIR", help="where run folders go (default: reports)")
    sub.add_parser("coverage", help="list the testable sections of each document that no test cites")
    sub.add_parser(
        "compare",
        help="compare two results.json files: regressions, fixes, new and removed tests (exit 1 on a regression)",
        add_help=False,
    )
    sub.add_parser(
        "kill-matrix",
        help="run the suite against every named emulator defect: which tests kill each (exit 1 below 100 %%)",
        add_help=False,
    )
    args, rest = parser.parse_known_args(argv)
    if args.command == "coverage":
        from harness.coverage import main as coverage

        return coverage(rest)
    if args.command == "compare":
        from harness.compare import main as compare

        return compare(rest)
    if args.command == "kill-matrix":
        from harness.killmatrix import main as kill_matrix

        return kill_matrix(rest)

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder = Path(args.reports) / stamp
    n = 1
    while folder.exists():
        n += 1
        folder = Path(args.reports) / f"{stamp}-{n}"
    folder.mkdir(parents=True)
    html, results, junit = folder / "report.html", folder / "results.json", folder / "junit.xml"
    targets = [a for a in rest if not a.startswith("-") and Path(a.split("::")[0]).exists()]
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
