"""The apps behind the TLS layer: echo, scripted, HTTP, FTPS, plain TCP echo."""

from __future__ import annotations

import dataclasses
import ftplib
import hashlib
import socket
import ssl

import pytest
from tls_clients import python_context

from servers.apps import Echo, Ftps, Http, Scripted, Then
from servers.apps.ftps import FtpsServer
from servers.apps.tcp_echo import TcpEchoServer
from servers.endpoint import TlsEndpoint
from servers.farm import Farm
from servers.pki import Pki
from servers.recorder import Outcome
from servers.scenarios import FTPS_PASSWORD, FTPS_USER, ClientAuth, by_id

pytestmark = pytest.mark.timeout(60)


def _tls(endpoint: TlsEndpoint) -> ssl.SSLSocket:
    ctx = python_context(endpoint.config, verify=True)
    raw = socket.create_connection(endpoint.config.address, timeout=5)
    tls: ssl.SSLSocket = ctx.wrap_socket(raw, server_hostname=endpoint.config.host)
    return tls


def _read_all(sock: ssl.SSLSocket) -> list[bytes]:
    """Every read until the server closes, one item per read."""
    chunks: list[bytes] = []
    while True:
        data = sock.recv(4096)
        if not data:
            return chunks
        chunks.append(data)


def test_echo_counts_bytes(farm_pki: Pki) -> None:
    with TlsEndpoint(dataclasses.replace(by_id("valid"), app=Echo()), farm_pki) as ep:
        with _tls(ep) as s:
            s.sendall(b"x" * 10000)
            got = b""
            while len(got) < 10000:
                got += s.recv(65536)
            s.unwrap()
        rec = ep.recorder.last()
    assert got == b"x" * 10000
    assert rec.bytes_received == rec.bytes_sent == 10000 and rec.ended_by == "client-close"


def test_scripted_chunks_pauses_and_close(farm_pki: Pki) -> None:
    app = Scripted(chunks=(b"one", b"two", b"three"), pause=0.2, then=Then.CLOSE)
    with TlsEndpoint(dataclasses.replace(by_id("valid"), app=app), farm_pki) as ep:
        with _tls(ep) as s:
            chunks = _read_all(s)  # ends: the server closed with close_notify (NO CARRIER)
        rec = ep.recorder.last()
    # The pauses keep the chunks apart: each arrives in its own read.
    assert chunks == [b"one", b"two", b"three"]
    assert rec.ended_by == "server-close" and rec.bytes_sent == 11
    assert "warning:close_notify" in [a.name for a in rec.alerts_sent]


def test_scripted_waits_for_the_client_then_stays_open(farm_pki: Pki) -> None:
    app = Scripted(chunks=(b"pushed",), then=Then.STAY_OPEN, wait_for_client=3)
    with TlsEndpoint(dataclasses.replace(by_id("valid"), app=app), farm_pki) as ep:
        with _tls(ep) as s:
            s.settimeout(0.3)
            with pytest.raises(TimeoutError):  # control: nothing before the trigger
                s.recv(10)
            s.settimeout(5)
            s.sendall(b"go!")
            assert s.recv(10) == b"pushed"
            s.sendall(b"echo?")
            assert s.recv(10) == b"echo?"
            s.unwrap()
        rec = ep.recorder.last()
    assert rec.ended_by == "client-close" and rec.outcome is Outcome.COMPLETED


