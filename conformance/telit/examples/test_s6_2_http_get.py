"""Example telit-ssl-ug §6.2: HTTP GET over SSL with #HTTPCFG, #HTTPQRY, #HTTPRING and #HTTPRCV."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CA_CERT, Serve, configure, pem_lf, store
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Http

BODY = b"<!doctype html>\n<html>\n.....\n</html>\n"


@pytest.mark.spec("telit-ssl-ug", "6.2")
@pytest.mark.spec("telit-ssl-ug", "2")
@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.4")
@pytest.mark.needs("cert_format")
@pytest.mark.erratum("TSU-15", "TSU-25", "TSU-26")
def test_example_6_2(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("https", app=Http(body=BODY))
    configure(modem, profile, auth=1)  # AT#SSLSECCFG=1,0,1,1
    expect_ok(store(modem, profile, CA_CERT, pem_lf(server.config.ca.pem)), "§6.2: AT#SSLSECDATA=1,1,1,<size>")
    expect_ok(modem.command("AT#SSLEN=1,0"), "§6.2: one service at a time: SSL off for #SSLD")
    r = expect_ok(modem.command("AT#FTPCFG?"), "§6.2")
    assert r.fields("#FTPCFG") and r.fields("#FTPCFG")[0][2] == "0", f"§6.2: <FTPSEn> 0; {r.describe()}"
    host, port = server.config.host, server.config.port
    expect_ok(modem.command(f'AT#HTTPCFG=0,"{host}",{port},0,,,1,120,1'), "§6.2 (errata TSU-26)")
    try:
        fetch(modem)
    finally:
        # SSL back to #SSLD: a module keeps <ssl_enabled>, and "one service at a time" (§6.2).
        modem.command(f'AT#HTTPCFG=0,"{host}",{port},0,,,0,120,1')


def fetch(modem: Modem) -> None:
    expect_ok(modem.command('AT#HTTPQRY=0,0,"/"', timeout=30), "§6.2: GET command succeeds")
    ring = modem.wait_urc("#HTTPRING", timeout=30)
    fields = [f.strip() for f in ring.text.split(":", 1)[1].split(",")]
    assert fields[:3] == ["0", "200", '"text/html"'] and int(fields[3]) == len(BODY), (
        f'§6.2: #HTTPRING: 0,200,"text/html",<size>; got {ring.text}'
    )
    r = expect_ok(modem.command("AT#HTTPRCV=0", raw_bytes=len(BODY), timeout=30), "§6.2")
    assert r.payloads == (BODY,), f"§6.2: #HTTPRCV prints the page; {r.describe()}"
