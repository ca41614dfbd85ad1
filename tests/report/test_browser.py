"""The HTML report in a real browser: it loads without errors, its summary names the run, the traceability
matrix renders, the evidence of a test opens and closes, the verdict filters work and the failures list
links to its rows.

One sample report is generated per module (``docs/make_screenshot.py``'s run: a Telit HE910 on the
embedded emulator with the defect ``telit-wrong-cme-code``, which makes the module answer +CME ERROR: 835
where the guide says 836) and opened in headless Chromium with Playwright's sync API.

Needs ``pip install -e .[browser]`` and a Chromium (Debian's ``chromium`` at /usr/bin/chromium, or one on
PATH); without them the tests skip, unless ``REQUIRE_BROWSER=1`` (CI sets it): then they fail.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

import pytest

try:
    from playwright.sync_api import expect, sync_playwright

    PLAYWRIGHT_MISSING: str | None = None
except ImportError as exc:  # the optional "browser" dependencies are not installed
    PLAYWRIGHT_MISSING = str(exc)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Error, Locator, Page, Request

ROOT = Path(__file__).resolve().parents[2]

# The first test also pays for the sample run (a few seconds; its subprocess times out after 300 s).
pytestmark = pytest.mark.timeout(360)

HIDDEN = re.compile(r"\bhidden\b")
CR = re.compile(r"^CR( LF)?$")  # how the transcript names a carriage return (a run of control bytes: one badge)
RED = "rgb(176, 0, 32)"  # .st-fail, .v-fail in the report's style sheet


def _load_sample() -> ModuleType:
    """docs/make_screenshot.py: the sample run and the Chromium settings, shared with the screenshots."""
    path = ROOT / "docs" / "make_screenshot.py"
    spec = importlib.util.spec_from_file_location("make_screenshot", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = _load_sample()


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if PLAYWRIGHT_MISSING is not None:
        _unavailable(f"Playwright is not installed ({PLAYWRIGHT_MISSING}): pip install -e .[browser]")
    chromium: str | None = SAMPLE.find_chromium()
    if chromium is None:
        _unavailable("no Chromium at /usr/bin/chromium or on PATH: apt-get install chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=SAMPLE.CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_file(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample run's report.html (generated after the browser is known to be there)."""
    try:
        path: Path = SAMPLE.generate_report(tmp_path_factory.mktemp("reports"), timeout=300)
    except RuntimeError as err:
        pytest.fail(str(err), pytrace=False)
    return path


@dataclass
class Report:
    """The report open in a page, with what went wrong in the page while the test used it."""

    page: Page
    file: Path
    problems: list[str] = field(default_factory=list)

    def row(self, node_id: str) -> Locator:
        """The results table's row (a tbody) of one test, found again after each redraw of the table."""
        quoted = node_id.replace("\\", "\\\\").replace('"', '\\"')
        return self.page.locator(f'#results-table tbody.results-table-row[id="{quoted}"]')

    def rows(self, outcome: str) -> Locator:
        return self.page.locator(f"#results-table tbody.results-table-row.{outcome}")

    def filter_box(self, outcome: str) -> Locator:
        return self.page.locator(f'input.filter[name="filter_checkbox"][data-test-result="{outcome}"]')

    def chip(self, verdict: str) -> int:
        return int(self.page.locator(f'#verdicts .chip[data-verdict="{verdict}"] b').inner_text())

    def assert_clean(self) -> None:
        assert not self.problems, "the page reported:\n" + "\n".join(self.problems)


@pytest.fixture
def report(browser: Browser, report_file: Path) -> Iterator[Report]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    opened = Report(page, report_file)
    report_uri = report_file.as_uri()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            opened.problems.append(f"console error: {message.text} ({message.location})")

    def page_error(error: Error) -> None:
        opened.problems.append(f"page error: {error}")

    def request(req: Request) -> None:
        # Self-contained: nothing but the file itself (and inline data) may be fetched.
        if not req.url.startswith((report_uri, "data:", "blob:")):
            opened.problems.append(f"request for {req.url}")

    page.on("console", console)
    page.on("pageerror", page_error)
    page.on("request", request)
    page.goto(report_uri)
    expect(page.locator("#results-table tbody.results-table-row").first).to_be_attached()
    yield opened
    context.close()
    opened.assert_clean()


