"""SSL for one service at a time: #SSLD, HTTP, FTP (telit-ssl-ug §6.1, §6.2, §7, §7.1), and the FTP configuration.

"Security configuration is valid for SSLD, HTTP, FTP services" (§6.1, §6.2, §7.1) is said with no platform
restriction, so these tests run on every telit-ssl-ug profile, each in its own #SSLSECCFG form (§4.2.1 on 2G,
§4.2.2 on 3G/4G) through the socket driver. Only the §6.2 and §7.1 *examples* are "assumed to use a 3G
module": their replays (test_examples.py) stay 3G; the behaviour they show is checked here.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable

import pytest

from conformance.shared.driver import AuthMode, SecurityData, SocketDriver
from conformance.shared.servers import DIAL_TIMEOUT, Serve, recorded
from harness.checks import expect_error, expect_ok
from harness.events import ResultKind
from harness.modem import Modem, Response
from servers.apps import Ftps, Http
from servers.pki import Pki
from servers.pytest_plugin import ServerHandle
from servers.recorder import Outcome
from servers.scenarios import ClientAuth, by_id

pytestmark = pytest.mark.erratum("TSU-25")

BODY = b"<!doctype html>\n<html>\n.....\n</html>\n"  # §6.2's page
#: Not the responder's default type, so that an announced type can only have come from the server.
CONTENT_TYPE = "text/plain"
FILE = b"file.txt from the FTPS server\r\n" * 40
#: <tout> of #FTPCFG in 100 ms units (§6.2 prints the default 100, §7.1 sets it): what a command waits here.
FTP_TOUT = 100


def ssl_for_services(modem: Modem, driver: SocketDriver, server: ServerHandle) -> None:
    """Server authentication with the farm's root stored: the one security configuration that "is valid for
    SSLD, HTTP, FTP services" (§6.2, §7.1: #SSLSECCFG <auth_mode> 1 and #SSLSECDATA of the CA certificate),
    in the profile's own #SSLSECCFG form; then SSL off for #SSLD, "one service at a time"."""
    driver.set_auth(AuthMode.SERVER)
    driver.store(SecurityData.CA_CERT, server.config.ca)
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §6.2, §7.1: SSL off for the SSLD service")


def observe_second_service(modem: Modem, line: str, observe: Callable[[str], None]) -> None:
    """Send ``line`` (SSL for HTTP or FTP) while #SSLEN holds SSL for #SSLD, and record the answer: errata TSU-39
    (revisiting TSU-25): "only by one service at a time" tells the user what to do, not what the module answers
    when asked for a second one, so the answer is an observation."""
    r = modem.command(line)
    observe(f"{line} while #SSLEN=1,1 (telit-ssl-ug §6.2, §7.1; errata TSU-39): {r.describe()}")


@pytest.mark.spec("telit-ssl-ug", "6.2")
@pytest.mark.erratum("TSU-39")
def test_http_ssl_after_sslen_off(modem: Modem, ready: None, observe: Callable[[str], None]) -> None:
    # ready: SSL enabled for #SSLD. §6.2: "To use the SSL encryption with HTTP protocol, you must disable it for
    # SSLD and FTP services": the procedure the document gives must work; the answer before it is an observation.
    observe_second_service(modem, 'AT#HTTPCFG=0,"localhost",443,0,,,1,120,1', observe)
    modem.command('AT#HTTPCFG=0,"localhost",443,0,,,0,120,1')  # back to plain, whatever the module answered
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §6.2: disable SSL for the SSLD service")
    expect_ok(modem.command('AT#HTTPCFG=0,"localhost",443,0,,,1,120,1'),
              "telit-ssl-ug §6.2: SSL for HTTP once the SSLD service no longer uses it")
    expect_ok(modem.command('AT#HTTPCFG=0,"localhost",443,0,,,0,120,1'), "telit-ssl-ug §7.1")


@pytest.mark.spec("telit-ssl-ug", "7.1")
@pytest.mark.erratum("TSU-39")
def test_ftps_after_sslen_off(modem: Modem, ready: None, observe: Callable[[str], None]) -> None:
    # §7.1: "To use the SSL encryption with FTP protocol, you must disable it for SSLD and HTTP services".
    observe_second_service(modem, "AT#FTPCFG=100,0,1", observe)
    modem.command("AT#FTPCFG=100,0,0")  # back to plain, whatever the module answered
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §7.1: disable SSL for the SSLD service")
    expect_ok(modem.command("AT#FTPCFG=100,0,1"), "telit-ssl-ug §7.1: FTPS once the SSLD service no longer uses SSL")
    expect_ok(modem.command("AT#FTPCFG=100,0,0"), "telit-ssl-ug §7.1")


