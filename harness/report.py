"""pytest-html hooks: a Clause column, so the report reads by document section. Registered by the
plugin only when pytest-html is active."""

from __future__ import annotations

import html

import pytest


def pytest_html_results_table_header(cells: list[str]) -> None:
    cells.insert(2, '<th class="sortable" data-column-type="clause">Clause</th>')


def pytest_html_results_table_row(report: pytest.TestReport, cells: list[str]) -> None:
    props = dict(report.user_properties)
    clause = str(props.get("spec", ""))
    if props.get("errata"):
        clause += f" (errata {props['errata']})"
    cells.insert(2, f'<td class="col-clause">{html.escape(clause)}</td>')


def pytest_html_report_title(report: object) -> None:
    report.title = "SSL/TLS AT command conformance"  # type: ignore[attr-defined]
