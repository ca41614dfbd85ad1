"""The kill matrix (harness/killmatrix.py) on synthetic results: no suite runs here.

A fake runner answers each suite run the matrix asks for with a results set written for the case: the
defect caught at once, caught on a later scout, never caught, caught with strays; a benign variation
tolerated or failing; a run that could not be read. The real catalog's command coverage is checked too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from emulator.defects import DEFECTS, Defect
from harness import killmatrix as km
from harness.killmatrix import Matrix, RunRequest, SuiteRun
from harness.killmatrix import TestOutcome as Outcome  # not collected as a test class

CLAUSE = "telit-ssl-ug §5.2, §5.4.5"


def defect(
    name: str = "telit-x", clause: str = CLAUSE, *, benign: bool = False, commands: tuple[str, ...] = ("#SSLH",)
) -> Defect:
    """A synthetic catalog entry."""
    return Defect(name=name, clause=clause, description=f"{name} breaks {clause}", commands=commands, benign=benign)


def outcome(profile: str, verdict: str, *clauses: str, name: str = "t") -> Outcome:
    """A synthetic test result of ``profile``."""
    return Outcome(
        id=f"conformance/telit/test_x.py::{name}[{profile}]", verdict=verdict, clauses=clauses, profile=profile
    )


@dataclass
class FakeRunner:
    """Answers each request from ``answers(request)`` and remembers the requests."""

    answers: Callable[[RunRequest], tuple[Outcome, ...] | str]

    def __post_init__(self) -> None:
        self.requests: list[RunRequest] = []

    def __call__(self, request: RunRequest) -> SuiteRun:
        self.requests.append(request)
        answer = self.answers(request)
        if isinstance(answer, str):
            return SuiteRun(request, 3, 0.5, problem=answer)
        return SuiteRun(request, int(any(t.bad for t in answer)), 1.0, answer)


def passing(request: RunRequest) -> tuple[Outcome, ...]:
    """Every test of every profile passes."""
    return tuple(outcome(p, "pass", "telit-ssl-ug §5.2") for p in request.profiles)


# ---------------------------------------------------------------------------------------------------------------------
# clauses


def test_parse_clause_reads_every_document_and_section() -> None:
    assert km.parse_clause("telit-ssl-ug §8.2 Tab. 4; telit-gsm-ssl §5") == {
        ("telit-ssl-ug", "8.2"),
        ("telit-gsm-ssl", "5"),
    }
    assert km.parse_clause("telit-ssl-ug §4.3.1 (docs/DECISIONS-issue2.md D5)") == {("telit-ssl-ug", "4.3.1")}
    assert km.parse_clause("telit-ssl-ug §4.2.1, §4.2.2.") == {("telit-ssl-ug", "4.2.1"), ("telit-ssl-ug", "4.2.2")}


def test_cites_a_clause_or_a_section_that_contains_it() -> None:
    broken = km.parse_clause("telit-ssl-ug §5.4.5")
    assert km.cites(["telit-ssl-ug §5.4.5"], broken)
    assert km.cites(["telit-ssl-ug §5"], broken)  # §5 contains §5.4.5
    assert km.cites(["telit-ssl-ug §5.4"], broken)
    assert not km.cites(["telit-ssl-ug §5.4.4"], broken)
    assert not km.cites(["telit-ssl-ug §5.4.50"], broken)
    assert not km.cites(["telit-gsm-ssl §5.4.5"], broken)  # another document
    assert not km.cites(["telit-ssl-ug §5.4.5.1"], broken)  # a subsection is not the section
    assert not km.cites([], broken)


def test_scouts_are_the_profiles_of_the_clauses_documents() -> None:
    assert km.scouts_for(defect(clause="telit-gsm-ssl §4.5.4")) == ("telit-gsm/gc864",)
    assert km.scouts_for(defect(clause="telit-ssl-ug §5")) == ("telit/he910", "telit/ge865", "telit/le866")
    assert km.scouts_for(defect(clause="telit-ssl-ug §5; telit-gsm-ssl §4")) == km.SCOUTS
    assert km.scouts_for(defect(clause="quectel-gsm-ssl §2")) == ()


# ---------------------------------------------------------------------------------------------------------------------
# one defect


def test_caught_on_the_first_scout_takes_one_full_run() -> None:
    runner = FakeRunner(
        lambda r: (outcome(r.profiles[0], "fail", "telit-ssl-ug §5.2"), outcome(r.profiles[0], "pass", name="u"))
    )
    row = km.hunt(defect(), runner)
    assert runner.requests == [RunRequest("telit-x", ("telit/he910",))]
    assert row.killed and row.ok and row.status == "killed" and row.profile == "telit/he910"
    assert [t.id for t in row.caught] == ["conformance/telit/test_x.py::t[telit/he910]"]
    assert row.strays == ()


def test_an_error_verdict_or_a_fixed_deviation_counts_as_a_catch() -> None:
    for verdict in ("error", "deviation fixed"):
        row = km.hunt(defect(), FakeRunner(lambda r, v=verdict: (outcome(r.profiles[0], v, "telit-ssl-ug §5"),)))  # type: ignore[misc]
        assert row.killed, verdict
    for verdict in ("pass", "not applicable", "skipped", "known deviation"):
        row = km.hunt(defect(), FakeRunner(lambda r, v=verdict: (outcome(r.profiles[0], v, "telit-ssl-ug §5"),)))  # type: ignore[misc]
        assert not row.killed, verdict


def test_caught_on_a_later_scout_probes_then_runs_the_whole_suite_there() -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        (profile,) = request.profiles
        if profile == "telit/le866":
            return (outcome(profile, "fail", "telit-ssl-ug §5.4.5"),)
        return passing(request)

    runner = FakeRunner(answers)
    row = km.hunt(defect(), runner)
    assert runner.requests == [
        RunRequest("telit-x", ("telit/he910",)),
        RunRequest("telit-x", ("telit/ge865",), CLAUSE),
        RunRequest("telit-x", ("telit/le866",), CLAUSE),
        RunRequest("telit-x", ("telit/le866",)),
    ]
    assert row.killed and row.ok and row.profile == "telit/le866" and len(row.runs) == 4


def test_not_caught_anywhere_survives() -> None:
    runner = FakeRunner(passing)
    row = km.hunt(defect(clause="telit-ssl-ug §5; telit-gsm-ssl §4.5.4"), runner)
    assert [r.scope for r in runner.requests] == ["full", "clause", "clause", "clause"]
    assert [r.profiles for r in runner.requests] == [(p,) for p in km.SCOUTS]
    assert not row.killed and not row.ok and row.status == "SURVIVED" and row.profile is None


def test_failing_tests_of_other_clauses_are_strays() -> None:
    runner = FakeRunner(
        lambda r: (
            outcome(r.profiles[0], "fail", "telit-ssl-ug §5.2"),
            outcome(r.profiles[0], "fail", "telit-ssl-ug §4.2.2", name="u"),
        )
    )
    row = km.hunt(defect(), runner)
    assert row.killed and not row.ok and row.status == "killed, STRAYS"
    assert [t.id for t in row.strays] == ["conformance/telit/test_x.py::u[telit/he910]"]


def test_strays_of_the_first_scout_count_when_a_later_one_catches_it() -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        (profile,) = request.profiles
        if profile == "telit/he910":
            return (outcome(profile, "fail", "telit-ssl-ug §8.2"),)
        return (outcome(profile, "fail", "telit-ssl-ug §5.2"),)

    row = km.hunt(defect(), FakeRunner(answers))
    assert row.killed and row.profile == "telit/ge865" and [t.profile for t in row.strays] == ["telit/he910"]


def test_probe_caught_but_the_whole_suite_did_not_is_an_error() -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        if request.profiles == ("telit/ge865",) and request.clause:
            return (outcome("telit/ge865", "fail", "telit-ssl-ug §5.2"),)
        return passing(request)

    row = km.hunt(defect(), FakeRunner(answers))
    assert row.problem is not None and "flaky" in row.problem and not row.ok and row.status == "run error"


def test_benign_variation_runs_once_and_must_fail_nothing() -> None:
    tolerated = km.hunt(defect(benign=True), FakeRunner(passing))
    assert tolerated.ok and tolerated.status == "tolerated" and not tolerated.killed and len(tolerated.runs) == 1
    failing = km.hunt(defect(benign=True), FakeRunner(lambda r: (outcome(r.profiles[0], "fail", "telit-ssl-ug §5.2"),)))
    assert not failing.ok and failing.status == "benign FAILS" and not failing.killed


def test_a_run_that_cannot_be_read_is_an_error() -> None:
    row = km.hunt(defect(), FakeRunner(lambda r: "pytest exited 4: usage"))
    assert row.problem == "pytest exited 4: usage" and not row.ok and row.status == "run error"


def test_a_clause_no_scout_describes_is_an_error() -> None:
    runner = FakeRunner(passing)
    row = km.hunt(defect(clause="quectel-gsm-ssl §2.2"), runner)
    assert runner.requests == [] and row.problem is not None and not row.ok


# ---------------------------------------------------------------------------------------------------------------------
# the matrix


def catalog(*defects: Defect) -> dict[str, Defect]:
    """A synthetic catalog."""
    return {d.name: d for d in defects}


KILLED, SURVIVOR, STRAYING = defect("telit-a"), defect("telit-b"), defect("telit-c")
BENIGN = defect("telit-d", benign=True)


def answers_by_defect(request: RunRequest) -> tuple[Outcome, ...]:
    """telit-a caught cleanly, telit-b never, telit-c with a stray, telit-d (benign) tolerated."""
    profile = request.profiles[0]
    if request.defect == "telit-a":
        return (outcome(profile, "fail", "telit-ssl-ug §5.2"),)
    if request.defect == "telit-c":
        return (outcome(profile, "fail", "telit-ssl-ug §5.2"), outcome(profile, "fail", "telit-ssl-ug §3", name="u"))
    return passing(request)


def test_matrix_counts_the_kill_rate_and_fails_below_100_percent_or_with_strays() -> None:
    seen: list[str] = []
    matrix = km.run_matrix(
        jobs=3,
        runner=FakeRunner(answers_by_defect),
        progress=lambda row: seen.append(row.defect.name),
        catalog=catalog(KILLED, SURVIVOR, STRAYING, BENIGN),
    )
    assert [r.defect.name for r in matrix.rows] == ["telit-a", "telit-b", "telit-c", "telit-d"]
    assert sorted(seen) == ["telit-a", "telit-b", "telit-c", "telit-d"]
    assert (matrix.killed, len(matrix.killable)) == (2, 3)
    assert matrix.rate == pytest.approx(200 / 3)
    assert [r.defect.name for r in matrix.strays] == ["telit-c"]
    assert not matrix.benign_failing and not matrix.errors
    assert not matrix.ok and matrix.exit_code() == 1


def test_matrix_passes_with_every_defect_killed_cleanly() -> None:
    matrix = km.run_matrix(jobs=2, runner=FakeRunner(answers_by_defect), catalog=catalog(KILLED, BENIGN))
    assert matrix.ok and matrix.exit_code() == 0 and matrix.rate == 100.0
    text = km.render_text(matrix)
    assert "kill rate: 1/1 non-benign defects killed (100.0 %)" in text
    assert "strays: none" in text and "verdict: OK" in text


@pytest.mark.parametrize(
    ("answers", "why"),
    [
        (lambda r: (outcome(r.profiles[0], "fail", "telit-ssl-ug §4.1"),), "benign failing"),
        (lambda r: "pytest exited 2: interrupted", "run error"),
    ],
)
def test_matrix_fails_on_a_failing_benign_variation_or_a_run_error(
    answers: Callable[[RunRequest], Any], why: str
) -> None:
    matrix = km.run_matrix(runner=FakeRunner(answers), catalog=catalog(BENIGN))
    assert not matrix.ok and matrix.exit_code() == 1, why


def test_matrix_runs_only_the_named_defects() -> None:
    runner = FakeRunner(answers_by_defect)
    matrix = km.run_matrix(["telit-a"], runner=runner, catalog=catalog(KILLED, SURVIVOR))
    assert [r.defect.name for r in matrix.rows] == ["telit-a"] and {r.defect for r in runner.requests} == {"telit-a"}


def test_commands_without_a_defect_are_listed() -> None:
    defects = [defect("a", commands=("#SSLH", "#SSLS")), defect("b", commands=("#SSLD",), benign=True)]
    assert km.uncovered_commands(defects, ("#SSLH", "#SSLS", "#SSLD", "#SSLO")) == ("#SSLD", "#SSLO")
    assert km.coverage(defects, ("#SSLH", "#SSLD")) == {"#SSLH": ["a"], "#SSLD": []}  # a benign one covers nothing
    assert km.unknown_commands([defect("a", commands=("#SSLH", "#SSLX"))]) == {"a": ("#SSLX",)}
    matrix = km.run_matrix(runner=FakeRunner(answers_by_defect), catalog=catalog(KILLED))
    assert "#SSLEN" in matrix.uncovered
    assert "commands without a defect: #SSLEN," in km.render_text(matrix)


def test_the_catalog_breaks_every_command_of_the_documents() -> None:
    assert km.unknown_commands(DEFECTS.values()) == {}
    assert km.uncovered_commands(DEFECTS.values()) == ()
    for entry in DEFECTS.values():
        assert entry.commands, f"{entry.name} names no command"
        assert km.scouts_for(entry), f"{entry.name}: no scout profile for {entry.clause}"
        assert km.parse_clause(entry.clause), f"{entry.name}: no section in {entry.clause}"


# ---------------------------------------------------------------------------------------------------------------------
# results.json and the child process


def results_json(tests: list[dict[str, Any]], schema: int = 2) -> dict[str, Any]:
    """A results.json document."""
    return {"schema": schema, "tests": tests}


def test_read_results_takes_schema_2_only() -> None:
    entry = {
        "id": "a[telit/he910]",
        "verdict": "fail",
        "clauses": ["telit-ssl-ug §5"],
        "profile": "telit/he910",
        "message": "first line\nsecond",
    }
    (outcome,) = km.read_results(results_json([entry]))
    assert outcome == Outcome("a[telit/he910]", "fail", ("telit-ssl-ug §5",), "telit/he910", "first line")
    with pytest.raises(ValueError, match="schema 2"):
        km.read_results(results_json([entry], schema=1))
    with pytest.raises(ValueError, match="lacks"):
        km.read_results(results_json([{"id": "a"}]))


def test_suite_run_reads_its_results_or_says_why_not(tmp_path: Path) -> None:
    request = RunRequest("telit-x", ("telit/he910",))
    results = tmp_path / "r.json"
    assert km._suite_run(request, 4, 1.0, results, "ERROR: usage\n").problem == "pytest exited 4: ERROR: usage"
    assert km._suite_run(request, 5, 1.0, results, "no tests ran").problem == "pytest exited 5: no tests ran"
    probe = km._suite_run(RunRequest("telit-x", ("telit/ge865",), CLAUSE), 5, 1.0, results, "no tests ran")
    assert probe.problem is None and probe.tests == ()  # no test of that profile cites the clause
    missing = km._suite_run(request, 1, 1.0, results, "boom")
    assert missing.problem is not None and "r.json" in missing.problem
    results.write_text(json.dumps(results_json([{"id": "a", "verdict": "pass", "clauses": []}])), encoding="utf-8")
    run = km._suite_run(request, 0, 1.0, results, "")
    assert run.problem is None and [t.id for t in run.tests] == ["a"]


def test_suite_command_is_a_pytest_run_with_the_defect_and_for_a_probe_the_clause(tmp_path: Path) -> None:
    full = km.suite_command(RunRequest("telit-x", ("telit/he910",)), tmp_path / "r.json")
    assert full[1:4] == ["-m", "pytest", "conformance"]
    assert f"--results-json={tmp_path / 'r.json'}" in full
    assert full[full.index("--profile") + 1] == "telit/he910" and full[full.index("--emulator-defect") + 1] == "telit-x"
    assert "--kill-matrix-clause" not in full
    probe = km.suite_command(RunRequest("telit-x", ("telit/ge865",), CLAUSE), tmp_path / "r.json")
    assert probe[-4:] == ["-p", "harness.killmatrix", "--kill-matrix-clause", CLAUSE]


# ---------------------------------------------------------------------------------------------------------------------
# the probe's pytest plugin


@dataclass
class Mark:
    args: tuple[str, ...]


@dataclass
class Item:
    name: str
    marks: tuple[tuple[str, str], ...]

    def iter_markers(self, name: str) -> Iterator[Mark]:
        assert name == "spec"
        return iter(Mark(m) for m in self.marks)


@dataclass
class Config:
    clause: str | None

    def __post_init__(self) -> None:
        self.deselected: list[Item] = []
        outer = self

        class Hook:
            def pytest_deselected(self, items: list[Item]) -> None:
                outer.deselected += items

        self.hook = Hook()

    def getoption(self, name: str, default: object = None) -> object:
        assert name == "kill_matrix_clause"
        return self.clause


def test_probe_plugin_keeps_only_the_tests_citing_the_clause() -> None:
    items = [Item("a", (("telit-ssl-ug", "5"),)), Item("b", (("telit-ssl-ug", "4.2.2"),)), Item("c", ())]
    config = Config(CLAUSE)
    km.pytest_collection_modifyitems(config, items)  # type: ignore[arg-type]
    assert [i.name for i in items] == ["a"] and [i.name for i in config.deselected] == ["b", "c"]
    untouched = [Item("b", (("telit-ssl-ug", "4.2.2"),))]
    km.pytest_collection_modifyitems(Config(None), untouched)  # type: ignore[arg-type]
    assert [i.name for i in untouched] == ["b"]


# ---------------------------------------------------------------------------------------------------------------------
# reports and the command


HOSTILE = defect("telit-<script>alert(1)</script>", clause='telit-ssl-ug §5.2 "<b>&amp;', commands=("#SSLH<i>",))


def test_html_escapes_every_text(tmp_path: Path) -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        outcome = Outcome(
            't[<img src=x onerror="y">]',
            "fail",
            ("telit-ssl-ug §5.2",),
            request.profiles[0],
            "expected <OK> & got </td>",
        )
        stray = Outcome("u[<svg>]", "fail", ("telit-ssl-ug §3 <x>",), request.profiles[0], "<iframe>")
        return (outcome, stray)

    matrix = km.run_matrix(runner=FakeRunner(answers), catalog=catalog(HOSTILE))
    page = km.render_html(matrix)
    for raw in ("<script>", "<img", "<svg>", "<iframe>", "<b>", "<i>", "<OK>", "</td> ", '"y"', "<x>"):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp;amp;" in page and "&lt;iframe&gt;" in page
    as_json, as_html = km.write_reports(matrix, tmp_path / "out")
    assert as_html.read_text(encoding="utf-8") == page
    data = json.loads(as_json.read_text(encoding="utf-8"))
    assert data["format"] == "modem-tls-conformance/kill-matrix" and data["ok"] is False
    assert data["kill_rate"] == {"killed": 1, "defects": 1, "percent": 100.0}
    assert data["defects"][0]["strays"][0]["id"] == "u[<svg>]"
    assert data["commands"]["#SSLEN"] == [] and "#SSLEN" in data["commands_without_defect"]


def test_main_refuses_an_unknown_defect(capsys: pytest.CaptureFixture[str]) -> None:
    assert km.main(["--defect", "telit-no-such-thing"]) == km.EXIT_USAGE
    assert "unknown defect telit-no-such-thing" in capsys.readouterr().err
    assert km.main(["--jobs", "0"]) == km.EXIT_USAGE


@pytest.mark.parametrize(("names", "code"), [(["telit-a"], 0), (["telit-a", "telit-b"], 1)])
def test_main_prints_the_matrix_writes_the_reports_and_exits_by_the_verdict(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, names: list[str], code: int
) -> None:
    synthetic = catalog(KILLED, SURVIVOR)
    monkeypatch.setattr(km, "DEFECTS", synthetic)
    real_run_matrix = km.run_matrix

    def fake_run_matrix(chosen: list[str], *, jobs: int, progress: Callable[[km.Row], object]) -> Matrix:
        assert jobs == 3
        return real_run_matrix(
            chosen, jobs=jobs, runner=FakeRunner(answers_by_defect), progress=progress, catalog=synthetic
        )

    monkeypatch.setattr(km, "run_matrix", fake_run_matrix)
    lines: list[str] = []
    args = [a for n in names for a in ("--defect", n)]
    assert km.main([*args, "--jobs", "3", "--reports", str(tmp_path)], out=lines.append) == code
    printed = "\n".join(lines)
    assert "kill rate:" in printed and "commands without a defect:" in printed
    (folder,) = tmp_path.iterdir()
    assert f"JSON: {folder / 'kill-matrix.json'}" in printed and f"HTML: {folder / 'kill-matrix.html'}" in printed
    assert (folder / "kill-matrix.html").exists()


def test_harness_command_line_knows_kill_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    from harness import run

    seen: list[list[str]] = []

    def fake_main(argv: list[str]) -> int:
        seen.append(argv)
        return 7

    monkeypatch.setattr(km, "main", fake_main)
    assert run.main(["kill-matrix", "--defect", "telit-a", "--jobs", "2"]) == 7
    assert seen == [["--defect", "telit-a", "--jobs", "2"]]
