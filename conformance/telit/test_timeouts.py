"""Timeouts: #SSLCFG <maxTo> and <defTo> (telit-ssl-ug §4.6, §5.1.1), and the <Timeout> parameter of #SSLD,
#SSLSEND, #SSLSENDEXT and #SSLRECV (§5, §5.1.2.1, §5.1.2.2.1).

Units (errata TSU-20): <maxTo> in seconds, <defTo> and every <Timeout> in 100 ms. Each test uses the
smallest value the document allows that can still be told apart from the `ready` fixture's (<maxTo> 90 s,
<defTo> 100 = 10 s), so that none waits longer than its clause mandates.
"""

from __future__ import annotations

import time

import pytest

from conformance.shared.servers import DIAL_TIMEOUT, Serve, recorded
from conformance.telit.sockets import CTRL_Z, dial, recv_command, recv_exactly, ssls
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then

pytestmark = pytest.mark.erratum("TSU-20")

#: <maxTo> of the idle test: the smallest that is not 0 (0 = no timeout, errata TSU-20), in seconds.
IDLE_MAX_TO = 1
#: <maxTo> of the control, and the server's pace: five bytes, one every 0.5 s, 2.5 s in all (> <maxTo>).
BUSY_MAX_TO, BUSY_PAUSE, BUSY_CHUNKS = 2, 0.5, 5
#: How long past the timeout a close may come (a module's timer granularity, a serial link's latency).
SLACK = 5.0
#: <defTo> of the default-timeout test: the bottom of the range the test form prints ((10-5000), §4.3.1).
SHORT_DEF_TO = 10
TEXT = b"Send this string to the SSL server!"  # §5.4.2


def sslcfg(modem: Modem, *, max_to: int = 90, def_to: int = 100) -> None:
    """#SSLCFG for SSId 1 as the `ready` fixture sets it, with ``max_to`` and ``def_to`` (§4.6)."""
    expect_ok(modem.command(f"AT#SSLCFG=1,1,300,{max_to},{def_to},1,0,0"), "telit-ssl-ug §4.6")