@pytest.mark.spec("telit-ssl-ug", "6.2")
@pytest.mark.needs("fresh_power_on")
def test_ftpcfg_at_power_on(modem: Modem) -> None:
    r = expect_ok(modem.command("AT#FTPCFG?"), "telit-ssl-ug §6.2")
    assert list(r.lines) == ["#FTPCFG: 100,0,0"], f"telit-ssl-ug §6.2: #FTPCFG: 100,0,0; {r.describe()}"


def http_get(modem: Modem, server: ServerHandle, ssl_enabled: int) -> None:
    """#HTTPCFG profile 0 on the farm's endpoint with ``ssl_enabled``, then #HTTPQRY GET / (§6.2; nine
    fields, errata TSU-26)."""
    host, port = server.config.host, server.config.port
    expect_ok(modem.command(f'AT#HTTPCFG=0,"{host}",{port},0,,,{ssl_enabled},120,1'), "telit-ssl-ug §6.2")
    expect_ok(modem.command('AT#HTTPQRY=0,0,"/"'), "telit-ssl-ug §6.2: 'GET command succeeds'")


@pytest.mark.spec("telit-ssl-ug", "6.2")
@pytest.mark.spec("telit-ssl-ug", "6.1")
@pytest.mark.erratum("TSU-26")
def test_https_get_uses_the_ssl_configuration(modem: Modem, driver: SocketDriver, ready: None, serve: Serve) -> None:
    server = serve("https", app=Http(body=BODY, content_type=CONTENT_TYPE))
    ssl_for_services(modem, driver, server)
    try:
        http_get(modem, server, ssl_enabled=1)
        ring = modem.wait_urc("#HTTPRING", timeout=modem.waits.network(DIAL_TIMEOUT))
        fields = ring.text.split(":", 1)[1].strip().split(",")
        want = ["0", "200", f'"{CONTENT_TYPE}"', str(len(BODY))]
        assert fields == want, (
            f"telit-ssl-ug §6.2: '#HTTPRING: 0,200,\"text/html\", ...' announces the profile, the status, the "
            f"server's content type and the size; want {','.join(want)}; got {ring.text}"
        )
        r = expect_ok(modem.command("AT#HTTPRCV=0", raw_bytes=len(BODY)), "telit-ssl-ug §6.2")
        assert r.payloads == (BODY,), f"telit-ssl-ug §6.2: #HTTPRCV prints the page the server sent; {r.describe()}"
        (record,) = recorded(server).wait_for(1)
        assert record.outcome is Outcome.COMPLETED and record.version is not None, (
            f"telit-ssl-ug §6.2: with <ssl_enabled> 1 the request goes over SSL; {record.describe()}"
        )
        assert record.app_log == ("GET / HTTP/1.1",), f"telit-ssl-ug §6.2: one GET of '/'; {record.describe()}"
    finally:
        modem.command(f'AT#HTTPCFG=0,"{server.config.host}",{server.config.port},0,,,0,120,1')  # SSL back to #SSLD


@pytest.mark.spec("telit-ssl-ug", "6.2")
def test_http_without_ssl_enabled_is_not_ssl(modem: Modem, ready: None, serve: Serve) -> None:
    # The negative control of the test above: <ssl_enabled> 0 sends the request in plain text, and the farm's
    # TLS endpoint records it as such: its record tells SSL from plain. The page does not matter: the farm's own.
    server = serve("https")
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §6.2")
    http_get(modem, server, ssl_enabled=0)
    (record,) = recorded(server).wait_for(1, timeout=modem.waits.network(DIAL_TIMEOUT))
    assert record.outcome is Outcome.NOT_TLS and record.version is None, (
        f"telit-ssl-ug §6.2: <ssl_enabled> 0 does not use SSL; {record.describe()}"
    )


def served_ftps(server: ServerHandle) -> Ftps:
    """The FTPS app of ``server``'s scenario as the farm serves it: the tests that need no files of their own use it,
    so that they run against a lab farm too (which serves its scenarios as they are)."""
    app = server.config.scenario.app
    assert isinstance(app, Ftps), f"{server.config.scenario.id} is not an FTPS scenario"
    return app


