"""Example telit-gsm-ssl §4.5.4: <closureType> 1, close, #SSLFASTD restores without a full handshake."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import Serve, dial, recorded
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-gsm-ssl", "4.5.4")
@pytest.mark.spec("telit-gsm-ssl", "4.2.1")
@pytest.mark.erratum("TSU-23")
def test_example_4_5_4(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("resumption-tls1.2")
    r = dial(modem, server.config, mode=0, closure=1)
    assert r.final.kind is ResultKind.CONNECT, f"telit-gsm-ssl §4.5.4: CONNECT; {r.describe()}"
    assert modem.escape().ok
    expect_ok(modem.command("AT#SSLH=1"), "telit-gsm-ssl §4.5.4")
    r = modem.command("AT#SSLFASTD=1,0", timeout=30)
    assert r.final.kind is ResultKind.CONNECT, f"telit-gsm-ssl §4.5.4: restored in online mode; {r.describe()}"
    assert modem.escape().ok
    expect_ok(modem.command("AT#SSLH=1,0"), "telit-gsm-ssl §4.5.4: force definitive closure")
    first, second = recorded(server).wait_for(2)[:2]
    assert (first.resumed, second.resumed) == (False, True), "telit-gsm-ssl §4.5.4: no full handshake on restore"
