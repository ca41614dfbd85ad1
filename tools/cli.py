"""The command line of the tools: ``python -m tools run|coverage|compare|kill-matrix`` (and, for the README's
first command and older notes, ``python -m harness ...``, which only forwards here)."""

from __future__ import annotations

import argparse
from pathlib import Path


def build_parser(prog: str = "python -m tools") -> argparse.ArgumentParser:
    """The top-level parser: one sub-command per tool; each tool parses the rest of the line itself."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Conformance suite for the SSL/TLS AT commands of cellular modules.",
        epilog="Any other option of 'run' is passed to pytest, e.g. --profile telit/he910, --target "
        "socket://host:7000, --target2 ..., -k sslen, -x. Run 'python -m pytest --help' for all of them.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the suite and write the HTML, JSON and JUnit reports")
    run.add_argument("--reports", default="reports", metavar="DIR", help="where run folders go (default: reports)")
    sub.add_parser("coverage", help="list the testable sections of each document that no test cites", add_help=False)
    sub.add_parser(
        "compare",
        help="compare two results.json files: regressions, fixes, new and removed tests (exit 1 on a regression)",
        add_help=False,
    )
    sub.add_parser(
        "kill-matrix",
        help="run the suite against every named emulator defect, on every profile class it applies to: "
        "which tests kill each (exit 1 below 100 %%)",
        add_help=False,
    )
    sub.add_parser(
        "rfc2217-publish", help="publish serial ports over RFC 2217 on 127.0.0.1 (docs/FARM.md)", add_help=False
    )
    return parser


def main(argv: list[str] | None = None, prog: str = "python -m tools") -> int:
    """Dispatch to the tool named first; its exit code. The tools are imported when chosen, so that
    ``compare`` does not pay for the suite's imports."""
    args, rest = build_parser(prog).parse_known_args(argv)
    if args.command == "coverage":
        from tools.coverage import main as coverage

        return coverage(rest)
    if args.command == "compare":
        from tools.compare import main as compare

        return compare(rest)
    if args.command == "kill-matrix":
        from tools.killmatrix.cli import main as kill_matrix

        return kill_matrix(rest)
    if args.command == "rfc2217-publish":
        from tools.rfc2217 import main as publish

        return publish(rest)
    from tools.run import run

    return run(Path(args.reports), rest)