def ftp_open(modem: Modem, server: ServerHandle, app: Ftps, ftps_en: int) -> Response:
    """#FTPCFG <FTPSEn>, then #FTPOPEN to the farm in passive mode (§7.1, errata TSU-27); its answer."""
    expect_ok(modem.command(f"AT#FTPCFG={FTP_TOUT},0,{ftps_en}"), "telit-ssl-ug §7.1: <FTPSEn>")
    host, port = server.config.host, server.config.port
    return modem.command(f'AT#FTPOPEN="{host}:{port}","{app.user}","{app.password}",1', timeout=DIAL_TIMEOUT)


@pytest.mark.spec("telit-ssl-ug", "7.1")
@pytest.mark.spec("telit-ssl-ug", "7")
@pytest.mark.erratum("TSU-27")
def test_ftps_get_and_close(modem: Modem, driver: SocketDriver, ready: None, serve: Serve) -> None:
    # The farm's own files (a lab farm serves its scenarios as they are): the largest one is fetched.
    server = serve("ftps")
    app = served_ftps(server)
    name, content = max(app.files, key=lambda f: len(f[1]))
    ssl_for_services(modem, driver, server)
    expect_ok(modem.command('AT#HTTPCFG=0,"server_address",443,0,,,0,120,1'), "telit-ssl-ug §7.1: HTTP SSL off")
    try:
        expect_ok(
            ftp_open(modem, server, app, ftps_en=1),
            "telit-ssl-ug §7, §7.1: #FTPOPEN opens the FTPS connection (AUTH TLS, then the login)",
        )
        r = modem.command(f'AT#FTPGET="{name}"', timeout=DIAL_TIMEOUT)
        assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §7.1: #FTPGET answers CONNECT; {r.describe()}"
        got = modem.read_until_closed(timeout=modem.waits.network(DIAL_TIMEOUT))
        assert got == content, (
            f"telit-ssl-ug §7.1: #FTPGET passes the file on whole ({len(content)} bytes); got {len(got)}"
        )
        assert modem.urcs and modem.urcs[-1].text == "NO CARRIER", "telit-ssl-ug §7.1: NO CARRIER ends the file"
        # The negative control of the close below: the FTPS server commits its record of a control connection
        # when that connection ends, and the module holds it open until #FTPCLOSE.
        assert not recorded(server).records, "telit-ssl-ug §7.1: the control connection stays open until #FTPCLOSE"
        expect_ok(modem.command("AT#FTPCLOSE", timeout=DIAL_TIMEOUT), "telit-ssl-ug §7.1: #FTPCLOSE")
        try:
            (record,) = recorded(server).wait_for(1, timeout=FTP_TOUT / 10)
        except TimeoutError as e:
            raise AssertionError(f"telit-ssl-ug §7.1: '#FTPCLOSE ← close the FTPS connection'; {e}") from None
        assert record.version is not None, (
            f"telit-ssl-ug §7: 'FTP command AUTH ... is sent to the server': the control connection is TLS; "
            f"{record.describe()}"
        )
        assert f"sent {name}" in record.app_log, f"telit-ssl-ug §7.1: the file was sent; {record.describe()}"
        # §7: "No TLS session reuse is performed when data connection is opened: two TLS sessions are performed
        # within an FTP session": the data connection has its own, full, handshake (the farm logs each one).
        data = [line for line in record.app_log if line.startswith("data ")]
        assert data and all(line.endswith("resumed=no") for line in data), (
            f"telit-ssl-ug §7: the data connection is a second TLS session, not a resumed one; {record.describe()}"
        )
        # §7: "The same certificates saved through #SSLSECDATA command are used for both TLS sessions": both
        # sessions come from the one security configuration, so the farm's two handshake records agree on the
        # protocol; that the data session is authenticated with the stored root is
        # test_ftps_data_session_is_authenticated_with_the_same_stored_root (another root there: refused).
        assert all(line.split()[1] == record.version for line in data), (
            f"telit-ssl-ug §7: control ({record.version}) and data sessions use the same configuration; {data}"
        )
    finally:
        modem.command(f"AT#FTPCFG={FTP_TOUT},0,0")  # SSL back to #SSLD


