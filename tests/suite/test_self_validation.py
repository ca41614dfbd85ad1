"""The suite against the embedded emulator: clean, it passes; with each named defect, the tests of the
clause the defect breaks fail, and no other test does."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from emulator.defects import DEFECTS
from tests.suite.runner import run_suite

pytestmark = pytest.mark.timeout(300)


def defect_clauses(clause: str) -> set[tuple[str, str]]:
    """``"telit-ssl-ug §4.2.2, §4.3.1; telit-gsm-ssl §5"`` → {("telit-ssl-ug", "4.2.2"), ...}."""
    out = set()
    for group in clause.split(";"):
        doc = group.split()[0]
        for section in re.findall(r"§\s*([0-9][0-9.]*)", group):
            out.add((doc, section.rstrip(".")))
    return out


def cites(test_clauses: list[str], broken: set[tuple[str, str]]) -> bool:
    """True when one of the test's clauses is a broken clause or a section that contains one."""
    for text in test_clauses:
        doc, _, section = text.partition(" §")
        for bdoc, bsec in broken:
            if doc == bdoc and (bsec == section or bsec.startswith(section + ".")):
                return True
    return False


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return run_suite(tmp_path_factory.mktemp("clean"))


def test_clean_emulator_passes_every_profile(clean) -> None:  # type: ignore[no-untyped-def]
    assert clean.code == 0, clean.output[-3000:]
    assert not clean.outcomes("failed") and not clean.outcomes("error")
    # The emulator's known deviations (vectors/expectations/emulator.toml) show as expected failures.
    assert all(t["message"].startswith("known deviation") for t in clean.outcomes("xfailed")), clean.outcomes("xfailed")
    per_profile = Counter(t["profile"] for t in clean.outcomes("passed"))
    assert set(per_profile) == {
        "telit/ge865",
        "telit/ge910",
        "telit/gl865-v3",
        "telit/he910",
        "telit/le910-v2",
        "telit/le866",
        "telit-gsm/gc864",
    }, per_profile
    assert min(per_profile.values()) >= 10, per_profile


DEFECT_NAMES = [d.name for d in DEFECTS.values() if not d.benign]
BENIGN_NAMES = [d.name for d in DEFECTS.values() if d.benign]
#: A defect is looked for on these profiles in turn, until one shows it: the 3G module first (most
#: commands), then 2G (fast dial, 256-byte SSLSRING chunks), 4G with six sockets, the GSM guide's module.
#: Running the whole suite on every profile for every defect would not fit CI's time; the clean run
#: above covers every profile.
SCOUTS = ("telit/he910", "telit/ge865", "telit/le866", "telit-gsm/gc864")


@pytest.mark.parametrize("name", DEFECT_NAMES)
def test_each_defect_is_caught_by_the_tests_of_its_clause(name: str, tmp_path: Path) -> None:
    defect = DEFECTS[name]
    broken = defect_clauses(defect.clause)
    assert broken, f"defect {name} names no clause: {defect.clause!r}"
    for profile in SCOUTS:
        run = run_suite(tmp_path / profile.replace("/", "-"), "--profile", profile, "--emulator-defect", name)
        failed = run.outcomes("failed") + run.outcomes("error")
        strays = [t["id"] for t in failed if not cites(t["clauses"], broken)]
        assert not strays, f"defect {name} breaks {defect.clause} but these tests of other clauses failed: {strays}"
        if failed:
            return
    pytest.fail(f"defect {name} ({defect.clause}) was not caught by any test on {', '.join(SCOUTS)}")


@pytest.mark.parametrize("name", BENIGN_NAMES)
def test_benign_variations_fail_nothing(name: str, tmp_path: Path) -> None:
    run = run_suite(tmp_path, "--profile", SCOUTS[0], "--emulator-defect", name)
    assert run.code == 0 and not run.outcomes("failed"), f"{name} is allowed by the errata: {run.output[-2000:]}"
    assert run.outcomes("passed")
