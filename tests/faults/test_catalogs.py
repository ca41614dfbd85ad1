"""The two catalogs of issue 6, item 2, run against the embedded emulator behind the fault link.

- *Faults that must be reported*: behind each fault the affected tests end with an error or a failure
  whose message names the cause (target silent, protocol broken, link lost, restart) within their
  timeout: no hang, no false pass; the run goes on and its report is written.
- *Variations that must not fail*: behind each benign variation every test ends exactly as it does on
  the clean emulator.

Each entry is one ``python -m harness run`` in a child process (three at a time: the runs mostly wait on
deadlines). ``--at-timeout 1`` keeps the faults short; variations run with deadlines a loaded machine keeps (a
benign variation must never turn into a false failure); the test timeout stays the suite's 60 s.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_TIMEOUT = 60.0

SSLEN = ("conformance/telit/test_sslen.py",)
SECDATA = ("conformance/telit/test_sslsecdata.py",)
SOCKETS = ("conformance/telit/test_command_mode.py", "-k", "sslsend_sends or sslrecv_gives or sslsendext")
FEW = (*SSLEN, "-k", "test_form or read")
ECHO_OFF = ("tests/faults/catalog/check_echo_off.py", "-o", "python_files=check_*.py")


@dataclass(frozen=True)
class Entry:
    """One run of the catalog: the fault(s) in the URL and the part of the suite they meet."""

    fault: str
    part: tuple[str, ...]
    #: Words one of which every affected test's message must contain (faults only).
    causes: tuple[str, ...] = ()
    #: Tests that ran to their end before the fault struck may pass (faults that strike at command N).
    partial: bool = False
    #: --at-timeout of the run: short for faults (a silent target errs in a second), the suite's default for
    #: variations (a loaded CI machine must not turn a benign variation into a false failure).
    at_timeout: str = "1"

    @property
    def id(self) -> str:
        return f"{self.fault} on {Path(self.part[0]).stem}"


SILENT = ("target silent", "target lost")
FAULTS = (
    Entry("silent", SSLEN, SILENT),
    Entry("silent-after:3", SSLEN, SILENT, partial=True),
    Entry("garbage", SSLEN, ("target silent", "protocol", "target lost")),
    Entry("truncate-line:3", SSLEN, SILENT, partial=True),
    Entry("drop-final", SSLEN, SILENT),
    Entry("drop-final:4", SSLEN, SILENT, partial=True),
    Entry("slow:1500", FEW, SILENT),  # over the 1 s deadline
    Entry("drop-link-after:4", SSLEN, ("failed while", "link", "closed"), partial=True),
    Entry("restart-after:4", SSLEN, ("module restarted",), partial=True),
    Entry("echo-when-off", ECHO_OFF, ("although ATE0",)),
    Entry("truncate-line:4", SECDATA, SILENT, partial=True),
    Entry("silent-after:9", SOCKETS, SILENT, partial=True),
    # Only the responses that carry a payload are hit: the tests that read one back.
    Entry("urc-payload:inside", SECDATA, ("differ", "!=", "==", "read back", "payload", "stored"), partial=True),
)
VARIATIONS = (
    Entry("split-bytes", SSLEN, at_timeout="5"),
    Entry("split-bytes", SECDATA, at_timeout="5"),
    Entry("slow:2000", FEW, at_timeout="3"),  # two thirds of the deadline
    Entry("urc-between", SSLEN, at_timeout="5"),
    Entry("urc-between", SOCKETS, at_timeout="5"),
    Entry("urc-pending", SECDATA, at_timeout="5"),
    Entry("urc-payload:before", SOCKETS, at_timeout="5"),
    Entry("echo-on-at-start", SSLEN, at_timeout="5"),
    Entry("needs-wakeup", FEW, at_timeout="2"),  # each test's first AT waits out the deadline
    Entry("cr-only", SECDATA, at_timeout="5"),
    Entry("lf-only", SSLEN, at_timeout="5"),
)
CLEAN_PARTS = (SSLEN, SECDATA, SOCKETS, FEW)


@dataclass
class Outcome:
    """What one run produced."""

    code: int
    wall: float
    output: str
    tests: list[dict[str, Any]] = field(default_factory=list)
    report: bool = False

    def verdicts(self) -> dict[str, str]:
        return {t["id"]: t["verdict"] for t in self.tests}


def run(part: tuple[str, ...], fault: str | None, tmp: Path, at_timeout: str = "5") -> Outcome:
    url = "emulator://telit/he910" + (f"?fault={fault}" if fault else "")
    cmd = [sys.executable, "-m", "harness", "run", "--reports", str(tmp), *part, "--profile", "telit/he910",
           "--target", url, "--at-timeout", at_timeout, "-q"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODEM_")}
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    outcome = Outcome(code=proc.returncode, wall=time.monotonic() - started, output=proc.stdout + proc.stderr)
    results = sorted(tmp.glob("*/results.json"))
    if results:
        outcome.tests = json.loads(results[-1].read_text())["tests"]
        outcome.report = (results[-1].parent / "report.html").is_file()
    return outcome


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str | None, tuple[str, ...]], Outcome]:
    jobs = [(None, part, "5") for part in CLEAN_PARTS]
    jobs += [(e.fault, e.part, e.at_timeout) for e in (*FAULTS, *VARIATIONS)]
    # Three at a time on CI's two cores: the runs mostly wait, but a benign variation must not meet a
    # machine so loaded that a deadline passes.
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {
            (fault, part): pool.submit(run, part, fault, tmp_path_factory.mktemp("catalog"), at_timeout)
            for fault, part, at_timeout in jobs
        }
    return {key: future.result() for key, future in futures.items()}


def record(entry: Entry, outcome: Outcome, record_property: Any) -> None:
    """Put the entry's summary into the report (and into $CATALOG_SUMMARY, a file, when it is set)."""
    line = summary(entry, outcome)
    record_property("catalog", line)
    if os.environ.get("CATALOG_SUMMARY"):
        with open(os.environ["CATALOG_SUMMARY"], "a", encoding="utf-8") as f:
            f.write(line + "\n")


