"""The suite against the embedded emulator: clean, it passes on every profile; against each named defect, the
tests of the clause the defect breaks fail, on every profile class the defect applies to, and no others (the
kill matrix, ``tools/killmatrix/``).

The matrix is attached to the test's report (a section "kill matrix": shown collapsed in the HTML report of a
run with ``--html``, and printed with a failure) and written as kill-matrix.json / .html under the test's
temporary folder. Both runs start in the background when collection ends (``conftest.py``); the tests wait for
them, or run them here when nothing started them (pytest-xdist).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from harness.profiles import all_profiles
from tests.suite.background import CLEAN_RUN, MATRIX_RUN, clean_run, matrix_run
from tests.suite.runner import Run
from tools.killmatrix.model import Matrix, Row
from tools.killmatrix.render import render_text, write_reports


@pytest.fixture(scope="module")
def clean(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The whole suite on every profile, one child process per profile, side by side."""
    started = request.config.stash.get(CLEAN_RUN, None)
    if started is not None:
        return started.result(timeout=880)
    return clean_run(tmp_path_factory.mktemp("clean"))


@pytest.mark.timeout(900)
def test_clean_emulator_passes_every_profile(clean: Run) -> None:
    assert clean.code == 0, clean.output[-3000:]
    assert not clean.outcomes("failed") and not clean.outcomes("error")
    # The emulator's known deviations (vectors/expectations/emulator.toml) show as expected failures.
    assert all(t["message"].startswith("known deviation") for t in clean.outcomes("xfailed")), clean.outcomes("xfailed")
    per_profile = Counter(t["profile"] for t in clean.outcomes("passed"))
    # Every registered profile (vectors/documents.toml) ran and passed tests of its own.
    assert set(per_profile) == set(all_profiles()), per_profile
    assert min(per_profile.values()) >= 10, per_profile


def names(rows: list[Row]) -> list[str]:
    """The defect names of matrix rows."""
    return [row.defect.name for row in rows]


# A deadline, not a budget: 19 minutes with five documents on the 2-core machine (119 suite runs, 4 jobs, while
# the rest of tests/ ran beside it); the bound is wide so that a loaded machine fails on a finding, not on the
# clock. Each suite run has its own 600 s.
@pytest.mark.timeout(2400)
def test_every_defect_is_killed_by_the_tests_of_its_clause_and_no_other(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    started = request.config.stash.get(MATRIX_RUN, None)
    matrix: Matrix = started.result(timeout=2380) if started is not None else matrix_run(tmp_path / "runs")
    as_json, as_html = write_reports(matrix, tmp_path)
    request.node.add_report_section("call", "kill matrix", f"{render_text(matrix)}JSON: {as_json}\nHTML: {as_html}\n")
    assert not matrix.errors, f"suite runs that could not be read: {names(matrix.errors)}"
    survivors = names([row for row in matrix.killable if not row.caught])
    assert not survivors, f"kill rate {matrix.rate:.1f} %: no test of their clause caught {survivors}"
    missed = {row.defect.name: [c.cls.label for c in row.missed] for row in matrix.partial}
    assert not missed, f"kill rate {matrix.rate:.1f} %: caught, but not on every class they apply to: {missed}"
    assert not matrix.strays, f"tests of other clauses failed as well (see the kill matrix): {names(matrix.strays)}"
    assert not matrix.benign_failing, f"variations the errata allow failed tests: {names(matrix.benign_failing)}"
    assert not matrix.uncovered, f"commands of the documents no defect breaks: {matrix.uncovered}"
    assert matrix.ok
