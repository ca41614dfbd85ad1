"""The top of the HTML report: who was tested, the verdicts, failures first, the summaries by document
and by command, the traceability matrix, the observations and the known deviations.

Everything is built from the run's :class:`~harness.results.RunRecord` (the same data as results.json)
and from ``vectors/sections.toml`` and ``vectors/errata.toml``, so the page and the file never disagree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from harness.clauses import Clause, parse_clauses
from harness.report_evidence import pre
from harness.results import Identity, RunRecord, TestResult, suite_version
from harness.vectors import load_merged
from harness.verdicts import BAD, DEVIATION_FIXED, KNOWN_DEVIATION, NOT_APPLICABLE, NOT_RUN, ORDER, PASS, SKIPPED

#: What each verdict means, and which of pytest-html's filter boxes shows it.
LEGEND: dict[str, tuple[str, str]] = {
    "fail": ("the target did not do what the clause says; the failure names the clause", "Failed"),
    "error": ("the link, the environment or the suite failed: not a verdict on the clause", "Errors"),
    "deviation fixed": ("a known deviation that no longer deviates: update the expectations file", "Failed"),
    "known deviation": ("listed in the expectations file for this firmware, and still deviates", "Expected failures"),
    "not run": ("the clause applies but could not be checked here (no second AT instance, no NVM permission, "
                "no power cycle, a suite the farm cannot serve); the reason names what is missing", "Skipped"),
    "not applicable": ("the clause does not apply to this module: its profile lacks the capability, named", "Skipped"),
    "skipped": ("gated by a setting of the run", "Skipped"),
    "pass": ("the target did what the clause says", "Passed"),
}

UNCOVERED = "uncovered"
NOT_SELECTED = "not selected"
NOT_IN_RUN = "not in this run"


@dataclass(frozen=True)
class RunInfo:
    """What the plugin knows of the run besides the record."""

    profiles: list[str]
    documents: list[str]
    target: str | None
    target2: str | None
    defects: list[str]
    expectations: str | None
    command: str
    #: True when the run was given paths inside the suite: a section no test of the run cites may still
    #: be covered by a test that was not collected.
    partial: bool = False
    #: Entries of the expectations file that matched no test (a typo, or a test of another selection).
    unmatched_expectations: list[str] = field(default_factory=list)
    #: How the profiles were chosen: named, the default, or detected from the module's answers.
    profile_chosen_by: str = ""


def _v(verdict: str) -> str:
    return f'<span class="verdict v-{verdict.replace(" ", "-")}">{escape(verdict)}</span>'


def _table(cls: str, head: Iterable[str], rows: Iterable[Iterable[str]], id_: str = "") -> str:
    """A table whose cells are already HTML."""
    ident = f' id="{id_}"' if id_ else ""
    th = "".join(f"<th>{h}</th>" for h in head)
    thead = f"<thead><tr>{th}</tr></thead>" if th else ""
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"{ident}>{thead}<tbody>{body}</tbody></table>'


def _link(test_id: str, anchor: str | None = None) -> str:
    # pytest-html gives each row's <tbody> the node id as its id, "::setup" added for a test that ended
    # in its setup (RunRecord.anchors).
    return f'<a class="test-link" href="#{escape(anchor or test_id, quote=True)}">{escape(test_id)}</a>'


def _first_line(text: str, limit: int = 240) -> str:
    line = next((x for x in text.splitlines() if x.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs} s" if minutes else f"{seconds:.1f} s"


def _detection(targets: dict[str, Any]) -> str:
    """``--profile auto``: the commands the detection sent and the exchange (results.json ``targets.detection``)."""
    found = targets.get("detection")
    if not found:
        return ""
    asked = ", ".join(f"<code>{escape(c)}</code>" for c in found["asked"])
    return f"<br>asked {asked}<details><summary>detection exchange</summary>{pre(found['transcript'])}</details>"


def _waits(targets: dict[str, Any]) -> str:
    """How each target bounded the network waits (results.json ``targets.network_waits``, harness/waits.py)."""
    waits = targets.get("network_waits") or {}
    if not waits:
        return "not recorded"
    return "<br>".join(f"{escape(url)}: {escape(w['rule'])}" for url, w in waits.items())


def run_section(record: RunRecord, info: RunInfo) -> str:
    """Who was tested, with what, when: the report's header."""
    data = record.as_json()
    rows = [
        ("Suite", f"modem-tls-conformance {escape(suite_version())}"),
        ("Started (UTC)", escape(data["started"])),
        ("Duration", escape(_duration(data["duration"]))),
        ("Profiles", escape(", ".join(info.profiles))),
        ("Profile chosen", escape(info.profile_chosen_by or "not recorded") + _detection(data["targets"])),
        ("Target", escape(info.target or "the embedded emulator (emulator://<profile>)")),
        ("Target 2", escape(info.target2 or ("emulator, instance 2" if not info.target else "none"))),
        ("Emulator defects", escape(", ".join(info.defects) or "none")),
        ("Known deviations", escape(info.expectations or "none")),
        ("Command", f"<code>{escape(info.command)}</code>"),
        ("Network waits", _waits(data["targets"])),
    ]
    farm = data["targets"].get("farm")
    if farm:  # --farm: one module per worker, each test on a module of its profile (docs/FARM.md)
        lines = (f"{m['name']}: {m['profile']} at {m['target']}" + (f", {m['target2']}" if m["target2"] else "")
                 for m in farm)  # fmt: skip
        rows[5:7] = [("Farm", "<br>".join(escape(line) for line in lines))]
    run_table = _table("run", [], ([f"<b>{k}</b>", v] for k, v in rows), id_="run-table")
    module_rows = []
    # One row per module that answered (a farm's two modules of one profile are two rows), then the
    # profiles no module of the run was opened as.
    opened = sorted(record.identities.items(), key=lambda kv: (kv[1].profile or kv[0], kv[0]))
    seen = {ident.profile or key for key, ident in opened}
    rows_of: list[tuple[str, Identity | None]] = [
        (f"{ident.profile} — {key}" if ident.module else key, ident) for key, ident in opened
    ] + [(name, None) for name in info.profiles if name not in seen]
    for name, ident in rows_of:
        if ident is None:
            module_rows.append([escape(name), "<i>not opened in this run</i>", "", ""])
            continue
        answers = "<br>".join(
            f"<code>{escape(cmd)}</code> → {escape(text.replace(chr(10), ' / '))}"
            for cmd, text in ident.answers.items()
        )
        if ident.error:
            answers += f'<br><span class="bad">{escape(ident.error)}</span>'
        exchange = f"<details><summary>exchange</summary>{pre(ident.transcript)}</details>" if ident.transcript else ""
        module_rows.append([escape(name), f"<b>{escape(ident.summary)}</b>", answers, escape(ident.url) + exchange])
    modules = _table("modules", ["profile", "module (as it answered)", "identification", "AT instance 1"], module_rows)
    return f'<section id="run-identity"><h2>Run</h2>{run_table}<h3>Module under test</h3>{modules}</section>'


