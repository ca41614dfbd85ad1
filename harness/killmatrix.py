"""``python -m harness kill-matrix``: the emulator's defect catalog as a kill matrix.

Every named defect of the embedded emulator (``emulator.defects.DEFECTS``) breaks one clause of the
documents. The matrix runs the conformance suite against each and says whether the tests that cite that
clause caught it (*killed*), which tests did, and which tests of *other* clauses failed as well (*strays*:
they make a kill unclean, because a defect must break its clause and nothing else). A *benign* defect is a
variation the errata allow: it must fail nothing.

How one defect is hunted (the scout profiles of ``SCOUTS``, those whose document the clause names):

1. the whole suite on the first scout: what fails there and cites the clause is the kill, anything else
   that fails is a stray;
2. not caught there: a *probe* run of only the tests citing the clause (``-p harness.killmatrix
   --kill-matrix-clause``) on each further scout in turn, until one fails;
3. the whole suite on that scout, for its kill and its strays.

Most defects are caught by the first run, which the stray check needs anyway (a probe first would only add
its cost); a probe costs the suite's start (the PKI) and the clause's tests where a whole run costs ~20 s,
so probing pays off for the defects the first scout cannot show, and most for the defects nothing catches.

Each suite run is ``python -m pytest conformance ... --results-json`` in a child process (schema 2,
``docs/RESULTS.md``); the runs are mostly waiting (guard times, deadlines), so defects are hunted
concurrently (``--jobs``). The result is printed as a table, with the kill rate (killed / non-benign
defects) and the commands of the documents no defect breaks, and written as ``kill-matrix.json`` and a
self-contained ``kill-matrix.html`` under ``reports/<UTC time>/``.

Exit status: 0 when every non-benign defect is killed, nothing strays and no benign variation fails
anything; 1 otherwise (or when a suite run could not be read); 2 on a usage error (an unknown defect).

This module is also the pytest plugin of the probe runs (its ``pytest_*`` hooks act only with
``--kill-matrix-clause``). It reads the emulator's catalog, a plain-data module, and nothing else of it.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pytest

from emulator.defects import DEFECTS, Defect
from harness.profiles import all_profiles

ROOT: Final = Path(__file__).resolve().parents[1]

#: A defect is looked for on these profiles in turn: the 3G module first (most commands), then 2G (fast
#: dial, 256-byte SSLSRING chunks), 4G with six sockets, the GSM guide's module.
SCOUTS: Final = ("telit/he910", "telit/ge865", "telit/le866", "telit-gsm/gc864")

#: Concurrent suite runs. The whole catalog (31 defects, 37 suite runs) on a 2-core machine: 1 job 940 s,
#: 2 jobs 482 s, 4 jobs 257 s, 6 jobs 213 s. Up to 4 the runs barely slow each other (968 s of suite time
#: against 940 s alone: they mostly wait); at 6 the CPUs are busy and each run takes a quarter longer (1182 s),
#: which eats into the margins of the timing tests (guard times, deadlines) for 17 % less wall time.
DEFAULT_JOBS: Final = 4

#: Seconds one suite run may take before it is abandoned (the whole suite on one profile takes ~20 s).
RUN_TIMEOUT: Final = 600.0

#: The commands (and URCs) of the documents tested so far (telit-ssl-ug, telit-gsm-ssl), as they spell them:
#: each must be broken by at least one non-benign defect.
COMMANDS: Final = tuple(
    "#SSLEN #SSLSECCFG #SSLSECCFG2 #SSLSECDATA #SSLCFG #SSLD #SSLO #SSLS #SSLSEND #SSLSENDEXT #SSLRECV #SSLRCV "
    "SSLSRING #SSLH #SSLFASTD #HTTPCFG #HTTPQRY #HTTPRING #HTTPRCV #FTPCFG #FTPOPEN #FTPGET #FTPCLOSE".split()
)

#: Verdicts (docs/RESULTS.md) that mean a test did not accept the module: a defect's catch or a stray.
BAD_VERDICTS: Final = frozenset({"fail", "error", "deviation fixed"})

MESSAGE_LIMIT: Final = 200
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
NO_TESTS: Final = 5  # pytest's exit code when no test was collected

Clause = tuple[str, str]


# ---------------------------------------------------------------------------------------------------------------------
# Clauses


def parse_clause(text: str) -> frozenset[Clause]:
    """``"telit-ssl-ug §4.2.2, §4.3.1; telit-gsm-ssl §5"`` → {("telit-ssl-ug", "4.2.2"), ...}.

    Words after a section (``§8.2 Tab. 4``, ``(docs/DECISIONS-issue2.md D5)``) are ignored.
    """
    out: set[Clause] = set()
    for group in text.split(";"):
        words = group.split()
        if not words:
            continue
        for section in re.findall(r"§\s*([0-9][0-9.]*)", group):
            out.add((words[0], section.rstrip(".")))
    return frozenset(out)


def cites(test_clauses: Iterable[str], broken: frozenset[Clause]) -> bool:
    """True when one of a test's clauses (``"<doc> §<section>"``) is a broken clause or a section containing
    one (a test of §5 is a test of §5.2 too)."""
    for text in test_clauses:
        doc, _, section = text.partition(" §")
        for bdoc, bsec in broken:
            if doc == bdoc and (bsec == section or bsec.startswith(section + ".")):
                return True
    return False


def documents(defect: Defect) -> frozenset[str]:
    """The documents a defect's clause names."""
    return frozenset(doc for doc, _ in parse_clause(defect.clause))


