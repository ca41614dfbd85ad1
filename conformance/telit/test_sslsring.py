"""SSLSRING: the unsolicited message of incoming data in COMMAND mode, modes 1 and 2
(telit-ssl-ug §4.6 <sslSRingMode>, §5.1.2.2.2, §5.4.4)."""

from __future__ import annotations

import re

import pytest

from conformance.shared.servers import Serve, recorded
from conformance.telit.sockets import SOCKETS, dial, prepare_socket, recv, release_socket, ssls
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
HEADER = re.compile(r"SSLSRING: ?(?P<ssid>\d+),(?P<n>\d+),?$")  # the engine keeps the last comma or not


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
    first = modem.wait_urc("SSLSRING", timeout=modem.waits.network(8))
    assert first.text.replace(" ", "") == "SSLSRING:1,400", f"telit-ssl-ug §5.4.4.1: 400 bytes announced; {first.text}"
    r = expect_ok(recv(modem, profile, 300), "telit-ssl-ug §5.4.4.1")
    assert r.payloads == (PUSH[:300],)
    again = modem.wait_urc("SSLSRING", timeout=modem.waits.network(8))
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
    got, counts = b"", []
    while len(got) < len(PUSH):
        urc = modem.wait_urc("SSLSRING", timeout=modem.waits.network(8))
        assert urc.payload is not None, f"telit-ssl-ug §5.1.2.2.2: mode 2 carries data; {urc.text}"
        header = HEADER.match(urc.text)
        assert header and header["ssid"] == "1", f"telit-ssl-ug §5.4.4.2: SSLSRING: 1,<dataLen>,<data>; {urc.text!r}"
        counts.append(int(header["n"]))
        assert counts[-1] <= limit, f"§5.1.2.2.2: <dataLen> {counts[-1]}, at most {limit} on {profile.technology}"
        got += urc.payload
    assert sum(counts) == len(PUSH), f"telit-ssl-ug §5.4.4.2: the <dataLen> {counts} add up to {len(PUSH)}"
    assert got == PUSH, "telit-ssl-ug §5.4.4.2: the chunks add up to what the server sent"


def long_push(modem: Modem, profile: Profile, serve: Serve, ssid: int) -> None:
    """Mode 2 on ``ssid`` with more than twice the platform's limit pushed in one write (one TLS record), so
    that the module must split it into three URCs or more; the checks of §5.1.2.2.2 on each of them."""
    # §5.1.2.2.2: "<dataLen> Number of bytes presented in the current URC. Its maximum value within a single
    # unsolicited message is: 256 for 2G modules, 1300 for 3G/4G modules".
    limit = SOCKETS["sslsring"]["max_chunk"][profile.technology]
    data = (bytes(range(256)) * (2 * limit // 256 + 2))[: 2 * limit + 144]
    assert len(data) > 2 * limit, "the push must exceed twice the limit for this test to mean anything"
    server = serve("push-stay-open", app=Scripted(chunks=(data,), then=Then.STAY_OPEN, wait_for_client=1))
    expect_ok(modem.command(f"AT#SSLCFG={ssid},1,300,90,100,50,2"), "telit-ssl-ug §5.4.4.2")
    expect_ok(dial(modem, server.config, ssid=ssid), "telit-ssl-ug §5")
    expect_ok(modem.command(f"AT#SSLSENDEXT={ssid},1", data=b"?"), "telit-ssl-ug §5.1.2.1")
    got, counts = b"", []
    while len(got) < len(data):
        urc = modem.wait_urc("SSLSRING", timeout=modem.waits.network(8))
        assert urc.payload is not None, f"telit-ssl-ug §5.1.2.2.2: mode 2 carries data; {urc.text}"
        header = HEADER.match(urc.text)
        assert header, f"telit-ssl-ug §5.1.2.2.2: the header is SSLSRING:<SSId>,<dataLen>,<data>; {urc.text!r}"
        assert int(header["ssid"]) == ssid, f"telit-ssl-ug §5.1.2.2.2: <SSId> is the socket's, {ssid}; {urc.text}"
        counts.append(int(header["n"]))
        assert 0 < counts[-1] <= limit, (
            f"telit-ssl-ug §5.1.2.2.2: <dataLen> {counts[-1]}; at most {limit} on {profile.technology}"
        )
        got += urc.payload
    assert sum(counts) == len(data), f"§5.1.2.2.2: the <dataLen> {counts} add up to the {len(data)} bytes sent"
    assert got == data, f"telit-ssl-ug §5.1.2.2.2: the chunks add up to the {len(data)} bytes the server sent"
    # The socket stays open (the server pushed and stays): the module must not have closed it meanwhile,
    # and no record (a record is committed when its connection ends) may exist yet.
    assert ssls(modem, ssid)[:2] == [str(ssid), "2"], "telit-ssl-ug §5.4.1: after the push the socket is open"
    farm = recorded(server)
    assert farm.records == () and farm.in_flight == 1, (
        f"telit-ssl-ug §5.1.2.2.2: the server still holds the connection; {[r.describe() for r in farm.records]}"
    )


@pytest.mark.spec("telit-ssl-ug", "5.4.4.2")
def test_mode_2_splits_a_long_push_at_the_platform_limit(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    long_push(modem, profile, serve, 1)


@pytest.mark.needs("several_sockets")
@pytest.mark.spec("telit-ssl-ug", "4.3.2")
def test_mode_2_on_ssid_2_names_ssid_2(
    modem: Modem, profile: Profile, ready: None, serve: Serve, second_socket: int
) -> None:
    # §4.3.2: six sockets; §5.1.2.2.2: "<SSId> Secure Socket ID" of the socket the data came on.
    long_push(modem, profile, serve, second_socket)


@pytest.mark.needs("several_sockets")
@pytest.mark.spec("telit-ssl-ug", "4.3.2")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.2")
def test_mode_2_on_the_last_ssid_names_it(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.3.2: the SSId range's last socket (6 on LE866/LE910 V2) is a socket like the others: mode 2's header names
    # it, its chunks keep the platform limit and the connection stays open (SSId 2: the test above).
    last = max(profile.ssid_range)
    prepare_socket(modem, profile, last)
    try:
        long_push(modem, profile, serve, last)
    finally:
        release_socket(modem, last)


def test_mode_0_announces_nothing(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The negative control: <sslSRingMode> 0 disables the URC (§5.1.2.2.2 "It can be disabled using 0").
    server = pushing(serve, pause=0.0)
    ring_mode(modem, 0)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLSENDEXT=1,1", data=b"?"), "telit-ssl-ug §5.1.2.1")
    r = expect_ok(recv(modem, profile, 400, timeout=50), "telit-ssl-ug §5.1.2.2.1")
    assert r.payloads and r.payloads[0] and not [u for u in modem.urcs if u.text.startswith("SSLSRING")]