def verdict_section(record: RunRecord) -> str:
    """Counts per verdict, and what each verdict means."""
    counts = record.counts()
    chips = "".join(
        f'<span class="chip v-{v.replace(" ", "-")}" data-verdict="{escape(v)}"><b>{counts[v]}</b> {escape(v)}</span>'
        for v in ORDER
    )
    legend = _table(
        "legend",
        ["verdict", "meaning", "filter box below"],
        ([_v(v), escape(meaning), escape(box)] for v, (meaning, box) in LEGEND.items()),
    )
    reading = (
        "<p>In AT transcripts, TX is what the suite sent and RX what the module answered, with seconds since "
        "the link opened. Control bytes are named in a badge: <i>CR</i>, <i>LF</i>, <i>SUB</i> (Ctrl-Z), "
        "<i>NUL</i>, <i>BS</i>, <i>ESC</i>; any other byte outside printable ASCII is <b>\\xNN</b>. "
        "Long payloads and long transcripts are folded (<mark>… folded …</mark>); secrets read "
        "<code>&lt;redacted&gt;</code>.</p>"
    )
    return (
        f'<section id="verdicts"><h2>Verdicts</h2><p class="chips">{chips}</p>'
        f"<details><summary>How to read this report</summary>{legend}{reading}</details></section>"
    )