def test_http_responder(farm: Farm) -> None:
    server = farm["https"]
    before = len(server.recorder.records)
    ctx = python_context(server.config, verify=True)
    with socket.create_connection(server.config.address, timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as s:
            s.sendall(b"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
            response = b"".join(_read_all(s))
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK") and b"Connection: close" in head
    assert body == Http().body and f"Content-Length: {len(body)}".encode() in head
    rec = server.recorder.wait_for(before + 1)[before]
    assert rec.app_log == ("GET /index.html HTTP/1.1",)


def test_ftps_get_a_file(farm: Farm) -> None:
    server = farm["ftps"]
    before = len(server.recorder.records)
    ftp = ftplib.FTP_TLS(context=python_context(server.config, verify=True), timeout=10)
    try:
        ftp.connect(server.config.host, server.config.port)
        ftp.auth()
        ftp.login(FTPS_USER, FTPS_PASSWORD)
        ftp.prot_p()
        assert set(ftp.nlst()) >= {"hello.txt", "1k.bin"}
        data: list[bytes] = []
        ftp.retrbinary("RETR 1k.bin", data.append)
        ftp.quit()
    finally:
        ftp.close()
    assert b"".join(data) == bytes(range(256)) * 4
    rec = server.recorder.wait_for(before + 1)[before]
    assert rec.version in ("TLSv1.2",) and "sent 1k.bin" in rec.app_log


def _ftps_list(server: FtpsServer) -> list[str]:
    ftp = ftplib.FTP_TLS(context=python_context(server.config, verify=True), timeout=10)
    try:
        ftp.connect(server.config.host, server.config.port)
        ftp.auth()
        ftp.login(FTPS_USER, FTPS_PASSWORD)
        ftp.prot_p()
        names = ftp.nlst()
        ftp.quit()
    finally:
        ftp.close()
    return names


def test_two_ftps_servers_at_once_each_keep_their_own_loop(farm_pki: Pki) -> None:
    """Stopping one FTPS server leaves another serving: they once shared pyftpdlib's IOLoop.instance(), and the
    first one's close_all() closed the second's sockets ("Bad file descriptor")."""
    scenario = by_id("ftps")
    with FtpsServer(scenario, farm_pki) as first:
        second = FtpsServer(scenario, farm_pki).start()
        try:
            assert "hello.txt" in _ftps_list(second)
        finally:
            second.stop()
        assert "hello.txt" in _ftps_list(first)


def test_ftps_data_connections_may_present_another_credential(farm_pki: Pki) -> None:
    """Ftps.data_credential: the control connection presents the scenario's chain, the data connections another
    (here one a verifying client does not trust), and the record says the data handshake failed; the same
    client gets the file when both present the scenario's (the control case, test_ftps_get_a_file)."""
    base = by_id("ftps")
    assert isinstance(base.app, Ftps)
    scenario = dataclasses.replace(base, app=dataclasses.replace(base.app, data_credential="rsa-untrusted"))
    with FtpsServer(scenario, farm_pki) as server:
        ftp = ftplib.FTP_TLS(context=python_context(server.config, verify=True), timeout=10)
        try:
            ftp.connect(server.config.host, server.config.port)
            ftp.auth()  # the control connection: trusted
            ftp.login(FTPS_USER, FTPS_PASSWORD)
            ftp.prot_p()
            with pytest.raises(ssl.SSLCertVerificationError):
                ftp.retrbinary("RETR 1k.bin", lambda _: None)
        finally:
            ftp.close()
        rec = server.recorder.wait_for(1)[0]
    assert rec.version == "TLSv1.2" and "data handshake failed" in rec.app_log, rec.describe()
    assert "sent 1k.bin" not in rec.app_log


@pytest.mark.parametrize("presents", [True, False], ids=["with-certificate", "without"])
def test_ftps_records_the_client_certificate_of_each_connection(farm_pki: Pki, presents: bool) -> None:
    """A scenario whose client_auth is OPTIONAL asks for a client certificate on the control and on every data
    connection and records what came: the control's as client_chain, each data connection's as a
    ``data-client <sha256>`` line. Control: a client that presents none is recorded as presenting none."""
    scenario = dataclasses.replace(by_id("ftps"), client_auth=ClientAuth.OPTIONAL, client_credential="client")
    with FtpsServer(scenario, farm_pki) as server:
        ftp = ftplib.FTP_TLS(context=python_context(server.config, verify=True, client_cert=presents), timeout=10)
        try:
            ftp.connect(server.config.host, server.config.port)
            ftp.auth()
            ftp.login(FTPS_USER, FTPS_PASSWORD)
            ftp.prot_p()
            ftp.retrbinary("RETR 1k.bin", lambda _: None)
            ftp.quit()
        finally:
            ftp.close()
        rec = server.recorder.wait_for(1)[0]
    der = farm_pki.credentials["client"].leaf_files.der.read_bytes()
    data = [line for line in rec.app_log if line.startswith("data-client ")]
    if presents:
        assert rec.client_chain[:1] == (der,), rec.describe()
        assert data == [f"data-client {hashlib.sha256(der).hexdigest()}"], rec.app_log
    else:
        assert rec.client_chain == () and data == ["data-client none"], rec.describe()


def test_ftps_refuses_login_in_clear(farm: Farm) -> None:
    """Control: without AUTH TLS the server refuses USER (tls_control_required)."""
    server = farm["ftps"]
    ftp = ftplib.FTP(timeout=10)
    try:
        ftp.connect(server.config.host, server.config.port)
        with pytest.raises(ftplib.error_perm, match="550"):
            ftp.login(FTPS_USER, FTPS_PASSWORD)
    finally:
        ftp.close()


def test_tcp_echo_and_its_record(farm: Farm) -> None:
    echo = farm.tcp_echo
    before = len(echo.recorder.records)
    with socket.create_connection(echo.config.address, timeout=5) as s:
        s.sendall(b"Abcde")
        assert s.recv(10) == b"Abcde"
    rec = echo.recorder.wait_for(before + 1)[before]
    assert rec.bytes_received == rec.bytes_sent == 5 and rec.client_hello is None


def test_tcp_echo_standalone() -> None:
    with TcpEchoServer() as server:
        with socket.create_connection(server.config.address, timeout=5) as s:
            s.sendall(b"ping")
            assert s.recv(10) == b"ping"
        assert server.recorder.wait_for(1)[0].outcome is Outcome.COMPLETED
