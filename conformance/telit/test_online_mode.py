"""ONLINE mode: raw bytes both ways, packet flushing, the +++ escape and #SSLO (telit-ssl-ug §5.1.1, §4.6,
§5.4.1, §5.4.3)."""

from __future__ import annotations

import time

import pytest

from conformance.shared.servers import Serve, pushed_by
from conformance.telit.sockets import dial, recv_exactly, ssls
from harness.checks import expect_ok, expect_same_bytes
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then
from servers.pytest_plugin import ServerHandle

CLAUSE = "telit-ssl-ug §5.1.1"
pytestmark = [pytest.mark.spec("telit-ssl-ug", "5.1.1"), pytest.mark.erratum("TSU-20")]
EVERY_BYTE = bytes(range(256))


def go_online(modem: Modem, server: ServerHandle) -> None:
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §5: ONLINE mode answers CONNECT; {r.describe()}"


def test_raw_bytes_both_ways(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    go_online(modem, server)
    modem.write_online(EVERY_BYTE)
    got = modem.read_online(len(EVERY_BYTE), timeout=modem.waits.network(15, len(EVERY_BYTE)))
    assert got == EVERY_BYTE, f"{CLAUSE}: every byte value passes"


@pytest.mark.spec("telit-ssl-ug", "4.6")
def test_a_short_write_is_flushed_by_txto(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.6 <txTo>: "data is sent even if <pktSz> is not reached" — 10 bytes, far below the 300 of <pktSz>;
    # the `ready` fixture set <txTo> to 1 (100 ms).
    server = serve("valid")
    go_online(modem, server)
    modem.write_online(b"0123456789")
    assert modem.read_online(10, timeout=modem.waits.network(15)) == b"0123456789"


@pytest.mark.timeout(180)
def test_64_kib_each_way_arrive_intact(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    go_online(modem, server)
    data = (EVERY_BYTE * 256)[: 64 * 1024]
    for i in range(0, len(data), 4096):
        modem.write_online(data[i : i + 4096])
    got = modem.read_online(len(data), timeout=modem.waits.network(120, 2 * len(data)))
    expect_same_bytes(got, data, f"{CLAUSE}: the 64 KiB echoed through ONLINE mode")


def test_escape_suspends_and_sslo_restores(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    go_online(modem, server)
    assert modem.escape().ok, f"{CLAUSE}: +++ suspends the connection with OK"
    assert ssls(modem)[:2] == ["1", "2"], "telit-ssl-ug §5.4.1: suspended, the socket is still open"
    r = modem.command("AT#SSLO=1", timeout=10)
    assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §5.1.1: #SSLO answers CONNECT; {r.describe()}"
    modem.write_online(b"after restore")
    assert modem.read_online(13, timeout=modem.waits.network(15)) == b"after restore"


def test_plus_signs_without_guard_time_are_data(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The negative control of the escape: +++ inside the data stream, with no silence around it.
    server = serve("valid")
    go_online(modem, server)
    modem.write_online(b"a+++b")
    got = modem.read_online(5, timeout=modem.waits.network(15))
    assert got == b"a+++b", f"{CLAUSE}: +++ without guard times is data"
    assert modem.online


@pytest.mark.spec("telit-ssl-ug", "5.4.3")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_command_mode_after_escape(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5.4.3: after +++ the socket is used with #SSLSEND / #SSLRCV.
    server = serve("valid")
    go_online(modem, server)
    assert modem.escape().ok
    expect_ok(modem.command("AT#SSLSENDEXT=1,24", data=b"Send data in command mode"[:24]), "telit-ssl-ug §5.4.3")
    assert recv_exactly(modem, profile, 24) == b"Send data in command mode"[:24]


def test_remote_close_gives_no_carrier(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("push-then-close")  # the farm's own push (a lab farm serves its scenarios as they are)
    go_online(modem, server)
    data = modem.read_until_closed(timeout=modem.waits.network(15))
    assert data == pushed_by(server), f"{CLAUSE}: the server's bytes before the close; got {data!r}"
    assert modem.urcs and modem.urcs[-1].text == "NO CARRIER", f"{CLAUSE}: a remote close prints NO CARRIER"
    time.sleep(0.1)
    assert ssls(modem)[:2] == ["1", "1"], "telit-ssl-ug §5.1.1: after NO CARRIER the socket is closed"


@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.2")
def test_sslo_delivers_what_arrived_while_suspended(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5.1.1: +++ suspends the connection "without closing it", and after #SSLO "the CONNECT message appears, and
    # SSL communication can continue": what the server sent meanwhile, and nobody read, comes after CONNECT.
    # The server is asked for its bytes in COMMAND mode (#SSLSENDEXT, §5.1.2.1) and their arrival is awaited
    # with SSLSRING mode 1 (§5.1.2, §5.1.2.2.2: "any new incoming data will be notified"), so that they surely wait.
    pushed = b"sent while the connection was suspended"
    server = serve("push-stay-open", app=Scripted(chunks=(pushed,), then=Then.STAY_OPEN, wait_for_client=1))
    expect_ok(modem.command("AT#SSLCFG=1,1,300,90,100,1,1"), "telit-ssl-ug §4.6 <sslSRingMode> 1")
    go_online(modem, server)
    assert modem.escape().ok, f"{CLAUSE}: +++ suspends the connection with OK"
    expect_ok(modem.command("AT#SSLSENDEXT=1,1", data=b"?"), "telit-ssl-ug §5.1.2.1")
    modem.wait_urc("SSLSRING", timeout=modem.waits.network(10))
    r = modem.command("AT#SSLO=1", timeout=10)
    assert r.final.kind is ResultKind.CONNECT, f"{CLAUSE}: #SSLO answers CONNECT; {r.describe()}"
    got = modem.read_online(len(pushed), timeout=modem.waits.network(15))
    assert got == pushed, f"{CLAUSE}: after #SSLO the bytes that arrived while suspended come first; got {got!r}"
