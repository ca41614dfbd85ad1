"""``Modem.discarded_after_test`` (issue 15: teardown turns): true exactly when the module behind the AT
instance is powered off after the test — the embedded emulator without a fault of the line, which opens a
fresh module per test and never keeps its link — so that a teardown that only puts state back for the next
test may skip it; false on a kept link (here the standalone emulator over ``socket://``) and behind
``fault=``, where the put-back still runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.standalone import emulator_process

TESTS = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_first(modem, profile):
    assert modem.command("AT#SSLEN?").ok
    assert modem.discarded_after_test is {expected}

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_second(modem, modem2, profile):
    assert modem.discarded_after_test is {expected}
    assert modem2.discarded_after_test is {expected}
"""


@pytest.fixture
def standalone() -> Iterator[list[str]]:
    """The standalone emulator (telit/he910, two AT instances) in its own process; yields its two URLs."""
    with emulator_process() as urls:
        yield urls


def run(pytester: pytest.Pytester, expected: bool, *args: str) -> pytest.RunResult:
    pytester.makepyfile(TESTS.format(expected=expected))
    plugin = ("-p", "harness.plugin", "-p", "no:cacheprovider")
    return pytester.runpytest(*plugin, "--profile", "telit/he910", *args)


def test_the_embedded_emulator_discards_its_module(pytester: pytest.Pytester) -> None:
    run(pytester, True).assert_outcomes(passed=2)


def test_a_fault_of_the_line_keeps_the_put_back(pytester: pytest.Pytester) -> None:
    url = "emulator://telit/he910?fault=split-bytes:5"
    run(pytester, False, "--target", f"{url}&instance=1", "--target2", f"{url}&instance=2").assert_outcomes(passed=2)


def test_a_kept_link_keeps_the_put_back(pytester: pytest.Pytester, standalone: list[str]) -> None:
    result = run(pytester, False, "--target", standalone[0], "--target2", standalone[1], "--allow-nvm-writes", "1")
    result.assert_outcomes(passed=2)


def test_the_check_can_fail(pytester: pytest.Pytester) -> None:
    # Negative control: the same tests expecting the opposite fail on the embedded emulator.
    run(pytester, False).assert_outcomes(failed=2)
