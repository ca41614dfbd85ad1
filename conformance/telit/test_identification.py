"""Identification: the model and the platform id that select a profile (telit-ssl-ug Applicability
table and its footnote 1; §4.3.1 and §4.3.2 identify the module with AT+CGMM)."""

from __future__ import annotations

import pytest

from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = pytest.mark.spec("telit-ssl-ug", "Applicability table")


@pytest.mark.spec("telit-ssl-ug", "4.3.1")
def test_cgmm_names_the_profiles_model(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT+CGMM"), "telit-ssl-ug §4.3.1")
    assert list(r.lines) == [profile.model], (
        f"telit-ssl-ug §4.3.1: AT+CGMM should name {profile.model!r}; {r.describe()}"
    )


@pytest.mark.erratum("TSU-10")
def test_sw_version_starts_with_the_platform_id(modem: Modem, profile: Profile) -> None:
    # Footnote 1: "10 for SW version 10.xx.xxx, 13 for SW version 13.xx.xxx, etc."
    r = expect_ok(modem.command("AT+CGMR"), "telit-ssl-ug Applicability table")
    assert len(r.lines) == 1 and r.lines[0].split(".")[0] == str(profile.platform), (
        f"telit-ssl-ug Applicability table, footnote 1: platform {profile.platform} runs SW {profile.platform}.xx.xxx; "
        f"{r.describe()}"
    )