@pytest.mark.spec("telit-ssl-ug", "7")
def test_ftps_data_session_is_authenticated_with_the_same_stored_root(
    modem: Modem, driver: SocketDriver, ready: None, serve: Serve
) -> None:
    # §7: "The same certificates saved through #SSLSECDATA command are used for both TLS sessions". The farm's
    # control connection presents the chain of the stored root, its data connections one of a root the module
    # was never given: with <auth_mode> 1 (server authentication) the data session must fail, and the file must
    # not pass. The control case is test_ftps_get_and_close (both sessions under the stored root: the file passes).
    app = Ftps(files=(("file.txt", FILE),), data_credential="rsa-untrusted")
    server = serve("ftps", app=app)
    ssl_for_services(modem, driver, server)
    expect_ok(modem.command('AT#HTTPCFG=0,"server_address",443,0,,,0,120,1'), "telit-ssl-ug §7.1: HTTP SSL off")
    try:
        expect_ok(ftp_open(modem, server, app, ftps_en=1), "telit-ssl-ug §7: the control session (stored root)")
        r = modem.command('AT#FTPGET="file.txt"', timeout=DIAL_TIMEOUT)
        got = modem.read_until_closed(timeout=modem.waits.network(DIAL_TIMEOUT)) if modem.online else b""
        assert got == b"", (
            f"telit-ssl-ug §7: the data session's server chain does not lead to the stored root, yet "
            f"{len(got)} bytes of the file passed; {r.describe()}"
        )
        modem.command("AT#FTPCLOSE", timeout=DIAL_TIMEOUT)
        (record,) = recorded(server).wait_for(1, timeout=FTP_TOUT / 10)
        assert "data handshake failed" in record.app_log and "sent file.txt" not in record.app_log, (
            f"telit-ssl-ug §7: the module refuses the data session's server; {record.describe()}"
        )
    finally:
        modem.command(f"AT#FTPCFG={FTP_TOUT},0,0")  # SSL back to #SSLD


@pytest.mark.spec("telit-ssl-ug", "7")
@pytest.mark.spec("telit-ssl-ug", "7.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_ftps_data_session_presents_the_stored_client_certificate(
    modem: Modem, driver: SocketDriver, pki: Pki, ready: None, serve: Serve
) -> None:
    # §7: "The same certificates saved through #SSLSECDATA command are used for both TLS sessions"; under
    # <auth_mode> 2 (§4.2.1, §4.2.2: "Certificate (client) and Private Key (client) are needed") the stored client
    # certificate is one of them. The farm's FTPS server asks for a client certificate on the control and on each
    # data connection and records what it gets. The control: the control session presents the stored certificate
    # (the check that the server's request and record work); the data session must present the same one.
    app = Ftps(files=(("file.txt", FILE),))
    server = serve(dataclasses.replace(by_id("ftps"), client_auth=ClientAuth.OPTIONAL), app=app)
    client = pki.credentials["client"]
    driver.set_auth(AuthMode.SERVER_CLIENT)
    driver.store(SecurityData.CA_CERT, server.config.ca)
    driver.store(SecurityData.CLIENT_CERT, client.leaf_files)
    driver.store(SecurityData.CLIENT_KEY, client.key_files)
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §6.2, §7.1: SSL off for the SSLD service")
    expect_ok(modem.command('AT#HTTPCFG=0,"server_address",443,0,,,0,120,1'), "telit-ssl-ug §7.1: HTTP SSL off")
    der = client.leaf_files.der.read_bytes()
    try:
        expect_ok(ftp_open(modem, server, app, ftps_en=1), "telit-ssl-ug §7: the control session (<auth_mode> 2)")
        r = modem.command('AT#FTPGET="file.txt"', timeout=DIAL_TIMEOUT)
        assert r.final.kind is ResultKind.CONNECT, f"telit-ssl-ug §7.1: #FTPGET answers CONNECT; {r.describe()}"
        got = modem.read_until_closed(timeout=modem.waits.network(DIAL_TIMEOUT))
        assert got == FILE, f"telit-ssl-ug §7.1: the file passes whole ({len(FILE)} bytes); got {len(got)}"
        expect_ok(modem.command("AT#FTPCLOSE", timeout=DIAL_TIMEOUT), "telit-ssl-ug §7.1: #FTPCLOSE")
        (record,) = recorded(server).wait_for(1, timeout=FTP_TOUT / 10)
        assert record.client_chain[:1] == (der,), (
            f"telit-ssl-ug §4.2.2 <auth_mode> 2: the control session presents the stored client certificate;"
            f" {record.describe()}"
        )
        data = [line for line in record.app_log if line.startswith("data-client ")]
        assert data and all(line == f"data-client {hashlib.sha256(der).hexdigest()}" for line in data), (
            f"telit-ssl-ug §7: the data session presents the same stored client certificate; {record.describe()}"
        )
    finally:
        modem.command(f"AT#FTPCFG={FTP_TOUT},0,0")  # SSL back to #SSLD


