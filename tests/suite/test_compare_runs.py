"""``python -m tools compare`` on real runs (issue 5, "Done when"): a clean emulator run against a run
with one named defect reports exactly the tests the defect breaks, and exits non-zero; two clean runs
compare equal and exit zero."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.suite.runner import ROOT, Run, run_suite

# A part of the suite that the defect reaches, and much that it does not.
PART = ("conformance/telit/test_ssl_error_codes.py", "conformance/telit/test_sslen.py", "--profile", "telit/he910")
DEFECT = "telit-wrong-cme-code"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Run]]:
    out = {}
    for name, extra in (("clean", ()), ("clean-again", ()), ("defect", ("--emulator-defect", DEFECT))):
        tmp = tmp_path_factory.mktemp(name)
        run = run_suite(tmp, *PART, *extra)
        assert run.results["tests"], run.output[-2000:]
        out[name] = (tmp / "results.json", run)
    return out


def compare(a: Path, b: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools", "compare", str(a), str(b), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_defect_shows_exactly_its_regressions(runs: dict[str, tuple[Path, Run]], tmp_path: Path) -> None:
    (clean, _), (defect, defect_run) = runs["clean"], runs["defect"]
    broken = sorted(t["id"] for t in defect_run.results["tests"] if t["verdict"] in ("fail", "error"))
    assert broken, "the defect breaks something in this part of the suite"
    page = tmp_path / "diff.html"
    proc = compare(clean, defect, "--html", str(page))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    listed = sorted(
        line.split()[0]
        for line in proc.stdout.split("Regressions")[1].split("Fixes")[0].splitlines()
        if line.strip().startswith("conformance/")
    )
    assert listed == broken
    total = next(line for line in proc.stdout.splitlines() if " removed" in line)
    assert total.startswith(f"{len(broken)} regression")
    assert all(test_id.split("[")[0] in page.read_text() for test_id in broken)


def test_two_clean_runs_compare_equal(runs: dict[str, tuple[Path, Run]]) -> None:
    proc = compare(runs["clean"][0], runs["clean-again"][0])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("0 regressions")


def test_the_fix_direction_is_reported_as_fixes(runs: dict[str, tuple[Path, Run]]) -> None:
    proc = compare(runs["defect"][0], runs["clean"][0])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    broken = [t for t in runs["defect"][1].results["tests"] if t["verdict"] == "fail"]
    assert f"{len(broken)} fix" in proc.stdout.splitlines()[-1]


def test_results_files_carry_the_documented_keys(runs: dict[str, tuple[Path, Run]]) -> None:
    data = json.loads(runs["defect"][0].read_text())
    assert data["schema"] == 2 and data["targets"]["defects"] == [DEFECT]
    assert set(data["counts"]) == {"pass", "fail", "error", "not run", "not applicable", "skipped", "known deviation",
                                   "deviation fixed"}  # fmt: skip
    keys = {"id", "outcome", "verdict", "clauses", "errata", "profile", "target", "identity", "duration", "message",
            "blame", "observations", "module"}  # fmt: skip
    assert all(set(t) == keys for t in data["tests"])
    assert all(t["module"] is None for t in data["tests"]), "no --farm: no module named (docs/RESULTS.md)"
    assert data["identities"]["telit/he910"]["answers"]["AT+CGMM"] == "HE910"