def failures_section(record: RunRecord) -> str:
    """The tests that need attention, before anything else."""
    bad = [t for t in record.tests.values() if t.verdict in BAD or t.verdict == DEVIATION_FIXED]
    bad.sort(key=lambda t: (ORDER.index(t.verdict), t.id))
    if not bad:
        body = '<p class="good">No failures, no errors.</p>'
    else:
        body = _table(
            "failures",
            ["test", "verdict", "clauses", "message"],
            (
                [
                    _link(t.id, record.anchors.get(t.id)),
                    _v(t.verdict),
                    escape(", ".join(t.clauses)),
                    escape(_first_line(t.message)),
                ]
                for t in bad
            ),
        )
    return f'<section id="failures"><h2>Failures and errors ({len(bad)})</h2>{body}</section>'


def _count_row(label: str, verdicts: Counter[str]) -> list[str]:
    cells = [label, str(sum(verdicts.values()))]
    for v in ORDER:
        n = verdicts.get(v, 0)
        cells.append(f'<span class="n v-{v.replace(" ", "-")}">{n}</span>' if n else '<span class="zero">0</span>')
    return cells


def _count_head(first: str) -> list[str]:
    return [first, "tests", *(escape(v) for v in ORDER)]


def _clause(text: str) -> Clause:
    """A results clause string (``"telit-ssl-ug §4.2"``) as a :class:`Clause`; a test's clauses come from its
    spec marks, so one that does not parse is a bug of the suite, and says so."""
    return Clause.parse(text)


