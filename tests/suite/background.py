"""The self-validation's two long runs (the clean suite on every profile, the kill matrix), started in the
background as soon as collection ends, so that the rest of ``tests/`` runs while they do.

Both are child ``pytest`` processes that mostly wait (guard times, deadlines, handshakes): in the foreground they
were over half of ``.ci/run``'s wall time, with one core idle. A test that needs a result waits for it with a
deadline (:meth:`Background.result`); a run that was not selected (``-k``, a single file) is never started, and
under pytest-xdist the runs start only in the worker that collected the test, never in the controller.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import pytest

from harness.profiles import all_profiles
from tests.suite.runner import Run, run_profiles
from tools.killmatrix.hunt import DEFAULT_JOBS, run_matrix
from tools.killmatrix.model import Matrix

T = TypeVar("T")


class Background(Generic[T]):
    """``work()`` in a daemon thread: a daemon, so that an interrupted session does not wait for it at exit
    (its child processes end on their own deadlines)."""

    def __init__(self, name: str, work: Callable[[], T]) -> None:
        self.name = name
        self._work = work
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"background-{name}", daemon=True)

    def start(self) -> Background[T]:
        """Begin the work; returns at once."""
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as e:  # kept for the test that waits for it, and raised there
            self._error = e
        finally:
            self._done.set()

    def wait(self, timeout: float) -> bool:
        """True once the work has ended (with a value or an error), False after ``timeout`` seconds."""
        return self._done.wait(timeout)

    @property
    def error(self) -> BaseException | None:
        """What the work raised, once it ended with an exception; None otherwise (or not ended yet)."""
        return self._error

    def result(self, timeout: float) -> T:
        """The work's value, or its exception; :class:`TimeoutError` naming the run after ``timeout`` seconds."""
        if not self._done.wait(timeout):
            raise TimeoutError(f"the background {self.name} run did not finish within {timeout:.0f} s")
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def workdir(config: pytest.Config, name: str) -> Path:
    """A fresh folder for a background run's files: under the session's base temporary folder, which pytest
    prunes (its tmp_path factory; not public API, hence the fallback to a folder of the system's)."""
    factory = getattr(config, "_tmp_path_factory", None)
    if isinstance(factory, pytest.TempPathFactory):
        return factory.mktemp(name)
    return Path(tempfile.mkdtemp(prefix=f"modem-{name}-"))


CLEAN_TEST = "test_clean_emulator_passes_every_profile"
MATRIX_TEST = "test_every_defect_is_killed_by_the_tests_of_its_clause_and_no_other"
#: The clean run's deadline before the kill matrix starts anyway (its test fails on its own timeout).
CLEAN_DEADLINE = 900.0

CLEAN_RUN = pytest.StashKey[Background[Run]]()
MATRIX_RUN = pytest.StashKey[Background[Matrix]]()


def clean_run(work: Path) -> Run:
    """The whole suite on every profile, one child process per profile, side by side."""
    return run_profiles(work, sorted(all_profiles()), jobs=DEFAULT_JOBS)


def matrix_run(work: Path, clean: Run | None = None) -> Matrix:
    """Every named defect against the suite (``tools/killmatrix``); the ``clean`` run's time per profile orders
    the hunts longest first."""
    return run_matrix(jobs=DEFAULT_JOBS, work=work, costs=profile_seconds(clean) if clean is not None else None)


def profile_seconds(run: Run) -> dict[str, float]:
    """Seconds each profile's tests took in ``run``."""
    out: dict[str, float] = {}
    for t in run.results.get("tests", []):
        out[t["profile"]] = out.get(t["profile"], 0.0) + float(t.get("duration", 0.0))
    return out
