"""tests/suite/background.py: the long runs' holder gives the value, the error, or a deadline's error."""

from __future__ import annotations

import threading

import pytest

from tests.suite.background import Background


def test_the_value_of_the_work() -> None:
    assert Background("sum", lambda: 1 + 2).start().result(timeout=5) == 3


def test_the_error_of_the_work_is_raised_to_the_waiting_test() -> None:
    def fail() -> int:
        raise ValueError("broken run")

    with pytest.raises(ValueError, match="broken run"):
        Background("failing", fail).start().result(timeout=5)


def test_a_run_past_its_deadline_is_named() -> None:
    release = threading.Event()
    slow = Background("slow", lambda: release.wait(10)).start()
    try:
        assert not slow.wait(0.05)
        with pytest.raises(TimeoutError, match="background slow run did not finish within 0 s"):
            slow.result(timeout=0.05)
    finally:
        release.set()
    assert slow.result(timeout=5) is True
