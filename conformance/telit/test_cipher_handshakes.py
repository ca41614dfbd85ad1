"""Each suite of the platform's §8.1 table, proposed with <CipherSuite> 0, completes a handshake with a
server that accepts only that suite (telit-ssl-ug §4.2.1/§4.2.2 "It is responsibility of the remote
server to select one of them", §8.1).

Suites the farm cannot serve (no backend here speaks them) are skipped with the reason: what the module
offers for them is checked by test_cipher_offer.py. Suites the embedded emulator cannot complete are its
known deviations (vectors/expectations/emulator.toml).
"""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve
from conformance.telit.sockets import configure, dial, records_after_close, table
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.protocol import Backend
from servers.scenarios import by_id


def scenario_id(suite: str) -> str:
    return "suite-" + suite.lower().replace("_", "-")


def table_cases(profile: Profile) -> list[tuple[str, str]]:
    return [(suite, suite) for suite in table(profile)]


@pytest.mark.spec("telit-ssl-ug", "8.1")
@pytest.mark.spec("telit-ssl-ug", "8.1.1")
@pytest.mark.spec("telit-ssl-ug", "8.1.2")
@pytest.mark.spec("telit-ssl-ug", "8.1.3")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.profile_cases("suite", table_cases)
def test_table_suite_completes_a_handshake(
    modem: Modem, profile: Profile, ready: None, serve: Serve, suite: str
) -> None:
    scenario = by_id(scenario_id(suite))
    if scenario.backend is Backend.REFUSE:
        pytest.skip(f"not applicable: the farm cannot serve {suite}: {scenario.unservable}")
    if scenario.srp is not None:
        pytest.skip(f"not applicable: {suite} needs SRP credentials, and no AT command of the documents sets them")
    server = serve(scenario.id)
    configure(modem, profile, cipher=0)
    r = dial(modem, server.config)
    (record,) = records_after_close(modem, server)
    expect_ok(r, f"telit-ssl-ug §8.1: a server accepting only {suite}; {record.describe()}")
    assert record.cipher == suite, f"telit-ssl-ug §8.1: negotiated {record.cipher}, not {suite}"
