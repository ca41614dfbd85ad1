"""+GTSSLMODE: whether the module verifies the server's certificate (fibocom-l610-ssl §1.2)."""

from __future__ import annotations

import pytest

from conformance.fibocom_l610.common import COMMANDS, DOC, error_code, file_counts
from conformance.shared.driver import SocketDriver
from conformance.shared.servers import Serve
from conformance.shared.testform import ranges_of_test_form
from harness.checks import expect_error, expect_ok, single
from harness.modem import Modem

pytestmark = pytest.mark.spec(DOC, "1.2.2")
MODES: list[int] = COMMANDS["gtsslmode"]["modes"]


def mode(modem: Modem) -> str:
    return single(expect_ok(modem.command("AT+GTSSLMODE?"), f"{DOC} §1.2.2"), "+GTSSLMODE", f"{DOC} §1.2.2")[0]


@pytest.mark.needs("fresh_power_on")
@pytest.mark.spec(DOC, "1.2.4")
def test_default_is_0(modem: Modem) -> None:
    assert mode(modem) == str(COMMANDS["gtsslmode"]["default"]), f"{DOC} §1.2.4: '0 ... (default setting)'"


@pytest.mark.spec(DOC, "1.2.4")
def test_set_and_read_each_mode(modem: Modem) -> None:
    for value in [*MODES, MODES[0]]:  # ends where it began: the change is seen both ways
        expect_ok(modem.command(f"AT+GTSSLMODE={value}"), f"{DOC} §1.2.2")
        assert mode(modem) == str(value), f"{DOC} §1.2.2: +GTSSLMODE? reads back {value}"


@pytest.mark.spec(DOC, "1.2.4")
@pytest.mark.parametrize("value", ["2", "-1"])
def test_value_outside_0_1_is_refused(modem: Modem, value: str) -> None:
    before = mode(modem)
    expect_error(modem.command(f"AT+GTSSLMODE={value}"), f"{DOC} §1.2.4: <checkmode> range 0-1")
    assert mode(modem) == before, f"{DOC} §1.2.4: a refused value changes nothing"


def test_test_form_lists_0_and_1(modem: Modem) -> None:
    ranges = ranges_of_test_form(modem, "+GTSSLMODE", "+GTSSLMODE", f"{DOC} §1.2.2")
    assert ranges == [frozenset(MODES)], f"{DOC} §1.2.2: (list of supported <checkmode>s) is 0,1; got {ranges}"


@pytest.mark.spec(DOC, "1.2.1")
@pytest.mark.spec(DOC, "1.3.4")
@pytest.mark.spec(DOC, "1.3.2")  # the control's +GTSSLERR? after a connection without error
@pytest.mark.needs("fresh_power_on")
@pytest.mark.erratum("FIB-08")
def test_mode_1_without_trustfile_fails_with_11(driver: SocketDriver, modem: Modem, ready: None, serve: Serve) -> None:
    server = serve("valid")
    assert file_counts(modem)["TRUSTFILE"] == 0
    expect_ok(modem.command("AT+GTSSLMODE=1"), f"{DOC} §1.2.2")
    result = driver.dial(server.config)
    driver.close()
    assert not result.ok, f"{DOC} §1.2.1: 'there must be at least one trust certificate'; {result.describe()}"
    assert error_code(modem) == COMMANDS["gtsslerr"]["no_trust"], f"{DOC} §1.3.4: -11 'lack of TRUSTFILE'"
    # Negative control: mode 0 on the same server connects.
    expect_ok(modem.command("AT+GTSSLMODE=0"), f"{DOC} §1.2.2")
    control = driver.dial(server.config)
    driver.close()
    assert control.ok, f"{DOC} §1.2.4: mode 0 does not verify, so it connects; {control.describe()}"
    assert error_code(modem) is None, f"{DOC} §1.3.2: the last connection had no error: OK alone"
