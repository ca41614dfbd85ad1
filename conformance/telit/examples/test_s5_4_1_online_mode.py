"""Example telit-ssl-ug §5.4.1: ONLINE mode — open, exchange, suspend, query, restore, close."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import Serve, dial, ssls
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "5.4.1")
@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
@pytest.mark.spec("telit-ssl-ug", "5.2")
def test_example_5_4_1(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")  # stands in for 123.124.125.126:443
    r = dial(modem, server.config, mode=0)  # AT#SSLD=1,443,"123.124.125.126",0,0
    assert r.final.kind is ResultKind.CONNECT, f"§5.4.1: CONNECT; {r.describe()}"
    modem.write_online(b"[Bidirectional data exchange]")
    assert modem.read_online(29, timeout=15) == b"[Bidirectional data exchange]"
    assert modem.escape().ok, "§5.4.1: +++ ... OK"
    fields = ssls(modem)
    assert fields[:2] == ["1", "2"] and len(fields) == 3, f"§5.4.1: #SSLS: 1,2,<cipher_suite>; got {fields}"
    r = modem.command("AT#SSLO=1", timeout=10)
    assert r.final.kind is ResultKind.CONNECT, f"§5.4.1: #SSLO answers CONNECT; {r.describe()}"
    modem.write_online(b"again")
    assert modem.read_online(5, timeout=15) == b"again"
    assert modem.escape().ok
    expect_ok(modem.command("AT#SSLH=1"), "telit-ssl-ug §5.4.1")
    assert ssls(modem) == ["1", "1"], "§5.4.1: #SSLS: 1,1 — the connection is closed"
