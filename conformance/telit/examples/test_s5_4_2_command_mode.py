"""Example telit-ssl-ug §5.4.2: COMMAND mode — #SSLSEND, #SSLRCV with its TIMEOUT form, #SSLH."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CTRL_Z, Serve, dial, ssls
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then

REQUEST = b"Send this string to the SSL server!"
ANSWER = b"Response of the server"


@pytest.mark.spec("telit-ssl-ug", "5.4.2")
@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.2")
@pytest.mark.erratum("TSU-14", "TSU-28")
def test_example_5_4_2(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The server answers 1 s after the request, so that the first read times out as printed.
    server = serve(
        "push-stay-open",
        app=Scripted(chunks=(ANSWER,), pause=1.0, then=Then.STAY_OPEN, wait_for_client=len(REQUEST)),
    )
    expect_ok(dial(modem, server.config, mode=1), "§5.4.2: AT#SSLD=1,443,...,0,1 → OK")
    fields = ssls(modem)
    assert fields[:2] == ["1", "2"] and len(fields) == 3, f"§5.4.2: #SSLS: 1,2,<cipher_suite>; got {fields}"
    expect_ok(modem.command("AT#SSLSEND=1", data=REQUEST + CTRL_Z), "§5.4.2")
    r = expect_ok(modem.command("AT#SSLRCV=1,15,5", timeout=10), "§5.4.2")  # 500 ms, before the answer
    assert list(r.lines) == ["#SSLRCV: 0", "TIMEOUT"], f"§5.4.2: #SSLRCV: 0 / TIMEOUT / OK; {r.describe()}"
    got = b""
    first = None
    for _ in range(40):
        r = expect_ok(modem.command("AT#SSLRCV=1,15,10", timeout=10), "§5.4.2")
        if r.payloads and r.payloads[0]:
            first = first or r
            got += r.payloads[0]
        if len(got) >= len(ANSWER):
            break
    assert first is not None and list(first.lines) == ["#SSLRCV: 15"] and first.payloads == (ANSWER[:15],), (
        f"§5.4.2: #SSLRCV: 15 / 'Response of the'; {first.describe() if first else 'no data'}"
    )
    assert got == ANSWER, f"§5.4.2 (errata TSU-28): the reads add up to what the server sent; got {got!r}"
    expect_ok(modem.command("AT#SSLH=1"), "§5.4.2")
