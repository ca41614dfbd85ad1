"""+GTSSLVER: the version of the handshake (fibocom-l610-ssl §1.4), seen in the ClientHello and in a
handshake with a server that speaks only that version."""

from __future__ import annotations

import pytest

from conformance.fibocom_l610.common import COMMANDS, DOC, SUITES, VERSION_CODES
from conformance.fibocom_l610.driver import VERSIONS
from conformance.shared.driver import SocketDriver
from conformance.shared.servers import Serve, records_after
from conformance.shared.testform import ranges_of_test_form
from harness.checks import expect_error, expect_ok, single
from harness.modem import Modem
from servers.protocol import Backend
from servers.scenarios import by_id

pytestmark = [pytest.mark.spec(DOC, "1.4.2"), pytest.mark.erratum("FIB-02")]
DEFINED = range(COMMANDS["gtsslver"]["defined"][0], COMMANDS["gtsslver"]["defined"][1] + 1)
SCENARIO = {1: "version-ssl3", 2: "version-tls1.0", 3: "version-tls1.1", 4: "version-tls1.2"}


def version(modem: Modem) -> str:
    return single(expect_ok(modem.command("AT+GTSSLVER?"), f"{DOC} §1.4.2"), "+GTSSLVER", f"{DOC} §1.4.2")[0]


@pytest.mark.needs("fresh_power_on")
@pytest.mark.spec(DOC, "1.4.4")
def test_default_is_tls_1_0(modem: Modem) -> None:
    assert version(modem) == str(COMMANDS["gtsslver"]["default"]), f"{DOC} §1.4.4: '2: ... TLS1.0 (Default)'"


@pytest.mark.spec(DOC, "1.4.4")
def test_set_and_read_each_version(modem: Modem) -> None:
    for value in [*DEFINED, DEFINED[0]]:
        expect_ok(modem.command(f"AT+GTSSLVER={value}"), f"{DOC} §1.4.2")
        assert version(modem) == str(value), f"{DOC} §1.4.2: +GTSSLVER? reads back {value}"


@pytest.mark.spec(DOC, "1.4.4")
def test_version_5_is_refused(modem: Modem) -> None:
    before = version(modem)
    expect_error(modem.command("AT+GTSSLVER=5"), f"{DOC} §1.4.4: <sslver> range 0-4")
    assert version(modem) == before
    expect_ok(modem.command("AT+GTSSLVER=4"), f"{DOC} §1.4.4 (negative control: 4 is in range)")


def test_test_form_lists_the_versions(modem: Modem) -> None:
    (got,) = ranges_of_test_form(modem, "+GTSSLVER", "+GTSSLVER", f"{DOC} §1.4.2")
    assert set(DEFINED) <= got <= set(range(0, 5)), f"{DOC} §1.4.2/§1.4.4: 1-4 (0 tolerated, FIB-02); got {got}"


@pytest.mark.spec(DOC, "1.4.4")
def test_each_version_is_the_highest_offered(driver: SocketDriver, modem: Modem, ready: None, serve: Serve) -> None:
    for value in DEFINED:
        expect_ok(modem.command(f"AT+GTSSLVER={value}"), f"{DOC} §1.4.2")
        server = serve("valid")
        driver.dial(server.config)  # only the ClientHello is judged
        (record,) = records_after(driver.close, server)
        hello = record.client_hello
        assert hello is not None, f"no ClientHello reached the server: {record.describe()}"
        got = (hello.max_version[0] << 8) | hello.max_version[1]
        assert got == VERSION_CODES[value], (
            f"{DOC} §1.4.4: <sslver> {value} is {VERSIONS[value].value}; the ClientHello offered 0x{got:04X}"
        )


@pytest.mark.spec(DOC, "1.4.4")
@pytest.mark.spec(DOC, "1.5.4")
@pytest.mark.parametrize("value", list(DEFINED), ids=[VERSIONS[v].value for v in DEFINED])
def test_each_version_completes_a_handshake(
    driver: SocketDriver, modem: Modem, ready: None, serve: Serve, value: int
) -> None:
    scenario = by_id(SCENARIO[value])
    if scenario.backend is Backend.REFUSE:
        pytest.skip(f"not run: the farm cannot serve {VERSIONS[value].value}: {scenario.unservable}")
    expect_ok(modem.command(f"AT+GTSSLVER={value}"), f"{DOC} §1.4.2")
    # One suite every version can use (§1.5.4 id 14, TLS-DHE-RSA-WITH-AES-256-CBC-SHA), whatever the
    # module's default set is (errata FIB-06).
    driver.set_suite(SUITES[14])
    server = serve(scenario.id)
    result = driver.dial(server.config)
    (record,) = records_after(driver.close, server)
    assert result.ok, f"{DOC} §1.4.4: a {VERSIONS[value].value}-only server; {result.describe()}; {record.describe()}"
    assert record.version == VERSIONS[value].value, f"negotiated {record.version}, not {VERSIONS[value].value}"
