"""Example telit-ssl-ug §6.1: HTTPS over #SSLD, server authentication with a stored root CA."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CA_CERT, Serve, configure, dial, pem_lf, recorded, store
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "6.1")
@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.4")
@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.1")
def test_example_6_1(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("https")
    configure(modem, profile, auth=1)  # AT#SSLSECCFG=1,0,1
    expect_ok(store(modem, profile, CA_CERT, pem_lf(server.config.ca.pem)), "§6.1: AT#SSLSECDATA=1,1,1,<size>")
    r = dial(modem, server.config, mode=0)  # AT#SSLD=1,443,"www.---",0,0
    assert r.final.kind is ResultKind.CONNECT, f"§6.1: CONNECT; {r.describe()}"
    modem.write_online(f"GET / HTTP/1.1\r\nHost: {server.config.host}\r\nConnection: close\r\n\r\n".encode())
    page = modem.read_until_closed(timeout=30)
    assert page.startswith(b"HTTP/1.1 200 OK") and b"<html>" in page, f"§6.1: the server's response; {page[:80]!r}"
    assert modem.urcs[-1].text == "NO CARRIER", "§6.1: the server closes after a single request: NO CARRIER"
    record = recorded(server).wait_for(1)[0]
    assert record.app_log and record.app_log[0].startswith("GET / HTTP/1.1"), record.describe()
