"""Example telit-ssl-ug §5.4.5: open with <ClosureType> 1, close, restore with #SSLFASTD (2G)."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import Serve, dial, recorded
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "5.4.5")
@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
@pytest.mark.spec("telit-ssl-ug", "5.2")
@pytest.mark.spec("telit-ssl-ug", "5.3")
@pytest.mark.needs("seccfg_2g")
@pytest.mark.erratum("TSU-23")
def test_example_5_4_5(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("resumption-tls1.2")
    r = dial(modem, server.config, mode=0, closure=1)
    assert r.final.kind is ResultKind.CONNECT, f"§5.4.5: CONNECT; {r.describe()}"
    assert modem.escape().ok
    expect_ok(modem.command("AT#SSLH=1"), "§5.4.5")
    r = modem.command("AT#SSLFASTD=1,0", timeout=30)
    assert r.final.kind is ResultKind.CONNECT, f"§5.4.5: the session is restored in ONLINE mode; {r.describe()}"
    modem.write_online(b"more")
    assert modem.read_online(4, timeout=15) == b"more"
    assert modem.escape().ok
    expect_ok(modem.command("AT#SSLH=1,0"), "§5.4.5: force definitive closure")
    first, second = recorded(server).wait_for(2)[:2]
    assert (first.resumed, second.resumed) == (False, True), "§5.3: the restore avoids the full handshake"
