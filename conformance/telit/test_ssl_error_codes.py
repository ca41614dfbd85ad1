"""SSL error codes 830-840, numeric and verbose (telit-ssl-ug §8.2 Tab. 4), and +CMEE per AT instance."""

from __future__ import annotations

import pytest

from conformance.telit.common import ERRORS, disable_all
from harness.checks import expect_cme_code, expect_cme_text, expect_ok, expect_plain_error
from harness.modem import Modem
from harness.profiles import Profile

CLAUSE = "telit-ssl-ug §8.2 Tab. 4"
pytestmark = pytest.mark.spec("telit-ssl-ug", "8.2")
TEXT = {e["code"]: e["text"] for e in ERRORS["codes"]}
TRIGGERED = sorted(int(code) for code in ERRORS["triggers"])


def provoke(modem: Modem, profile: Profile, code: int) -> str:
    trigger = ERRORS["triggers"][str(code)]
    if trigger["precondition"] == "no SSL socket enabled":
        disable_all(modem, profile)
    return str(trigger["command"])


@pytest.mark.parametrize("code", TRIGGERED)
def test_numeric_code_under_cmee_1(modem: Modem, profile: Profile, code: int) -> None:
    command = provoke(modem, profile, code)
    expect_ok(modem.command("AT+CMEE=1"), CLAUSE)
    expect_cme_code(modem.command(command), code, f"{CLAUSE} ({TEXT[code]})")


@pytest.mark.parametrize("code", TRIGGERED)
def test_verbose_text_under_cmee_2(modem: Modem, profile: Profile, code: int) -> None:
    command = provoke(modem, profile, code)
    expect_ok(modem.command("AT+CMEE=2"), CLAUSE)
    expect_cme_text(modem.command(command), TEXT[code], f"{CLAUSE} ({code})")


@pytest.mark.parametrize("code", TRIGGERED)
def test_plain_error_under_cmee_0(modem: Modem, profile: Profile, code: int) -> None:
    command = provoke(modem, profile, code)
    expect_ok(modem.command("AT+CMEE=0"), CLAUSE)
    expect_plain_error(modem.command(command), f"{CLAUSE}: AT+CMEE=0 disables the report")


@pytest.mark.spec("telit-ssl-ug", "4.3.1")
@pytest.mark.needs("second_instance")
def test_cmee_is_per_instance(modem: Modem, modem2: Modem) -> None:
    # §4.3.1: instance 2 reads +CMEE: 0 after instance 1 set AT+CMEE=2.
    expect_ok(modem.command("AT+CMEE=2"), "telit-ssl-ug §4.3.1")
    expect_ok(modem2.command("AT+CMEE=1"), "telit-ssl-ug §4.3.1")
    assert modem.command("AT+CMEE?").fields("+CMEE") == [["2"]], "telit-ssl-ug §4.3.1: instance 1 keeps its +CMEE"
    assert modem2.command("AT+CMEE?").fields("+CMEE") == [["1"]], "telit-ssl-ug §4.3.1: instance 2 keeps its +CMEE"
