"""Example telit-ssl-ug §5.4.4.2: SSLSRING mode 2 — the data in the URCs, no #SSLRECV needed."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CTRL_Z, SOCKETS, Serve, dial
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then

REQUEST = b"Make the same request of the example 1"
ANSWER = bytes(range(256)) + bytes(range(144))


@pytest.mark.spec("telit-ssl-ug", "5.4.4.2")
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.2")
@pytest.mark.spec("telit-ssl-ug", "5.2")
@pytest.mark.erratum("TSU-15", "TSU-22")
def test_example_5_4_4_2(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("push-then-close", app=Scripted(chunks=(ANSWER,), then=Then.CLOSE, wait_for_client=len(REQUEST)))
    limit = SOCKETS["sslsring"]["max_chunk"][profile.technology]
    expect_ok(modem.command("AT#SSLCFG=1,1,300,90,100,50,2"), "§5.4.4.2")
    expect_ok(dial(modem, server.config, mode=1), "§5.4.4.2")
    expect_ok(modem.command("AT#SSLSEND=1", data=REQUEST + CTRL_Z), "§5.4.4.2 (printed AT#SSSEND, errata TSU-15)")
    chunks: list[bytes] = []
    while sum(map(len, chunks)) < len(ANSWER):
        urc = modem.wait_urc("SSLSRING", timeout=8)
        assert urc.payload is not None and len(urc.payload) <= limit, f"§5.1.2.2.2: at most {limit} bytes; {urc.text}"
        chunks.append(urc.payload)
    assert b"".join(chunks) == ANSWER, "§5.4.4.2: the chunks add up to the 400 bytes received"
    if profile.technology == "2G":
        assert [len(c) for c in chunks] == [256, 144], "§5.4.4.2: SSLSRING: 1,256,... then 1,144,..."
    assert modem.wait_urc("NO CARRIER", timeout=5).text == "NO CARRIER", "§5.4.4.2: the server closes"
