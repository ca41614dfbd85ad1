"""Example telit-ssl-ug §5.4.3: ONLINE mode, suspended, then #SSLSEND / #SSLRCV on the open socket."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CTRL_Z, Serve, dial, recv_exactly, ssls
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then

SENT = b"Send data in command mode"
ANSWER = b"Response in command mode"


@pytest.mark.spec("telit-ssl-ug", "5.4.3")
@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.2")
@pytest.mark.erratum("TSU-14")
def test_example_5_4_3(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("push-stay-open", app=Scripted(chunks=(ANSWER,), then=Then.STAY_OPEN, wait_for_client=len(SENT)))
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"§5.4.3: CONNECT; {r.describe()}"
    assert modem.escape().ok, "§5.4.3: +++ → OK"
    assert ssls(modem)[:2] == ["1", "2"], "§5.4.3: #SSLS: 1,2,<cipher_suite>"
    expect_ok(modem.command("AT#SSLSEND=1", data=SENT + CTRL_Z), "§5.4.3: the AT interface is still active")
    assert recv_exactly(modem, profile, len(ANSWER)) == ANSWER, "§5.4.3: #SSLRCV: 24 / Response in command mode"
    expect_ok(modem.command("AT#SSLH=1"), "§5.4.3")
