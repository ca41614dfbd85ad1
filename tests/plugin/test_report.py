"""The HTML report's content (issue 5): header, verdicts, failures first, summaries, matrix, observations,
and each test's evidence. What a reader sees in a browser is tests/report/test_browser.py."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from harness import redaction
from harness.transcript import Transcript
from harness.verdicts import verdict

SUITE = """
import pytest
from harness.checks import expect_error

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_sslen_read(modem, profile, observe):
    observe("the module answered at once")
    assert modem.command("AT#SSLEN?").ok

@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.erratum("TSU-02")
def test_wrongly_expects_an_error(modem, profile):
    expect_error(modem.command("AT#SSLEN=1,1"), "telit-ssl-ug §4.6")

@pytest.mark.spec("telit-ssl-ug", "5.3")
@pytest.mark.needs("no_such_capability")
def test_not_applicable(modem, profile):
    pass
"""


def _report(pytester: pytest.Pytester, *args: str) -> tuple[str, dict[str, Any]]:
    pytester.makepyfile(SUITE)
    out = pytester.path / "r.html"
    pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910",
                       f"--html={out}", "--self-contained-html", *args)  # fmt: skip
    page = out.read_text()
    blob = re.search(r'data-jsonblob="([^"]*)"', page)
    assert blob is not None
    return page, json.loads(html.unescape(blob.group(1)))


def _row(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(rows[0] for test_id, rows in data["tests"].items() if name in test_id)


def test_header_verdicts_failures_and_summaries(pytester: pytest.Pytester) -> None:
    page, _ = _report(pytester)
    assert re.search(r'id="run-identity".*HE910.*12\.00', page, re.S), "the module as it answered"
    assert 'data-verdict="fail"><b>1</b>' in page and 'data-verdict="not applicable"><b>1</b>' in page
    failures = page.split('id="failures"')[1].split("</section>")[0]
    assert "test_wrongly_expects_an_error" in failures and "test_sslen_read" not in failures
    by_command = page.split('id="by-command"')[1].split("</section>")[0]
    assert "#SSLEN" in by_command and "#SSLCFG" in by_command and "#SSLFASTD" in by_command
    observations = page.split('id="observations"')[1].split("</section>")[0]
    assert "the module answered at once" in observations
    changes = page.split('id="module-changes"')[1].split("</section>")[0]
    assert "writes allowed in slots <b>all</b>; 0 command(s)" in changes and "nothing to restore" in changes


def test_matrix_shows_each_section_with_its_verdicts_and_the_uncovered(pytester: pytest.Pytester) -> None:
    page, _ = _report(pytester)
    matrix = page.split('id="traceability"')[1].split("</section>")[0]

    def status(section: str) -> str:
        found = re.search(rf'data-section="{re.escape(section)}">.*?class="status[^"]*">([^<]+)<', matrix)
        assert found is not None, section
        return found.group(1)

    assert status("4.1") == "pass" and status("4.6") == "fail" and status("5.3") == "not applicable"
    assert status("4.4") == "uncovered", "no test of this run cites §4.4"
    assert status("1") == "untestable" and "scope, audience" in matrix
    assert "errata TSU-02" in matrix.split('data-section="4.6"')[1].split("</tr>")[0]


def test_matrix_tells_deselected_tests_from_missing_ones(pytester: pytest.Pytester) -> None:
    page, _ = _report(pytester, "-k", "sslen_read")
    row = page.split('data-section="4.6"')[1].split("</tr>")[0]
    assert ">not selected<" in row and "1 test(s) left out by -k/-m" in row
    assert ">uncovered<" in page.split('data-section="4.4"')[1].split("</tr>")[0]
    assert "This run covered part of the suite" in page


def test_rows_carry_verdict_clause_and_evidence(pytester: pytest.Pytester) -> None:
    _, data = _report(pytester)
    failed = _row(data, "test_wrongly_expects_an_error")
    cells = " ".join(failed["resultsTableRow"])
    assert 'class="col-verdict v-fail">fail<' in cells and "telit-ssl-ug §4.6 (errata TSU-02)" in cells
    log = failed["log"]
    assert '<span class="verdict v-fail">fail</span>' in log and "errata" in log
    assert '<pre class="failure">' in log and "expected an error result" in log
    assert "<table class=transcript" in log and "AT#SSLEN=1,1<i>CR</i>" in log
    assert "\n" not in log, "pytest-html wraps lines starting with E: the evidence has no literal newline"
    skipped = _row(data, "test_not_applicable")
    assert 'v-not-applicable">not applicable<' in " ".join(skipped["resultsTableRow"])
    assert "no_such_capability" in skipped["log"]


def test_transcript_html_tells_control_bytes_from_their_names() -> None:
    t = Transcript(name="x")
    t.tx(b"AT<CR>\r")
    t.rx(b"\r\nOK\x00\xff\r\n")
    page = t.html()
    assert "AT&lt;CR&gt;<i>CR</i>" in page, "the text <CR> is text; the byte CR is a badge"
    assert "RX<td><i>CR LF</i><tr" in page, "one <i> per run of control bytes; a new row after LF"
    assert "OK<i>NUL</i><b>\\xff</b><i>CR LF</i>" in page
    assert "\n" not in page


def test_long_transcripts_fold_rows_but_keep_the_bytes() -> None:
    t = Transcript(name="x")
    for i in range(1000):
        t.tx(f"AT+X={i}\r".encode())
        t.rx(b"\r\nOK\r\n")
    text = t.rendered()
    assert "AT+X=0<CR>" in text and "AT+X=999<CR>" in text and "AT+X=500<CR>" not in text
    assert re.search(r"… \d+ rows folded", text)
    assert len(t.entries) == 2000


def test_redaction_of_keys_line_by_line_and_of_passwords() -> None:
    key = (
        "-----BEGIN PRIVATE KEY-----\n"
        + "\n".join(f"{i:02d}" + "Qk" * 31 for i in range(3))
        + "\nQkQkQk\n-----END PRIVATE KEY-----\n"
    )
    redaction.add(key)
    redaction.add("pw-of-the-test-9d1")
    text = redaction.redact(f"echo {key} joined {''.join(key.splitlines()[1:3])} pw-of-the-test-9d1.")
    assert "Qk" * 31 not in text and "pw-of-the-test" not in text
    assert "-----BEGIN PRIVATE KEY-----" in text, "armour lines are not secret"
    assert text.count(redaction.MARK) == 3 + 2 + 1
    with pytest.raises(ValueError, match="cannot be told from ordinary text"):
        redaction.add("abc")


@pytest.mark.parametrize(
    ("outcome", "blame", "message", "expected"),
    [
        ("passed", None, "", "pass"),
        ("failed", None, "AssertionError: telit-ssl-ug §4.1", "fail"),
        ("failed", "target", "target silent", "fail"),
        ("failed", "link", "could not open", "error"),
        ("failed", "test", "LocalProtocolError", "error"),
        ("error", "target", "sanity check", "error"),
        ("skipped", None, "not applicable (telit-ssl-ug §5.3): profile lacks 'x'", "not applicable"),
        ("skipped", None, "not run (telit-ssl-ug §4.3.2): needs a second AT instance of the same module", "not run"),
        ("skipped", None, "not run on this target: --allow-nvm-writes", "not run"),
        ("skipped", None, "gated: the sanity check before it failed", "skipped"),
        ("skipped", None, "not run: a lab farm (--servers-manifest) serves its scenarios as they are", "not run"),
        ("xfailed", None, "known deviation", "known deviation"),
        ("failed", None, "[XPASS(strict)] known deviation", "deviation fixed"),
    ],
)
def test_verdicts(outcome: str, blame: str | None, message: str, expected: str) -> None:
    assert verdict(outcome, blame, message) == expected
