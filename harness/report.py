"""pytest-html hooks: the report's header and summaries, a Verdict and a Clause column, and each test's
evidence in place of the plain log. Registered by the plugin only when pytest-html is active."""

from __future__ import annotations

import html
import shlex
import time

import pytest

from harness import report_summary
from harness.redaction import redact
from harness.report_evidence import evidence
from harness.report_summary import RunInfo
from harness.report_tls import TlsMatrix
from harness.results import RunRecord
from harness.verdicts import verdict


class HtmlReport:
    """The pytest-html hooks, bound to the run's record and what the plugin resolved."""

    def __init__(self, config: pytest.Config, record: RunRecord, info: RunInfo) -> None:
        self.config = config
        self.record = record
        self.info = info
        #: Seconds spent building the evidence of the rows, and the whole end of the session (summary,
        #: pytest-html's page, results.json): the report's build time, printed in the terminal summary.
        self.evidence_seconds = 0.0
        self.finish_started = 0.0
        #: The cells of the TLS results tables the tests recorded (harness/report_tls.py).
        self.tls = TlsMatrix()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """pytest hook: keep the TLS table cells the test recorded."""
        self.tls.add(report)

    def _verdict_of(self, test_id: str) -> str:
        entry = self.record.tests.get(test_id)
        return entry.verdict if entry is not None else "not run"

    def _verdict(self, report: pytest.TestReport) -> str:
        entry = self.record.tests.get(report.nodeid)
        if entry is not None:
            return entry.verdict
        outcome = "error" if report.when != "call" and report.failed else report.outcome
        return verdict(outcome)

    def pytest_html_report_title(self, report: object) -> None:
        report.title = "SSL/TLS AT command conformance"  # type: ignore[attr-defined]

    def pytest_html_results_table_header(self, cells: list[str]) -> None:
        cells.insert(1, '<th class="sortable" data-column-type="verdict">Verdict</th>')
        cells.insert(3, '<th class="sortable" data-column-type="clause">Clause</th>')

    def pytest_html_results_table_row(self, report: pytest.TestReport, cells: list[str]) -> None:
        props = dict(report.user_properties)
        clause = str(props.get("spec", ""))
        if props.get("errata"):
            clause += f" (errata {props['errata']})"
        v = self._verdict(report)
        cells.insert(1, f'<td class="col-verdict v-{v.replace(" ", "-")}">{html.escape(v)}</td>')
        cells.insert(3, f'<td class="col-clause">{html.escape(clause)}</td>')

    def pytest_html_results_table_html(self, report: pytest.TestReport, data: list[str]) -> None:
        started = time.perf_counter()
        data[:] = [evidence(report, self._verdict(report))]
        self.evidence_seconds += time.perf_counter() - started

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self) -> None:
        # pytest-html writes the page in its own (trylast) pytest_sessionfinish; the terminal summary
        # follows at once, so the time between is the page's build time.
        self.finish_started = time.perf_counter()

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        page = time.perf_counter() - self.finish_started if self.finish_started else 0.0
        during = self.evidence_seconds + self.record.render_seconds
        terminalreporter.write_line(
            f"HTML report built in {during + page:.2f} s: {during:.2f} s while the tests ran (transcripts, "
            f"evidence), {page:.2f} s at the end (summary, matrix, page)"
        )

    def pytest_html_results_summary(self, prefix: list[str], summary: list[str], postfix: list[str]) -> None:
        sections = report_summary.summary(self.record, self.info)
        tls = self.tls.section(self._verdict_of)
        if tls:
            # Before the heading of pytest-html's table of tests, with the other summaries.
            at = next((i for i, s in enumerate(sections) if s.startswith('<h2 id="results-heading"')), len(sections))
            sections.insert(at, tls)
        prefix.extend(sections)


def command_line(config: pytest.Config) -> str:
    """The command as the user typed it, secrets redacted."""
    return redact(shlex.join(["pytest", *map(str, config.invocation_params.args)]))
