"""The connection commands of the examples (fibocom-l610-ssl §2): +MIPOPEN's result, +MIPCLOSE, and the
data received as +MIPRTCP hex, decoded and compared byte for byte, also when it spans several URCs."""

from __future__ import annotations

import pytest

from conformance.fibocom_l610.common import DOC, SOCKET, decode_rtcp, mipopen_line, open_result
from conformance.shared.driver import SocketDriver
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from harness.checks import expect_ok
from harness.modem import Modem
from servers.apps import Echo, Scripted, Then

pytestmark = pytest.mark.spec(DOC, "2")


@pytest.mark.spec(DOC, "2 Example1")
@pytest.mark.erratum("FIB-03")
@pytest.mark.erratum("FIB-13")
def test_open_reports_connected_and_close_reports_closed(modem: Modem, ready: None, serve: Serve) -> None:
    server = serve("valid")
    r = expect_ok(modem.command(mipopen_line(server.config.host, server.config.port), timeout=DIAL_TIMEOUT), DOC)
    result = open_result(modem, r, DIAL_TIMEOUT)
    assert result is not None and result.connected and result.socket == SOCKET, (
        f"{DOC} §2 Example1: '+MIPOPEN: 1,1'; got {result.text if result else 'no +MIPOPEN'} after {r.describe()}"
    )
    expect_ok(modem.command(f"AT+MIPCLOSE={SOCKET}", timeout=DIAL_TIMEOUT), f"{DOC} §2 Example1")
    urc = modem.wait_urc("+MIPCLOSE", timeout=modem.waits.network(DIAL_TIMEOUT))
    assert urc.text == f"+MIPCLOSE: {SOCKET},1", f"{DOC} §2 Example1: '+MIPCLOSE: 1,1'; got {urc.text!r}"
    # Negative control: the socket is closed, so closing it again is not answered with a close.
    r = modem.command(f"AT+MIPCLOSE={SOCKET}", timeout=DIAL_TIMEOUT)
    assert not r.ok or not any(u.text == f"+MIPCLOSE: {SOCKET},1" for u in r.urcs), r.describe()


@pytest.mark.spec(DOC, "2 Example5")
@pytest.mark.erratum("FIB-09")
@pytest.mark.parametrize("size", [28, 3000], ids=["one-urc", "several-urcs"])
def test_miprtcp_hex_decodes_to_what_the_server_sent(
    driver: SocketDriver, modem: Modem, ready: None, serve: Serve, size: int
) -> None:
    data = bytes((i * 7 + 3) % 256 for i in range(size))
    server = serve("valid", app=Scripted(chunks=(data,), then=Then.STAY_OPEN))
    assert driver.dial(server.config).ok, f"{DOC} §2 Example5: the socket opens"
    urcs, got = 0, bytearray()
    while len(got) < size:
        urc = modem.wait_urc("+MIPRTCP", timeout=modem.waits.network(DIAL_TIMEOUT))
        piece = decode_rtcp(urc.text)
        assert piece, f"{DOC} §2 Example5: '+MIPRTCP: 1,<n>,<hex>' with data; got {urc.text[:80]!r}"
        got += piece
        urcs += 1
    driver.close()
    assert bytes(got) == data, f"{DOC} §2 Example5: the hex decodes to the {size} bytes sent ({urcs} URCs)"
    if size > 1500:
        assert urcs > 1, f"{size} bytes came in one URC: this test means to check data spanning several"


@pytest.mark.spec(DOC, "2 Example5")
@pytest.mark.erratum("FIB-11")
def test_sent_data_comes_back_from_an_echo_server(driver: SocketDriver, ready: None, serve: Serve) -> None:
    # Sending is the vendor's +MIPSEND (errata FIB-11): kept apart from what the document backs.
    server = serve("valid", app=Echo())
    assert driver.dial(server.config).ok
    data = bytes(range(256)) * 6
    driver.send(data)
    got = driver.receive(len(data), deadline_s=DIAL_TIMEOUT)
    driver.close()
    assert got == data, f"{DOC} §2 (errata FIB-11): {len(got)} of {len(data)} bytes came back, or others"