def _section_key(doc: str, section: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    return Clause(doc, section).sort_key()


def by_document_section(record: RunRecord) -> str:
    """Counts per document (a test that cites two documents counts in both)."""
    per: dict[str, Counter[str]] = {}
    for test in record.tests.values():
        for doc in sorted({_clause(c).doc for c in test.clauses}) or ["(no clause)"]:
            per.setdefault(doc, Counter())[test.verdict] += 1
    rows = [_count_row(f"<b>{escape(doc)}</b>", counts) for doc, counts in sorted(per.items())]
    return (
        f'<section id="by-document"><h2>By document</h2>'
        f"{_table('counts', _count_head('document'), rows, id_='by-document-table')}</section>"
    )


_COMMAND = re.compile(r"[#+][A-Z][A-Z0-9]+")


def topic(doc: str, section: str, sections: dict[str, Any]) -> str:
    """The command a section is about: the first command its title names, else its parent's, else
    "examples" for an example, else its title."""
    key = section
    while True:
        entry = sections.get(key)
        if entry is not None:
            found = _COMMAND.search(entry["title"])
            if found:
                return found.group(0)
        if "." not in key:
            break
        key = key.rsplit(".", 1)[0]
    entry = sections.get(section)
    if entry is None:
        return f"§{section}"
    title = str(entry["title"])
    return "examples" if title.endswith("(example)") or "(example" in title else title


def by_command_section(record: RunRecord) -> str:
    """Counts per command (per topic: the command the cited section is about)."""
    all_sections = load_merged("sections")
    per: dict[tuple[str, str], Counter[str]] = {}
    order: dict[tuple[str, str], tuple[Any, ...]] = {}
    for test in record.tests.values():
        keys = set()
        for text in test.clauses:
            clause = _clause(text)
            key = (clause.doc, topic(clause.doc, clause.section, all_sections.get(clause.doc, {})))
            keys.add(key)
            order[key] = min(order.get(key, clause.sort_key()), clause.sort_key())
        for key in keys:
            per.setdefault(key, Counter())[test.verdict] += 1
    rows = [
        _count_row(f"<b>{escape(name)}</b> <small>{escape(doc)}</small>", per[(doc, name)])
        for doc, name in sorted(per, key=lambda k: order[k])
    ]
    return (
        f'<section id="by-command"><h2>By command</h2>'
        f"{_table('counts', _count_head('command'), rows, id_='by-command-table')}</section>"
    )


def _errata_by_section() -> dict[tuple[str, str], list[str]]:
    """Which errata entries cite which section (their ``source``: "telit-ssl-ug §3 Tab. 1, §4.7.1.1")."""
    out: dict[tuple[str, str], list[str]] = {}
    for entry_id, entry in load_merged("errata").items():
        for clause in sorted(parse_clauses(str(entry.get("source", ""))), key=Clause.sort_key):
            out.setdefault((clause.doc, clause.number), []).append(entry_id)
    return out


def _status(verdicts: list[str]) -> str:
    if not verdicts:
        return UNCOVERED
    if any(v in BAD or v == DEVIATION_FIXED for v in verdicts):
        return "fail"
    if all(v == NOT_RUN for v in verdicts):
        return NOT_RUN
    if all(v in (NOT_APPLICABLE, SKIPPED, NOT_RUN) for v in verdicts):
        # A clause that applies but was not checked here is not run, even where other tests do not apply.
        return NOT_RUN if NOT_RUN in verdicts else NOT_APPLICABLE
    if any(v == KNOWN_DEVIATION for v in verdicts):
        return KNOWN_DEVIATION
    return PASS


def _citations(tests: dict[str, list[str]]) -> dict[tuple[str, str], list[str]]:
    cited: dict[tuple[str, str], list[str]] = {}
    for test_id, clauses in tests.items():
        for text in clauses:
            clause = _clause(text)
            cited.setdefault((clause.doc, clause.section), []).append(test_id)
    return cited


def traceability_section(record: RunRecord, documents: list[str], partial: bool = False) -> str:
    """For each document and section: the tests that cite it and their verdicts; uncovered sections with
    the reason recorded (``untestable`` in sections.toml, errata). A section only deselected tests cite
    is "not selected"; in a run of part of the suite (paths), one no test cites is "not in this run"."""
    sections = load_merged("sections")
    errata = _errata_by_section()
    cited = _citations(record.collected)
    left_out = _citations(record.deselected)
    blocks = []
    for doc in documents:
        entries: dict[str, Any] = sections.get(doc, {})
        rows = []
        totals: Counter[str] = Counter()
        for section, entry in sorted(entries.items(), key=lambda kv: _section_key(doc, kv[0])):
            test_ids = cited.get((doc, section), [])
            verdicts = [_verdict_of(record.tests.get(t)) for t in test_ids]
            status = _status(verdicts)
            if not test_ids and "untestable" in entry:
                status = "untestable"
            elif not test_ids and left_out.get((doc, section)):
                status = NOT_SELECTED
            elif not test_ids and partial:
                status = NOT_IN_RUN
            totals[status] += 1
            reason = escape(str(entry.get("untestable", ""))) if status == "untestable" else ""
            if status == NOT_SELECTED:
                reason = f"{len(left_out[(doc, section)])} test(s) left out by -k/-m"
            notes = errata.get((doc, section), [])
            if notes:
                reason += (" " if reason else "") + "errata " + escape(", ".join(notes))
            counts = Counter(verdicts)
            summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items(), key=lambda kv: _rank(kv[0])))
            tests = (
                f"<details><summary>{len(test_ids)} test(s): {escape(summary)}</summary><ul>"
                + "".join(
                    f"<li>{_v(v)} {_link(t, record.anchors.get(t))}</li>"
                    for t, v in zip(test_ids, verdicts, strict=True)
                )
                + "</ul></details>"
                if test_ids
                else ""
            )
            rows.append(
                f'<tr class="st-{status.replace(" ", "-")}" data-section="{escape(section)}">'
                f"<td>§{escape(section)}</td><td>{escape(str(entry['title']))}</td>"
                f'<td><span class="status st-{status.replace(" ", "-")}">{escape(status)}</span></td>'
                f"<td>{tests}</td><td>{reason}</td></tr>"
            )
        unknown = sorted({s for d, s in cited if d == doc} - set(entries), key=lambda s: _section_key(doc, s))
        extra = (
            f'<p class="bad">Cited by tests but not in vectors/sections.toml: {escape(", ".join(unknown))}</p>'
            if unknown
            else ""
        )
        tally = ", ".join(f"{n} {s}" for s, n in sorted(totals.items()))
        blocks.append(
            f"<h3>{escape(doc)} <small>{len(entries)} sections: {escape(tally)}</small></h3>"
            f'<table class="matrix" data-document="{escape(doc)}"><thead><tr><th>§</th><th>title</th>'
            f"<th>status</th><th>tests and verdicts</th><th>reason / errata</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{extra}"
        )
    others = sorted(set(sections) - set(documents))
    note = f"<p>Documents no selected profile follows are left out: {escape(', '.join(others))}.</p>" if others else ""
    if partial or record.deselected:
        note += (
            '<p class="partial">This run covered part of the suite: a section marked <i>not selected</i> or '
            "<i>not in this run</i> has tests that did not run here; <i>uncovered</i> means no test of the "
            "run's selection cites it.</p>"
        )
    return f'<section id="traceability"><h2>Traceability matrix</h2>{note}{"".join(blocks)}</section>'


