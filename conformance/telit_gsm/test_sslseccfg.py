"""#SSLSECCFG in the older GSM guide: three SSL_RSA suites, SSId 1 only (telit-gsm-ssl §3.2)."""

from __future__ import annotations

import pytest

from conformance.shared.testform import ranges_of_test_form
from conformance.telit.common import seccfg_form
from harness.checks import expect_error, expect_ok, line_for
from harness.modem import Modem
from harness.profiles import Profile

CLAUSE = "telit-gsm-ssl §3.2"
pytestmark = pytest.mark.spec("telit-gsm-ssl", "3.2")


def test_test_form_lists_three_suites(modem: Modem, profile: Profile) -> None:
    form = seccfg_form(profile)
    got = ranges_of_test_form(modem, "#SSLSECCFG", "#SSLSECCFG", CLAUSE)
    want = [
        frozenset({1}),
        frozenset(range(form["ciphers"][0], form["ciphers"][1] + 1)),
        frozenset(range(form["auth_modes"][0], form["auth_modes"][1] + 1)),
    ]
    assert got == want, f"{CLAUSE}: expected {want}, got {got}"


def test_each_suite_and_auth_mode_is_accepted(modem: Modem, profile: Profile, enabled: int) -> None:
    form = seccfg_form(profile)
    for cipher in range(form["ciphers"][0], form["ciphers"][1] + 1):
        for auth in range(form["auth_modes"][0], form["auth_modes"][1] + 1):
            expect_ok(modem.command(f"AT#SSLSECCFG=1,{cipher},{auth}"), CLAUSE)
            r = expect_ok(modem.command("AT#SSLSECCFG?"), CLAUSE)
            assert line_for(r, "#SSLSECCFG", "1", CLAUSE)[:3] == ["1", str(cipher), str(auth)], r.describe()


@pytest.mark.parametrize(
    "args", ["2,0,0", "1,4,0", "1,0,3", "1,0,0,1"], ids=["ssid-2", "suite-4", "auth-3", "cert-format"]
)
def test_refuses_what_the_guide_does_not_define(modem: Modem, enabled: int, args: str) -> None:
    # §3.2: <SSId> "has to be 1"; suites 0-3; auth 0-2; §3.3 warning: certificates MUST be PEM (no format).
    expect_error(modem.command(f"AT#SSLSECCFG={args}"), CLAUSE)
