"""ONLINE mode of telit-gsm-ssl modules: the +++ escape and #SSLO (telit-gsm-ssl §4.2.1, §4.2.2)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.sockets import CTRL_Z, dial
from harness.checks import expect_ok, single
from harness.errors import RemoteProtocolError, TargetSilent
from harness.events import ResultKind
from harness.modem import Modem
from servers.apps import Scripted, Then
from servers.pytest_plugin import ServerHandle

CLAUSE = "telit-gsm-ssl §4.2.1"
pytestmark = [pytest.mark.spec("telit-gsm-ssl", "4.2.1"), pytest.mark.erratum("TSU-20")]
PUSHED = b"sent while the connection was suspended"


def go_online(modem: Modem, server: ServerHandle) -> None:
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-gsm-ssl §4.1: ONLINE mode answers CONNECT; {r.describe()}"


def test_escape_with_guard_times_suspends(modem: Modem, ready: None, serve: Serve) -> None:
    # §4.2.1: "it is possible suspend the connection (without closing it) by sending the escape sequence (+++).
    # After that, the module prints the OK response"; "After the restore command, the CONNECT code is printed,
    # and SSL communication can continue". Modem.escape keeps the S12 silence before and after.
    server = serve("valid")
    go_online(modem, server)
    assert modem.escape().ok, f"{CLAUSE}: +++ suspends the connection with OK"
    r = modem.command("AT#SSLO=1", timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.CONNECT, f"{CLAUSE}: #SSLO answers CONNECT; {r.describe()}"
    modem.write_online(b"after restore")
    got = modem.read_online(13, timeout=modem.waits.network(DIAL_TIMEOUT))
    assert got == b"after restore", f"{CLAUSE}: communication continues"


def test_plus_signs_without_guard_time_are_data(modem: Modem, ready: None, serve: Serve) -> None:
    # The negative control of the escape above: +++ inside the data, with no silence around it, is not the escape
    # sequence (V.250 S12 guard time): the echo server sends all five bytes back and the module stays online.
    server = serve("valid")
    go_online(modem, server)
    modem.write_online(b"a+++b")
    got = modem.read_online(5, timeout=modem.waits.network(DIAL_TIMEOUT))
    assert got == b"a+++b", f"{CLAUSE}: +++ without guard times is data"
    assert modem.online, f"{CLAUSE}: the module is still in ONLINE mode"


@pytest.mark.spec("telit-gsm-ssl", "4.2.2")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.1")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.2")
@pytest.mark.erratum("TSU-14")
def test_sslo_delivers_what_arrived_while_suspended(modem: Modem, ready: None, serve: Serve) -> None:
    # §4.2.1: +++ suspends the connection "without closing it", and after #SSLO "SSL communication can continue":
    # bytes the server sent while the connection was suspended, and nobody read, come after CONNECT. The server is
    # asked for them in command mode (#SSLSEND, §4.2.2.1); a one-byte #SSLRCV (§4.2.2.2, "performed in blocking
    # mode") waits until they are there, and §4.2.2's note ("at any moment the user can switch to online mode by
    # sending the AT#SSLO command") takes the rest online.
    server = serve("push-stay-open", app=Scripted(chunks=(PUSHED,), then=Then.STAY_OPEN, wait_for_client=1))
    go_online(modem, server)
    assert modem.escape().ok, f"{CLAUSE}: +++ suspends the connection with OK"
    expect_ok(modem.command("AT#SSLSEND=1", data=b"?" + CTRL_Z), "telit-gsm-ssl §4.2.2.1")
    r = expect_ok(modem.command("AT#SSLRCV=1,1,100", timeout=15), "telit-gsm-ssl §4.2.2.2")
    count = single(r, "#SSLRCV", "telit-gsm-ssl §4.2.2.2")[0]
    assert count == "1" and r.payloads == (PUSHED[:1],), (
        f"telit-gsm-ssl §4.2.2.2: #SSLRCV: 1 and the first byte the server sent; {r.describe()}"
    )
    r = modem.command("AT#SSLO=1", timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.CONNECT, f"{CLAUSE}: #SSLO answers CONNECT; {r.describe()}"
    rest = PUSHED[1:]
    try:
        got = modem.read_online(len(rest), timeout=modem.waits.network(DIAL_TIMEOUT))
    except (RemoteProtocolError, TargetSilent) as e:
        raise AssertionError(f"{CLAUSE}: after #SSLO the bytes that waited while suspended come; {e}") from None
    assert got == rest, f"{CLAUSE}: after #SSLO the bytes that waited while suspended come first; got {got!r}"
