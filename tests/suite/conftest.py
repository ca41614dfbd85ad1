"""The self-validation's long runs start in the background when collection ends (``tests/suite/background.py``):
the clean suite on every profile, then the kill matrix, one after the other so that their child processes do not
crowd the two cores together. The tests of ``test_self_validation.py`` take their results from there."""

from __future__ import annotations

import pytest

from tests.suite.background import (
    CLEAN_DEADLINE,
    CLEAN_RUN,
    CLEAN_TEST,
    MATRIX_RUN,
    MATRIX_TEST,
    Background,
    clean_run,
    matrix_run,
    workdir,
)
from tests.suite.runner import Run
from tools.killmatrix.model import Matrix


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that wait for the background runs go last: every other test runs while they are under way,
    none after them (tests/suite/test_targets.py used to add its minute after the kill matrix had ended)."""
    waiting = [item for item in items if item.path.name == "test_self_validation.py"]
    if waiting:
        items[:] = [item for item in items if item.path.name != "test_self_validation.py"] + waiting


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the selected long runs; not when only collecting, and not under pytest-xdist (each worker
    collects every test but runs a few: the tests then run their work in the foreground)."""
    config = session.config
    if config.option.collectonly or hasattr(config, "workerinput"):
        return
    selected = {item.name for item in session.items if item.path.name == "test_self_validation.py"}
    clean: Background[Run] | None = None
    if CLEAN_TEST in selected:
        clean_dir = workdir(config, "clean")  # made here, in the main thread, not in the background one
        clean = Background("clean suite", lambda: clean_run(clean_dir)).start()
        config.stash[CLEAN_RUN] = clean
    if MATRIX_TEST in selected:
        before = clean
        matrix_dir = workdir(config, "kill-matrix")

        def after_clean() -> Matrix:
            clean_result: Run | None = None
            # A clean run that failed fails its own test; here its times only order the hunts.
            if before is not None and before.wait(CLEAN_DEADLINE) and before.error is None:
                clean_result = before.result(0)
            return matrix_run(matrix_dir, clean_result)

        config.stash[MATRIX_RUN] = Background("kill matrix", after_clean).start()