def _visible_texts(locator: Locator) -> list[str]:
    return [text.strip() for text in locator.locator("visible=true").all_inner_texts()]


def test_loads_and_is_used_without_errors(report: Report) -> None:
    page = report.page
    expect(page.locator("#results-table tbody.results-table-row")).to_have_count(
        report.rows("passed").count() + report.rows("failed").count() + report.rows("skipped").count()
    )
    assert report.rows("failed").count() >= 1 and report.rows("passed").count() >= 1
    # Use it the way a reader does: filter, sort, open and close evidence, open an exchange.
    report.filter_box("passed").uncheck()
    report.filter_box("passed").check()
    page.locator('#results-table-head th.sortable[data-column-type="verdict"]').click()
    page.locator('#results-table-head th.sortable[data-column-type="result"]').click()
    report.rows("failed").first.locator("td.col-result").click()
    page.locator("#show_all_details").click()
    page.locator("#hide_all_details").click()
    page.locator("#run-identity table.modules details summary").first.click()
    page.locator("#verdicts details summary").first.click()
    report.assert_clean()


def test_header_identifies_the_run(report: Report) -> None:
    page = report.page
    modules = page.locator("#run-identity table.modules")
    expect(modules).to_be_visible()
    module_row = modules.locator("tbody tr", has_text=SAMPLE.PROFILE)
    expect(module_row).to_have_count(1)
    # What the emulated module answered, not what the profile says.
    expect(module_row.locator("td").nth(1)).to_have_text(re.compile(r"\bTelit HE910\b"))
    expect(module_row.locator("td").nth(2)).to_contain_text("AT+CGMM → HE910")
    expect(module_row.locator("td").nth(2)).to_contain_text("ATI → Telit")

    run = page.locator("#run-identity #run-table")
    expect(run).to_be_visible()
    cells: dict[str, str] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#run-table tbody tr')]
             .map(tr => [tr.cells[0].innerText.trim(), tr.cells[1].innerText.trim()]))"""
    )
    assert cells.get("Profiles") == SAMPLE.PROFILE, cells
    assert cells.get("Emulator defects") == SAMPLE.DEFECT, cells
    assert SAMPLE.DEFECT in cells.get("Command", ""), cells
    assert "embedded emulator" in cells.get("Target", ""), cells


def test_traceability_matrix_renders(report: Report) -> None:
    page = report.page
    matrix = page.locator('#traceability table.matrix[data-document="telit-ssl-ug"]')
    expect(matrix).to_be_visible()
    sections = matrix.locator("tbody tr[data-section]")
    assert sections.count() >= 40, sections.count()

    def status(section: str) -> Locator:
        return matrix.locator(f'tr[data-section="{section}"] span.status')

    # The defect answers 835 where §4.1 (#SSLD before #SSLEN) and §8.2 (Tab. 4) say 836 ...
    for failing in ("4.1", "8.2"):
        expect(status(failing)).to_have_text("fail")
        assert status(failing).evaluate("el => getComputedStyle(el).color") == RED
    dial = matrix.locator('tr[data-section="4.1"] li', has=page.locator("span.verdict.v-fail"))
    expect(dial.locator("a.test-link")).to_have_text(re.compile(r"test_dial_before_sslen_is_836"))
    # ... and leaves #SSLSECCFG2's protocol selection (§3) and #SSLSECCFG (§4.2) alone.
    for passing in ("3", "4.2"):
        expect(status(passing)).to_have_text("pass")

    untestable = sections.filter(has=page.locator("span.status", has_text=re.compile(r"^untestable$")))
    assert untestable.count() >= 1
    expect(untestable.first).to_be_visible()
    reasons = [text.strip() for text in untestable.locator("td:last-child").all_inner_texts()]
    assert all(reasons), f"an untestable section without a reason: {reasons}"
    expect(matrix.locator('tr[data-section="1"] td').last).to_contain_text("scope")


def test_failed_test_transcript_opens_and_closes(report: Report) -> None:
    node_id = report.rows("failed").first.get_attribute("id")
    assert node_id
    row = report.row(node_id)
    extras = row.locator("tr.extras-row")
    transcript = row.locator("div.evidence table.transcript").first
    # Failed tests are expanded on load.
    expect(extras).not_to_have_class(HIDDEN)
    expect(transcript).to_be_visible()
    expect(row.locator("td.col-verdict")).to_have_text("fail")
    expect(row.locator("div.evidence pre.failure")).to_contain_text("expected +CME ERROR: 836")
    command = transcript.locator("tr.tx", has_text=re.compile(r"AT[#+]\w+")).first
    expect(command).to_be_visible()
    expect(command.locator("td").nth(1)).to_have_text("TX")
    expect(command.locator("td").nth(2)).to_have_text(re.compile(r"^AT[#+][A-Z]+"))

    row.locator("td.col-result").click()
    expect(extras).to_have_class(HIDDEN)
    expect(transcript).to_be_hidden()
    row.locator("td.col-result").click()
    expect(extras).not_to_have_class(HIDDEN)
    expect(transcript).to_be_visible()


def test_passed_test_transcript_is_collapsed_then_opens(report: Report) -> None:
    with_transcript = report.rows("passed").filter(has=report.page.locator("table.transcript")).first
    node_id = with_transcript.get_attribute("id")
    assert node_id
    row = report.row(node_id)
    extras = row.locator("tr.extras-row")
    transcript = row.locator("div.evidence table.transcript").first
    expect(extras).to_have_class(HIDDEN)
    expect(transcript).to_be_hidden()

    row.locator("td.col-result").click()
    expect(extras).not_to_have_class(HIDDEN)
    expect(transcript).to_be_visible()
    expect(row.locator("td.col-verdict")).to_have_text("pass")
    expect(row.locator("div.evidence span.verdict").first).to_have_text("pass")
    # The CR ending a command is named in an <i> badge, not shown as a raw byte or as double-escaped text.
    carriage_return = transcript.locator("tr.tx td:nth-child(3) i").first
    expect(carriage_return).to_be_visible()
    expect(carriage_return).to_have_text(CR)
    assert "&lt;" not in transcript.inner_text() and "\r" not in transcript.inner_text()


@pytest.mark.parametrize(
    ("outcome", "verdicts", "other"),
    [("passed", ("pass",), "failed"), ("skipped", ("not run", "not applicable", "skipped"), "failed")],
)
def test_filter_by_verdict(report: Report, outcome: str, verdicts: tuple[str, ...], other: str) -> None:
    rows, others = report.rows(outcome), report.rows(other)
    shown = rows.count()
    assert shown >= 1, f"the sample run has no {outcome} test"
    # The table agrees with the verdict chips above it.
    assert shown == sum(report.chip(verdict) for verdict in verdicts)
    assert others.count() == report.chip("fail") + report.chip("deviation fixed")
    assert set(_visible_texts(rows.locator("td.col-verdict"))) <= set(verdicts)
    assert set(_visible_texts(others.locator("td.col-verdict"))) == {"fail"}
    other_count = others.count()

    report.filter_box(outcome).uncheck()
    expect(rows.locator("visible=true")).to_have_count(0)
    expect(others.locator("visible=true")).to_have_count(other_count)
    remaining = set(_visible_texts(report.page.locator("#results-table td.col-verdict")))
    assert "fail" in remaining and not remaining & set(verdicts), remaining

    report.filter_box(outcome).check()
    expect(rows.locator("visible=true")).to_have_count(shown)
    expect(others.locator("visible=true")).to_have_count(other_count)


def test_failures_list_links_to_the_row(report: Report) -> None:
    page = report.page
    link = page.locator("#failures table.failures a.test-link").first
    href = link.get_attribute("href")
    assert href and href.startswith("#")
    node_id = href[1:]
    expect(link).to_have_text(node_id)
    row = report.row(node_id)
    expect(row).to_have_count(1)
    expect(row).to_have_class(re.compile(r"\bfailed\b"))
    expect(row).not_to_be_in_viewport()  # the results table is far below the summary

    link.click()
    assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == node_id
    expect(row).to_be_in_viewport()


def _link_targets(page: Page) -> Callable[[], list[str]]:
    return lambda: page.evaluate(
        """() => [...document.querySelectorAll('.additional-summary a.test-link')]
             .map(a => decodeURIComponent(a.getAttribute('href').slice(1)))
             .filter(id => !document.getElementById(id))"""
    )


def test_every_summary_link_has_a_row(report: Report) -> None:
    missing = _link_targets(report.page)()
    assert not missing, f"links to no row: {sorted(set(missing))}"
