"""Example telit-ssl-ug §5.4.4.1: SSLSRING mode 1 — 400 bytes announced, 300 read, 100 re-announced."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CTRL_Z, Serve, dial, recv
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then

REQUEST = b"Make a request to the server"
ANSWER = bytes(range(256)) + bytes(range(144))


@pytest.mark.spec("telit-ssl-ug", "5.4.4.1")
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.2")
@pytest.mark.spec("telit-ssl-ug", "5.2")
@pytest.mark.erratum("TSU-22")
def test_example_5_4_4_1(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("push-then-close", app=Scripted(chunks=(ANSWER,), then=Then.CLOSE, wait_for_client=len(REQUEST)))
    expect_ok(modem.command("AT#SSLCFG=1,1,300,90,100,50,1"), "§5.4.4.1")
    expect_ok(dial(modem, server.config, mode=1), "§5.4.4.1")
    expect_ok(modem.command("AT#SSLSEND=1", data=REQUEST + CTRL_Z), "§5.4.4.1")
    assert modem.wait_urc("SSLSRING", timeout=8).text.replace(" ", "") == "SSLSRING:1,400", "§5.4.4.1"
    r = expect_ok(recv(modem, profile, 300), "§5.4.4.1")
    assert r.payloads == (ANSWER[:300],), "§5.4.4.1: #SSLRECV: 300 / <300 bytes>"
    assert modem.wait_urc("SSLSRING", timeout=8).text.replace(" ", "") == "SSLSRING:1,100", "§5.4.4.1"
    r = expect_ok(recv(modem, profile, 100), "§5.4.4.1")
    assert r.payloads == (ANSWER[300:],), "§5.4.4.1: #SSLRECV: 100 / <100 bytes>"
    assert modem.wait_urc("NO CARRIER", timeout=5).text == "NO CARRIER", "§5.4.4.1: the server closes"
