"""A farm run end to end: two embedded modules of different profiles under pytest-xdist, each test on the
worker of its profile, a selected profile without a module "not run", and one results.json, JUnit file
and HTML report that name the module of every test and keep the transcripts (harness/plugin/farm.py,
scheduler.py, workers.py)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

FARM = """
[[module]]
name = "a"
profile = "telit/he910"
target = "emulator://telit/he910"

[[module]]
name = "b"
profile = "telit/le866"
target = "emulator://telit/le866"
"""

TESTS = """
import os
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.parametrize("n", range(3))
def test_sslen_read(modem, profile, n, record_property):
    record_property("worker", os.environ["PYTEST_XDIST_WORKER"])
    assert modem.command("AT#SSLEN?").ok
"""


def test_each_test_runs_on_a_module_of_its_profile(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist", reason="pytest-xdist is in the dev extras (.ci/run installs them)")
    pytester.makepyfile(TESTS)
    farm = pytester.makefile(".toml", farm=FARM)
    out = Path(pytester.path)
    result = pytester.runpytest_subprocess(
        "-p", "harness.plugin", "-p", "no:cacheprovider", "-p", "xdist", "-n", "2", "--farm", str(farm),
        "--profile", "telit/he910,telit/le866,telit/ge865", f"--results-json={out / 'r.json'}",
        f"--junitxml={out / 'j.xml'}", f"--html={out / 'r.html'}", "--self-contained-html",
    )  # fmt: skip
    result.assert_outcomes(passed=6, skipped=3)
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert [m["name"] for m in data["targets"]["farm"]] == ["a", "b"]
    module_of = {"telit/he910": "a", "telit/le866": "b", "telit/ge865": None}
    for test in data["tests"]:
        assert test["module"] == module_of[test["profile"]], test
        if test["profile"] == "telit/ge865":  # selected, but no module of the farm has it
            assert test["verdict"] == "not run"
            assert "no module of profile telit/ge865 in the farm" in test["message"]
        else:
            assert test["verdict"] == "pass" and test["target"].startswith(f"emulator://{test['profile']}")
            assert test["identity"] and test["clauses"] == ["telit-ssl-ug §4.1"]
    # Handed back by the workers, one per module (keyed by its name in a farm), each with its profile.
    assert {k: (i["profile"], i["module"]) for k, i in data["identities"].items()} == {
        "a": ("telit/he910", "a"),
        "b": ("telit/le866", "b"),
    }
    cases = ElementTree.parse(out / "j.xml").getroot().iter("testcase")
    props = {str(c.get("name")): {p.get("name"): p.get("value") for p in c.iter("property")} for c in cases}
    # Each profile's tests ran on one worker and one module, the two profiles on two workers.
    ran = {(name.partition("[")[2].rpartition("-")[0], p.get("worker"), p.get("module")) for name, p in props.items()}
    # (the "not run" test stops before its body: it names no worker and no module)
    assert ran == {("telit/he910", "gw0", "a"), ("telit/le866", "gw1", "b"), ("telit/ge865", None, None)}, ran
    page = (out / "r.html").read_text(encoding="utf-8")
    assert page.count("table class=transcript") >= 6  # the workers' rendered transcripts reached the page
    assert "&gt;module a&lt;" in page and "&gt;module b&lt;" in page and "<b>Farm</b>" in page  # evidence, header


def test_a_farm_without_its_workers_says_to_give_n(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TESTS)
    farm = pytester.makefile(".toml", farm=FARM)
    result = pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", "--farm", str(farm))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*lists 2 module(s): run one pytest-xdist worker per module, -n 2*"])
