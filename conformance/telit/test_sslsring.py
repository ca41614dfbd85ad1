"""SSLSRING: the unsolicited message of incoming data in COMMAND mode, modes 1 and 2
(telit-ssl-ug §4.6 <sslSRingMode>, §5.1.2.2.2, §5.4.4)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve
from conformance.telit.sockets import SOCKETS, dial, recv
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then
from servers.pytest_plugin import ServerHandle

# Each test asks the server for data with #SSLSENDEXT, and modes 1 and 0 read it with #SSLRECV: those
# clauses are relied on too.
pytestmark = [
    pytest.mark.spec("telit-ssl-ug", "5.1.2.2.2"),
    pytest.mark.spec("telit-ssl-ug", "5.1.2.1"),
    pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1"),
    pytest.mark.erratum("TSU-22"),
]
PUSH = bytes(range(256)) + bytes(range(144))  # §5.4.4: 400 bytes


def ring_mode(modem: Modem, mode: int) -> None:
    expect_ok(modem.command(f"AT#SSLCFG=1,1,300,90,100,50,{mode}"), "telit-ssl-ug §5.4.4")


def pushing(serve: Serve, pause: float = 0.3) -> ServerHandle:
    # The server waits for one byte from the module, then pushes 400 bytes and stays open.
    return serve("push-stay-open", app=Scripted(chunks=(PUSH,), pause=pause, then=Then.STAY_OPEN, wait_for_client=1))


@pytest.mark.spec("telit-ssl-ug", "5.4.4.1")
def test_mode_1_announces_the_count_and_what_remains(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = pushing(serve)
    ring_mode(modem, 1)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLSENDEXT=1,1", data=b"?"), "telit-ssl-ug §5.1.2.1")
    first = modem.wait_urc("SSLSRING", timeout=8)
    assert first.text.replace(" ", "") == "SSLSRING:1,400", f"telit-ssl-ug §5.4.4.1: 400 bytes announced; {first.text}"
    r = expect_ok(recv(modem, profile, 300), "telit-ssl-ug §5.4.4.1")
    assert r.payloads == (PUSH[:300],)
    again = modem.wait_urc("SSLSRING", timeout=8)
    assert again.text.replace(" ", "") == "SSLSRING:1,100", (
        f"telit-ssl-ug §5.4.4.1: the 100 left are re-announced; {again.text}"
    )
    r = expect_ok(recv(modem, profile, 100), "telit-ssl-ug §5.4.4.1")
    assert r.payloads == (PUSH[300:],)


@pytest.mark.spec("telit-ssl-ug", "5.4.4.2")
def test_mode_2_carries_the_data_in_bounded_chunks(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = pushing(serve)
    ring_mode(modem, 2)
    limit = SOCKETS["sslsring"]["max_chunk"][profile.technology]
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLSENDEXT=1,1", data=b"?"), "telit-ssl-ug §5.1.2.1")
    got = b""
    while len(got) < len(PUSH):
        urc = modem.wait_urc("SSLSRING", timeout=8)
        assert urc.payload is not None, f"telit-ssl-ug §5.1.2.2.2: mode 2 carries data; {urc.text}"
        n = int(urc.text.split(",")[1])
        assert n == len(urc.payload) <= limit, f"§5.1.2.2.2: <dataLen> {n}, at most {limit} on {profile.technology}"
        got += urc.payload
    assert got == PUSH, "telit-ssl-ug §5.4.4.2: the chunks add up to what the server sent"


@pytest.mark.spec("telit-ssl-ug", "5.4.4.2")
def test_mode_2_splits_a_long_push_at_the_platform_limit(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # §5.1.2.2.2: "<dataLen> Number of bytes presented in the current URC. Its maximum value within a single
    # unsolicited message is: 256 for 2G modules, 1300 for 3G/4G modules". The server pushes more than twice
    # the limit in one write (one TLS record), so that the module must split it into three URCs or more.
    limit = SOCKETS["sslsring"]["max_chunk"][profile.technology]
    data = (bytes(range(256)) * (2 * limit // 256 + 2))[: 2 * limit + 144]
    assert len(data) > 2 * limit, "the push must exceed twice the limit for this test to mean anything"
    server = serve("push-stay-open", app=Scripted(chunks=(data,), then=Then.STAY_OPEN, wait_for_client=1))
    ring_mode(modem, 2)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLSENDEXT=1,1", data=b"?"), "telit-ssl-ug §5.1.2.1")
    got = b""
    while len(got) < len(data):
        urc = modem.wait_urc("SSLSRING", timeout=8)
        assert urc.payload is not None, f"telit-ssl-ug §5.1.2.2.2: mode 2 carries data; {urc.text}"
        ssid, count = urc.text.split(":", 1)[1].split(",")[:2]
        assert ssid.strip() == "1", f"telit-ssl-ug §5.1.2.2.2: <SSId> is the socket's, 1; {urc.text}"
        n, size = int(count), len(urc.payload)
        assert n == size <= limit, (
            f"telit-ssl-ug §5.1.2.2.2: <dataLen> {n} with {size} bytes; at most {limit} on {profile.technology}"
        )
        got += urc.payload
    assert got == data, f"telit-ssl-ug §5.1.2.2.2: the chunks add up to the {len(data)} bytes the server sent"


def test_mode_0_announces_nothing(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The negative control: <sslSRingMode> 0 disables the URC (§5.1.2.2.2 "It can be disabled using 0").
    server = pushing(serve, pause=0.0)
    ring_mode(modem, 0)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLSENDEXT=1,1", data=b"?"), "telit-ssl-ug §5.1.2.1")
    r = expect_ok(recv(modem, profile, 400, timeout=50), "telit-ssl-ug §5.1.2.2.1")
    assert r.payloads and r.payloads[0] and not [u for u in modem.urcs if u.text.startswith("SSLSRING")]
