"""An observation is no verdict (issue 14 item 3): a test that ends on ``observe(..., instead_of_verdict=True)``
is *not run as a verdict*, so it is no pass of its clause in results.json nor in the report's traceability
matrix; a test that observes beside its checks keeps its checks' verdict (the control)."""

from __future__ import annotations

import json
import re

import pytest

SUITE = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_checks_and_observes(modem, profile, observe):
    observe("answered at once")
    assert modem.command("AT#SSLEN?").ok

@pytest.mark.observation
@pytest.mark.spec("telit-ssl-ug", "4.3")
def test_only_observes(modem, profile, observe):
    observe("host name not checked", instead_of_verdict=True)
    raise AssertionError("never reached: the observation ends the test")
"""


def test_an_observation_instead_of_a_verdict_is_no_pass(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SUITE)
    page, out = pytester.path / "r.html", pytester.path / "r.json"
    pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910",
                       f"--html={page}", "--self-contained-html", f"--results-json={out}")  # fmt: skip
    tests = {t["id"].split("::")[1].split("[")[0]: t for t in json.loads(out.read_text())["tests"]}
    only, both = tests["test_only_observes"], tests["test_checks_and_observes"]
    assert only["verdict"] == "not run", only
    assert only["message"].startswith("not run as a verdict (telit-ssl-ug §4.3)"), only["message"]
    assert only["observations"] == ["host name not checked"], only
    assert both["verdict"] == "pass" and both["observations"] == ["answered at once"], both

    matrix = page.read_text().split('id="traceability"')[1].split("</section>")[0]

    def status(section: str) -> str:
        found = re.search(rf'data-section="{re.escape(section)}">.*?class="status[^"]*">([^<]+)<', matrix)
        assert found is not None, section
        return found.group(1)

    assert status("4.3") == "not run", "a clause only observed is no pass"
    assert status("4.1") == "pass", "the control: observing beside a check keeps the check's pass"