def scouts_for(defect: Defect, scouts: Sequence[str] = SCOUTS) -> tuple[str, ...]:
    """The scout profiles whose document the defect's clause names, in scout order."""
    profiles = all_profiles()
    docs = documents(defect)
    return tuple(s for s in scouts if profiles[s].document in docs)


def uncovered_commands(defects: Iterable[Defect], commands: Sequence[str] = COMMANDS) -> tuple[str, ...]:
    """The commands no non-benign defect breaks."""
    covered = {c for d in defects if not d.benign for c in d.commands}
    return tuple(c for c in commands if c not in covered)


def coverage(defects: Iterable[Defect], commands: Sequence[str] = COMMANDS) -> dict[str, list[str]]:
    """Command → the non-benign defects that break it, in the documents' command order."""
    chosen = [d for d in defects if not d.benign]
    return {c: [d.name for d in chosen if c in d.commands] for c in commands}


def unknown_commands(defects: Iterable[Defect], commands: Sequence[str] = COMMANDS) -> dict[str, tuple[str, ...]]:
    """Defect → the commands it names that are not in ``commands`` (a typo, or a command to add there)."""
    known = set(commands)
    return {d.name: bad for d in defects if (bad := tuple(c for c in d.commands if c not in known))}


# ---------------------------------------------------------------------------------------------------------------------
# Suite runs


@dataclass(frozen=True)
class TestOutcome:
    """One test of a run, as results.json (schema 2) gives it."""

    id: str
    verdict: str
    clauses: tuple[str, ...]
    profile: str | None = None
    message: str = ""

    @property
    def bad(self) -> bool:
        """The test did not accept the module (fail, error, deviation fixed)."""
        return self.verdict in BAD_VERDICTS


@dataclass(frozen=True)
class RunRequest:
    """One suite run for a defect: the whole suite, or only the tests citing ``clause``."""

    defect: str
    profiles: tuple[str, ...]
    clause: str | None = None

    @property
    def scope(self) -> str:
        """``full`` or ``clause`` (a probe)."""
        return "full" if self.clause is None else "clause"


