"""Example telit-gsm-ssl §4.5.2 (partial in the document): COMMAND mode ending with #SSLH, which answers
DISCONNECTED then OK."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CTRL_Z, Serve, dial
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then

ANSWER = b"Response of the server!"


@pytest.mark.spec("telit-gsm-ssl", "4.5.2")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2")
@pytest.mark.erratum("TSU-29")
def test_example_4_5_2(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("push-stay-open", app=Scripted(chunks=(ANSWER,), then=Then.STAY_OPEN, wait_for_client=5))
    expect_ok(dial(modem, server.config, mode=1), "telit-gsm-ssl §4.1")
    expect_ok(modem.command("AT#SSLSEND=1", data=b"Hello" + CTRL_Z), "telit-gsm-ssl §4.2.2.1")
    got = b""
    for _ in range(20):
        r = expect_ok(modem.command("AT#SSLRCV=1,100,10", timeout=10), "telit-gsm-ssl §4.2.2.2")
        got += b"".join(r.payloads)
        if len(got) >= len(ANSWER):
            break
    assert got == ANSWER, "telit-gsm-ssl §4.5.2: the server's response has been 'Response of the server!'"
    r = expect_ok(modem.command("AT#SSLH=1"), "telit-gsm-ssl §4.5.2")
    assert list(r.lines) == ["DISCONNECTED"], f"telit-gsm-ssl §4.5.2: AT#SSLH=1 / DISCONNECTED / OK; {r.describe()}"
