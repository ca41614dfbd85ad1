"""Example telit-gsm-ssl §4.5.3: online mode, +++, then #SSLSEND and #SSLRCV on the suspended socket."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CTRL_Z, Serve, dial, ssls
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then

SENT = b"Send data in command mode!"
ANSWER = b"Response in command mode"


@pytest.mark.spec("telit-gsm-ssl", "4.5.3")
@pytest.mark.spec("telit-gsm-ssl", "4.2.1")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2")
@pytest.mark.erratum("TSU-14")
def test_example_4_5_3(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("push-stay-open", app=Scripted(chunks=(ANSWER,), then=Then.STAY_OPEN, wait_for_client=len(SENT)))
    r = dial(modem, server.config, mode=0)  # AT#SSLD=1,443,123.124.125.126,0,0
    assert r.final.kind is ResultKind.CONNECT, f"telit-gsm-ssl §4.5.3: CONNECT; {r.describe()}"
    assert modem.escape().ok, "telit-gsm-ssl §4.2.1: +++ → OK"
    assert ssls(modem)[:2] == ["1", "2"], "telit-gsm-ssl §4.5.3: #SSLS: 1,2,<cipher_suite>"
    expect_ok(modem.command("AT#SSLSEND=1", data=SENT + CTRL_Z), "telit-gsm-ssl §4.5.3")
    got = b""
    for _ in range(20):
        r = expect_ok(modem.command("AT#SSLRCV=1,100,10", timeout=10), "telit-gsm-ssl §4.5.3")
        got += b"".join(r.payloads)
        if len(got) >= len(ANSWER):
            break
    assert got == ANSWER, "telit-gsm-ssl §4.5.3: #SSLRCV: 24 / Response in command mode"
    expect_ok(modem.command("AT#SSLH=1"), "telit-gsm-ssl §4.5.3")