@pytest.mark.spec("telit-ssl-ug", "7")
def test_ftp_without_ftpsen_is_not_tls(modem: Modem, ready: None, serve: Serve) -> None:
    # The negative control of the AUTH TLS check: with <FTPSEn> 0 the module logs in without AUTH TLS, and the
    # farm's FTPS server (TLS required) records a control connection without TLS.
    server = serve("ftps")
    app = served_ftps(server)
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §7.1")
    ftp_open(modem, server, app, ftps_en=0)
    modem.command("AT#FTPCLOSE", timeout=DIAL_TIMEOUT)  # whatever the login did, end the control connection
    (record,) = recorded(server).wait_for(1, timeout=FTP_TOUT / 10)
    assert record.version is None, f"telit-ssl-ug §7: <FTPSEn> 0 sends no AUTH TLS; {record.describe()}"


def wrong_ca_for_services(modem: Modem, driver: SocketDriver, pki: Pki) -> None:
    """As :func:`ssl_for_services`, with a root the farm's chains do not lead to: the server cannot be
    authenticated."""
    driver.set_auth(AuthMode.SERVER)
    driver.store(SecurityData.CA_CERT, pki.roots["untrusted"])
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §6.2, §7.1: SSL off for the SSLD service")


@pytest.mark.spec("telit-ssl-ug", "6.1")
@pytest.mark.spec("telit-ssl-ug", "6.2")
@pytest.mark.erratum("TSU-26", "TSU-33")
def test_https_refuses_a_server_it_cannot_authenticate(
    modem: Modem, driver: SocketDriver, pki: Pki, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    # §6.1: "Security configuration is valid for SSLD, HTTP, FTP services": <auth_mode> 1 authenticates the
    # HTTPS server as it does an #SSLD one (§4.2.2), so a server whose chain does not lead to the stored root
    # never gets the request. How #HTTPQRY reports the failure is not printed: it is observed.
    server = serve("https")
    wrong_ca_for_services(modem, driver, pki)
    host, port = server.config.host, server.config.port
    try:
        expect_ok(modem.command(f'AT#HTTPCFG=0,"{host}",{port},0,,,1,120,1'), "telit-ssl-ug §6.2")
        r = modem.command('AT#HTTPQRY=0,0,"/"', timeout=DIAL_TIMEOUT)
        (record,) = recorded(server).wait_for(1, timeout=modem.waits.network(DIAL_TIMEOUT))
        observe(f"#HTTPQRY to a server that cannot be authenticated: {r.describe()}")
        assert not record.app_log and record.outcome is not Outcome.COMPLETED, (
            f"telit-ssl-ug §6.1: <auth_mode> 1 with another root: the request must not reach the server; "
            f"{record.describe()}"
        )
    finally:
        modem.command(f'AT#HTTPCFG=0,"{host}",{port},0,,,0,120,1')  # SSL back to #SSLD


@pytest.mark.spec("telit-ssl-ug", "6.1")
@pytest.mark.spec("telit-ssl-ug", "7")
@pytest.mark.erratum("TSU-27", "TSU-33")
def test_ftps_refuses_a_server_it_cannot_authenticate(
    modem: Modem, driver: SocketDriver, pki: Pki, ready: None, serve: Serve
) -> None:
    # §6.1 (as above) and §7: the FTPS control connection's TLS session fails authentication, so no login.
    server = serve("ftps")
    app = served_ftps(server)
    wrong_ca_for_services(modem, driver, pki)
    try:
        r = ftp_open(modem, server, app, ftps_en=1)
        expect_error(r, "telit-ssl-ug §6.1, §7: #FTPOPEN to a server that cannot be authenticated fails")
        (record,) = recorded(server).wait_for(1, timeout=modem.waits.network(DIAL_TIMEOUT))
        assert not [x for x in record.app_log if x.startswith("login")], (
            f"telit-ssl-ug §7: no login over a connection that failed authentication; {record.describe()}"
        )
    finally:
        modem.command("AT#FTPCLOSE", timeout=DIAL_TIMEOUT)
        modem.command(f"AT#FTPCFG={FTP_TOUT},0,0")  # SSL back to #SSLD
