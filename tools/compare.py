"""``python -m tools compare A.json B.json``: what changed between two runs' ``results.json`` (schema 2).

Tests are matched by ``id`` (see ``docs/RESULTS.md``) and sorted into:

* **regressions**: the verdict in B is ``fail`` or ``error`` and in A it was neither;
* **fixes**: ``fail``/``error`` in A and ``pass``/``deviation fixed`` in B, or ``known deviation`` in A
  and ``pass``/``deviation fixed`` in B;
* **changed**: any other change of verdict (``pass`` → ``not applicable``, ``fail`` → ``error`` ...);
* **new**: only in B (those failing in B are counted separately; they are not regressions);
* **removed**: only in A.

The report goes to stdout as text (``--quiet``: the total line only) and, with ``--html OUT.html``, to a
self-contained HTML page as well. ``--profile NAME`` restricts both files to the tests of one profile.

Exit code: 0 when there is no regression, 1 when there is at least one, 2 when an input cannot be used
(missing, not JSON, not schema 2, a key missing or of the wrong type), the HTML cannot be written, or
``--profile`` matches no test in either file.
"""

from __future__ import annotations

import argparse
import html
import io
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness import results
from harness.verdicts import BAD, DEVIATION_FIXED, PASS

GOOD = frozenset({PASS, DEVIATION_FIXED})
MESSAGE_LIMIT = 200
ABSENT = "—"

EXIT_OK = 0
EXIT_REGRESSION = 1
EXIT_UNUSABLE = 2


class UnusableInput(Exception):
    """An input file (or option) that the comparison cannot use; the message is one line for the user."""


# ---------------------------------------------------------------------------------------------------------------------
# The diff: pure functions over already-loaded dicts.


@dataclass(frozen=True)
class Entry:
    """One test whose verdict differs between A and B (``None``: the test is absent from that run)."""

    id: str
    before: str | None
    after: str | None
    clauses: tuple[str, ...]
    message: str


@dataclass
class Diff:
    """The differences between two runs, each list in the order the tests ran (B's order; A's for removed)."""

    regressions: list[Entry] = field(default_factory=list)
    fixes: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    new: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    unchanged: int = 0

    @property
    def new_failing(self) -> list[Entry]:
        """The new tests whose verdict in B is ``fail`` or ``error``."""
        return [e for e in self.new if e.after in BAD]

    def total(self) -> str:
        """The one-line summary, e.g. ``3 regressions, 1 fix, 0 changed, 2 new (1 failing), 0 removed``."""
        failing = len(self.new_failing)
        new = f"{len(self.new)} new" + (f" ({failing} failing)" if failing else "")
        return ", ".join(
            [
                _plural(len(self.regressions), "regression", "regressions"),
                _plural(len(self.fixes), "fix", "fixes"),
                f"{len(self.changed)} changed",
                new,
                f"{len(self.removed)} removed",
            ]
        )

    def exit_code(self) -> int:
        """1 when there is a regression, 0 otherwise."""
        return EXIT_REGRESSION if self.regressions else EXIT_OK


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def classify(before: str, after: str) -> str | None:
    """``"regression"``, ``"fix"``, ``"changed"`` or ``None`` (same verdict) for a test present in both runs."""
    if before == after:
        return None
    if after in BAD and before not in BAD:
        return "regression"
    if after in GOOD and (before in BAD or before == "known deviation"):
        return "fix"
    return "changed"