@dataclass(frozen=True)
class SuiteRun:
    """What one suite run gave: its tests, or why it could not be read (``problem``)."""

    request: RunRequest
    code: int
    seconds: float
    tests: tuple[TestOutcome, ...] = ()
    problem: str | None = None

    def bad(self) -> list[TestOutcome]:
        """The tests that did not accept the module."""
        return [t for t in self.tests if t.bad]

    def as_json(self) -> dict[str, Any]:
        """The run in kill-matrix.json."""
        return {
            "profiles": list(self.request.profiles),
            "scope": self.request.scope,
            "code": self.code,
            "seconds": round(self.seconds, 2),
            "tests": len(self.tests),
            "failed": [t.id for t in self.bad()],
            "problem": self.problem,
        }


Runner = Callable[[RunRequest], SuiteRun]


def read_results(data: Any) -> tuple[TestOutcome, ...]:
    """The tests of a results.json document (schema 2); ``ValueError`` when it is not one."""
    if not isinstance(data, dict) or data.get("schema") != 2 or not isinstance(data.get("tests"), list):
        raise ValueError("not a results.json of schema 2")
    out = []
    for test in data["tests"]:
        try:
            out.append(
                TestOutcome(
                    id=str(test["id"]),
                    verdict=str(test["verdict"]),
                    clauses=tuple(str(c) for c in test["clauses"]),
                    profile=None if test.get("profile") is None else str(test["profile"]),
                    message=_first_line(str(test.get("message") or "")),
                )
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"a test entry lacks {exc}") from None
    return tuple(out)