def _verdict_of(test: TestResult | None) -> str:
    return NOT_RUN if test is None else test.verdict


def _rank(verdict: str) -> int:
    return ORDER.index(verdict) if verdict in ORDER else len(ORDER)


def observations_section(record: RunRecord) -> str:
    """Behaviour the documents leave open, as seen: not verdicts."""
    rows = [
        [_link(t.id, record.anchors.get(t.id)), escape(t.profile or ""), escape(", ".join(t.clauses)), escape(o)]
        for t in record.tests.values()
        for o in t.observations
    ]
    body = (
        _table("observations", ["test", "profile", "clauses", "observed"], rows)
        if rows
        else "<p>No test recorded an observation.</p>"
    )
    return (
        '<section id="observations"><h2>Observations (not verdicts)</h2>'
        "<p>Behaviour the documents leave open, as this module showed it.</p>"
        f"{body}</section>"
    )


def deviations_section(record: RunRecord, unmatched: list[str] | None = None) -> str:
    """The known deviations applied, whether each still deviates, and the entries that matched no test."""
    rows = [
        [_link(t.id, record.anchors.get(t.id)), _v(t.verdict), escape(_first_line(t.message, 400))]
        for t in record.tests.values()
        if t.verdict in (KNOWN_DEVIATION, DEVIATION_FIXED)
    ]
    body = _table("deviations", ["test", "verdict", "reason"], rows) if rows else "<p>No known deviation applied.</p>"
    if unmatched:
        body += (
            f'<p class="bad">Entries of the expectations file that matched no test of this run: '
            f"{escape(', '.join(unmatched))}</p>"
        )
    return f'<section id="deviations"><h2>Known deviations ({len(rows)})</h2>{body}</section>'


def module_section(record: RunRecord) -> str:
    """What the run wrote to the module's non-volatile memory, and the settings it changed and put back."""
    changes = record.module_changes() if record.module_changes else None
    if not changes:
        return ""
    allowed = changes["nvm_allowed"]
    writes = changes["nvm_writes"]
    parts = [
        f"<p>Non-volatile memory: writes allowed in slots <b>{escape(str(allowed))}</b>; "
        f"{len(writes)} command(s) wrote there.</p>"
    ]
    if writes:
        rows = (
            [_link(w["test"], record.anchors.get(w["test"])), f"<code>{escape(w['command'])}</code>"] for w in writes
        )
        parts.append(f"<details><summary>The writes</summary>{_table('nvm', ['test', 'command'], rows)}</details>")
    parts.append(f"<p>Settings: {escape(str(changes['restore']))}.</p>")
    for url, settings in changes["settings"].items():
        rows = (
            [
                f"<code>{escape(c['setting'])}</code>",
                escape(c["before"]),
                escape(c["after_run"]),
                escape(c["now"]),
                '<span class="good">restored</span>'
                if c["restored"]
                else f'<span class="bad">not restored</span> {escape(c["error"] or "")}',
            ]
            for c in settings
        )
        head = ["setting", "before the run", "after the run", "now", ""]
        body = _table("restore", head, rows) if settings else "<p>The run left every setting as it found it.</p>"
        parts.append(f"<h3>{escape(url)}</h3>{body}")
    return f'<section id="module-changes"><h2>Changes to the module</h2>{"".join(parts)}</section>'


