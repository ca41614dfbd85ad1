"""Identification of the GSM guide's modules (telit-gsm-ssl Applicability table)."""

from __future__ import annotations

import pytest

from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = pytest.mark.spec("telit-gsm-ssl", "Applicability table")


def test_cgmm_names_the_profiles_model(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT+CGMM"), "telit-gsm-ssl Applicability table")
    assert list(r.lines) == [profile.model], f"AT+CGMM should name {profile.model!r}; {r.describe()}"
