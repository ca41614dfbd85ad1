"""The kill matrix (tools/killmatrix/) on synthetic results: no suite runs here.

A fake runner answers each suite run the matrix asks for with a results set written for the case: the
defect caught on every class at once, caught on a later class only, never caught, caught with strays; a
defect of some products only; a benign variation tolerated or failing; a run that could not be read. The
documents' killmatrix.toml and the real catalog's command coverage are checked too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from emulator.defects import DEFECTS
from harness.profiles import all_profiles
from tools import cli as tools_cli
from tools.killmatrix import cli, documents, hunt, model, probe, render, runner
from tools.killmatrix.documents import DocumentPlan, ProfileClass
from tools.killmatrix.model import Matrix, RunRequest, SuiteRun
from tools.killmatrix.model import TestOutcome as Outcome  # not collected as a test class

CLAUSE = "telit-ssl-ug §5.2, §5.4.5"

C3G = ProfileClass("telit-ssl-ug", "3G", ("telit/he910",), "§4.2.2")
C2G = ProfileClass("telit-ssl-ug", "2G", ("telit/ge865", "telit/ge910"), "§4.2.1")
C4G = ProfileClass("telit-ssl-ug", "4G", ("telit/le866", "telit/le910-v2"), "§4.3.2")
CGSM = ProfileClass("telit-gsm-ssl", "GSM", ("telit-gsm/gc864",), "older edition")
PLANS = (
    DocumentPlan("telit-ssl-ug", ("#SSLEN", "#SSLH", "#SSLS", "#SSLD"), ("#SGACT",), (C3G, C2G, C4G)),
    DocumentPlan("telit-gsm-ssl", ("#SSLH", "#SSLRCV"), (), (CGSM,)),
)
CLASSES = (C3G, C2G, C4G, CGSM)


@dataclass(frozen=True)
class FakeDefect:
    """A synthetic catalog entry, with the ``products`` field of emulator.defects.Defect."""

    name: str
    clause: str
    description: str
    commands: tuple[str, ...]
    benign: bool = False
    products: frozenset[str] = frozenset()


def defect(
    name: str = "telit-x",
    clause: str = CLAUSE,
    *,
    benign: bool = False,
    commands: tuple[str, ...] = ("#SSLH",),
    products: frozenset[str] = frozenset(),
) -> FakeDefect:
    """A synthetic catalog entry."""
    return FakeDefect(name, clause, f"{name} breaks {clause}", commands, benign, products)


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


def failing_on(*profiles: str, clause: str = "telit-ssl-ug §5.2") -> Callable[[RunRequest], tuple[Outcome, ...]]:
    """A test of ``clause`` fails on ``profiles``, passes elsewhere."""

    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        return tuple(outcome(p, "fail" if p in profiles else "pass", clause) for p in request.profiles)

    return answers


def run_hunt(entry: FakeDefect, runner_: FakeRunner) -> model.Row:
    return hunt.hunt(entry, runner_, CLASSES)


# ---------------------------------------------------------------------------------------------------------------------
# which classes a defect applies to


def test_a_defect_applies_to_the_classes_of_the_documents_its_clause_names() -> None:
    assert model.applicable_classes(defect(clause="telit-gsm-ssl §4.5.4"), CLASSES) == (CGSM,)
    assert model.applicable_classes(defect(clause="telit-ssl-ug §5"), CLASSES) == (C3G, C2G, C4G)
    assert model.applicable_classes(defect(clause="telit-ssl-ug §5; telit-gsm-ssl §4"), CLASSES) == CLASSES
    assert model.applicable_classes(defect(clause="quectel-gsm-ssl §2"), CLASSES) == ()


def test_a_defect_of_some_products_applies_only_to_their_classes_and_is_hunted_on_them() -> None:
    on_4g = defect(products=frozenset({"telit/le910-v2", "telit/he910"}))
    assert model.applicable_classes(on_4g, CLASSES) == (C3G, C4G)
    assert model.scout_for(on_4g, C4G) == "telit/le910-v2"  # the class's scout (le866) does not show it
    assert model.scout_for(defect(), C4G) == "telit/le866"


def test_a_catalog_without_products_reads_as_every_module() -> None:
    @dataclass(frozen=True)
    class Old:
        name: str = "telit-old"
        clause: str = "telit-ssl-ug §5"
        description: str = ""
        commands: tuple[str, ...] = ()
        benign: bool = False

    assert model.products_of(Old()) == frozenset()
    assert model.applicable_classes(Old(), CLASSES) == (C3G, C2G, C4G)


def test_a_test_cites_a_clause_or_a_section_that_contains_it() -> None:
    broken = model.broken_clauses(defect(clause="telit-ssl-ug §5.4.5"))
    for clause, cites in [
        ("telit-ssl-ug §5.4.5", True),
        ("telit-ssl-ug §5", True),  # §5 contains §5.4.5
        ("telit-ssl-ug §5.4.4", False),
        ("telit-ssl-ug §5.4.50", False),
        ("telit-gsm-ssl §5.4.5", False),  # another document
        ("telit-ssl-ug §5.4.5.1", False),  # a subsection is not the section
    ]:
        assert outcome("p", "fail", clause).cites(broken) is cites, clause
    assert not outcome("p", "fail").cites(broken)


# ---------------------------------------------------------------------------------------------------------------------
# one defect


def test_caught_on_every_class_takes_one_full_run_and_one_probe_of_the_other_scouts() -> None:
    runner_ = FakeRunner(failing_on("telit/he910", "telit/ge865", "telit/le866"))
    row = run_hunt(defect(), runner_)
    assert runner_.requests == [
        RunRequest("telit-x", ("telit/he910",)),
        RunRequest("telit-x", ("telit/ge865", "telit/le866"), CLAUSE),
    ]
    assert row.killed and row.ok and row.status == "killed" and row.profile == "telit/he910"
    assert [(c.cls, c.profile, c.scope, c.killed) for c in row.classes] == [
        (C3G, "telit/he910", "full", True),
        (C2G, "telit/ge865", "clause", True),
        (C4G, "telit/le866", "clause", True),
    ]
    assert row.strays == () and len(row.caught) == 3


def test_a_defect_of_one_class_only_takes_one_run() -> None:
    runner_ = FakeRunner(failing_on("telit-gsm/gc864", clause="telit-gsm-ssl §4.5"))
    row = run_hunt(defect(clause="telit-gsm-ssl §4.5.4"), runner_)
    assert runner_.requests == [RunRequest("telit-x", ("telit-gsm/gc864",))] and row.killed and row.ok


def test_missed_on_one_class_is_not_a_kill() -> None:
    # the SSLSRING chunk limit broken on 3G/4G: caught on 2G only is not enough
    row = run_hunt(defect(), FakeRunner(failing_on("telit/he910", "telit/ge865")))
    assert not row.killed and not row.ok and row.status == "PARTIAL"
    assert [c.cls for c in row.missed] == [C4G]
    assert "3G✓ 2G✓ 4G✗" in render.classes_cell(row)


def test_an_error_verdict_or_a_fixed_deviation_counts_as_a_catch() -> None:
    one_class = defect(clause="telit-gsm-ssl §4")
    for verdict in ("error", "deviation fixed"):
        caught = run_hunt(one_class, FakeRunner(lambda r, v=verdict: (outcome(r.profiles[0], v, "telit-gsm-ssl §4"),)))  # type: ignore[misc]
        assert caught.killed, verdict
    for verdict in ("pass", "not applicable", "skipped", "known deviation"):
        missed = run_hunt(one_class, FakeRunner(lambda r, v=verdict: (outcome(r.profiles[0], v, "telit-gsm-ssl §4"),)))  # type: ignore[misc]
        assert not missed.killed, verdict


def test_missed_by_the_first_class_probes_the_others_then_runs_the_whole_suite_where_caught() -> None:
    runner_ = FakeRunner(failing_on("telit/le866", clause="telit-ssl-ug §5.4.5"))
    row = run_hunt(defect(), runner_)
    assert runner_.requests == [
        RunRequest("telit-x", ("telit/he910",)),
        RunRequest("telit-x", ("telit/ge865", "telit/le866"), CLAUSE),
        RunRequest("telit-x", ("telit/le866",)),
    ]
    assert not row.killed and row.status == "PARTIAL" and row.profile == "telit/le866" and len(row.runs) == 3
    assert [(c.cls, c.scope, c.killed) for c in row.classes] == [
        (C3G, "full", False),
        (C2G, "clause", False),
        (C4G, "full", True),
    ]


def test_not_caught_anywhere_survives() -> None:
    runner_ = FakeRunner(passing)
    row = run_hunt(defect(clause="telit-ssl-ug §5; telit-gsm-ssl §4.5.4"), runner_)
    assert [r.scope for r in runner_.requests] == ["full", "clause"]
    assert runner_.requests[1].profiles == ("telit/ge865", "telit/le866", "telit-gsm/gc864")
    assert not row.killed and not row.ok and row.status == "SURVIVED" and row.profile is None
    assert len(row.missed) == 4


def test_failing_tests_of_other_clauses_are_strays() -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        out = [outcome(p, "fail", "telit-ssl-ug §5.2") for p in request.profiles]
        if request.clause is None:
            out.append(outcome(request.profiles[0], "fail", "telit-ssl-ug §4.2.2", name="u"))
        return tuple(out)

    row = run_hunt(defect(), FakeRunner(answers))
    assert row.killed and not row.ok and row.status == "killed, STRAYS"
    assert [t.id for t in row.strays] == ["conformance/telit/test_x.py::u[telit/he910]"]


def test_strays_of_the_first_class_count_when_a_later_one_catches_it() -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        if request.profiles == ("telit/he910",):
            return (outcome("telit/he910", "fail", "telit-ssl-ug §8.2"),)
        return tuple(outcome(p, "fail", "telit-ssl-ug §5.2") for p in request.profiles)

    row = run_hunt(defect(), FakeRunner(answers))
    assert row.profile == "telit/ge865" and [t.profile for t in row.strays] == ["telit/he910"]
    assert [c.cls for c in row.missed] == [C3G]


def test_probe_caught_but_the_whole_suite_did_not_is_an_error() -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        if request.clause:
            return (outcome("telit/ge865", "fail", "telit-ssl-ug §5.2"),)
        return passing(request)

    row = run_hunt(defect(), FakeRunner(answers))
    assert row.problem is not None and "flaky" in row.problem and not row.ok and row.status == "run error"


def test_benign_variation_runs_once_and_must_fail_nothing() -> None:
    tolerated = run_hunt(defect(benign=True), FakeRunner(passing))
    assert tolerated.ok and tolerated.status == "tolerated" and not tolerated.killed and len(tolerated.runs) == 1
    failing = run_hunt(defect(benign=True), FakeRunner(failing_on("telit/he910")))
    assert not failing.ok and failing.status == "benign FAILS" and not failing.killed


def test_a_run_that_cannot_be_read_is_an_error() -> None:
    row = run_hunt(defect(), FakeRunner(lambda r: "pytest exited 4: usage"))
    assert row.problem == "pytest exited 4: usage" and not row.ok and row.status == "run error"
    probe_fails = run_hunt(defect(), FakeRunner(lambda r: "pytest exited 2" if r.clause else passing(r)))
    assert probe_fails.problem == "pytest exited 2" and probe_fails.status == "run error"


def test_a_clause_no_class_describes_is_an_error() -> None:
    runner_ = FakeRunner(passing)
    row = run_hunt(defect(clause="quectel-gsm-ssl §2.2"), runner_)
    assert runner_.requests == [] and row.problem is not None and not row.ok
    assert "no profile class" in row.problem


# ---------------------------------------------------------------------------------------------------------------------
# the matrix


def catalog(*defects: FakeDefect) -> dict[str, FakeDefect]:
    """A synthetic catalog."""
    return {d.name: d for d in defects}


KILLED, SURVIVOR, STRAYING = defect("telit-a"), defect("telit-b"), defect("telit-c")
PARTIAL = defect("telit-e", commands=("#SSLS",))
BENIGN = defect("telit-d", benign=True)


def answers_by_defect(request: RunRequest) -> tuple[Outcome, ...]:
    """telit-a caught everywhere, telit-b never, telit-c with a stray, telit-e on 3G only, telit-d tolerated."""
    if request.defect == "telit-a":
        return tuple(outcome(p, "fail", "telit-ssl-ug §5.2") for p in request.profiles)
    if request.defect == "telit-c":
        strays = () if request.clause else (outcome(request.profiles[0], "fail", "telit-ssl-ug §3", name="u"),)
        return (*(outcome(p, "fail", "telit-ssl-ug §5.2") for p in request.profiles), *strays)
    if request.defect == "telit-e":
        return failing_on("telit/he910")(request)
    return passing(request)


def test_matrix_counts_the_kill_rate_per_class_and_fails_below_100_percent_or_with_strays() -> None:
    seen: list[str] = []
    matrix = hunt.run_matrix(
        jobs=3,
        runner=FakeRunner(answers_by_defect),
        progress=lambda row: seen.append(row.defect.name),
        catalog=catalog(KILLED, SURVIVOR, STRAYING, BENIGN, PARTIAL),
        documents=PLANS,
    )
    assert [r.defect.name for r in matrix.rows] == ["telit-a", "telit-b", "telit-c", "telit-d", "telit-e"]
    assert sorted(seen) == ["telit-a", "telit-b", "telit-c", "telit-d", "telit-e"]
    assert (matrix.killed, len(matrix.killable)) == (2, 4)
    assert matrix.rate == pytest.approx(50.0)
    assert [r.defect.name for r in matrix.strays] == ["telit-c"]
    assert [r.defect.name for r in matrix.partial] == ["telit-e"]
    assert matrix.per_class()["telit-ssl-ug 4G"] == (2, 4, ["telit-b", "telit-e"])
    assert matrix.per_class()["telit-ssl-ug 3G"] == (3, 4, ["telit-b"])
    assert matrix.per_class()["telit-gsm-ssl GSM"] == (0, 0, [])
    assert not matrix.benign_failing and not matrix.errors
    assert not matrix.ok and matrix.exit_code() == 1
    text = render.render_text(matrix)
    assert "per class (caught/applicable): telit-ssl-ug 3G 3/4 (missed: telit-b);" in text
    assert "caught on some classes only: telit-e" in text
    assert "on telit-ssl-ug 4G (telit/le866, tests of the clause): MISSED" in text


def test_matrix_passes_with_every_defect_killed_cleanly() -> None:
    matrix = hunt.run_matrix(
        jobs=2, runner=FakeRunner(answers_by_defect), catalog=catalog(KILLED, BENIGN), documents=PLANS
    )
    assert matrix.ok and matrix.exit_code() == 0 and matrix.rate == 100.0 and matrix.suite_runs() == 3
    text = render.render_text(matrix)
    assert "kill rate: 1/1 non-benign defects killed on every class they apply to (100.0 %)" in text
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
    matrix = hunt.run_matrix(runner=FakeRunner(answers), catalog=catalog(BENIGN), documents=PLANS)
    assert not matrix.ok and matrix.exit_code() == 1, why


def test_matrix_runs_only_the_named_defects() -> None:
    runner_ = FakeRunner(answers_by_defect)
    matrix = hunt.run_matrix(["telit-a"], runner=runner_, catalog=catalog(KILLED, SURVIVOR), documents=PLANS)
    assert [r.defect.name for r in matrix.rows] == ["telit-a"] and {r.defect for r in runner_.requests} == {"telit-a"}


def test_hunts_start_longest_first_by_the_profiles_costs_and_rows_keep_the_catalog_order() -> None:
    gsm_only = defect("telit-gsm-x", "telit-gsm-ssl §4.2.2.2", commands=("#SSLRCV",))  # one class: one run
    three_g = defect("telit-3g-x", products=frozenset({"telit/he910"}))  # one class: one run
    everywhere = defect("telit-all-x")  # the 3G scout's whole run and a probe of the others
    runner_ = FakeRunner(failing_on("telit/he910", "telit/ge865", "telit/le866", "telit-gsm/gc864"))
    costs = {"telit/he910": 30.0, "telit/ge865": 20.0, "telit/le866": 25.0, "telit-gsm/gc864": 100.0}
    matrix = hunt.run_matrix(
        runner=runner_, catalog=catalog(three_g, everywhere, gsm_only), documents=PLANS, jobs=1, costs=costs
    )
    assert [r.defect for r in runner_.requests] == ["telit-gsm-x", "telit-all-x", "telit-all-x", "telit-3g-x"]
    assert [r.defect.name for r in matrix.rows] == ["telit-3g-x", "telit-all-x", "telit-gsm-x"]
    # Without costs, the hunts that take a probe come first.
    runner_ = FakeRunner(failing_on("telit/he910", "telit/ge865", "telit/le866", "telit-gsm/gc864"))
    hunt.run_matrix(runner=runner_, catalog=catalog(three_g, gsm_only, everywhere), documents=PLANS, jobs=1)
    assert runner_.requests[0].defect == "telit-all-x"


def test_commands_without_a_defect_are_listed_per_document() -> None:
    defects = [
        defect("a", commands=("#SSLH", "#SSLS")),
        defect("b", commands=("#SSLD",), benign=True),
        defect("c", clause="telit-gsm-ssl §4.2.2.2", commands=("#SSLRCV",)),
    ]
    assert model.uncovered_commands(defects, PLANS) == (
        "telit-ssl-ug #SSLEN",
        "telit-ssl-ug #SSLD",  # a benign defect covers nothing
        "telit-gsm-ssl #SSLH",  # "a" breaks #SSLH, but its clause names telit-ssl-ug only
    )
    assert model.coverage(defects, PLANS)["telit-ssl-ug"] == {"#SSLEN": [], "#SSLH": ["a"], "#SSLS": ["a"], "#SSLD": []}
    unknown = model.unknown_commands(
        [defect("a", commands=("#SSLH", "#SSLX")), defect("c", clause="telit-gsm-ssl §4", commands=("#SSLEN",))], PLANS
    )
    assert unknown == {"a": ("#SSLX",), "c": ("#SSLEN",)}  # telit-gsm-ssl has no #SSLEN
    matrix = hunt.run_matrix(runner=FakeRunner(answers_by_defect), catalog=catalog(KILLED), documents=PLANS)
    assert "telit-ssl-ug #SSLEN" in matrix.uncovered
    assert "commands without a defect: telit-ssl-ug #SSLEN, telit-ssl-ug #SSLS," in render.render_text(matrix)


# ---------------------------------------------------------------------------------------------------------------------
# the documents' killmatrix.toml


def test_every_document_with_a_suite_has_its_commands_and_classes() -> None:
    plans = {p.document: p for p in documents.plans()}
    assert {"telit-ssl-ug", "telit-gsm-ssl", "quectel-gsm-ssl"} <= set(plans)
    telit = {c.name: c.profiles for c in plans["telit-ssl-ug"].classes}
    assert telit == {
        "3G": ("telit/he910",),
        "2G": ("telit/ge865", "telit/ge910", "telit/gl865-v3"),
        "4G": ("telit/le866", "telit/le910-v2"),
    }
    scouts = [c.scout for c in documents.all_classes(tuple(plans.values()))]
    telit_scouts = ["telit/he910", "telit/ge865", "telit/le866", "telit-gsm/gc864"]
    assert [s for s in scouts if s.startswith("telit")] == telit_scouts
    assert "quectel-gsm/m95" in scouts
    assert "SSLSRING" in plans["telit-ssl-ug"].commands and "#SSLEN" not in plans["telit-gsm-ssl"].commands
    classed = {p for plan in plans.values() for c in plan.classes for p in c.profiles}
    assert classed == {name for name, p in all_profiles().items() if p.document in plans}


def good_plan() -> dict[str, Any]:
    return {
        "schema": 1,
        "document": "telit-ssl-ug",
        "commands": ["#SSLEN"],
        "classes": {
            "3G": {"profiles": ["telit/he910"], "source": "§4.2.2"},
            "rest": {
                "profiles": ["telit/ge865", "telit/ge910", "telit/gl865-v3", "telit/le866", "telit/le910-v2"],
                "source": "x",
            },
        },
    }


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d.update(schema=2), "schema 2 is not supported"),
        (lambda d: d.update(document="telit-gsm-ssl"), "the folder is telit-ssl-ug's"),
        (lambda d: d.update(scouts=[]), "unknown key(s) scouts"),
        (lambda d: d.update(commands=["#SSLEN", "#SSLEN"]), "lists #SSLEN twice"),
        (lambda d: d.update(classes={}), "no [classes.<name>] table"),
        (lambda d: d["classes"]["3G"].pop("source"), "class 3G: needs profiles"),
        (lambda d: d["classes"]["3G"]["profiles"].append("telit-gsm/gc864"), "telit-gsm/gc864 is not a profile of"),
        (lambda d: d["classes"]["3G"]["profiles"].append("telit/le866"), "telit/le866 is in classes 3G and rest"),
        (lambda d: d["classes"]["rest"]["profiles"].remove("telit/ge910"), "telit/ge910 in no class"),
    ],
)
def test_a_killmatrix_toml_that_does_not_check_is_refused_naming_what_is_wrong(
    change: Callable[[dict[str, Any]], object], error: str
) -> None:
    data = good_plan()
    plan = documents.parse_plan(data, "telit-ssl-ug", all_profiles(), "vectors/telit/killmatrix.toml")
    assert [c.scout for c in plan.classes] == ["telit/he910", "telit/ge865"]
    change(data)
    with pytest.raises(ValueError, match=r"^vectors/telit/killmatrix\.toml: ") as info:
        documents.parse_plan(data, "telit-ssl-ug", all_profiles(), "vectors/telit/killmatrix.toml")
    assert error in str(info.value)


def test_the_catalog_breaks_every_command_of_every_document_and_each_defect_has_a_class() -> None:
    plans = documents.plans()
    classes = documents.all_classes(plans)
    assert model.unknown_commands(DEFECTS.values(), plans) == {}
    assert model.uncovered_commands(DEFECTS.values(), plans) == ()
    profiles = all_profiles()
    for entry in DEFECTS.values():
        assert entry.commands, f"{entry.name} names no command"
        assert model.applicable_classes(entry, classes), f"{entry.name}: no profile class for {entry.clause}"
        assert model.broken_clauses(entry), f"{entry.name}: no section in {entry.clause}"
        unknown = model.products_of(entry) - profiles.keys()
        assert not unknown, f"{entry.name}: products {sorted(unknown)} are no profile"


# ---------------------------------------------------------------------------------------------------------------------
# results.json and the child process


def results_json(tests: list[dict[str, Any]], schema: int = 2) -> dict[str, Any]:
    """A results.json document (schema 2's required keys)."""
    return {
        "schema": schema,
        "suite_version": "0.1.0",
        "started": "2026-12-06T10:00:00+00:00",
        "targets": {"profiles": ["telit/he910"], "defects": ["telit-x"]},
        "tests": tests,
    }


def entry(
    test_id: str = "a[telit/he910]", verdict: str = "fail", message: str = "first line\nsecond"
) -> dict[str, Any]:
    return {
        "id": test_id,
        "verdict": verdict,
        "clauses": ["telit-ssl-ug §5"],
        "profile": "telit/he910",
        "message": message,
    }


def test_suite_run_reads_its_results_through_harness_results_or_says_why_not(tmp_path: Path) -> None:
    request = RunRequest("telit-x", ("telit/he910",))
    results = tmp_path / "r.json"
    assert runner.suite_run(request, 4, 1.0, results, "ERROR: usage\n").problem == "pytest exited 4: ERROR: usage"
    assert runner.suite_run(request, 5, 1.0, results, "no tests ran").problem == "pytest exited 5: no tests ran"
    probe_run = runner.suite_run(RunRequest("telit-x", ("telit/ge865",), CLAUSE), 5, 1.0, results, "no tests ran")
    assert probe_run.problem is None and probe_run.tests == ()  # no test of that profile cites the clause
    missing = runner.suite_run(request, 1, 1.0, results, "boom")
    assert missing.problem is not None and "r.json: no such file" in missing.problem
    results.write_text(json.dumps(results_json([entry()], schema=1)), encoding="utf-8")
    old = runner.suite_run(request, 1, 1.0, results, "")
    assert old.problem is not None and "schema 1 is not supported" in old.problem
    results.write_text(json.dumps(results_json([{"id": "a", "verdict": "pass"}])), encoding="utf-8")
    lacking = runner.suite_run(request, 0, 1.0, results, "")
    assert lacking.problem is not None and "missing key 'clauses'" in lacking.problem
    results.write_text(json.dumps(results_json([entry()])), encoding="utf-8")
    run = runner.suite_run(request, 1, 1.0, results, "")
    assert run.problem is None
    assert run.tests == (Outcome("a[telit/he910]", "fail", ("telit-ssl-ug §5",), "telit/he910", "first line"),)


def test_suite_command_is_a_pytest_run_with_the_defect_and_for_a_probe_the_clause(tmp_path: Path) -> None:
    full = runner.suite_command(RunRequest("telit-x", ("telit/he910",)), tmp_path / "r.json")
    assert full[1:4] == ["-m", "pytest", "conformance"]
    assert f"--results-json={tmp_path / 'r.json'}" in full
    assert full[full.index("--profile") + 1] == "telit/he910" and full[full.index("--emulator-defect") + 1] == "telit-x"
    assert "--kill-matrix-clause" not in full
    probe_cmd = runner.suite_command(RunRequest("telit-x", ("telit/ge865", "telit/le866"), CLAUSE), tmp_path / "r.json")
    assert probe_cmd[probe_cmd.index("--profile") + 1] == "telit/ge865,telit/le866"
    assert probe_cmd[-4:] == ["-p", "tools.killmatrix.probe", "--kill-matrix-clause", CLAUSE]
    shared = runner.suite_command(RunRequest("telit-x", ("telit/he910",)), tmp_path / "r.json", tmp_path / "pki")
    assert f"--farm-pki={tmp_path / 'pki'}" in shared and "--farm-pki" not in " ".join(full)


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
    probe.pytest_collection_modifyitems(config, items)  # type: ignore[arg-type]
    assert [i.name for i in items] == ["a"] and [i.name for i in config.deselected] == ["b", "c"]
    untouched = [Item("b", (("telit-ssl-ug", "4.2.2"),))]
    probe.pytest_collection_modifyitems(Config(None), untouched)  # type: ignore[arg-type]
    assert [i.name for i in untouched] == ["b"]


# ---------------------------------------------------------------------------------------------------------------------
# reports and the command


HOSTILE = defect("telit-<script>alert(1)</script>", clause='telit-ssl-ug §5.2 "<b>&amp;', commands=("#SSLH<i>",))


def test_html_escapes_every_text(tmp_path: Path) -> None:
    def answers(request: RunRequest) -> tuple[Outcome, ...]:
        caught = tuple(
            Outcome('t[<img src=x onerror="y">]', "fail", ("telit-ssl-ug §5.2",), p, "expected <OK> & got </td>")
            for p in request.profiles
        )
        stray = Outcome("u[<svg>]", "fail", ("telit-ssl-ug §3",), request.profiles[0], "<iframe>")
        return (*caught, stray) if request.clause is None else caught

    matrix = hunt.run_matrix(runner=FakeRunner(answers), catalog=catalog(HOSTILE), documents=PLANS)
    page = render.render_html(matrix)
    for raw in ("<script>", "<img", "<svg>", "<iframe>", "<b>", "<i>", "<OK>", "</td> ", '"y"'):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp;amp;" in page and "&lt;iframe&gt;" in page
    assert "telit-ssl-ug 4G" in page and "Profile classes" in page
    as_json, as_html = render.write_reports(matrix, tmp_path / "out")
    assert as_html.read_text(encoding="utf-8") == page
    data = json.loads(as_json.read_text(encoding="utf-8"))
    assert data["format"] == "modem-tls-conformance/kill-matrix" and data["version"] == 2 and data["ok"] is False
    assert data["kill_rate"] == {"killed": 1, "defects": 1, "percent": 100.0}
    assert data["defects"][0]["strays"][0]["id"] == "u[<svg>]"
    assert [c["class"] for c in data["defects"][0]["classes"]] == [
        "telit-ssl-ug 3G",
        "telit-ssl-ug 2G",
        "telit-ssl-ug 4G",
    ]
    assert data["classes"][0] == {
        "class": "telit-ssl-ug 3G",
        "document": "telit-ssl-ug",
        "name": "3G",
        "profiles": ["telit/he910"],
        "scout": "telit/he910",
        "source": "§4.2.2",
        "caught": 1,
        "applicable": 1,
        "missed": [],
    }
    assert data["commands"]["telit-ssl-ug"]["#SSLEN"] == [] and "telit-ssl-ug #SSLEN" in data["commands_without_defect"]


def test_main_refuses_an_unknown_defect(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--defect", "telit-no-such-thing"]) == model.EXIT_USAGE
    assert "unknown defect telit-no-such-thing" in capsys.readouterr().err
    assert cli.main(["--jobs", "0"]) == model.EXIT_USAGE


@pytest.mark.parametrize(("names", "code"), [(["telit-a"], 0), (["telit-a", "telit-b"], 1)])
def test_main_prints_the_matrix_writes_the_reports_and_exits_by_the_verdict(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, names: list[str], code: int
) -> None:
    synthetic = catalog(KILLED, SURVIVOR)
    monkeypatch.setattr(cli, "DEFECTS", synthetic)
    real_run_matrix = hunt.run_matrix

    def fake_run_matrix(chosen: list[str], *, jobs: int, progress: Callable[[model.Row], object]) -> Matrix:
        assert jobs == 3
        return real_run_matrix(
            chosen,
            jobs=jobs,
            runner=FakeRunner(answers_by_defect),
            progress=progress,
            catalog=synthetic,
            documents=PLANS,
        )

    monkeypatch.setattr(cli, "run_matrix", fake_run_matrix)
    lines: list[str] = []
    args = [a for n in names for a in ("--defect", n)]
    assert cli.main([*args, "--jobs", "3", "--reports", str(tmp_path)], out=lines.append) == code
    printed = "\n".join(lines)
    assert "kill rate:" in printed and "commands without a defect:" in printed and "per class" in printed
    (folder,) = tmp_path.iterdir()
    assert f"JSON: {folder / 'kill-matrix.json'}" in printed and f"HTML: {folder / 'kill-matrix.html'}" in printed
    assert (folder / "kill-matrix.html").exists()


@pytest.mark.parametrize("prog", ["python -m tools", "python -m harness"])
def test_the_command_line_knows_kill_matrix(monkeypatch: pytest.MonkeyPatch, prog: str) -> None:
    seen: list[list[str]] = []

    def fake_main(argv: list[str]) -> int:
        seen.append(argv)
        return 7

    monkeypatch.setattr(cli, "main", fake_main)
    assert tools_cli.main(["kill-matrix", "--defect", "telit-a", "--jobs", "2"], prog=prog) == 7
    assert seen == [["--defect", "telit-a", "--jobs", "2"]]


# ---------------------------------------------------------------------------------------------------------------------
# a run that ends without verdicts is run once more


def _scripted_runner(tmp_path: Path, problems: list[str | None]) -> tuple[runner.SubprocessRunner, list[int]]:
    """A SubprocessRunner whose single tries give ``problems`` in turn (None: a run with verdicts)."""
    subject = runner.SubprocessRunner(tmp_path)
    tries: list[int] = []

    def once(request: RunRequest) -> SuiteRun:
        tries.append(1)
        return SuiteRun(request, 1, 1.0, problem=problems[len(tries) - 1])

    subject._once = once  # type: ignore[method-assign]
    return subject, tries


def test_a_run_without_verdicts_is_tried_once_more(tmp_path: Path) -> None:
    subject, tries = _scripted_runner(tmp_path, ["pytest exited 3: INTERNALERROR", None])
    run = subject(RunRequest("telit-x", ("telit/he910",)))
    assert run.problem is None and len(tries) == 2


def test_a_second_failure_is_a_run_error_naming_both_problems(tmp_path: Path) -> None:
    subject, tries = _scripted_runner(tmp_path, ["first problem", "second problem"])
    run = subject(RunRequest("telit-x", ("telit/he910",)))
    assert len(tries) == 2 and run.problem is not None
    assert "second problem" in run.problem and "first problem" in run.problem


def test_a_run_with_verdicts_is_not_repeated(tmp_path: Path) -> None:
    subject, tries = _scripted_runner(tmp_path, [None])
    assert subject(RunRequest("telit-x", ("telit/he910",))).problem is None and len(tries) == 1
