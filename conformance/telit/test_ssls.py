"""#SSLS: socket state and the negotiated cipher suite (telit-ssl-ug §5.4.1)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve, recorded
from conformance.telit.sockets import configure, dial, ssls, suite_of
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = [pytest.mark.spec("telit-ssl-ug", "5.4.1"), pytest.mark.erratum("TSU-19")]


def test_states_closed_then_open(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    assert ssls(modem)[:2] == ["1", "1"]
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    fields = ssls(modem)
    assert fields[:2] == ["1", "2"] and len(fields) == 3, (
        f"telit-ssl-ug §5.4.1: #SSLS: 1,2,<cipher_suite>; got {fields}"
    )


@pytest.mark.spec("telit-ssl-ug", "4.2")
def test_cipher_suite_field_names_the_negotiated_suite(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # With one suite configured, the field is that suite's <CipherSuite> id; the server confirms it.
    cipher = 3  # AES_128_CBC_SHA on 3G/4G, AES_256_CBC_SHA on 2G and in the GSM guide: both AES, both served
    name = suite_of(profile, cipher)
    # The farm's one-suite scenario for it (a lab farm serves its scenarios as they are: no suite overrides).
    server = serve("suite-" + name.lower().replace("_", "-"))
    assert server.config.scenario.suites == (name,), f"{server.config.scenario.id} serves {name} alone"
    configure(modem, profile, cipher=cipher)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    fields = ssls(modem)
    expect_ok(modem.command("AT#SSLH=1"), "telit-ssl-ug §5.2")
    assert fields == ["1", "2", str(cipher)], f"telit-ssl-ug §5.4.1: <cipher_suite> {cipher} ({name}); got {fields}"
    record_suite = recorded(server).wait_for(1)[0].cipher  # after the module's answer: a lab farm keeps records
    assert record_suite == name, f"the server negotiated {record_suite}, not {name}"