def _first_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    line = next((part.strip() for part in message.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def suite_command(request: RunRequest, results: Path) -> list[str]:
    """The child process's command line for ``request``."""
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "conformance",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--results-json={results}",
        "--profile",
        ",".join(request.profiles),
        "--emulator-defect",
        request.defect,
    ]
    if request.clause is not None:
        cmd += ["-p", "harness.killmatrix", "--kill-matrix-clause", request.clause]
    return cmd


class SubprocessRunner:
    """Runs each request as ``python -m pytest conformance ...`` in a child process, results under ``work``."""

    def __init__(self, work: Path, timeout: float = RUN_TIMEOUT) -> None:
        self.work = work
        self.timeout = timeout
        self._count = 0
        self._lock = threading.Lock()

    def _results_path(self, request: RunRequest) -> Path:
        with self._lock:
            self._count += 1
            number = self._count
        tag = "-".join(p.replace("/", "_") for p in request.profiles)
        folder = self.work / request.defect
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{number:03d}-{request.scope}-{tag}.json"

    def __call__(self, request: RunRequest) -> SuiteRun:
        results = self._results_path(request)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MODEM_")}
        started = time.monotonic()
        try:
            proc = subprocess.run(
                suite_command(request, results),
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return SuiteRun(request, -1, time.monotonic() - started, problem=f"timed out after {self.timeout:.0f} s")
        seconds = time.monotonic() - started
        return _suite_run(request, proc.returncode, seconds, results, proc.stdout + proc.stderr)


def _suite_run(request: RunRequest, code: int, seconds: float, results: Path, output: str) -> SuiteRun:
    """Read a finished run: pytest's 0 (all passed) and 1 (some failed) are verdicts, and 5 (no test) for a
    probe whose clause no test of that profile cites; other codes are not."""
    tail = " | ".join(output.strip().splitlines()[-3:])
    if code == NO_TESTS and request.clause is not None:
        return SuiteRun(request, code, seconds)
    if code not in (0, 1):
        return SuiteRun(request, code, seconds, problem=f"pytest exited {code}: {tail}")
    try:
        tests = read_results(json.loads(results.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        return SuiteRun(request, code, seconds, problem=f"{results.name}: {exc}; {tail}")
    return SuiteRun(request, code, seconds, tests)


# ---------------------------------------------------------------------------------------------------------------------
# One defect


@dataclass(frozen=True)
class Row:
    """One defect of the matrix: where it was caught, by which tests, and what strayed."""

    defect: Defect
    runs: tuple[SuiteRun, ...] = ()
    #: The failing tests that cite the defect's clause, on ``profile``.
    caught: tuple[TestOutcome, ...] = ()
    #: The failing tests of other clauses, on every full run (a benign defect must have neither list).
    strays: tuple[TestOutcome, ...] = ()
    profile: str | None = None
    problem: str | None = None

    @property
    def killed(self) -> bool:
        """A non-benign defect that a test of its clause caught."""
        return not self.defect.benign and bool(self.caught)

    @property
    def ok(self) -> bool:
        """Killed cleanly, or a benign variation that failed nothing."""
        if self.problem is not None or self.strays:
            return False
        return not self.caught if self.defect.benign else bool(self.caught)

    @property
    def status(self) -> str:
        """One word or two for the table."""
        if self.problem is not None:
            return "run error"
        if self.defect.benign:
            return "tolerated" if not (self.caught or self.strays) else "benign FAILS"
        if not self.caught:
            return "SURVIVED"
        return "killed" if not self.strays else "killed, STRAYS"

    @property
    def seconds(self) -> float:
        """Suite time spent on this defect."""
        return sum(r.seconds for r in self.runs)

    def as_json(self) -> dict[str, Any]:
        """The row in kill-matrix.json."""
        return {
            "name": self.defect.name,
            "clause": self.defect.clause,
            "description": self.defect.description,
            "commands": list(self.defect.commands),
            "benign": self.defect.benign,
            "status": self.status,
            "killed": self.killed,
            "ok": self.ok,
            "profile": self.profile,
            "caught": [_test_json(t) for t in self.caught],
            "strays": [_test_json(t) for t in self.strays],
            "problem": self.problem,
            "seconds": round(self.seconds, 2),
            "runs": [r.as_json() for r in self.runs],
        }


def _test_json(test: TestOutcome) -> dict[str, Any]:
    return {
        "id": test.id,
        "verdict": test.verdict,
        "clauses": list(test.clauses),
        "profile": test.profile,
        "message": test.message,
    }


def split(run: SuiteRun, broken: frozenset[Clause]) -> tuple[tuple[TestOutcome, ...], tuple[TestOutcome, ...]]:
    """A run's failing tests: (those citing a broken clause, the others)."""
    bad = run.bad()
    return tuple(t for t in bad if cites(t.clauses, broken)), tuple(t for t in bad if not cites(t.clauses, broken))


def hunt(defect: Defect, run: Runner, scouts: Sequence[str] = SCOUTS) -> Row:
    """Look for ``defect`` as the module docstring says: the whole suite on the first scout; if that does not
    catch it, a probe of the clause's tests on each further scout in turn, and the whole suite on the first
    scout whose probe catches it."""
    profiles = scouts_for(defect, scouts)
    if not profiles:
        return Row(defect, problem=f"no scout profile ({', '.join(scouts)}) is described by {defect.clause!r}")
    broken = parse_clause(defect.clause)
    first = run(RunRequest(defect.name, profiles[:1]))
    if first.problem is not None:
        return Row(defect, (first,), problem=first.problem)
    caught, strays = split(first, broken)
    if defect.benign or caught:
        return Row(defect, (first,), caught, strays, profiles[0] if caught else None)
    runs = [first]
    for profile in profiles[1:]:
        probe = run(RunRequest(defect.name, (profile,), defect.clause))
        runs.append(probe)
        if probe.problem is not None:
            return Row(defect, tuple(runs), strays=strays, problem=probe.problem)
        if probe.bad():
            return _confirm(defect, runs, strays, profile, run)
    return Row(defect, tuple(runs), strays=strays)


def _confirm(defect: Defect, runs: list[SuiteRun], strays: tuple[TestOutcome, ...], profile: str, run: Runner) -> Row:
    """The whole suite on ``profile``, whose probe caught ``defect``: the kill, and its strays."""
    full = run(RunRequest(defect.name, (profile,)))
    runs.append(full)
    if full.problem is not None:
        return Row(defect, tuple(runs), strays=strays, problem=full.problem)
    caught, more = split(full, parse_clause(defect.clause))
    problem = None if caught else f"the probe caught it on {profile}, the whole suite there did not (a flaky test?)"
    return Row(defect, tuple(runs), caught, strays + more, profile, problem)


# ---------------------------------------------------------------------------------------------------------------------
# The matrix


@dataclass
class Matrix:
    """Every hunted defect, the catalog's command coverage, and how long it took."""

    rows: list[Row]
    #: Command → the defects of the whole catalog that break it.
    coverage: dict[str, list[str]]
    jobs: int
    seconds: float
    #: When the run began, UTC, ISO 8601.
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def uncovered(self) -> tuple[str, ...]:
        """The commands of the documents no defect of the catalog breaks."""
        return tuple(c for c, names in self.coverage.items() if not names)

    @property
    def killable(self) -> list[Row]:
        """The non-benign rows."""
        return [r for r in self.rows if not r.defect.benign]

    @property
    def killed(self) -> int:
        """How many non-benign defects were killed."""
        return sum(r.killed for r in self.killable)

    @property
    def rate(self) -> float:
        """Killed / non-benign defects, in percent (100 with none)."""
        return 100.0 * self.killed / len(self.killable) if self.killable else 100.0

    @property
    def strays(self) -> list[Row]:
        """Non-benign rows with strays."""
        return [r for r in self.killable if r.strays]

    @property
    def benign_failing(self) -> list[Row]:
        """Benign rows that failed a test."""
        return [r for r in self.rows if r.defect.benign and (r.caught or r.strays)]

    @property
    def errors(self) -> list[Row]:
        """Rows whose runs could not be read."""
        return [r for r in self.rows if r.problem is not None]

    @property
    def ok(self) -> bool:
        """100 % kill, no strays, no benign variation failing, every run read."""
        return self.killed == len(self.killable) and not (self.strays or self.benign_failing or self.errors)

    def exit_code(self) -> int:
        """0 when :attr:`ok`, 1 otherwise."""
        return EXIT_OK if self.ok else EXIT_FAILED

    def suite_runs(self) -> int:
        """How many suite runs the matrix took."""
        return sum(len(r.runs) for r in self.rows)

    def as_json(self) -> dict[str, Any]:
        """kill-matrix.json."""
        return {
            "format": "modem-tls-conformance/kill-matrix",
            "version": 1,
            "started": self.started,
            "duration": round(self.seconds, 2),
            "jobs": self.jobs,
            "scouts": list(SCOUTS),
            "kill_rate": {"killed": self.killed, "defects": len(self.killable), "percent": round(self.rate, 1)},
            "ok": self.ok,
            "commands": self.coverage,
            "commands_without_defect": list(self.uncovered),
            "defects": [r.as_json() for r in self.rows],
        }


def run_matrix(
    names: Sequence[str] | None = None,
    *,
    jobs: int = DEFAULT_JOBS,
    runner: Runner | None = None,
    work: Path | None = None,
    progress: Callable[[Row], object] | None = None,
    catalog: dict[str, Defect] | None = None,
) -> Matrix:
    """Hunt the defects ``names`` (default: the whole catalog) with ``jobs`` concurrent hunts.

    ``runner`` runs one suite run (default: :class:`SubprocessRunner` writing its results under ``work``, a
    temporary folder when not given); ``progress`` is called with each row as it is done.
    """
    defects = dict(catalog if catalog is not None else DEFECTS)
    chosen = [defects[n] for n in (names or list(defects))]
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kill-matrix-") as tmp:
        run = runner or SubprocessRunner(work or Path(tmp))

        def one(defect: Defect) -> Row:
            row = hunt(defect, run)
            if progress is not None:
                progress(row)
            return row

        with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="kill-matrix") as pool:
            rows = list(pool.map(one, chosen))
    return Matrix(rows, coverage(defects.values()), max(1, jobs), time.monotonic() - started, stamp)


# ---------------------------------------------------------------------------------------------------------------------
# Text


def progress_line(row: Row) -> str:
    """One line as a defect is done."""
    where = f" on {row.profile}" if row.profile else ""
    runs = f"{len(row.caught)} caught, {len(row.runs)} runs, {row.seconds:.0f} s"
    return f"  {row.status:<15} {row.defect.name}{where} ({runs})"


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(matrix: Matrix) -> str:
    """The matrix as a text table, the tests behind each row, and the totals."""
    head = ("defect", "result", "caught", "caught on", "commands", "clause")
    widths = (34, 15, 6, 15, 37)
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=False)) + "  " + head[-1]]
    lines.append("-" * 130)
    for row in matrix.rows:
        cells = (
            row.defect.name,
            row.status,
            str(len(row.caught)),
            row.profile or "—",
            " ".join(row.defect.commands) or "—",
        )
        lines.append(
            "  ".join(_cell(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + row.defect.clause
        )
    lines.append("")
    for row in matrix.rows:
        lines += _details(row)
    lines += summary_lines(matrix)
    return "\n".join(lines) + "\n"


def _details(row: Row) -> list[str]:
    out = [f"{row.defect.name} — {row.defect.description}"]
    label = "failed" if row.defect.benign else "caught by"
    out += [f"    {label}: {t.id} ({t.verdict})" for t in row.caught]
    out += [
        f"    STRAY: {t.id} ({t.verdict}; cites {', '.join(t.clauses) or 'nothing'}): {t.message}" for t in row.strays
    ]
    if row.problem:
        out.append(f"    ERROR: {row.problem}")
    if not (row.caught or row.strays or row.problem):
        out.append(
            "    tolerated: no test failed" if row.defect.benign else "    SURVIVED: no test of its clause failed"
        )
    return out


def summary_lines(matrix: Matrix) -> list[str]:
    """The totals: kill rate, strays, benign variations, uncovered commands, time."""
    benign = [r for r in matrix.rows if r.defect.benign]
    stray_names = ", ".join(r.defect.name for r in matrix.strays) or "none"
    return [
        "",
        f"kill rate: {matrix.killed}/{len(matrix.killable)} non-benign defects killed ({matrix.rate:.1f} %)",
        f"strays: {stray_names}",
        f"benign variations: {len(benign)}, failing: "
        + (", ".join(r.defect.name for r in matrix.benign_failing) or "none"),
        f"run errors: {', '.join(r.defect.name for r in matrix.errors) or 'none'}",
        f"commands without a defect: {', '.join(matrix.uncovered) or 'none'}",
        f"{matrix.suite_runs()} suite runs, {sum(r.seconds for r in matrix.rows):.0f} s of suite time, "
        f"{matrix.seconds:.0f} s wall time with {matrix.jobs} jobs",
        "verdict: " + ("OK" if matrix.ok else "NOT OK"),
    ]


# ---------------------------------------------------------------------------------------------------------------------
# HTML

CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.ok { background: #e6f4e6; } td.bad { background: #fbe3e3; font-weight: bold; }
ul { margin: 0; padding-left: 1.2em; } code { font-size: 0.9em; }
p.total { font-weight: bold; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _tests_html(tests: Sequence[TestOutcome], stray: bool) -> str:
    if not tests:
        return "—"
    items = []
    for t in tests:
        extra = f" — cites {_e(', '.join(t.clauses) or 'nothing')}: {_e(t.message)}" if stray else ""
        items.append(f"<li><code>{_e(t.id)}</code> ({_e(t.verdict)}){extra}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _row_html(row: Row) -> str:
    problem = f"<br>{_e(row.problem)}" if row.problem else ""
    cells = [
        f"<td><code>{_e(row.defect.name)}</code><br><small>{_e(row.defect.description)}</small></td>",
        f'<td class="{"ok" if row.ok else "bad"}">{_e(row.status)}{problem}</td>',
        f"<td>{_e(row.defect.clause)}</td>",
        f"<td>{_e(' '.join(row.defect.commands) or '—')}</td>",
        f"<td>{_e(row.profile or '—')}</td>",
        f"<td>{len(row.caught)}{_tests_html(row.caught, stray=False) if row.caught else ''}</td>",
        f"<td>{_tests_html(row.strays, stray=True)}</td>",
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def render_html(matrix: Matrix) -> str:
    """The matrix as a self-contained page (inline CSS, no script); every text escaped."""
    head = ("defect", "result", "clause", "commands", "caught on", "tests that caught it", "strays")
    rows = "\n".join(_row_html(r) for r in matrix.rows)
    totals = "".join(f"<li>{_e(line)}</li>" for line in summary_lines(matrix) if line)
    title = "Kill matrix of the emulator's defects"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
        f"<p>Started {_e(matrix.started)}; scouts {_e(', '.join(SCOUTS))}.</p>\n"
        f'<p class="total">{_e("OK" if matrix.ok else "NOT OK")}: kill rate {matrix.killed}/{len(matrix.killable)} '
        f"({matrix.rate:.1f} %)</p>\n<ul>{totals}</ul>\n"
        f"<table>\n<tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>\n{rows}\n</table>\n</body>\n</html>\n"
    )


def write_reports(matrix: Matrix, folder: Path) -> tuple[Path, Path]:
    """Write ``kill-matrix.json`` and ``kill-matrix.html`` into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    as_json, as_html = folder / "kill-matrix.json", folder / "kill-matrix.html"
    as_json.write_text(json.dumps(matrix.as_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    as_html.write_text(render_html(matrix), encoding="utf-8")
    return as_json, as_html


def new_folder(reports: Path) -> Path:
    """A new ``reports/<UTC time>/`` folder (``-2``, ``-3``... when taken)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder, n = reports / stamp, 1
    while folder.exists():
        n += 1
        folder = reports / f"{stamp}-{n}"
    folder.mkdir(parents=True)
    return folder


# ---------------------------------------------------------------------------------------------------------------------
# The command


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m harness kill-matrix``."""
    parser = argparse.ArgumentParser(
        prog="python -m harness kill-matrix",
        description="Run the conformance suite against every named defect of the embedded emulator and show "
        "which tests kill each one.",
        epilog="exit status: 0 every non-benign defect killed, no strays, no benign variation failing; "
        "1 otherwise; 2 usage error",
    )
    parser.add_argument("--defect", action="append", metavar="NAME", help="only this defect (repeatable)")
    parser.add_argument(
        "--jobs", type=int, default=DEFAULT_JOBS, metavar="N", help=f"concurrent suite runs (default {DEFAULT_JOBS})"
    )
    parser.add_argument(
        "--reports", default="reports", metavar="DIR", help="where the report folder goes (default: reports)"
    )
    return parser


def main(argv: list[str] | None = None, out: Callable[[str], object] = print) -> int:
    """Entry point: 0, 1 or 2 (see the module docstring)."""
    args = build_parser().parse_args(argv)
    unknown = sorted(set(args.defect or ()) - DEFECTS.keys())
    if unknown or args.jobs < 1:
        why = f"unknown defect {', '.join(unknown)}; valid: {', '.join(DEFECTS)}" if unknown else "--jobs must be >= 1"
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


# ---------------------------------------------------------------------------------------------------------------------
# The probe runs' pytest plugin (-p harness.killmatrix --kill-matrix-clause "...")


def pytest_addoption(parser: pytest.Parser) -> None:
    """The probe's option."""
    parser.getgroup("modem").addoption(
        "--kill-matrix-clause",
        dest="kill_matrix_clause",
        default=None,
        metavar="CLAUSE",
        help="run only the tests citing CLAUSE (a defect's clause, e.g. 'telit-ssl-ug §5.2; telit-gsm-ssl §4.5.2')",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the tests that do not cite the clause."""
    clause = config.getoption("kill_matrix_clause", None)
    if not clause:
        return
    broken = parse_clause(str(clause))
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        marks = [f"{m.args[0]} §{m.args[1]}" for m in item.iter_markers("spec") if len(m.args) >= 2]
        (keep if cites(marks, broken) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
