"""``python -m tools coverage``: a test that only observes covers no section (issue 14 item 3)."""

from __future__ import annotations

import pytest

from tools.coverage import _Marks

SUITE = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_checks(modem, profile, observe):
    observe("beside a verdict")

@pytest.mark.observation
@pytest.mark.spec("telit-ssl-ug", "4.3")
def test_only_observes(modem, profile, observe):
    observe("no document says", instead_of_verdict=True)
"""


def test_spec_marks_of_an_observation_cover_nothing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SUITE)
    marks = _Marks()
    pytester.inline_run("-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910",
                        "--collect-only", plugins=[marks])  # fmt: skip
    assert marks.cited == {"telit-ssl-ug": {"4.1": 1}}
    assert marks.observed == {"telit-ssl-ug": {"4.3": 1}}
