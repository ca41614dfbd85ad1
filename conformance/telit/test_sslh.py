"""#SSLH and the remote close in COMMAND mode (telit-ssl-ug §5.2, §5.4.2 note, §5.4.4)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve, pushed_by, recorded
from conformance.telit.sockets import dial, recv, ssls
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = pytest.mark.spec("telit-ssl-ug", "5.2")


def test_sslh_closes_the_socket(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLH=1"), "telit-ssl-ug §5.2")
    assert ssls(modem)[:2] == ["1", "1"], "telit-ssl-ug §5.4.1: after #SSLH the socket is closed (#SSLS: 1,1)"
    record = recorded(server).wait_for(1)[0]
    assert record.ended_by == "client-close", f"telit-ssl-ug §5.2: the module closed it; {record.describe()}"


@pytest.mark.spec("telit-ssl-ug", "5.4.2")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.erratum("TSU-22")
def test_remote_close_after_the_last_read_gives_no_carrier(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # §5.4.2 note: "If remote server closes ... and no more data are available to be retrieved,
    # communication is also closed on client side. NO CARRIER message is displayed, no #SSLH is needed."
    # The farm's own push (a lab farm serves its scenarios as they are): a few chunks, then the close.
    server = serve("push-then-close")
    pushed = pushed_by(server)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    recorded(server).wait_for(1)
    r = expect_ok(recv(modem, profile, 100), "telit-ssl-ug §5.1.2.2.1")
    assert b"".join(r.payloads) == pushed, f"telit-ssl-ug §5.1.2.2.1: what the server sent; {r.describe()}"
    urc = modem.wait_urc("NO CARRIER", timeout=modem.waits.network(5))
    assert urc.text == "NO CARRIER"
    assert ssls(modem)[:2] == ["1", "1"], "telit-ssl-ug §5.2: the socket is closed on the client side too"


@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.erratum("TSU-22")
def test_no_carrier_waits_for_unread_data(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The negative control: while data is left to read, the socket stays open (no NO CARRIER yet).
    server = serve("push-then-close")
    pushed = pushed_by(server)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §5")
    recorded(server).wait_for(1)
    expect_ok(modem.command("AT"), "V.250")
    assert not [u for u in modem.urcs if u.text == "NO CARRIER"], "telit-ssl-ug §5.2: data left, no NO CARRIER yet"
    r = expect_ok(recv(modem, profile, 100), "telit-ssl-ug §5.1.2.2.1")
    assert b"".join(r.payloads) == pushed, f"telit-ssl-ug §5.1.2.2.1: what the server sent; {r.describe()}"
    assert modem.wait_urc("NO CARRIER", timeout=modem.waits.network(5)).text == "NO CARRIER"