def summary(record: RunRecord, info: RunInfo) -> list[str]:
    """Every section of the report's top, in reading order, with the report's style sheet first."""
    return [
        f"<style>{STYLE}</style>",
        run_section(record, info),
        verdict_section(record),
        failures_section(record),
        by_document_section(record),
        by_command_section(record),
        traceability_section(record, info.documents, info.partial),
        observations_section(record),
        deviations_section(record, info.unmatched_expectations),
        module_section(record),
        '<h2 id="results-heading">Tests</h2>',
    ]


STYLE = """
.additional-summary section { margin: 1.2em 0; }
.additional-summary table { border-collapse: collapse; margin: .4em 0; font-size: 13px; }
.additional-summary th, .additional-summary td { border: 1px solid #ccc; padding: 3px 7px; text-align: left;
  vertical-align: top; }
.additional-summary th { background: #f2f2f2; }
table.run td:first-child { white-space: nowrap; }
.chips .chip { display: inline-block; margin: 0 .5em .3em 0; padding: 3px 9px; border-radius: 10px;
  background: #eee; }
.verdict { padding: 0 5px; border-radius: 3px; white-space: nowrap; font-weight: bold; }
.v-pass { color: #1b6b1b; } .v-fail, .v-error, .v-deviation-fixed, .bad { color: #b00020; }
.v-known-deviation { color: #8a5a00; } .v-not-run { color: #6a4a9a; }
.v-not-applicable, .v-skipped, .zero { color: #777; }
.chip.v-fail, .chip.v-error, .chip.v-deviation-fixed { background: #fde0e0; }
.chip.v-pass { background: #e0f5e0; }
.status { font-weight: bold; } .st-pass { color: #1b6b1b; } .st-fail { color: #b00020; }
.st-uncovered { color: #b00020; background: #fff3cd; }
.st-untestable, .st-not-applicable, .st-not-run, .st-not-selected, .st-not-in-this-run { color: #777; }
.st-known-deviation { color: #8a5a00; }
tr.st-uncovered td { background: #fff8e1; }
.good { color: #1b6b1b; font-weight: bold; }
.evidence { white-space: normal; font-family: sans-serif; font-size: 13px; }
.evidence .ev-head > span { margin-right: .8em; }
#verdicts i { color: #a05a00; font-style: normal; background: #fff3dc; }
#verdicts b { color: #b00020; font-weight: normal; }
.evidence pre { white-space: pre-wrap; font-family: monospace; margin: .3em 0; }
.evidence pre.failure { background: #fff5f5; border-left: 3px solid #b00020; padding: 4px; }
.evidence .observations { background: #eef5ff; border-left: 3px solid #3367d6; padding: 2px 6px; margin: .3em 0; }
.evidence details { margin: .3em 0; } .evidence summary { cursor: pointer; font-weight: bold; }
table.transcript { border-collapse: collapse; font-family: monospace; font-size: 12px; }
table.transcript td { padding: 0 6px; border: none; vertical-align: top; white-space: pre-wrap; }
table.transcript td:nth-child(1) { color: #888; text-align: right; }
table.transcript tr.tx td:nth-child(2) { color: #1a4fa0; font-weight: bold; }
table.transcript tr.rx td:nth-child(2) { color: #1b6b1b; font-weight: bold; }
table.transcript tr.note td { color: #777; font-style: italic; }
table.transcript i { color: #a05a00; font-style: normal; background: #fff3dc; border-radius: 2px;
  padding: 0 1px; margin: 0 1px; }
table.transcript b { color: #b00020; font-weight: normal; }
table.transcript mark { color: #fff; background: #888; border-radius: 2px; padding: 0 3px; }
td.col-verdict { font-weight: bold; }
td.col-verdict.v-pass { color: #1b6b1b; }
td.col-verdict.v-fail, td.col-verdict.v-error, td.col-verdict.v-deviation-fixed { color: #b00020; }
"""
