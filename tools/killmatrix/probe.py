"""The probe runs' pytest plugin: ``-p tools.killmatrix.probe --kill-matrix-clause "telit-ssl-ug §5.2"``
keeps only the tests whose spec marks cite the clause (or a section containing it)."""

from __future__ import annotations

import pytest

from harness.clauses import Clause, cites_any, parse_clauses


def pytest_addoption(parser: pytest.Parser) -> None:
    """The probe's option."""
    parser.getgroup("modem").addoption(
        "--kill-matrix-clause",
        dest="kill_matrix_clause",
        default=None,
        metavar="CLAUSE",
        help="run only the tests citing CLAUSE (a defect's clause, e.g. 'telit-ssl-ug §5.2; telit-gsm-ssl §4.5.2')",
    )


def _marks(item: pytest.Item) -> list[Clause]:
    return [Clause(str(m.args[0]), str(m.args[1])) for m in item.iter_markers("spec") if len(m.args) >= 2]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the tests that do not cite the clause."""
    clause = config.getoption("kill_matrix_clause", None)
    if not clause:
        return
    broken = parse_clauses(str(clause))
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        (keep if cites_any(_marks(item), broken) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
