"""#SSLEN: enable a secure socket (telit-ssl-ug §4.1), and its ownership per AT instance (§4.2.2, §4.3)."""

from __future__ import annotations

import pytest

from conformance.shared.testform import ranges_of_test_form
from conformance.telit.common import COMMANDS, OWNED, disable_all
from harness.checks import expect_cme_text, expect_error, expect_ok, line_for
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile

CLAUSE = "telit-ssl-ug §4.1"
pytestmark = pytest.mark.spec("telit-ssl-ug", "4.1")


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
def test_test_form_lists_ssids_and_enable_values(modem: Modem, profile: Profile) -> None:
    ranges = ranges_of_test_form(modem, "#SSLEN", "#SSLEN", CLAUSE)
    assert ranges == [frozenset(profile.ssid_range), frozenset(COMMANDS["sslen"]["enable"])], (
        f"{CLAUSE}: #SSLEN=? should list SSId {list(profile.ssid_range)} and <Enable> 0,1; got {ranges}"
    )


@pytest.mark.needs("fresh_power_on")
def test_every_socket_disabled_at_power_on(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT#SSLEN?"), CLAUSE)
    want = [[str(s), str(COMMANDS["sslen"]["default_enable"])] for s in profile.ssid_range]
    assert r.fields("#SSLEN") == want, f"{CLAUSE}: <Enable> defaults to 0 for every SSId; got {r.describe()}"


@pytest.mark.spec("telit-ssl-ug", "4.3.2")
def test_read_form_lists_each_ssid_once(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT#SSLEN?"), CLAUSE)
    assert [row[0] for row in r.fields("#SSLEN")] == [str(s) for s in profile.ssid_range], (
        f"telit-ssl-ug §4.3.2: one #SSLEN line per SSId, in order; got {r.describe()}"
    )


def test_enable_and_disable_each_ssid(modem: Modem, profile: Profile) -> None:
    disable_all(modem, profile)
    for ssid in profile.ssid_range:
        expect_ok(modem.command(f"AT#SSLEN={ssid},1"), CLAUSE)
        r = expect_ok(modem.command("AT#SSLEN?"), CLAUSE)
        assert line_for(r, "#SSLEN", str(ssid), CLAUSE) == [str(ssid), "1"], f"{CLAUSE}: {r.describe()}"
        expect_ok(modem.command(f"AT#SSLEN={ssid},0"), CLAUSE)
        r = expect_ok(modem.command("AT#SSLEN?"), CLAUSE)
        assert line_for(r, "#SSLEN", str(ssid), CLAUSE) == [str(ssid), "0"], f"{CLAUSE}: {r.describe()}"


# Negative controls of the set form: values outside what §4.1 and the test form allow.
@pytest.mark.parametrize(
    "args",
    ["0,1", "{over},1", "1,2", "1,-1", "1", "1,1,1", "x,1", "1,"],
    ids=[
        "ssid-0",
        "ssid-over",
        "enable-2",
        "enable-negative",
        "missing-enable",
        "extra-parameter",
        "not-a-number",
        "empty-enable",
    ],
)
def test_set_form_refuses_invalid_parameters(modem: Modem, profile: Profile, args: str) -> None:
    disable_all(modem, profile)
    line = "AT#SSLEN=" + args.format(over=profile.ssids + 1)
    expect_error(modem.command(line), CLAUSE)
    r = expect_ok(modem.command("AT#SSLEN?"), CLAUSE)
    assert line_for(r, "#SSLEN", "1", CLAUSE) == ["1", "0"], (
        f"{CLAUSE}: a refused {line!r} changed nothing; {r.describe()}"
    )


# ---------------------------------------------------------------- ownership per AT instance
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.3.1")
@pytest.mark.erratum("TSU-05")
@pytest.mark.needs("second_instance")
def test_other_instance_cannot_disable(modem2: Modem, owned: int) -> None:
    expect_cme_text(modem2.command("AT#SSLEN=1,0"), OWNED, "telit-ssl-ug §4.3.1", tolerate_period=True)
    r = expect_ok(modem2.command("AT#SSLEN?"), "telit-ssl-ug §4.3.1")
    assert line_for(r, "#SSLEN", "1", CLAUSE) == ["1", "1"], (
        f"telit-ssl-ug §4.3.1: the socket stays enabled; {r.describe()}"
    )


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.erratum("TSU-05", "TSU-06", "TSU-35")
@pytest.mark.needs("second_instance")
def test_other_instance_cannot_enable_an_owned_socket(modem2: Modem, owned: int) -> None:
    # errata TSU-35: "Resource used by another instance" (§4.3.1's text for the owner's socket) or Tab. 4's 835
    # "SSL already activated", whose name fits exactly: either refusal is the documented one.
    r = modem2.command("AT#SSLEN=1,1")
    got = r.final.message.removesuffix(".") if r.final.kind is ResultKind.CME_ERROR and r.final.message else None
    assert got in (OWNED, "SSL already activated"), (
        f"telit-ssl-ug §4.2.2: another instance cannot enable an owned socket; expected +CME ERROR: {OWNED} or "
        f"SSL already activated, got {r.describe()}"
    )


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.3.1")
@pytest.mark.needs("second_instance")
def test_released_socket_moves_to_the_other_instance(modem: Modem, modem2: Modem) -> None:
    expect_ok(modem2.command("AT+CMEE=2"), "telit-ssl-ug §4.3.1")
    modem2.command("AT#SSLEN=1,0")
    expect_ok(modem.command("AT#SSLEN=1,1"), CLAUSE)
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §4.3.1")
    expect_ok(modem2.command("AT#SSLEN=1,1"), "telit-ssl-ug §4.3.1")
    try:
        # Now instance 1 is the other one (§4.3.1, last step).
        expect_ok(modem.command("AT+CMEE=2"), "telit-ssl-ug §4.3.1")
        expect_cme_text(modem.command("AT#SSLEN=1,0"), OWNED, "telit-ssl-ug §4.3.1", tolerate_period=True)
    finally:
        modem2.command("AT#SSLEN=1,0")


@pytest.mark.spec("telit-ssl-ug", "4.3.1")
@pytest.mark.erratum("TSU-05")
@pytest.mark.needs("second_instance")
def test_ownership_error_is_numeric_under_cmee_1(modem2: Modem, owned: int) -> None:
    expect_ok(modem2.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    r = modem2.command("AT#SSLEN=1,0")
    assert r.final.kind is ResultKind.CME_ERROR and r.final.code is not None, (
        f"telit-ssl-ug §4.3.1 under AT+CMEE=1: expected +CME ERROR: <n>, got {r.describe()}"
    )
