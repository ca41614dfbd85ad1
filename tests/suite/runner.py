"""Run the conformance suite in a child process and read its JSON results."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.results import read
from tools.killmatrix.runner import child_env

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    code: int
    output: str
    results: dict[str, Any]

    def outcomes(self, outcome: str) -> list[dict[str, Any]]:
        """The tests whose outcome is ``outcome`` (passed, failed, skipped, error, xfailed, xpassed)."""
        return [t for t in self.results["tests"] if t["outcome"] == outcome]


def run_suite(tmp: Path, *args: str, timeout: float = 300, harness_run: bool = False) -> Run:
    """``python -m pytest conformance ...`` (or ``python -m harness run ...``, the README's first command, which
    forwards to ``tools run``) in a child process; its results.json read by ``harness.results.read``.

    ``args`` may start with paths under ``conformance/`` to run part of the suite.
    """
    paths = [a for a in args if a.startswith("conformance")] or ["conformance"]
    args = tuple(a for a in args if not a.startswith("conformance"))
    results = tmp / "results.json"
    if harness_run:
        cmd = [sys.executable, "-m", "harness", "run", "--reports", str(tmp / "reports"), *args]
    else:
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            *paths,
            "-q",
            "-p",
            "no:cacheprovider",
            f"--results-json={results}",
            *args,
        ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=child_env())
    if harness_run:
        found = sorted((tmp / "reports").glob("*/results.json"))
        results = found[-1] if found else results
    data = read(results) if results.exists() else {"tests": []}
    return Run(code=proc.returncode, output=proc.stdout + proc.stderr, results=data)


def run_profiles(tmp: Path, profiles: list[str], *args: str, jobs: int = 4, timeout: float = 300) -> Run:
    """``run_suite`` once per profile, ``jobs`` runs at a time, merged into one :class:`Run`.

    The runs wait far more than they compute (guard times, deadlines), so side by side they take about the time
    of the longest few instead of the sum. The merged code is the worst one; the tests keep the profiles' order.
    """
    from concurrent.futures import ThreadPoolExecutor

    def one(profile: str) -> Run:
        # One farm PKI for all the runs (servers/pki.py shared_pki): built once, not once a profile.
        pki = f"--farm-pki={tmp / 'pki'}"
        return run_suite(tmp / profile.replace("/", "-"), "--profile", profile, pki, *args, timeout=timeout)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        runs = list(pool.map(one, profiles))
    code = max((r.code for r in runs), key=lambda c: (c != 0, c))
    tests = [t for r in runs for t in r.results.get("tests", [])]
    output = "\n".join(f"--- {p}\n{r.output}" for p, r in zip(profiles, runs, strict=True))
    return Run(code=code, output=output, results={"schema": 2, "tests": tests})
