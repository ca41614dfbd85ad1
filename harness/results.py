"""What a run found, test by test: collected once, written as ``results.json`` and read back.

The file's schema (version 2) is documented in ``docs/RESULTS.md``. :class:`RunRecord` writes it (on the
controlling process only, never on an xdist worker); :func:`read` is its one reader, for ``compare`` and the
kill matrix (``tools/``), and refuses what is not a usable schema-2 file with a one-line reason.
"""

from __future__ import annotations

import json
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest

from harness.clauses import Clause
from harness.verdicts import ORDER, verdict

SCHEMA = 2


def suite_version() -> str:
    """The installed version of the suite; from a checkout that is not installed, pyproject's version
    marked so, or ``unknown``."""
    try:
        return version("modem-tls-conformance")
    except PackageNotFoundError:
        pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
        try:
            return f"{tomllib.loads(pyproject.read_text(encoding='utf-8'))['project']['version']} (not installed)"
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "unknown"


@dataclass(frozen=True)
class Identity:
    """What the module answered to its dialect's identification commands (the report's header)."""

    url: str
    answers: dict[str, str]
    error: str | None = None
    transcript: str = ""
    #: The profile the module was opened as, and (``--farm``) the module's name: two modules of one profile
    #: are two identities, keyed by module (:func:`identity_key`).
    profile: str | None = None
    module: str | None = None

    @property
    def summary(self) -> str:
        """One line: the distinct words of the answers (``Telit HE910 12.00.004``)."""
        seen: list[str] = []
        for text in self.answers.values():
            for line in text.splitlines():
                if line.strip() and line.strip() not in seen:
                    seen.append(line.strip())
        return " ".join(seen) or (f"not identified: {self.error}" if self.error else "not identified")

    def as_json(self) -> dict[str, Any]:
        """The entry of results.json ``identities`` (docs/RESULTS.md)."""
        return {
            "url": self.url,
            "answers": self.answers,
            "summary": self.summary,
            "error": self.error,
            "profile": self.profile,
            "module": self.module,
        }


def identity_key(profile: str, module: str | None) -> str:
    """The key of a module's identity in results.json ``identities``: the profile, or with ``--farm`` the
    module's name (two modules of one profile each answer for themselves)."""
    return module or profile


@dataclass
class TestResult:
    """One entry of ``tests`` in results.json (docs/RESULTS.md)."""

    id: str
    outcome: str
    verdict: str
    clauses: list[str]
    errata: list[str]
    profile: str | None
    target: str | None
    identity: str | None
    duration: float
    message: str
    blame: str | None
    observations: list[str]
    #: The farm's module it ran on (its name, else its target; ``--farm``), else None.
    module: str | None = None