def summary(entry: Entry, outcome: Outcome) -> str:
    """One line for the report and the issue's note: verdicts and time to verdict."""
    counts = Counter(t["verdict"] for t in outcome.tests)
    affected = [t["duration"] for t in outcome.tests if t["verdict"] in ("fail", "error")]
    timing = (
        f"time to verdict median {statistics.median(affected):.2f} s, max {max(affected):.2f} s" if affected else ""
    )
    causes = Counter(_cause(t["message"]) for t in outcome.tests if t["verdict"] in ("fail", "error"))
    return f"{entry.id}: {dict(counts)}; {timing}; causes {dict(causes)}; run {outcome.wall:.1f} s".replace("; ;", ";")


def _cause(message: str) -> str:
    for word in ("target lost", "target silent", "module restarted", "although ATE0", "failed while", "protocol"):
        if word in message:
            return word
    return message.split(":")[0][:40]


@pytest.mark.timeout(900)
@pytest.mark.parametrize("entry", FAULTS, ids=[e.id for e in FAULTS])
def test_fault_is_reported(entry: Entry, outcomes: dict[Any, Outcome], record_property: Any) -> None:
    outcome = outcomes[(entry.fault, entry.part)]
    record(entry, outcome, record_property)
    assert outcome.report and outcome.tests, f"the run wrote no report: {outcome.output[-2000:]}"
    affected = [t for t in outcome.tests if t["verdict"] in ("fail", "error")]
    assert affected, f"{entry.fault}: no test noticed it — {summary(entry, outcome)}"
    unnamed = [(t["id"], t["message"][:200]) for t in affected if not any(c in t["message"] for c in entry.causes)]
    assert not unnamed, f"{entry.fault}: these do not name the cause {entry.causes}: {unnamed}"
    assert all(t["duration"] < TEST_TIMEOUT for t in affected), "a test waited out its timeout"
    if not entry.partial:
        passed = [t["id"] for t in outcome.tests if t["verdict"] == "pass"]
        assert not passed, f"{entry.fault}: false passes {passed}"


@pytest.mark.timeout(900)
@pytest.mark.parametrize("entry", VARIATIONS, ids=[e.id for e in VARIATIONS])
def test_variation_changes_no_verdict(entry: Entry, outcomes: dict[Any, Outcome], record_property: Any) -> None:
    outcome, clean = outcomes[(entry.fault, entry.part)], outcomes[(None, entry.part)]
    record(entry, outcome, record_property)
    changed = {k: (v, outcome.verdicts().get(k)) for k, v in clean.verdicts().items() if outcome.verdicts().get(k) != v}
    assert clean.tests and not changed and len(clean.tests) == len(outcome.tests), (
        f"{entry.fault} changed verdicts (clean, now): {changed}\n{outcome.output[-1500:]}"
    )
    assert any(v == "pass" for v in outcome.verdicts().values())
