"""HTTPS (telit-ssl-ug §6.2; D26), FTPS (§7.1; D27) and one SSL service at a time (D25)."""

from __future__ import annotations

import pytest

from servers.apps import Ftps, Http
from servers.apps.ftps import FtpsServer
from servers.pki import Pki
from servers.scenarios import FTPS_PASSWORD, FTPS_USER, by_id
from tests.emulator.conftest import ERROR, Dte, ModuleFactory, cme, ok
from tests.emulator.telit_net import DEADLINE, last, serve, store_file, until

NOT_ALLOWED = cme("operation not allowed")
NO_CARRIER = b"\r\nNO CARRIER\r\n"


def secure_config(dte: Dte, pki: Pki) -> None:
    """§6.2 / §7.1: enable SSId 1, set <auth_mode> 1, store the CA, disable SSId 1 again."""
    assert dte.at("AT+CMEE=2") == ok()
    assert dte.at('AT+CGDCONT=1,"IP","apn"') == ok()
    assert dte.at("AT#SGACT=1,1").endswith(b"OK\r\n")
    assert dte.at("AT#SSLEN=1,1") == ok()
    assert dte.at("AT#SSLSECCFG=1,0,1,1") == ok()
    store_file(dte, 1, 1, pki.roots["rsa"].pem)
    assert dte.at("AT#SSLEN=1,0") == ok()


