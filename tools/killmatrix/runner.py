"""One suite run of the kill matrix: ``python -m pytest conformance ... --results-json`` in a child process,
read back through ``harness.results.read`` (schema 2, ``docs/RESULTS.md``)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Final

from harness.results import ResultsError, read
from tools.killmatrix.model import RunRequest, SuiteRun, TestOutcome

ROOT: Final = Path(__file__).resolve().parents[2]

#: Seconds one suite run may take before it is abandoned (the whole suite on one profile takes ~20 s).
RUN_TIMEOUT: Final = 600.0

#: pytest's exit code when no test was collected.
NO_TESTS: Final = 5

#: The probe runs' pytest plugin.
PROBE_PLUGIN: Final = "tools.killmatrix.probe"


#: Where child suite runs keep their compiled modules and pytest's rewritten test modules, outside the tree.
PYCACHE: Final = Path(tempfile.gettempdir()) / f"modem-conformance-pycache-{os.getuid()}"


def child_env() -> dict[str, str]:
    """The environment of a child suite run: this one's, less the plugin's ``MODEM_`` options (the command line
    names what the run tests), with compiled modules kept under :data:`PYCACHE` even where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on CI's machines): each of the matrix's ~130 runs would otherwise
    compile and assertion-rewrite the same ~200 modules again, measured 1.3 s of CPU a run of three tests (4.3 s
    against 3.0 s). Python checks each cached module against its source, so a stale cache is never used."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODEM_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def suite_command(request: RunRequest, results: Path, pki: Path | None = None) -> list[str]:
    """The child process's command line for ``request``; ``pki``: the farm PKI's folder the runs share
    (``--farm-pki``: built by the first run, loaded by the others)."""
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "conformance",
        "-q",
        "-p",
        "no:cacheprovider",
        # The suite does not use Hypothesis; its plugin imports the whole library at the end of every run.
        "-p",
        "no:hypothesispytest",
        f"--results-json={results}",
        "--profile",
        ",".join(request.profiles),
        "--emulator-defect",
        request.defect,
    ]
    if pki is not None:
        cmd.append(f"--farm-pki={pki}")
    if request.clause is not None:
        cmd += ["-p", PROBE_PLUGIN, "--kill-matrix-clause", request.clause]
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
        """Run ``request``; a run that ended without verdicts (an internal error, an unreadable results file,
        a time-out) is run once more, and its output kept beside its results (``.log``) for diagnosis: seen
        on a loaded 2-core machine as an INTERNALERROR of pytest after a test timed out (see the issue-10
        note). A second failure is the matrix's run error, with both problems named."""
        first = self._once(request)
        if first.problem is None:
            return first
        second = self._once(request)
        if second.problem is None:
            return second
        return SuiteRun(request, second.code, first.seconds + second.seconds,
                        problem=f"{second.problem} (and before, on a first try: {first.problem})")

    def _once(self, request: RunRequest) -> SuiteRun:
        results = self._results_path(request)
        env = child_env()
        started = time.monotonic()
        try:
            proc = subprocess.run(
                suite_command(request, results, self.work / "pki"),
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
        run = suite_run(request, proc.returncode, seconds, results, proc.stdout + proc.stderr)
        if run.problem is not None:
            results.with_suffix(".log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
        return run


def suite_run(request: RunRequest, code: int, seconds: float, results: Path, output: str) -> SuiteRun:
    """Read a finished run: pytest's 0 (all passed) and 1 (some failed) are verdicts, and 5 (no test) for a
    probe whose clause no test of those profiles cites; other codes are not."""
    tail = " | ".join(output.strip().splitlines()[-3:])
    if code == NO_TESTS and request.clause is not None:
        return SuiteRun(request, code, seconds)
    if code not in (0, 1):
        return SuiteRun(request, code, seconds, problem=f"pytest exited {code}: {tail}")
    try:
        data = read(results)
    except ResultsError as exc:
        return SuiteRun(request, code, seconds, problem=f"{exc}; {tail}")
    return SuiteRun(request, code, seconds, tuple(TestOutcome.from_json(t) for t in data["tests"]))