# ------------------------------------------------------------------ <maxTo>
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
def test_max_to_closes_an_idle_online_socket(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.6 <maxTo>: "In ONLINE mode, if there is no data exchange within this timeout period the connection is
    # closed"; §5.1.1: "If the idle inactivity timeout expires (<maxTo>...) ... the NO CARRIER message is
    # displayed". The echo server sends nothing unasked: after CONNECT nothing moves either way.
    server = serve("valid")
    sslcfg(modem, max_to=IDLE_MAX_TO)
    # Timed from before #SSLD: the idle time measured can only be longer than the module's, never shorter, so
    # that a slow host cannot make a punctual module look early.
    dialled = time.monotonic()
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §5: ONLINE mode answers CONNECT; {r.describe()}"
    data = modem.read_until_closed(timeout=IDLE_MAX_TO + SLACK)
    idle = time.monotonic() - dialled
    assert data == b"", f"telit-ssl-ug §5.1.1: nothing was sent to the module; got {data!r}"
    assert modem.urcs and modem.urcs[-1].text == "NO CARRIER", (
        f"telit-ssl-ug §5.1.1: the idle timeout prints NO CARRIER; URCs {[u.text for u in modem.urcs]}"
    )
    assert idle >= 0.8 * IDLE_MAX_TO, f"telit-ssl-ug §4.6: closed after {idle:.2f} s, before <maxTo> {IDLE_MAX_TO} s"
    assert ssls(modem)[:2] == ["1", "1"], "telit-ssl-ug §5.1.1: after the idle timeout the socket is closed"
    record = recorded(server).wait_for(1)[0]
    assert record.ended_by == "client-close", f"telit-ssl-ug §4.6: the module closed it; {record.describe()}"


@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
def test_traffic_within_max_to_keeps_the_socket_open(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # The control: "if there is no data exchange within this timeout period": a byte every 0.5 s, longer in
    # all than <maxTo>, and the connection must still be open on both sides.
    chunks = (b"k",) * BUSY_CHUNKS
    server = serve("push-stay-open", app=Scripted(chunks=chunks, pause=BUSY_PAUSE, then=Then.STAY_OPEN))
    sslcfg(modem, max_to=BUSY_MAX_TO)
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §5: ONLINE mode answers CONNECT; {r.describe()}"
    connected = time.monotonic()
    got = modem.read_online(BUSY_CHUNKS, timeout=BUSY_CHUNKS * BUSY_PAUSE + SLACK)
    busy = time.monotonic() - connected
    assert got == b"".join(chunks), f"telit-ssl-ug §5.1.1: the server's bytes arrive in ONLINE mode; got {got!r}"
    assert busy > BUSY_MAX_TO, f"the exchange must outlast <maxTo> for this control to mean anything ({busy:.2f} s)"
    assert modem.online and not [u for u in modem.urcs if u.text == "NO CARRIER"], (
        "telit-ssl-ug §4.6: with data exchanged within <maxTo> the connection stays open (no NO CARRIER)"
    )
    assert modem.escape().ok, "telit-ssl-ug §5.1.1: +++ suspends with OK"
    assert ssls(modem)[:2] == ["1", "2"], "telit-ssl-ug §5.4.1: the socket is still open"
    farm = recorded(server)  # after the module's own answers: a lab farm keeps its records
    assert farm.records == () and farm.in_flight == 1, (
        f"telit-ssl-ug §4.6: the server still holds the connection; {[x.describe() for x in farm.records]}"
    )


# ------------------------------------------------------------------ <defTo> and <Timeout>
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_recv_without_timeout_waits_def_to(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.6 <defTo>: "timeout value used as default value by other SSL commands whenever their timeout parameters
    # are not set"; §5.1.2.2.1 <Timeout>: "If it is omitted, the default timeout set via #SSLCFG will be used".
    # <defTo> 10 (1 s) against the 10 s <defTo> the `ready` fixture had set; nothing arrives (echo server).
    server = serve("valid")
    sslcfg(modem, def_to=SHORT_DEF_TO)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    name = recv_command(profile)
    r = expect_ok(modem.command(f"AT{name}=1,100", timeout=SHORT_DEF_TO / 10 + SLACK), "telit-ssl-ug §5.1.2.2.1")
    assert list(r.lines) == [f"{name}: 0", "TIMEOUT"], f"telit-ssl-ug §5.1.2.2.1: the timeout answer; {r.describe()}"
    wanted = SHORT_DEF_TO / 10
    assert 0.9 * wanted <= r.elapsed < wanted + SLACK, (
        f"telit-ssl-ug §4.6: without <Timeout> the read waits <defTo> ({wanted} s); it took {r.elapsed:.2f} s"
    )


@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_recv_timeout_wins_over_def_to(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The control: a given <Timeout> (1 = 100 ms) is used instead of <defTo> (1 s here).
    server = serve("valid")
    sslcfg(modem, def_to=SHORT_DEF_TO)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    name = recv_command(profile)
    r = expect_ok(modem.command(f"AT{name}=1,100,1", timeout=SLACK), "telit-ssl-ug §5.1.2.2.1")
    assert list(r.lines) == [f"{name}: 0", "TIMEOUT"], f"telit-ssl-ug §5.1.2.2.1: the timeout answer; {r.describe()}"
    assert r.elapsed < 0.9 * SHORT_DEF_TO / 10, (
        f"telit-ssl-ug §5.1.2.2.1: <Timeout> 1 (100 ms) is used, not <defTo>; the read took {r.elapsed:.2f} s"
    )


@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_recv_timeout_is_in_100_ms_units(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5.1.2.2.1 <Timeout>: "expressed in 100 msec unit": <Timeout> 10 with nothing to read waits 1 s, neither
    # less (a module counting 10 ms, or answering at once) nor the `ready` fixture's <defTo> (100 = 10 s). The
    # upper bound is generous (a line's turns, a module's timer): the control above bounds the short side of
    # <Timeout> 1, this one the long side of <Timeout> 10.
    server = serve("valid")
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    name = recv_command(profile)
    units = 10
    wanted = units / 10
    bound = wanted + modem.waits.network(4.0) + modem.waits.exchanges(1)
    r = expect_ok(modem.command(f"AT{name}=1,100,{units}", timeout=wanted + SLACK + bound), "telit-ssl-ug §5.1.2.2.1")
    assert list(r.lines) == [f"{name}: 0", "TIMEOUT"], f"telit-ssl-ug §5.1.2.2.1: the timeout answer; {r.describe()}"
    assert 0.9 * wanted <= r.elapsed <= bound, (
        f"telit-ssl-ug §5.1.2.2.1: <Timeout> {units} in 100 ms units is {wanted} s; the read took {r.elapsed:.2f} s"
        f" (allowed {0.9 * wanted:.1f} to {bound:.1f} s)"
    )


@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_ssld_takes_a_timeout(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5: AT#SSLD=<SSId>,<rPort>,<IPAddress>,<ClosureType>[,<connMode>[,<Timeout>]]; <Timeout> 100 (10 s).
    server = serve("valid")
    line = f'AT#SSLD=1,{server.config.port},"{server.config.host}",0,1,100'
    expect_ok(modem.command(line, timeout=DIAL_TIMEOUT), "telit-ssl-ug §5: #SSLD with its <Timeout>")
    assert ssls(modem)[:2] == ["1", "2"], "telit-ssl-ug §5.4.1: after #SSLD the socket is open"
    expect_ok(modem.command(f"AT#SSLSENDEXT=1,{len(TEXT)}", data=TEXT), "telit-ssl-ug §5.1.2.1")
    assert recv_exactly(modem, profile, len(TEXT)) == TEXT, "telit-ssl-ug §5: the socket dialled with <Timeout> works"


@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_sslsend_takes_a_timeout(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5.1.2.1: AT#SSLSEND=<SSId>[,<Timeout>], "Timeout expressed in 100 msec unit": the data arrive.
    server = serve("valid")
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLSEND=1,50", data=TEXT + CTRL_Z), "telit-ssl-ug §5.1.2.1: #SSLSEND with <Timeout>")
    assert recv_exactly(modem, profile, len(TEXT)) == TEXT, "telit-ssl-ug §5.1.2.1: the data typed before Ctrl-Z"


@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_sslsendext_and_sslrecv_take_a_timeout(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5.1.2.1: AT#SSLSENDEXT=<SSId>,<bytestosend>[,<Timeout>]; §5.1.2.2.1: AT#SSLRECV=<SSId>,<MaxNumByte>[,<Timeout>].
    server = serve("valid")
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    line = f"AT#SSLSENDEXT=1,{len(TEXT)},50"
    expect_ok(modem.command(line, data=TEXT), "telit-ssl-ug §5.1.2.1: #SSLSENDEXT with <Timeout>")
    name = recv_command(profile)
    got = b""
    deadline = time.monotonic() + modem.waits.network(DIAL_TIMEOUT)
    while len(got) < len(TEXT) and time.monotonic() < deadline:
        r = expect_ok(modem.command(f"AT{name}=1,{len(TEXT) - len(got)},20", timeout=SLACK), "telit-ssl-ug §5.1.2.2.1")
        got += b"".join(r.payloads)
    assert got == TEXT, f"telit-ssl-ug §5.1.2.1, §5.1.2.2.1: the echo of what was sent; got {got!r}"


# ------------------------------------------------------------------ <pktSz> and <txTo>
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
@pytest.mark.erratum("TSU-32")
def test_a_full_packet_leaves_at_once(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5.1.1: "Data are encrypted and sent to the server ... as soon as the packet size has been reached or the
    # txTo timeout expires". <pktSz> 10 and <txTo> 255 (25.5 s): 10 bytes fill a packet and must not wait.
    server = serve("valid")
    expect_ok(modem.command("AT#SSLCFG=1,1,10,90,100,255,0,0"), "telit-ssl-ug §4.6")
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §5: ONLINE mode answers CONNECT; {r.describe()}"
    started = time.monotonic()
    modem.write_online(b"0123456789")
    assert modem.read_online(10, timeout=SLACK) == b"0123456789", "telit-ssl-ug §5.1.1: the echo of a full packet"
    took = time.monotonic() - started
    assert took < SLACK, f"telit-ssl-ug §5.1.1: a full <pktSz> packet is sent at once; the echo took {took:.2f} s"


@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
@pytest.mark.erratum("TSU-32")
def test_a_short_write_waits_for_tx_to(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.6 <txTo>: "time interval after which data is sent even if <pktSz> is not reached"; §5.1.1: sent "as
    # soon as the packet size has been reached or the txTo timeout expires". <pktSz> 300, <txTo> 10 (1 s):
    # 5 bytes leave after about 1 s, neither at once nor much later.
    server = serve("valid")
    tx_to = 10
    expect_ok(modem.command(f"AT#SSLCFG=1,1,300,90,100,{tx_to},0,0"), "telit-ssl-ug §4.6")
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §5: ONLINE mode answers CONNECT; {r.describe()}"
    started = time.monotonic()
    modem.write_online(b"short")
    assert modem.read_online(5, timeout=tx_to / 10 + SLACK) == b"short", "telit-ssl-ug §4.6: the short write's echo"
    took = time.monotonic() - started
    assert 0.8 * tx_to / 10 <= took < tx_to / 10 + SLACK, (
        f"telit-ssl-ug §4.6: a short write leaves when <txTo> ({tx_to / 10} s) expires; the echo took {took:.2f} s"
    )
