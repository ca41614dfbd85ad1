"""Machine-readable results: one JSON file per run, one entry per test (``--results-json PATH``).

Schema (version 1)::

    {"schema": 1, "suite_version": str, "started": ISO-8601, "duration": float,
     "targets": {"profile": [...], "target": str|null, "target2": str|null, "defects": [...]},
     "tests": [{"id": nodeid, "outcome": "passed"|"failed"|"skipped"|"error"|"xfailed"|"xpassed",
                "clauses": ["telit-ssl-ug §4.1", ...], "errata": [...], "profile": str|null,
                "duration": float, "message": str, "blame": "target"|"test"|"link"|null}]}

Written on the controlling process only (never on an xdist worker).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest


def _suite_version() -> str:
    try:
        return version("modem-tls-conformance")
    except PackageNotFoundError:
        return "unknown"


@dataclass
class TestResult:
    id: str
    outcome: str
    clauses: list[str]
    errata: list[str]
    profile: str | None
    duration: float
    message: str
    blame: str | None


@dataclass(eq=False)  # registered as a pytest plugin, so it must stay hashable
class ResultsWriter:
    """Collects one :class:`TestResult` per test and writes them at the end of the session."""

    path: Path
    targets: dict[str, Any]
    started: float = field(default_factory=time.time)
    tests: dict[str, TestResult] = field(default_factory=dict)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """pytest hook: record the report (the writer is registered as a plugin)."""
        self.add(report)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        """pytest hook: write the file at the end of the run."""
        self.write()

    def add(self, report: pytest.TestReport) -> None:
        props = dict(report.user_properties)
        outcome: str = report.outcome
        if report.when != "call" and report.failed:
            outcome = "error"
        elif report.when != "call" and report.passed:
            return  # setup/teardown that passed says nothing about the test
        existing = self.tests.get(report.nodeid)
        if existing is not None and existing.outcome in ("failed", "error"):
            return  # keep the first bad verdict
        message = ""
        xfail_reason = getattr(report, "wasxfail", None)
        if xfail_reason is not None:
            # pytest reports a known deviation that still deviates as "skipped" with wasxfail.
            outcome = "xfailed" if report.skipped else "xpassed"
        crash = getattr(report.longrepr, "reprcrash", None)
        if crash is not None:
            message = str(crash.message)
        elif report.skipped and isinstance(report.longrepr, tuple):
            message = str(report.longrepr[2])
        elif report.longrepr is not None:
            message = report.longreprtext.strip()
        if xfail_reason is not None:
            message = f"{xfail_reason} — {message}" if message else str(xfail_reason)
        self.tests[report.nodeid] = TestResult(
            id=report.nodeid,
            outcome=outcome,
            clauses=[c for c in str(props.get("spec", "")).split("; ") if c],
            errata=[e for e in str(props.get("errata", "")).split(", ") if e],
            profile=props.get("profile"),  # type: ignore[arg-type]
            duration=round(report.duration, 4),
            message=message,
            blame=props.get("blame"),  # type: ignore[arg-type]
        )

    def write(self) -> None:
        data = {
            "schema": 1,
            "suite_version": _suite_version(),
            "started": datetime.fromtimestamp(self.started, UTC).isoformat(timespec="seconds"),
            "duration": round(time.time() - self.started, 3),
            "targets": self.targets,
            "tests": [asdict(t) for t in self.tests.values()],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
