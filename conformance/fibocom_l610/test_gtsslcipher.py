"""+GTSSLCIPHER: each <cipalgID> switched on and off alone (fibocom-l610-ssl §1.5), seen in the read form, in
the ClientHello and in a handshake with a server that accepts only its suite."""

from __future__ import annotations

import pytest

from conformance.fibocom_l610.common import COMMANDS, DOC, SUITES
from conformance.fibocom_l610.driver import FibocomDriver
from conformance.shared.driver import SocketDriver
from conformance.shared.servers import Serve, records_after
from conformance.shared.testform import ranges_of_test_form
from conformance.shared.tlsnames import suite_code
from harness.checks import expect_error, expect_ok
from harness.dialects.fibocom import enabled_ciphers
from harness.modem import Modem
from servers.protocol import Backend
from servers.scenarios import by_id

pytestmark = pytest.mark.spec(DOC, "1.5.2")
IDS = range(COMMANDS["gtsslcipher"]["ids"][0], COMMANDS["gtsslcipher"]["ids"][1] + 1)
#: Signalling values a ClientHello may carry beside the suites (RFC 5746 SCSV, RFC 7507 fallback SCSV).
SIGNALLING = {0x00FF, 0x5600}


def enabled(modem: Modem) -> set[int]:
    r = expect_ok(modem.command("AT+GTSSLCIPHER?"), f"{DOC} §1.5.2")
    return {int(i) for i in enabled_ciphers(r.lines)}


def only(modem: Modem, ident: int) -> None:
    """Every id off but ``ident`` (§1.5.4 <cmd> 0/1)."""
    for i in sorted(enabled(modem) - {ident}):
        expect_ok(modem.command(f"AT+GTSSLCIPHER={i},0"), f"{DOC} §1.5.2")
    expect_ok(modem.command(f"AT+GTSSLCIPHER={ident},1"), f"{DOC} §1.5.2")


def test_test_form_lists_ids_and_cmd(modem: Modem) -> None:
    ranges = ranges_of_test_form(modem, "+GTSSLCIPHER", "+GTSSLCIPHER", f"{DOC} §1.5.2")
    assert ranges == [frozenset(IDS), frozenset({0, 1})], f"{DOC} §1.5.2/§1.5.4: (1-31),(0,1); got {ranges}"


@pytest.mark.spec(DOC, "1.5.4")
@pytest.mark.erratum("FIB-06")
def test_read_form_lists_ids_within_1_to_31(modem: Modem) -> None:
    # The power-on set is left to the product manual (§1.5.4, errata FIB-06): only its form is judged.
    assert enabled(modem) <= set(IDS), f"{DOC} §1.5.4: enabled ids are within 1-31"


@pytest.mark.spec(DOC, "1.5.4")
@pytest.mark.parametrize("command", ["0,1", "32,1", "0,0", "32,0", "5,2"])
def test_id_outside_1_to_31_or_cmd_outside_0_1_is_refused(modem: Modem, command: str) -> None:
    before = enabled(modem)
    expect_error(modem.command(f"AT+GTSSLCIPHER={command}"), f"{DOC} §1.5.4: <cipalgID> 1-31, <cmd> 0-1")
    assert enabled(modem) == before, f"{DOC} §1.5.4: a refused command changes nothing"


@pytest.mark.spec(DOC, "1.5.4")
def test_switching_one_id_shows_in_the_read_form(modem: Modem) -> None:
    for ident in (IDS[0], IDS[-1]):  # the bounds; the negative controls of the refused 0 and 32
        only(modem, ident)
        assert enabled(modem) == {ident}, f"{DOC} §1.5.2: the read form lists the enabled id {ident} alone"
        expect_ok(modem.command(f"AT+GTSSLCIPHER={ident},0"), f"{DOC} §1.5.2")
        assert ident not in enabled(modem), f"{DOC} §1.5.4: <cmd> 0 switches {ident} off"


@pytest.mark.spec(DOC, "1.5.4")
def test_each_id_alone_offers_exactly_its_suite(driver: SocketDriver, modem: Modem, ready: None, serve: Serve) -> None:
    wrong = []
    for ident in IDS:
        only(modem, ident)
        server = serve("valid")
        driver.dial(server.config)  # only the ClientHello is judged
        (record,) = records_after(driver.close, server)
        hello = record.client_hello
        assert hello is not None, f"id {ident}: no ClientHello reached the server: {record.describe()}"
        got = [c for c in hello.offered_suites if c not in SIGNALLING]
        if got != [suite_code(SUITES[ident])]:
            wrong.append(f"{ident} ({SUITES[ident]}): offered {[f'0x{c:04X}' for c in got]}")
    assert not wrong, f"{DOC} §1.5.4: each <cipalgID> alone offers its suite alone; {wrong}"


@pytest.mark.spec(DOC, "1.5.4")
@pytest.mark.parametrize("ident", list(IDS), ids=[f"{i}-{SUITES[i]}" for i in IDS])
def test_each_id_completes_a_handshake(driver: SocketDriver, ready: None, serve: Serve, ident: int) -> None:
    scenario = by_id("suite-" + SUITES[ident].lower().replace("_", "-"))
    if scenario.backend is Backend.REFUSE:
        pytest.skip(f"not run: the farm cannot serve {SUITES[ident]}: {scenario.unservable}")
    assert isinstance(driver, FibocomDriver)
    driver.set_suite(SUITES[ident])
    server = serve(scenario.id)
    result = driver.dial(server.config)
    (record,) = records_after(driver.close, server)
    assert result.ok, f"{DOC} §1.5.4: id {ident} with a server accepting only {SUITES[ident]}; {result.describe()}"
    assert record.cipher == SUITES[ident], f"{DOC} §1.5.4: negotiated {record.cipher}, not {SUITES[ident]}"
