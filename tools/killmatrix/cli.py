"""``python -m tools kill-matrix``: the command line of the kill matrix.

Exit status: 0 when every non-benign defect is killed on every class it applies to, nothing strays and no
benign variation fails anything; 1 otherwise (or when a suite run could not be read); 2 on a usage error (an
unknown defect, ``--jobs`` below 1, a ``killmatrix.toml`` that does not check).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

from emulator.defects import DEFECTS
from tools.killmatrix.documents import plans
from tools.killmatrix.hunt import DEFAULT_JOBS, run_matrix
from tools.killmatrix.model import EXIT_USAGE
from tools.killmatrix.render import progress_line, render_text, write_reports
from tools.reports import new_folder


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m tools kill-matrix``."""
    parser = argparse.ArgumentParser(
        prog="python -m tools kill-matrix",
        description="Run the conformance suite against every named defect of the embedded emulator, on every "
        "profile class it applies to, and show which tests kill each one.",
        epilog="exit status: 0 every non-benign defect killed on every class it applies to, no strays, no benign "
        "variation failing; 1 otherwise; 2 usage error",
    )
    parser.add_argument("--defect", action="append", metavar="NAME", help="only this defect (repeatable)")
    parser.add_argument(
        "--jobs", type=int, default=DEFAULT_JOBS, metavar="N", help=f"concurrent hunts (default {DEFAULT_JOBS})"
    )
    parser.add_argument(
        "--reports", default="reports", metavar="DIR", help="where the report folder goes (default: reports)"
    )
    return parser


def _usage_error(args: argparse.Namespace) -> str | None:
    unknown = sorted(set(args.defect or ()) - DEFECTS.keys())
    if unknown:
        return f"unknown defect {', '.join(unknown)}; valid: {', '.join(DEFECTS)}"
    if args.jobs < 1:
        return "--jobs must be >= 1"
    try:
        plans()
    except (ValueError, FileNotFoundError) as exc:
        return str(exc)
    return None


def main(argv: list[str] | None = None, out: Callable[[str], object] = print) -> int:
    """Entry point: 0, 1 or 2 (see the module docstring)."""
    args = build_parser().parse_args(argv)
    why = _usage_error(args)
    if why is not None:
        print(f"kill-matrix: error: {why}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")  # never fail on a § the terminal lacks
    names = list(dict.fromkeys(args.defect or DEFECTS))
    out(f"kill matrix: {len(names)} defects, {args.jobs} jobs")
    matrix = run_matrix(names, jobs=args.jobs, progress=lambda row: out(progress_line(row)))
    out("")
    out(render_text(matrix).rstrip("\n"))
    as_json, as_html = write_reports(matrix, new_folder(Path(args.reports)))
    out(f"JSON: {as_json}")
    out(f"HTML: {as_html}")
    return matrix.exit_code()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
