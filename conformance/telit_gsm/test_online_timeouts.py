"""ONLINE mode timing of telit-gsm-ssl modules: the idle inactivity timeout and the packet flush (telit-gsm-ssl
§4.2.1, "see paragraph 3.4 to configure these parameters"; paragraph 3.4 is missing from the extract, so #SSLCFG is
the family's: telit-ssl-ug §4.6, errata TSU-20 for the units)."""

from __future__ import annotations

import time

import pytest

from conformance.shared.servers import Serve, recorded
from conformance.telit.sockets import dial, ssls
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Scripted, Then
from servers.pytest_plugin import ServerHandle

CLAUSE = "telit-gsm-ssl §4.2.1"
pytestmark = [pytest.mark.spec("telit-gsm-ssl", "4.2.1"), pytest.mark.erratum("TSU-20")]
#: <maxTo> 1 s, the smallest that is not 0; a close may come this long after it.
MAX_TO, SLACK = 1, 5.0


def online(
    modem: Modem, serve: Serve, cfg: str, scenario: str = "valid", app: Scripted | None = None
) -> tuple[float, ServerHandle]:
    """#SSLCFG=1,<cfg>, then #SSLD in ONLINE mode to a farm server; when #SSLD was sent (a time no later than the
    module's CONNECT), and the server."""
    handle = serve(scenario) if app is None else serve(scenario, app=app)
    expect_ok(modem.command(f"AT#SSLCFG=1,{cfg}"), f"{CLAUSE} (#SSLCFG, paragraph 3.4)")
    dialled = time.monotonic()
    r = dial(modem, handle.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-gsm-ssl §4.1: ONLINE mode answers CONNECT; {r.describe()}"
    return dialled, handle


def test_idle_timeout_prints_no_carrier(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.2.1: "If the idle inactivity timeout expires (see paragraph 3.4) ... the NO CARRIER message is printed".
    connected, server = online(modem, serve, f"1,300,{MAX_TO},100,1")
    data = modem.read_until_closed(timeout=MAX_TO + SLACK)
    idle = time.monotonic() - connected
    assert data == b"" and modem.urcs and modem.urcs[-1].text == "NO CARRIER", (
        f"{CLAUSE}: the idle timeout prints NO CARRIER; got {data!r}, URCs {[u.text for u in modem.urcs]}"
    )
    assert idle >= 0.8 * MAX_TO, f"{CLAUSE}: closed after {idle:.2f} s, before the {MAX_TO} s inactivity timeout"
    assert ssls(modem)[:2] == ["1", "1"], f"{CLAUSE}: after NO CARRIER the socket is closed"
    assert recorded(server).wait_for(1)[0].ended_by == "client-close", f"{CLAUSE}: the module closed it"


def test_traffic_keeps_the_socket_open(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The control: a byte every 0.5 s for 2.5 s against a 2 s inactivity timeout.
    chunks = (b"k",) * 5
    app = Scripted(chunks=chunks, pause=0.5, then=Then.STAY_OPEN)
    connected, server = online(modem, serve, "1,300,2,100,1", scenario="push-stay-open", app=app)
    assert modem.read_online(len(chunks), timeout=2.5 + SLACK) == b"".join(chunks), f"{CLAUSE}: the server's bytes"
    assert time.monotonic() - connected > 2, "the exchange must outlast the timeout for this control to mean anything"
    assert modem.online and not [u for u in modem.urcs if u.text == "NO CARRIER"], f"{CLAUSE}: traffic keeps it open"
    assert modem.escape().ok, f"{CLAUSE}: +++ suspends with OK"
    farm = recorded(server)
    assert farm.records == () and farm.in_flight == 1, f"{CLAUSE}: the server still holds the connection"


def test_short_write_leaves_after_tx_to(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.2.1: data "sent to the server through the secure socket as soon as the packet size has been reached or
    # the txTo expires" (errata TSU-32): 5 bytes, <pktSz> 300, <txTo> 10 (1 s).
    online(modem, serve, "1,300,90,100,10")
    started = time.monotonic()
    modem.write_online(b"short")
    assert modem.read_online(5, timeout=1 + SLACK) == b"short", f"{CLAUSE}: the short write's echo"
    took = time.monotonic() - started
    assert 0.8 <= took < 1 + SLACK, f"{CLAUSE}: a short write leaves when txTo (1 s) expires; it took {took:.2f} s"


@pytest.mark.erratum("TSU-32")
def test_a_full_packet_leaves_at_once(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.2.1: data "sent to the server through the secure socket as soon as the packet size has been reached or
    # the txTo expires": <pktSz> 10 and <txTo> 255 (25.5 s); 10 bytes fill a packet and must not wait for txTo.
    # The control is test_short_write_leaves_after_tx_to (a short write does wait).
    online(modem, serve, "1,10,90,100,255")
    started = time.monotonic()
    modem.write_online(b"0123456789")
    assert modem.read_online(10, timeout=SLACK) == b"0123456789", f"{CLAUSE}: the echo of a full packet"
    took = time.monotonic() - started
    assert took < SLACK, f"{CLAUSE}: a full <pktSz> packet is sent at once; the echo took {took:.2f} s"