def test_https_get(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    secure_config(dte, pki)
    assert dte.at("AT#FTPCFG?") == ok("#FTPCFG: 100,0,0")
    app = by_id("https").app
    assert isinstance(app, Http)
    with serve(pki, "https") as endpoint:
        port = endpoint.config.port
        assert dte.at(f'AT#HTTPCFG=0,"localhost",{port},0,,,1,120,1') == ok()
        assert dte.at("AT#HTTPCFG?").startswith(
            f'\r\n#HTTPCFG: 0,"localhost",{port},0,"","",1,120,1\r\n'.encode())
        answer = until(dte, dte.at('AT#HTTPQRY=0,0,"/"'), b"#HTTPRING")
        ring = f'\r\n#HTTPRING: 0,200,"text/html",{len(app.body)}\r\n'.encode()
        answer = until(dte, answer, ring)
        assert answer == ok() + ring
        assert dte.at("AT#HTTPRCV=0") == b"\r\n" + app.body + b"\r\nOK\r\n"
        assert dte.at("AT#HTTPRCV=0") == NOT_ALLOWED  # read once
        record = last(endpoint)
    assert record.app_log[0] == "GET / HTTP/1.1"
    assert record.handshake_done


def test_https_failure_rings_status_0(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    secure_config(dte, pki)
    with serve(pki, "expired-leaf") as endpoint:
        dte.at(f'AT#HTTPCFG=0,"localhost",{endpoint.config.port},0,,,1,5,1')
        ring = b'\r\n#HTTPRING: 0,0,"",0\r\n'
        assert until(dte, dte.at('AT#HTTPQRY=0,0,"/"'), ring) == ok() + ring
        assert not last(endpoint).handshake_done


def test_one_ssl_service_at_a_time(make_module: ModuleFactory, pki: Pki) -> None:
    """D25."""
    _, (dte,) = make_module("telit/he910")
    dte.at("AT+CMEE=2")
    dte.at("AT#SSLEN=1,1")
    assert dte.at('AT#HTTPCFG=0,"localhost",443,0,,,1,120,1') == NOT_ALLOWED
    assert dte.at("AT#FTPCFG=100,0,1") == NOT_ALLOWED
    assert dte.at("AT#SSLEN=1,0") == ok()
    assert dte.at('AT#HTTPCFG=0,"localhost",443,0,,,1,120,1') == ok()
    assert dte.at("AT#SSLEN=1,1") == NOT_ALLOWED
    assert dte.at("AT#FTPCFG=100,0,1") == NOT_ALLOWED
    assert dte.at('AT#HTTPCFG=0,"localhost",443,0,,,0,120,1') == ok()
    assert dte.at("AT#FTPCFG=100,0,1") == ok()
    assert dte.at("AT#SSLEN=1,1") == NOT_ALLOWED
    assert dte.at("AT#SSLEN=2,1") == cme("operation not supported")  # HE910: one socket


@pytest.fixture
def ftps(pki: Pki) -> FtpsServer:
    server = FtpsServer(by_id("ftps"), pki).start()
    yield server
    server.stop()


def test_ftps_get(make_module: ModuleFactory, pki: Pki, ftps: FtpsServer) -> None:
    app = ftps.scenario.app
    assert isinstance(app, Ftps)
    files = dict(app.files)
    _, (dte,) = make_module("telit/he910")
    secure_config(dte, pki)
    assert dte.at('AT#HTTPCFG=0,"server_address",443,0,,,0,120,1') == ok()
    assert dte.at("AT#FTPCFG=100,0,1") == ok()
    address = f"{ftps.config.host}:{ftps.config.port}"
    assert dte.at(f'AT#FTPOPEN="{address}","{FTPS_USER}","{FTPS_PASSWORD}",1') == ok()
    for name in ("hello.txt", "1k.bin"):
        answer = until(dte, dte.at(f'AT#FTPGET="{name}"'), NO_CARRIER, DEADLINE)
        assert answer == b"\r\nCONNECT\r\n" + files[name] + NO_CARRIER
    assert dte.at('AT#FTPGET="missing.txt"') == ERROR
    assert dte.at("AT#FTPCLOSE") == ok()
    assert dte.at("AT#FTPCLOSE") == NOT_ALLOWED
    record = ftps.recorder.wait_for(1, DEADLINE)[-1]
    assert record.app_log[0] == f"login {FTPS_USER}"
    assert "sent 1k.bin" in record.app_log
    assert record.version is not None


def test_ftps_refusals(make_module: ModuleFactory, pki: Pki, ftps: FtpsServer) -> None:
    _, (dte,) = make_module("telit/he910")
    secure_config(dte, pki)
    dte.at("AT#FTPCFG=100,0,1")
    address = f"{ftps.config.host}:{ftps.config.port}"
    assert dte.at(f'AT#FTPOPEN="{address}","{FTPS_USER}","wrong"') == ERROR
    assert dte.at('AT#FTPGET="hello.txt"') == NOT_ALLOWED
    dte.at("AT#SSLEN=1,0")


def test_gsm_has_no_http_or_ftp(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module("telit-gsm/gc864")
    for command in ("AT#HTTPCFG?", "AT#FTPCFG?", "AT#FTPCLOSE"):
        assert dte.at(command) == ERROR


def test_forms(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module("telit/le866")
    assert dte.at("AT#HTTPCFG=?") == ok("#HTTPCFG: (0-2),,(1-65535),(0,1),,,(0,1),(1-65535),(1-5)")
    assert dte.at("AT#HTTPCFG?") == ok(*(f'#HTTPCFG: {n},"",80,0,"","",0,120,1' for n in range(3)))
    assert dte.at("AT#HTTPQRY=?") == ok("#HTTPQRY: (0-2),(0-2),")
    assert dte.at("AT#HTTPRCV=?") == ok("#HTTPRCV: (0-2)")
    assert dte.at("AT#FTPCFG=?") == ok("#FTPCFG: (100-5000),(0,1),(0,1)")
    assert dte.at("AT#FTPCFG=200,1") == ok()
    assert dte.at("AT#FTPCFG?") == ok("#FTPCFG: 200,1,0")
    assert dte.at("AT#FTPOPEN=?") == ok("#FTPOPEN: ,,,(0,1)")
    assert dte.at('AT#HTTPCFG=1,"example.test",8443') == ok()
    assert dte.at("AT#HTTPCFG?").split(b"\r\n")[2] == b'#HTTPCFG: 1,"example.test",8443,0,"","",0,120,1'
    dte.at("AT+CMEE=2")
    assert dte.at('AT#HTTPQRY=0,0,"/"') == NOT_ALLOWED  # no server, no active context
    assert dte.at("AT#HTTPRCV=0") == NOT_ALLOWED
    assert dte.at("AT#HTTPCFG=3") == cme("operation not supported")
