"""Example telit-gsm-ssl §4.5.5 (partial in the document): server authentication, a page fetched over
#SSLD in online mode, and NO CARRIER when the server closes after the single request."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CA_CERT, Serve, configure, dial, pem_lf, store
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-gsm-ssl", "4.5.5")
@pytest.mark.spec("telit-gsm-ssl", "3.2")
@pytest.mark.spec("telit-gsm-ssl", "3.3")
@pytest.mark.spec("telit-gsm-ssl", "4.2.1")
def test_example_4_5_5(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("https")
    configure(modem, profile, auth=1)  # AT#SSLSECCFG=1,0,1
    expect_ok(store(modem, profile, CA_CERT, pem_lf(server.config.ca.pem)), "telit-gsm-ssl §3.3")
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"telit-gsm-ssl §4.5.5: CONNECT; {r.describe()}"
    modem.write_online(f"GET / HTTP/1.1\r\nHost: {server.config.host}\r\nConnection: close\r\n\r\n".encode())
    page = modem.read_until_closed(timeout=30)
    assert b"<html>" in page, f"telit-gsm-ssl §4.5.5: 'Server response: HTML page'; {page[:80]!r}"
    assert modem.urcs[-1].text == "NO CARRIER", "telit-gsm-ssl §4.5.5: server remote closure"
