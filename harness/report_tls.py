"""The report's TLS results tables: module by scenario, one table per setting, from what the tests recorded.

A test adds a cell with :func:`cell` (a ``user_properties`` entry named :data:`PROPERTY`): the table it
belongs to (a setting, such as an authentication mode), its row (the module), its column (the scenario),
the outcome it expected and the one it observed. :class:`TlsMatrix` gathers the cells of a run and renders
them; the cell's colour is the test's verdict. Nothing here knows a vendor, a document or a scenario: the
tables show whatever rows and columns the tests recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pytest

#: The ``user_properties`` name of a cell.
PROPERTY = "tls_matrix"
#: What a cell shows before the test reached its outcome (it stopped before, or was skipped).
NOT_REACHED = "not reached"
#: The ``expected`` of a cell whose outcome is observed, not judged (the document leaves it open).
OBSERVATION = "observed"
_KEYS = ("table", "row", "column", "expected", "observed")
#: Cells shaded by verdict (the colours of the report's verdict chips, harness/report_summary.py).
STYLE = (
    "table.tls-matrix td.tls-cell { text-align: center; white-space: nowrap; }"
    " table.tls-matrix td.v-pass { background: #e0f5e0; }"
    " table.tls-matrix td.v-fail, table.tls-matrix td.v-error, table.tls-matrix td.v-deviation-fixed"
    " { background: #fde0e0; }"
    " table.tls-matrix td.v-known-deviation { background: #fff1d6; }"
)


def cell(
    table: str,
    row: str,
    column: str,
    expected: str,
    observed: str = NOT_REACHED,
    *,
    order: int = 0,
    row_note: str = "",
    detail: str = "",
) -> tuple[str, dict[str, Any]]:
    """A ``user_properties`` entry for one cell. The dict may be updated while the test runs (``observed``,
    ``detail``): it is read when the test's report is made. ``order`` sorts the columns (then by name);
    ``row_note`` is shown under the row's name (the setting's value in the module's own document);
    ``detail`` is the cell's tooltip (what the module answered)."""
    return PROPERTY, {
        "table": table,
        "row": row,
        "column": column,
        "expected": expected,
        "observed": observed,
        "order": order,
        "row_note": row_note,
        "detail": detail,
    }


@dataclass(frozen=True)
class Cell:
    """One recorded cell and the test that recorded it."""

    test_id: str
    table: str
    row: str
    column: str
    expected: str
    observed: str
    order: int = 0
    row_note: str = ""
    detail: str = ""


@dataclass
class TlsMatrix:
    """The cells of a run, in the order their reports came."""

    cells: list[Cell] = field(default_factory=list)

    def add(self, report: pytest.TestReport) -> None:
        """Take the cells a test's report carries (once per test: from its call, or its setup when that
        ended the test)."""
        if report.when != "call" and not (report.when == "setup" and not report.passed):
            return
        for name, value in report.user_properties:
            if name != PROPERTY or not isinstance(value, dict):
                continue
            missing = [k for k in _KEYS if k not in value]
            if missing:
                raise ValueError(f"{report.nodeid}: {PROPERTY} entry lacks {', '.join(missing)}: {value!r}")
            self.cells.append(
                Cell(
                    test_id=report.nodeid,
                    table=str(value["table"]),
                    row=str(value["row"]),
                    column=str(value["column"]),
                    expected=str(value["expected"]),
                    observed=str(value["observed"]),
                    order=int(value.get("order", 0)),
                    row_note=str(value.get("row_note", "")),
                    detail=str(value.get("detail", "")),
                )
            )

    def section(self, verdict_of: Callable[[str], str]) -> str:
        """The report's section (empty when no test recorded a cell), one table per setting in name order;
        ``verdict_of(test_id)`` colours a cell."""
        if not self.cells:
            return ""
        tables: dict[str, list[Cell]] = {}
        for c in self.cells:
            tables.setdefault(c.table, []).append(c)
        body = "".join(_table(name, tables[name], verdict_of) for name in sorted(tables))
        legend = (
            "<p>Each cell: what the module did (accepted or refused the connection), coloured by the test's "
            "verdict; its tooltip gives what was expected and what the module answered. A cell marked "
            "<i>observation</i> records what the documents leave open: it is not a verdict.</p>"
        )
        return (
            f'<section id="tls-matrix"><style>{STYLE}</style><h2>TLS scenarios by module</h2>{legend}{body}</section>'
        )


def _table(name: str, cells: list[Cell], verdict_of: Callable[[str], str]) -> str:
    columns = sorted({(c.order, c.column) for c in cells})
    rows = sorted({c.row for c in cells})
    notes: dict[str, list[str]] = {}
    by_place: dict[tuple[str, str], Cell] = {}
    for c in cells:
        by_place.setdefault((c.row, c.column), c)
        if c.row_note and c.row_note not in notes.setdefault(c.row, []):
            notes[c.row].append(c.row_note)
    head = "<th>module</th>" + "".join(f"<th>{escape(column)}</th>" for _, column in columns)
    lines = []
    for row in rows:
        note = "".join(f"<br><small>{escape(n)}</small>" for n in notes.get(row, []))
        tds = [f"<th>{escape(row)}{note}</th>"]
        for _, column in columns:
            found = by_place.get((row, column))
            tds.append(_cell(found, verdict_of) if found is not None else '<td class="tls-cell">—</td>')
        lines.append("<tr>" + "".join(tds) + "</tr>")
    return (
        f'<h3>{escape(name)}</h3><table class="tls-matrix" data-table="{escape(name, quote=True)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
    )


def _cell(c: Cell, verdict_of: Callable[[str], str]) -> str:
    verdict = verdict_of(c.test_id)
    title = f"expected: {c.expected}; observed: {c.observed}; verdict: {verdict}"
    if c.detail:
        title += f"; {c.detail}"
    attrs = (
        f'class="tls-cell v-{escape(verdict.replace(" ", "-"), quote=True)}" '
        f'data-row="{escape(c.row, quote=True)}" data-column="{escape(c.column, quote=True)}" '
        f'data-verdict="{escape(verdict, quote=True)}" title="{escape(title, quote=True)}"'
    )
    link = f'<a class="test-link" href="#{escape(c.test_id, quote=True)}">{escape(c.observed)}</a>'
    if c.expected == OBSERVATION:
        link += "<br><small>observation</small>"
    return f"<td {attrs}>{link}</td>"
