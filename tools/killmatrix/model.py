"""The kill matrix's data: suite runs and their tests, the result of a defect on each profile class, a row
per defect, the matrix; which classes a defect applies to; which commands the catalog breaks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Protocol

from harness.clauses import Clause, cites_any, parse_clauses
from harness.verdicts import BAD, DEVIATION_FIXED
from tools.compare import first_line
from tools.killmatrix.documents import DocumentPlan, ProfileClass

#: Verdicts (docs/RESULTS.md) that mean a test did not accept the module: a defect's catch or a stray.
BAD_VERDICTS: Final = BAD | {DEVIATION_FIXED}

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

#: How a class was tried: the whole suite, only the tests citing the defect's clause (a probe), or not at all
#: (a benign variation is run once, on the first class).
FULL, PROBE, NOT_RUN = "full", "clause", "not run"


class DefectLike(Protocol):
    """What the matrix reads of an ``emulator.defects.Defect`` (plain data)."""

    @property
    def name(self) -> str: ...
    @property
    def clause(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def commands(self) -> tuple[str, ...]: ...
    @property
    def benign(self) -> bool: ...


# ---------------------------------------------------------------------------------------------------------------------
# Which classes a defect applies to


def broken_clauses(defect: DefectLike) -> frozenset[Clause]:
    """The clauses a defect breaks (its ``clause`` text)."""
    return parse_clauses(defect.clause)


def documents_of(defect: DefectLike) -> frozenset[str]:
    """The documents a defect's clause names."""
    return frozenset(c.doc for c in broken_clauses(defect))


def products_of(defect: DefectLike) -> frozenset[str]:
    """The profiles the defect shows on (``Defect.products``); empty: every module of its documents.

    Read with ``getattr`` so that a catalog without the field reads as "every module"."""
    return frozenset(getattr(defect, "products", frozenset()))


def applies(defect: DefectLike, cls: ProfileClass) -> bool:
    """The class belongs to a document the defect's clause names, and the defect shows on one of its modules."""
    products = products_of(defect)
    return cls.document in documents_of(defect) and (not products or bool(products & set(cls.profiles)))


def scout_for(defect: DefectLike, cls: ProfileClass) -> str:
    """The profile of ``cls`` the defect is hunted on: the class's scout, or its first module the defect
    shows on when the scout is not one of them."""
    products = products_of(defect)
    return next((p for p in cls.profiles if not products or p in products), cls.scout)


def applicable_classes(defect: DefectLike, classes: Iterable[ProfileClass]) -> tuple[ProfileClass, ...]:
    """The classes a defect must be caught on, in hunting order."""
    return tuple(c for c in classes if applies(defect, c))


# ---------------------------------------------------------------------------------------------------------------------
# Which commands the catalog breaks


def coverage(defects: Iterable[DefectLike], plans: Sequence[DocumentPlan]) -> dict[str, dict[str, list[str]]]:
    """Document → command → the non-benign defects that break it there (their clause names the document), in
    the document's command order."""
    chosen = [d for d in defects if not d.benign]
    return {
        plan.document: {
            c: [d.name for d in chosen if c in d.commands and plan.document in documents_of(d)] for c in plan.commands
        }
        for plan in plans
    }


def uncovered_commands(defects: Iterable[DefectLike], plans: Sequence[DocumentPlan]) -> tuple[str, ...]:
    """``"<document> <command>"`` for each command no non-benign defect breaks."""
    return tuple(
        f"{doc} {c}" for doc, table in coverage(defects, plans).items() for c, names in table.items() if not names
    )