@dataclass(eq=False)  # registered as a pytest plugin, so it must stay hashable
class RunRecord:
    """Collects one :class:`TestResult` per test; writes ``results.json`` at the end when given a path.

    ``identities`` is shared with the plugin's settings, which fill it as each profile's module is first
    opened. ``collected`` keeps the clauses of every selected test, run or not, for the traceability matrix.
    """

    targets: dict[str, Any]
    identities: dict[str, Identity]
    path: Path | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None
    tests: dict[str, TestResult] = field(default_factory=dict)
    collected: dict[str, list[str]] = field(default_factory=dict)
    #: Tests that -k / -m (or the profile selection) left out, with their clauses: the matrix says a
    #: section is "not selected" rather than uncovered when only such tests cite it.
    deselected: dict[str, list[str]] = field(default_factory=dict)
    _durations: dict[str, float] = field(default_factory=dict)
    #: Seconds spent rendering transcripts into the reports (part of the HTML report's build time).
    render_seconds: float = 0.0
    #: What the run wrote to the module and put back (the plugin's summary; results.json ``module_changes``).
    module_changes: Callable[[], dict[str, Any]] | None = None
    #: The id of each test's row in pytest-html's table: the node id, with "::setup" / "::teardown" when
    #: the verdict came from that phase (pytest-html names such rows so).
    anchors: dict[str, str] = field(default_factory=dict)

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """pytest hook: remember the clauses of every selected test (after deselection)."""
        for item in items:
            self.collected[item.nodeid] = _clauses(item)

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        """pytest hook: remember the clauses of the tests left out."""
        for item in items:
            self.deselected[item.nodeid] = _clauses(item)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """pytest hook: record the report."""
        self.add(report)

    # Default order: after the plugin's settings restore (tryfirst), before pytest-html's page (trylast).
    def pytest_sessionfinish(self) -> None:
        """pytest hook: close the record and write the file."""
        self.finished = time.time()
        if self.path is not None:
            self.write()

    def add(self, report: pytest.TestReport) -> None:
        """Fold one phase's report (setup, call, teardown) into the test's entry."""
        self._durations[report.nodeid] = self._durations.get(report.nodeid, 0.0) + report.duration
        existing = self.tests.get(report.nodeid)
        if existing is not None:
            existing.duration = round(self._durations[report.nodeid], 4)
        outcome: str = report.outcome
        if report.when != "call" and report.failed:
            outcome = "error"
        elif report.when != "call" and report.passed:
            return  # setup/teardown that passed says nothing about the test
        if existing is not None and existing.outcome in ("failed", "error"):
            return  # keep the first bad verdict
        xfail_reason = getattr(report, "wasxfail", None)
        if xfail_reason is not None:
            # pytest reports a known deviation that still deviates as "skipped" with wasxfail.
            outcome = "xfailed" if report.skipped else "xpassed"
        message = _message(report)
        if xfail_reason is not None:
            message = f"{xfail_reason} — {message}" if message else str(xfail_reason)
        props = report.user_properties
        first = {name: value for name, value in reversed(props)}
        blame = first.get("blame")
        profile = first.get("profile")
        module = str(first["module"]) if "module" in first else None
        identity = self.identities.get(identity_key(str(profile), module)) if profile else None
        self.anchors[report.nodeid] = report.nodeid if report.when == "call" else f"{report.nodeid}::{report.when}"
        self.tests[report.nodeid] = TestResult(
            id=report.nodeid,
            outcome=outcome,
            verdict=verdict(outcome, blame if isinstance(blame, str) else None, message),
            clauses=self.collected.get(report.nodeid)
            or [c for c in str(first.get("spec", "")).split("; ") if c],
            errata=[e for value in _all(props, "errata") for e in value.split(", ") if e],
            profile=str(profile) if profile else None,
            target=str(first["target"]) if "target" in first else None,
            identity=identity.summary if identity is not None else None,
            duration=round(self._durations[report.nodeid], 4),
            message=message,
            blame=blame if isinstance(blame, str) else None,
            observations=_all(props, "observation"),
            module=module,
        )

    def counts(self) -> dict[str, int]:
        """Tests per verdict, every verdict present."""
        counts = dict.fromkeys(ORDER, 0)
        for test in self.tests.values():
            counts[test.verdict] += 1
        return counts

    def as_json(self) -> dict[str, Any]:
        """The results file's content (docs/RESULTS.md, schema 2)."""
        finished = self.finished or time.time()
        return {
            "schema": SCHEMA,
            "suite_version": suite_version(),
            "started": _iso(self.started),
            "finished": _iso(finished),
            "duration": round(finished - self.started, 3),
            "targets": self.targets,
            "identities": {name: ident.as_json() for name, ident in sorted(self.identities.items())},
            "counts": self.counts(),
            "module_changes": self.module_changes() if self.module_changes else None,
            "tests": [asdict(t) for t in self.tests.values()],
        }

    def write(self) -> None:
        """Write ``results.json`` to :attr:`path`."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.as_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _clauses(item: pytest.Item) -> list[str]:
    marks = {Clause(str(m.args[0]), str(m.args[1])) for m in item.iter_markers("spec") if len(m.args) >= 2}
    return [str(c) for c in sorted(marks, key=Clause.sort_key)]


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


def _all(props: list[tuple[str, object]], name: str) -> list[str]:
    return [str(value) for key, value in props if key == name]


def _message(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return str(crash.message)
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    if report.longrepr is not None:
        text = report.longreprtext.strip()
        # A redacted failure is plain text (plugin._redact): its message is its first "E" line.
        errors = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
        return errors[0] if errors else text
    return ""


# ---------------------------------------------------------------------------------------------------------------------
# Reading a results file back: the one reader of schema 2, for compare and the kill matrix.


class ResultsError(ValueError):
    """A results file that cannot be used; the message is one line for the user, starting with its name."""


def _require(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """``obj[key]``, or :class:`ResultsError` when it is missing or not of ``kind``."""
    if key not in obj:
        raise ResultsError(f"{where}: missing key {key!r}")
    value = obj[key]
    if not isinstance(value, kind):
        raise ResultsError(f"{where}: {key!r} has the wrong type ({type(value).__name__})")
    return value


def _require_strings(obj: dict[str, Any], key: str, where: str) -> list[str]:
    """``obj[key]`` as a list of strings, or :class:`ResultsError`."""
    value: list[Any] = _require(obj, key, list, where)
    if not all(isinstance(item, str) for item in value):
        raise ResultsError(f"{where}: {key!r} must be a list of strings")
    return value


def _check_test(test: Any, where: str) -> str:
    """Check one entry of ``tests`` and return its id."""
    if not isinstance(test, dict):
        raise ResultsError(f"{where}: not an object")
    test_id: str = _require(test, "id", str, where)
    where = f"{where} ({test_id})"
    found: str = _require(test, "verdict", str, where)
    if found not in ORDER:
        raise ResultsError(f"{where}: unknown verdict {found!r}")
    _require_strings(test, "clauses", where)
    _require(test, "message", str, where)
    _require(test, "profile", (str, type(None)), where)
    return test_id


def _check_identities(data: dict[str, Any], name: str) -> None:
    """``identities`` is optional; when present it maps each profile to an object."""
    identities = data.get("identities")
    if identities is None:
        return
    if not isinstance(identities, dict) or not all(isinstance(v, dict) for v in identities.values()):
        raise ResultsError(f"{name}: 'identities' must map each profile to an object")


def validate(data: Any, name: str) -> dict[str, Any]:
    """Return ``data`` when it is a usable schema-2 results file (``docs/RESULTS.md``), else raise
    :class:`ResultsError` naming ``name`` and what is wrong."""
    if not isinstance(data, dict):
        raise ResultsError(f"{name}: not a results file (the top level is not a JSON object)")
    if "schema" not in data:
        raise ResultsError(f"{name}: not a results file (no 'schema' key)")
    if type(data["schema"]) is not int or data["schema"] != SCHEMA:
        raise ResultsError(f"{name}: schema {data['schema']!r} is not supported (this reader reads schema {SCHEMA})")
    _require(data, "suite_version", str, name)
    _require(data, "started", str, name)
    targets: dict[str, Any] = _require(data, "targets", dict, name)
    _require_strings(targets, "profiles", f"{name}: targets")
    _require_strings(targets, "defects", f"{name}: targets")
    _check_identities(data, name)
    seen: set[str] = set()
    for index, test in enumerate(_require(data, "tests", list, name)):
        test_id = _check_test(test, f"{name}: tests[{index}]")
        if test_id in seen:
            raise ResultsError(f"{name}: test id {test_id!r} appears twice")
        seen.add(test_id)
    return data


def read(path: Path) -> dict[str, Any]:
    """Read and check one ``results.json``; any problem (missing, unreadable, not JSON, not a usable
    schema-2 file) is a :class:`ResultsError` whose message starts with the path."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResultsError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResultsError(f"{path}: cannot read it ({exc.__class__.__name__}: {exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultsError(f"{path}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise ResultsError(f"{path}: not JSON (nested too deeply)") from None
    return validate(data, str(path))
