"""+GTSSLERR: the error of the last failed SSL connection (fibocom-l610-ssl §1.3), caused on purpose, and
the module clock against a certificate's validity (§2 Examples 3-4: -11 "certificate expiration")."""

from __future__ import annotations

import datetime

import pytest

from conformance.fibocom_l610.common import COMMANDS, DOC, error_code, now, set_clock
from conformance.shared.driver import AuthMode, SecurityData, SocketDriver
from conformance.shared.servers import Serve
from harness.checks import expect_ok
from harness.modem import Modem

pytestmark = [pytest.mark.spec(DOC, "1.3.2"), pytest.mark.erratum("FIB-08")]
LOW, HIGH = COMMANDS["gtsslerr"]["codes"]
NO_TRUST = COMMANDS["gtsslerr"]["no_trust"]


@pytest.mark.needs("fresh_power_on")
def test_ok_alone_when_no_connection_failed(modem: Modem) -> None:
    assert error_code(modem) is None, f"{DOC} §1.3.2: 'If SSL is no error in the connection, return OK'"


@pytest.mark.parametrize("form", ["AT+GTSSLERR", "AT+GTSSLERR?"])
def test_both_forms_give_the_same_answer(modem: Modem, form: str) -> None:
    r = expect_ok(modem.command(form), f"{DOC} §1.3.2")
    assert all(line.startswith("+GTSSLERR:") for line in r.lines) and len(r.lines) <= 1, r.describe()


@pytest.mark.spec(DOC, "1.3.4")
@pytest.mark.spec(DOC, "2 Example3")
@pytest.mark.spec(DOC, "2 Example4")
@pytest.mark.erratum("FIB-07")
@pytest.mark.parametrize("scenario", ["expired-leaf", "not-yet-valid-leaf"])
def test_certificate_outside_its_validity_gives_11(
    driver: SocketDriver, modem: Modem, ready: None, serve: Serve, scenario: str
) -> None:
    server = serve(scenario)
    driver.store(SecurityData.CA_CERT, server.config.ca)
    driver.set_auth(AuthMode.SERVER)
    result = driver.dial(server.config)
    driver.close()
    assert not result.ok, f"{DOC} §1.3.4: {scenario} under +GTSSLMODE=1; {result.describe()}"
    code = error_code(modem)
    assert code == NO_TRUST, f"{DOC} §1.3.4: -11 '... or certificate expiration'; +GTSSLERR gave {code}"
    # Negative control: the valid chain of the same root connects, and the error is then cleared.
    valid = serve("valid")
    control = driver.dial(valid.config)
    driver.close()
    assert control.ok, f"{DOC} §1.2.4: the valid chain under the same root connects; {control.describe()}"
    assert error_code(modem) is None, f"{DOC} §1.3.2: after a connection without error, OK alone ('the last')"


@pytest.mark.spec(DOC, "1.3.4")
@pytest.mark.spec(DOC, "2 Example3")
@pytest.mark.spec(DOC, "2 Example4")
@pytest.mark.erratum("FIB-07")
def test_module_clock_outside_the_validity_gives_11(
    driver: SocketDriver, modem: Modem, ready: None, serve: Serve
) -> None:
    server = serve("just-valid-leaf")  # a leaf valid for a year from now (the farm's roots run 2000-3000)
    driver.store(SecurityData.CA_CERT, server.config.ca)
    driver.set_auth(AuthMode.SERVER)
    expect_ok(set_clock(modem, now() + datetime.timedelta(days=2 * 365)), f"{DOC} §2 Example4 (+CCLK)")
    result = driver.dial(server.config)
    driver.close()
    assert not result.ok, f"{DOC} §2 Example3: a clock after the certificate's validity fails; {result.describe()}"
    assert error_code(modem) == NO_TRUST, f"{DOC} §2 Example3: '+GTSSLERR: -11 ... as certificate expired'"
    expect_ok(set_clock(modem, now()), f"{DOC} §2 Example4 (+CCLK)")
    control = driver.dial(server.config)
    driver.close()
    assert control.ok, f"{DOC} §2 Example4: with the time set, the connection succeeds; {control.describe()}"


@pytest.mark.spec(DOC, "1.3.4")
def test_a_refused_handshake_reports_a_code_in_range(
    driver: SocketDriver, modem: Modem, ready: None, serve: Serve
) -> None:
    server = serve("client-cert-required-none")  # the server ends the handshake: no verification involved
    result = driver.dial(server.config)
    driver.close()
    assert not result.ok, f"a server requiring a client certificate refuses one that sends none; {result.describe()}"
    code = error_code(modem)
    assert code is not None and LOW <= code <= HIGH and code != 0, f"{DOC} §1.3.4: a code -1 to -20; got {code}"
