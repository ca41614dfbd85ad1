"""Example telit-ssl-ug §7.1: FTP with explicit TLS — #FTPCFG, #FTPOPEN (AUTH TLS), #FTPGET, #FTPCLOSE."""

from __future__ import annotations

import pytest

from conformance.telit.sockets import CA_CERT, Serve, configure, pem_lf, recorded, store
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps import Ftps
from servers.pytest_plugin import ServerHandle

FILE = b"file.txt from the FTPS server\r\n" * 40


@pytest.mark.spec("telit-ssl-ug", "7.1")
@pytest.mark.spec("telit-ssl-ug", "7")
@pytest.mark.spec("telit-ssl-ug", "2")
@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.4")
@pytest.mark.needs("cert_format")
@pytest.mark.erratum("TSU-15", "TSU-25", "TSU-27")
def test_example_7_1(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    app = Ftps(files=(("file.txt", FILE),))
    server = serve("ftps", app=app)
    configure(modem, profile, auth=1)
    expect_ok(store(modem, profile, CA_CERT, pem_lf(server.config.ca.pem)), "§7.1: AT#SSLSECDATA=1,1,1,<size>")
    expect_ok(modem.command("AT#SSLEN=1,0"), "§7.1: one service at a time (printed AT#SLEN, errata TSU-15)")
    expect_ok(modem.command('AT#HTTPCFG=0,"server_address",443,0,,,0,120,1'), "§7.1: <ssl_enabled> 0")
    expect_ok(modem.command("AT#FTPCFG=100,0,1"), "§7.1: <FTPSEn> 1")
    try:
        get_file(modem, server, app)
    finally:
        modem.command("AT#FTPCFG=100,0,0")  # SSL back to #SSLD: "one service at a time" (§7.1)


def get_file(modem: Modem, server: ServerHandle, app: Ftps) -> None:
    host, port = server.config.host, server.config.port
    r = modem.command(f'AT#FTPOPEN="{host}:{port}","{app.user}","{app.password}",1', timeout=60)
    expect_ok(r, "§7.1: #FTPOPEN sends AUTH TLS, then the user name and password")
    r = modem.command('AT#FTPGET="file.txt"', timeout=60)
    assert r.final.kind is ResultKind.CONNECT, f"§7.1: #FTPGET answers CONNECT; {r.describe()}"
    data = modem.read_until_closed(timeout=60)
    assert data == FILE, f"§7.1: the file arrives whole, then NO CARRIER; {len(data)} of {len(FILE)} bytes"
    expect_ok(modem.command("AT#FTPCLOSE", timeout=30), "§7.1")
    record = recorded(server).wait_for(1)[0]
    # The server requires TLS on the control and the data connection (RFC 4217 AUTH TLS, PROT P): a
    # negotiated version at login and the file sent prove both were protected.
    assert record.version is not None, f"§7.1: the login went over TLS (AUTH TLS); {record.describe()}"
    assert "sent file.txt" in record.app_log, (
        f"§7.1: the file went over a protected data connection; {record.describe()}"
    )