def first_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """The first non-empty line of ``message``, cut to ``limit`` characters (with an ellipsis when cut)."""
    line = next((part.strip() for part in message.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _tests_by_id(data: dict[str, Any], profile: str | None) -> dict[str, dict[str, Any]]:
    """The run's tests keyed by id, in run order, restricted to ``profile`` when given."""
    return {t["id"]: t for t in data["tests"] if profile is None or t.get("profile") == profile}


def _entry(test_id: str, a: dict[str, Any] | None, b: dict[str, Any] | None) -> Entry:
    """An :class:`Entry` from the test's records in A and B (B's clauses and message when it is in B)."""
    latest = b or a or {}
    return Entry(
        id=test_id,
        before=None if a is None else a["verdict"],
        after=None if b is None else b["verdict"],
        clauses=tuple(latest.get("clauses") or ()),
        message=first_line(latest.get("message") or ""),
    )


def diff(a: dict[str, Any], b: dict[str, Any], profile: str | None = None) -> Diff:
    """Compare two loaded results files (run A, then run B) test by test; ``profile`` restricts both."""
    tests_a, tests_b = _tests_by_id(a, profile), _tests_by_id(b, profile)
    result = Diff()
    lists = {"regression": result.regressions, "fix": result.fixes, "changed": result.changed}
    for test_id, test_b in tests_b.items():
        test_a = tests_a.get(test_id)
        if test_a is None:
            result.new.append(_entry(test_id, None, test_b))
            continue
        kind = classify(test_a["verdict"], test_b["verdict"])
        if kind is None:
            result.unchanged += 1
        else:
            lists[kind].append(_entry(test_id, test_a, test_b))
    result.removed.extend(_entry(i, t, None) for i, t in tests_a.items() if i not in tests_b)
    return result


# ---------------------------------------------------------------------------------------------------------------------
# Loading a results file: harness.results.read checks it (docs/RESULTS.md, schema 2).


def load(path: Path) -> dict[str, Any]:
    """Read and check one results file; any problem becomes :class:`UnusableInput`."""
    try:
        return results.read(path)
    except results.ResultsError as exc:
        raise UnusableInput(str(exc)) from None


# ---------------------------------------------------------------------------------------------------------------------
# Rendering.


@dataclass(frozen=True)
class Header:
    """What identifies one run: the file and the run's own description of itself."""

    label: str
    path: str
    started: str
    suite_version: str
    profiles: tuple[str, ...]
    defects: tuple[str, ...]
    identities: tuple[str, ...]

    def line(self) -> str:
        """The header as one line of text."""
        return f"{self.label}: {self.path} — " + "; ".join(f"{k} {v}" for k, v in self.fields())

    def fields(self) -> list[tuple[str, str]]:
        """(name, value) pairs, in the order they are shown."""
        return [
            ("started", self.started),
            ("suite", self.suite_version),
            ("profiles", ", ".join(self.profiles) or "none"),
            ("defects", ", ".join(self.defects) or "none"),
            ("identities", ", ".join(self.identities) or "none"),
        ]


def _identity(profile: str, identity: dict[str, Any]) -> str:
    """``profile: summary`` (or the error that prevented asking the module)."""
    if identity.get("error"):
        return f"{profile}: error: {first_line(str(identity['error']))}"
    return f"{profile}: {first_line(str(identity.get('summary') or 'unknown'))}"


def describe(label: str, path: str, data: dict[str, Any]) -> Header:
    """The :class:`Header` of a loaded results file."""
    identities: dict[str, Any] = data.get("identities") or {}
    return Header(
        label=label,
        path=path,
        started=data["started"],
        suite_version=data["suite_version"],
        profiles=tuple(data["targets"]["profiles"]),
        defects=tuple(data["targets"]["defects"]),
        identities=tuple(_identity(p, i) for p, i in identities.items()),
    )


@dataclass(frozen=True)
class Section:
    """One titled list of entries; ``messages`` says whether B's message is shown."""

    title: str
    entries: list[Entry]
    messages: bool

    def heading(self) -> str:
        """``Title (N)``."""
        return f"{self.title} ({len(self.entries)})"


def sections(result: Diff) -> list[Section]:
    """The report's sections, regressions first; new tests show their message (it matters when they fail)."""
    return [
        Section("Regressions", result.regressions, True),
        Section("Fixes", result.fixes, False),
        Section("Changed", result.changed, False),
        Section("New", result.new, True),
        Section("Removed", result.removed, False),
    ]


def transition(entry: Entry) -> str:
    """``A verdict → B verdict``, with ``—`` for a run the test is absent from."""
    return f"{entry.before or ABSENT} → {entry.after or ABSENT}"


def clauses_text(entry: Entry) -> str:
    """The clauses joined with commas, or ``no clause``."""
    return ", ".join(entry.clauses) or "no clause"


def _text_entry(entry: Entry, with_message: bool) -> list[str]:
    lines = [f"  {entry.id}", f"      {transition(entry)}  [{clauses_text(entry)}]"]
    if with_message and entry.after in BAD and entry.message:
        lines.append(f"      {entry.message}")
    return lines


def render_text(result: Diff, headers: Iterable[Header]) -> str:
    """The full text report: headers, the five sections, the total line."""
    lines = [h.line() for h in headers]
    for section in sections(result):
        lines += ["", section.heading()]
        for entry in section.entries:
            lines += _text_entry(entry, section.messages)
    lines += ["", result.total()]
    return "\n".join(lines) + "\n"


CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.id { font-family: ui-monospace, monospace; word-break: break-all; }
.regressions h2 { color: #b00020; } .fixes h2 { color: #1b7a1b; }
.bad { color: #b00020; font-weight: bold; } .good { color: #1b7a1b; }
p.total { font-weight: bold; font-size: 1.1em; } p.none { color: #777; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _verdict_html(verdict: str | None) -> str:
    css = "bad" if verdict in BAD else "good" if verdict in GOOD else ""
    return f'<span class="{css}">{_e(verdict or ABSENT)}</span>'


def _html_header(header: Header) -> str:
    cells = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in header.fields())
    return f"<h2>{_e(header.label)}: {_e(header.path)}</h2>\n<table>{cells}</table>"


def _html_row(entry: Entry, with_message: bool) -> str:
    cells = [
        f'<td class="id">{_e(entry.id)}</td>',
        f"<td>{_verdict_html(entry.before)} → {_verdict_html(entry.after)}</td>",
        f"<td>{_e(clauses_text(entry))}</td>",
    ]
    if with_message:
        cells.append(f"<td>{_e(entry.message) if entry.after in BAD else ''}</td>")
    return "<tr>" + "".join(cells) + "</tr>"


def _html_section(section: Section) -> str:
    head = f'<section class="{_e(section.title.lower())}"><h2>{_e(section.heading())}</h2>'
    if not section.entries:
        return head + '<p class="none">none</p></section>'
    titles = ["test", "A → B", "clauses", *(["message (B)"] if section.messages else [])]
    rows = "\n".join(_html_row(e, section.messages) for e in section.entries)
    header_row = "".join(f"<th>{t}</th>" for t in titles)
    return f"{head}\n<table><tr>{header_row}</tr>\n{rows}\n</table></section>"


def render_html(result: Diff, headers: Iterable[Header]) -> str:
    """The report as a self-contained HTML page (inline CSS, no script, no external resource)."""
    parts = [_html_header(h) for h in headers]
    parts += [_html_section(s) for s in sections(result)]
    parts.append(f'<p class="total">{_e(result.total())}</p>')
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Comparison of two conformance runs</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<h1>Comparison of two conformance runs</h1>\n{body}\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------------------------------------------------
# The command.

EPILOG = """\
A regression is a test whose verdict is fail or error in B and was neither in A; a fix is fail/error or
known deviation in A and pass or deviation fixed in B. Tests are matched by id (docs/RESULTS.md).

exit status:
  0  no regression
  1  at least one regression
  2  an input is unusable (missing, not JSON, not schema 2, keys missing), the HTML cannot be written,
     or --profile matches no test
"""


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m tools compare``."""
    parser = argparse.ArgumentParser(
        prog="python -m tools compare",
        description="Compare two results.json files (schema 2): regressions, fixes, changes, new and removed tests.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("a", metavar="A.json", type=Path, help="the earlier run (the reference)")
    parser.add_argument("b", metavar="B.json", type=Path, help="the later run")
    parser.add_argument("--html", metavar="OUT.html", type=Path, help="also write the report as a self-contained page")
    parser.add_argument("--profile", metavar="NAME", help="only the tests of this profile, e.g. telit/he910")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the total line")
    return parser


def _check_profile(profile: str | None, a: dict[str, Any], b: dict[str, Any]) -> None:
    """A ``--profile`` that matches nothing would hide every regression: refuse it."""
    if profile is None:
        return
    if not any(t.get("profile") == profile for t in (*a["tests"], *b["tests"])):
        raise UnusableInput(f"--profile {profile}: no test of that profile in either file")


def _write_html(path: Path, page: str) -> None:
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UnusableInput(f"{path}: cannot write the HTML report ({exc.__class__.__name__}: {exc})") from None


def _tolerant_stdout() -> None:
    """Never fail on a character the terminal's encoding lacks (arrows, §, a module's own text)."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")


def run(args: argparse.Namespace, out: Callable[[str], object]) -> int:
    """Load, compare and report; raises :class:`UnusableInput` for the exit-2 cases."""
    a, b = load(args.a), load(args.b)
    _check_profile(args.profile, a, b)
    result = diff(a, b, profile=args.profile)
    headers = [describe("A", str(args.a), a), describe("B", str(args.b), b)]
    if args.html is not None:
        _write_html(args.html, render_html(result, headers))
    if args.quiet:
        out(result.total() + "\n")
        return result.exit_code()
    out(render_text(result, headers))
    if args.html is not None:
        out(f"HTML report: {args.html}\n")
    return result.exit_code()


def main(argv: list[str] | None = None) -> int:
    """Entry point: returns 0 (no regression), 1 (regressions) or 2 (unusable input)."""
    args = build_parser().parse_args(argv)
    _tolerant_stdout()
    try:
        return run(args, sys.stdout.write)
    except UnusableInput as exc:
        print(f"compare: error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