def unknown_commands(defects: Iterable[DefectLike], plans: Sequence[DocumentPlan]) -> dict[str, tuple[str, ...]]:
    """Defect → the commands it names that no document its clause names defines (a typo, or a command to add
    to that document's list)."""
    by_doc = {plan.document: set(plan.commands) for plan in plans}
    out = {}
    for d in defects:
        known = set().union(*(by_doc.get(doc, set()) for doc in documents_of(d)))
        bad = tuple(c for c in d.commands if c not in known)
        if bad:
            out[d.name] = bad
    return out


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

    @classmethod
    def from_json(cls, test: Mapping[str, Any]) -> TestOutcome:
        """From one entry of ``tests`` of a file that ``harness.results.read`` accepted."""
        return cls(
            id=str(test["id"]),
            verdict=str(test["verdict"]),
            clauses=tuple(str(c) for c in test["clauses"]),
            profile=None if test.get("profile") is None else str(test["profile"]),
            message=first_line(str(test.get("message") or "")),
        )

    @property
    def bad(self) -> bool:
        """The test did not accept the module (fail, error, deviation fixed)."""
        return self.verdict in BAD_VERDICTS

    def cites(self, broken: Iterable[Clause]) -> bool:
        """One of the test's clauses is a broken clause or a section containing one."""
        return cites_any((Clause.parse(c) for c in self.clauses), broken)

    def as_json(self) -> dict[str, Any]:
        """The test in kill-matrix.json."""
        return {
            "id": self.id,
            "verdict": self.verdict,
            "clauses": list(self.clauses),
            "profile": self.profile,
            "message": self.message,
        }


@dataclass(frozen=True)
class RunRequest:
    """One suite run for a defect: the whole suite, or only the tests citing ``clause`` (a probe), on
    ``profiles`` (a probe may cover the scouts of several classes at once)."""

    defect: str
    profiles: tuple[str, ...]
    clause: str | None = None

    @property
    def scope(self) -> str:
        """``full`` or ``clause`` (a probe)."""
        return FULL if self.clause is None else PROBE


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


# ---------------------------------------------------------------------------------------------------------------------
# One defect


@dataclass(frozen=True)
class ClassResult:
    """A defect on one profile class: the profile it was tried on, how, and the tests of its clause that
    caught it there."""

    cls: ProfileClass
    profile: str
    scope: str
    caught: tuple[TestOutcome, ...] = ()

    @property
    def killed(self) -> bool:
        """A test of the clause caught the defect on this class."""
        return bool(self.caught)

    def as_json(self) -> dict[str, Any]:
        """The class result in kill-matrix.json."""
        return {
            "class": self.cls.label,
            "document": self.cls.document,
            "name": self.cls.name,
            "profile": self.profile,
            "scope": self.scope,
            "caught": [t.as_json() for t in self.caught],
        }


@dataclass(frozen=True)
class Row:
    """One defect of the matrix: on which classes it was caught, by which tests, and what strayed."""

    defect: DefectLike
    runs: tuple[SuiteRun, ...] = ()
    #: One entry per class the defect applies to (a benign variation: the first class only), in hunting order.
    classes: tuple[ClassResult, ...] = ()
    #: The failing tests of other clauses, on every full run (a benign defect must have none, nor catches).
    strays: tuple[TestOutcome, ...] = ()
    problem: str | None = None

    @property
    def caught(self) -> tuple[TestOutcome, ...]:
        """Every failing test of the clause, on every class."""
        return tuple(t for c in self.classes for t in c.caught)

    @property
    def missed(self) -> tuple[ClassResult, ...]:
        """The classes the defect applies to where no test of its clause caught it."""
        return tuple(c for c in self.classes if not c.caught)

    @property
    def profile(self) -> str | None:
        """The first profile it was caught on."""
        return next((c.profile for c in self.classes if c.caught), None)

    @property
    def killed(self) -> bool:
        """A non-benign defect caught by a test of its clause on every class it applies to."""
        return not self.defect.benign and bool(self.classes) and not self.missed

    @property
    def ok(self) -> bool:
        """Killed cleanly, or a benign variation that failed nothing."""
        if self.problem is not None or self.strays:
            return False
        return not self.caught if self.defect.benign else self.killed

    @property
    def status(self) -> str:
        """One word or two for the table."""
        if self.problem is not None:
            return "run error"
        if self.defect.benign:
            return "tolerated" if not (self.caught or self.strays) else "benign FAILS"
        if not self.caught:
            return "SURVIVED"
        word = "killed" if self.killed else "PARTIAL"
        return word if not self.strays else f"{word}, STRAYS"

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
            "products": sorted(products_of(self.defect)),
            "benign": self.defect.benign,
            "status": self.status,
            "killed": self.killed,
            "ok": self.ok,
            "profile": self.profile,
            "classes": [c.as_json() for c in self.classes],
            "missed": [c.cls.label for c in self.missed] if not self.defect.benign else [],
            "caught": [t.as_json() for t in self.caught],
            "strays": [t.as_json() for t in self.strays],
            "problem": self.problem,
            "seconds": round(self.seconds, 2),
            "runs": [r.as_json() for r in self.runs],
        }


