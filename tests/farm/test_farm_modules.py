"""A farm's modules each answer for themselves (issue 15, item 3's leftovers): two modules of one profile
are two identities in results.json and the HTML report, each test's ``identity`` is its own module's; and
``--emulator-defect`` reaches every AT instance of a farm's ``emulator://`` module (harness/plugin/targets.py
``with_defects``), so that instance 2 joins instance 1's module instead of a module without the defect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.plugin.targets import with_defects

TWO_OF_ONE_PROFILE = """
[[module]]
name = "x"
profile = "telit/he910"
target = "emulator://telit/he910?module=x"

[[module]]
name = "y"
profile = "telit/he910"
target = "emulator://telit/he910?module=y"
"""

ONE_WITH_TWO_INSTANCES = """
[[module]]
name = "z"
profile = "telit/he910"
target = "emulator://telit/he910?module=z"
target2 = "emulator://telit/he910?module=z&instance=2"
"""

READ = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.parametrize("n", range(4))
def test_sslen_read(modem, profile, n):
    assert modem.command("AT#SSLEN?").ok
"""

# telit-ssl-ug §8.2: reading #SSLSECCFG before any write is CME ERROR 836 (the defect answers another code).
BOTH_INSTANCES = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "8.2")
def test_both_instances(modem, modem2, profile, record_property):
    codes = []
    for m in (modem, modem2):
        assert m.command("AT+CMEE=1").ok
        codes.append(m.command("AT#SSLSECCFG?").final.code)
    record_property("codes", repr(codes))
    assert codes == [836, 836]
"""


def _run(pytester: pytest.Pytester, farm: str, workers: int, *extra: str) -> tuple[pytest.RunResult, Path]:
    pytest.importorskip("xdist", reason="pytest-xdist is in the dev extras (.ci/run installs them)")
    path = pytester.makefile(".toml", farm=farm)
    out = Path(pytester.path) / "r.json"
    result = pytester.runpytest_subprocess(
        "-p", "harness.plugin", "-p", "no:cacheprovider", "-p", "xdist", "-n", str(workers), "--farm", str(path),
        f"--results-json={out}", *extra,
    )  # fmt: skip
    return result, out


def test_two_modules_of_one_profile_each_show_their_own_identity(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(READ)
    html = Path(pytester.path) / "r.html"
    result, out = _run(pytester, TWO_OF_ONE_PROFILE, 2, f"--html={html}", "--self-contained-html")
    result.assert_outcomes(passed=4)
    data = json.loads(out.read_text(encoding="utf-8"))
    idents = data["identities"]
    assert set(idents) == {"x", "y"}, idents
    for name in ("x", "y"):
        assert idents[name]["profile"] == "telit/he910" and idents[name]["module"] == name
        assert idents[name]["url"] == f"emulator://telit/he910?module={name}"
    modules = {t["module"] for t in data["tests"]}
    assert modules <= {"x", "y"} and all(t["identity"] == idents[t["module"]]["summary"] for t in data["tests"])
    page = html.read_text(encoding="utf-8")
    assert "telit/he910 — x" in page and "telit/he910 — y" in page  # one row per module in the header


def test_emulator_defect_reaches_both_instances_of_a_farm_module(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(BOTH_INSTANCES)
    clean, _ = _run(pytester, ONE_WITH_TWO_INSTANCES, 1)
    clean.assert_outcomes(passed=1)  # the control: without the defect both instances answer 836
    broken, out = _run(pytester, ONE_WITH_TWO_INSTANCES, 1, "--emulator-defect", "telit-wrong-cme-code")
    broken.assert_outcomes(failed=1)
    (test,) = json.loads(out.read_text(encoding="utf-8"))["tests"]
    assert "836" not in test["message"].partition("==")[0], test["message"]  # neither instance answered 836
    assert "defect=telit-wrong-cme-code" in test["target"]


def test_with_defects_adds_each_defect_once_to_emulator_urls_only() -> None:
    assert with_defects("emulator://telit/he910?instance=2", ["a", "b"]) == (
        "emulator://telit/he910?instance=2&defect=a&defect=b"
    )
    assert with_defects("emulator://telit/he910?defect=a", ["a"]) == "emulator://telit/he910?defect=a"
    assert with_defects("socket://127.0.0.1:7000", ["a"]) == "socket://127.0.0.1:7000"
    assert with_defects("emulator://telit/he910", []) == "emulator://telit/he910"
