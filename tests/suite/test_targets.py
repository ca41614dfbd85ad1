"""The suite over real links: the standalone emulator on two TCP ports, and targets that answer
nothing, answer garbage, or drop the link — each run ends with clear errors within its timeouts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faulty_targets import drops, garbage, serve, silent
from tests.standalone import emulator_process
from tests.suite.runner import run_suite

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def standalone() -> Iterator[list[str]]:
    """The standalone emulator (telit/he910, two AT instances) in its own process; yields its two URLs."""
    with emulator_process() as urls:
        yield urls


def test_suite_passes_against_the_standalone_emulator(standalone: list[str], tmp_path: Path) -> None:
    run = run_suite(
        tmp_path, "conformance/telit", "--profile", "telit/he910",
        "--target", standalone[0], "--target2", standalone[1], "--allow-nvm-writes", "1",
    )  # fmt: skip
    assert run.code == 0, run.output[-3000:]
    passed = run.outcomes("passed")
    assert len(passed) >= 25, run.output[-2000:]
    # The two-instance tests ran over the two ports, not skipped.
    assert any("4.3.1" in t["id"] for t in passed)
    # Tests that need a module just powered on are not run, with the reason, as is the one the farm cannot serve
    # here (no root over this module's <Size> maximum); clauses that do not apply to the profile are not
    # applicable, naming what it lacks; nothing is skipped without saying which.
    skipped = run.outcomes("skipped")
    not_run = [t for t in skipped if t["verdict"] == "not run"]
    reasons = ("powered on", "--allow-restart", "within this module's <Size> maximum", "not run as a verdict")
    assert any("powered on" in t["message"] for t in not_run), [t["message"] for t in not_run]
    assert all(any(r in t["message"] for r in reasons) for t in not_run), [t["message"] for t in not_run]
    assert all(t["verdict"] in ("not run", "not applicable") for t in skipped), [t["message"] for t in skipped]
    inapplicable = [t["message"] for t in skipped if t["verdict"] == "not applicable"]
    assert all("lacks" in m or "not supported" in m for m in inapplicable), inapplicable


@pytest.mark.parametrize(
    ("behaviour", "words"),
    [(silent, "target silent"), (garbage, "noise"), (drops, "failed while reading")],
    ids=["silent", "garbage", "drops"],
)
def test_dead_target_gives_clear_errors_within_the_timeouts(behaviour, words: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with serve(behaviour) as url:
        started = time.monotonic()
        run = run_suite(
            tmp_path,
            "--profile",
            "telit/he910",
            "--target",
            url,
            "--at-timeout",
            "0.5",
            "-k",
            "sslen",
            harness_run=True,
        )
        elapsed = time.monotonic() - started
    assert run.code == 1, run.output[-2000:]
    errors = run.outcomes("error")
    assert errors and not run.outcomes("passed") and not run.outcomes("failed"), run.output[-2000:]
    assert all(words in t["message"] for t in errors), [t["message"] for t in errors]
    assert all(t["blame"] in ("target", "link") for t in errors)
    # Three tests in a row found it gone: the rest end at once with "target lost", naming the first cause.
    assert len(errors) > 3 and all("TargetLost: target lost" in t["message"] for t in errors[3:]), errors[:5]
    # After the first test found the target gone, the others give up after a short probe: the whole run
    # stays well inside the per-test timeouts.
    assert elapsed < 60, elapsed
    assert "HTML report:" in run.output and list((tmp_path / "reports").glob("*/report.html"))