# ---------------------------------------------------------------------------------------------------------------------
# The matrix


@dataclass
class Matrix:
    """Every hunted defect, the catalog's command coverage, the classes, and how long it took."""

    rows: list[Row]
    #: Document → command → the defects of the whole catalog that break it.
    coverage: dict[str, dict[str, list[str]]]
    classes: tuple[ProfileClass, ...]
    jobs: int
    seconds: float
    #: When the run began, UTC, ISO 8601.
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def uncovered(self) -> tuple[str, ...]:
        """``"<document> <command>"`` for each command no defect of the catalog breaks."""
        return tuple(f"{doc} {c}" for doc, table in self.coverage.items() for c, names in table.items() if not names)

    @property
    def killable(self) -> list[Row]:
        """The non-benign rows."""
        return [r for r in self.rows if not r.defect.benign]

    @property
    def killed(self) -> int:
        """How many non-benign defects were killed on every class they apply to."""
        return sum(r.killed for r in self.killable)

    @property
    def rate(self) -> float:
        """Killed / non-benign defects, in percent (100 with none)."""
        return 100.0 * self.killed / len(self.killable) if self.killable else 100.0

    @property
    def partial(self) -> list[Row]:
        """Non-benign rows caught on some classes but not on all they apply to."""
        return [r for r in self.killable if r.caught and r.missed]

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
        """100 % kill on every class, no strays, no benign variation failing, every run read."""
        return self.killed == len(self.killable) and not (self.strays or self.benign_failing or self.errors)

    def exit_code(self) -> int:
        """0 when :attr:`ok`, 1 otherwise."""
        return EXIT_OK if self.ok else EXIT_FAILED

    def suite_runs(self) -> int:
        """How many suite runs the matrix took."""
        return sum(len(r.runs) for r in self.rows)

    def per_class(self) -> dict[str, tuple[int, int, list[str]]]:
        """Class label → (non-benign defects caught there, non-benign defects that apply there, the names of
        those missed), every class listed."""
        out: dict[str, tuple[int, int, list[str]]] = {c.label: (0, 0, []) for c in self.classes}
        for row in self.killable:
            for result in row.classes:
                caught, applying, missed = out.setdefault(result.cls.label, (0, 0, []))
                if not result.caught:
                    missed.append(row.defect.name)
                out[result.cls.label] = (caught + result.killed, applying + 1, missed)
        return out

    def as_json(self) -> dict[str, Any]:
        """kill-matrix.json (docs/RESULTS.md, "kill-matrix.json")."""
        per_class = self.per_class()
        return {
            "format": "modem-tls-conformance/kill-matrix",
            "version": 2,
            "started": self.started,
            "duration": round(self.seconds, 2),
            "jobs": self.jobs,
            "suite_runs": self.suite_runs(),
            "classes": [
                {
                    "class": c.label,
                    "document": c.document,
                    "name": c.name,
                    "profiles": list(c.profiles),
                    "scout": c.scout,
                    "source": c.source,
                    "caught": per_class[c.label][0],
                    "applicable": per_class[c.label][1],
                    "missed": per_class[c.label][2],
                }
                for c in self.classes
            ],
            "kill_rate": {"killed": self.killed, "defects": len(self.killable), "percent": round(self.rate, 1)},
            "ok": self.ok,
            "commands": self.coverage,
            "commands_without_defect": list(self.uncovered),
            "defects": [r.as_json() for r in self.rows],
        }
