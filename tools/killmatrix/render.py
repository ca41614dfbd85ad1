"""The kill matrix as text (printed), JSON and a self-contained HTML page (written under ``reports/``)."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path

from tools.killmatrix.model import ClassResult, Matrix, Row, TestOutcome

MARK = {True: "✓", False: "✗"}


def progress_line(row: Row) -> str:
    """One line as a defect is done."""
    where = f" on {row.profile}" if row.profile else ""
    runs = f"{len(row.caught)} caught, {len(row.runs)} runs, {row.seconds:.0f} s"
    return f"  {row.status:<15} {row.defect.name}{where} ({runs})"


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def classes_cell(row: Row) -> str:
    """``3G✓ 2G✓ 4G✗``: the classes the defect applies to, and whether it was caught on each."""
    if row.defect.benign:
        return " ".join(c.cls.name for c in row.classes) or "—"
    return " ".join(f"{c.cls.name}{MARK[c.killed]}" for c in row.classes) or "—"


def render_text(matrix: Matrix) -> str:
    """The matrix as a text table, the tests behind each row, and the totals."""
    head = ("defect", "result", "caught", "classes", "commands", "clause")
    widths = (34, 15, 6, 16, 30)
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=False)) + "  " + head[-1]]
    lines.append("-" * 130)
    for row in matrix.rows:
        cells = (
            row.defect.name,
            row.status,
            str(len(row.caught)),
            classes_cell(row),
            " ".join(row.defect.commands) or "—",
        )
        lines.append(
            "  ".join(_cell(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + row.defect.clause
        )
    lines.append("")
    for row in matrix.rows:
        lines += _details(row)
    lines += summary_lines(matrix)
    return "\n".join(lines) + "\n"


def _class_line(row: Row, result: ClassResult) -> list[str]:
    how = "whole suite" if result.scope == "full" else "tests of the clause"
    label = "failed" if row.defect.benign else "caught by"
    head = f"    on {result.cls.label} ({result.profile}, {how}): "
    if not result.caught:
        return [head + ("nothing failed" if row.defect.benign else "MISSED: no test of its clause failed")]
    return [head + label] + [f"        {t.id} ({t.verdict})" for t in result.caught]


def _details(row: Row) -> list[str]:
    out = [f"{row.defect.name} — {row.defect.description}"]
    for result in row.classes:
        out += _class_line(row, result)
    out += [
        f"    STRAY: {t.id} ({t.verdict}; cites {', '.join(t.clauses) or 'nothing'}): {t.message}" for t in row.strays
    ]
    if row.problem:
        out.append(f"    ERROR: {row.problem}")
    return out


def _per_class(matrix: Matrix) -> str:
    parts = []
    for label, (caught, applying, missed) in matrix.per_class().items():
        text = f"{label} {caught}/{applying}"
        parts.append(text + (f" (missed: {', '.join(missed)})" if missed else ""))
    return "; ".join(parts) or "none"


def summary_lines(matrix: Matrix) -> list[str]:
    """The totals: kill rate, per class, strays, benign variations, uncovered commands, time."""
    benign = [r for r in matrix.rows if r.defect.benign]
    stray_names = ", ".join(r.defect.name for r in matrix.strays) or "none"
    return [
        "",
        f"kill rate: {matrix.killed}/{len(matrix.killable)} non-benign defects killed on every class they apply to "
        f"({matrix.rate:.1f} %)",
        f"per class (caught/applicable): {_per_class(matrix)}",
        f"caught on some classes only: {', '.join(r.defect.name for r in matrix.partial) or 'none'}",
        f"strays: {stray_names}",
        f"benign variations: {len(benign)}, failing: "
        + (", ".join(r.defect.name for r in matrix.benign_failing) or "none"),
        f"run errors: {', '.join(r.defect.name for r in matrix.errors) or 'none'}",
        f"commands without a defect: {', '.join(matrix.uncovered) or 'none'}",
        f"{matrix.suite_runs()} suite runs, {sum(r.seconds for r in matrix.rows):.0f} s of suite time, "
        f"{matrix.seconds:.0f} s wall time with {matrix.jobs} jobs",
        "verdict: " + ("OK" if matrix.ok else "NOT OK"),
    ]


# ---------------------------------------------------------------------------------------------------------------------
# HTML

CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.ok { background: #e6f4e6; } td.bad { background: #fbe3e3; font-weight: bold; }
span.ok { color: #1b7a1b; } span.bad { color: #b00020; font-weight: bold; }
ul { margin: 0; padding-left: 1.2em; } code { font-size: 0.9em; }
p.total { font-weight: bold; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _tests_html(tests: Sequence[TestOutcome], stray: bool) -> str:
    if not tests:
        return "—"
    items = []
    for t in tests:
        extra = f" — cites {_e(', '.join(t.clauses) or 'nothing')}: {_e(t.message)}" if stray else ""
        items.append(f"<li><code>{_e(t.id)}</code> ({_e(t.verdict)}){extra}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _class_html(row: Row, result: ClassResult) -> str:
    good = not result.caught if row.defect.benign else result.killed
    word = (
        ("failed" if result.caught else "tolerated") if row.defect.benign else ("caught" if result.killed else "MISSED")
    )
    how = "whole suite" if result.scope == "full" else "tests of the clause"
    tests = _tests_html(result.caught, stray=False) if result.caught else ""
    return (
        f"<li><strong>{_e(result.cls.label)}</strong> <small>{_e(result.profile)}, {_e(how)}</small>: "
        f'<span class="{"ok" if good else "bad"}">{_e(word)}</span>{tests}</li>'
    )


def _row_html(row: Row) -> str:
    problem = f"<br>{_e(row.problem)}" if row.problem else ""
    classes = "<ul>" + "".join(_class_html(row, c) for c in row.classes) + "</ul>" if row.classes else "—"
    products = ", ".join(sorted(getattr(row.defect, "products", ()))) or "all"
    cells = [
        f"<td><code>{_e(row.defect.name)}</code><br><small>{_e(row.defect.description)}</small></td>",
        f'<td class="{"ok" if row.ok else "bad"}">{_e(row.status)}{problem}</td>',
        f"<td>{_e(row.defect.clause)}</td>",
        f"<td>{_e(' '.join(row.defect.commands) or '—')}<br><small>on {_e(products)}</small></td>",
        f"<td>{classes}</td>",
        f"<td>{_tests_html(row.strays, stray=True)}</td>",
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _classes_table(matrix: Matrix) -> str:
    per_class = matrix.per_class()
    rows = []
    for c in matrix.classes:
        caught, applying, missed = per_class[c.label]
        rows.append(
            f"<tr><td><strong>{_e(c.label)}</strong></td><td>{_e(', '.join(c.profiles))}</td><td>{_e(c.scout)}</td>"
            f"<td>{_e(c.source)}</td><td>{caught}/{applying}</td><td>{_e(', '.join(missed) or '—')}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("class", "profiles", "scout", "why it differs", "caught", "missed"))
    return f"<table>\n<tr>{head}</tr>\n" + "\n".join(rows) + "\n</table>"


def render_html(matrix: Matrix) -> str:
    """The matrix as a self-contained page (inline CSS, no script); every text escaped."""
    head = ("defect", "result", "clause", "commands", "per profile class", "strays")
    rows = "\n".join(_row_html(r) for r in matrix.rows)
    totals = "".join(f"<li>{_e(line)}</li>" for line in summary_lines(matrix) if line)
    title = "Kill matrix of the emulator's defects"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
        f"<p>Started {_e(matrix.started)}.</p>\n"
        f'<p class="total">{_e("OK" if matrix.ok else "NOT OK")}: kill rate {matrix.killed}/{len(matrix.killable)} '
        f"({matrix.rate:.1f} %)</p>\n<ul>{totals}</ul>\n<h2>Profile classes</h2>\n{_classes_table(matrix)}\n"
        f"<h2>Defects</h2>\n<table>\n<tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>\n{rows}\n</table>\n"
        "</body>\n</html>\n"
    )


def write_reports(matrix: Matrix, folder: Path) -> tuple[Path, Path]:
    """Write ``kill-matrix.json`` and ``kill-matrix.html`` into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    as_json, as_html = folder / "kill-matrix.json", folder / "kill-matrix.html"
    as_json.write_text(json.dumps(matrix.as_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    as_html.write_text(render_html(matrix), encoding="utf-8")
    return as_json, as_html
