"""+QSSLOPEN: opening an SSL socket, and its result URC (quectel-gsm-ssl §2.2.2)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.quectel_gsm.common import (
    COMMANDS,
    SSID,
    clause,
    open_line,
    open_result,
    qsslcfg,
    ssl_close,
    ssl_open,
    upload,
)
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.apps.tcp_echo import TcpEchoServer

pytestmark = pytest.mark.spec("quectel-gsm-ssl", "2.2.2")
CLAUSE = clause("2.2.2")
OPEN: dict[str, Any] = COMMANDS["qsslopen"]
CODES: dict[str, int] = OPEN["connectcodes"]


@pytest.mark.erratum("QGS-09")
def test_test_and_read_forms(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSSLOPEN=?"), CLAUSE)
    lines = [x for x in r.lines if x.startswith("+QSSLOPEN:")]
    assert len(lines) == 1, f"{CLAUSE}: one +QSSLOPEN: line; {r.describe()}"
    assert not expect_ok(modem.command("AT+QSSLOPEN?"), CLAUSE).lines, f"{CLAUSE}: AT+QSSLOPEN? answers OK alone"


@pytest.mark.erratum("QGS-20")
def test_ok_then_the_result_urc(modem: Modem, ready: None, serve: Serve) -> None:
    r, code = ssl_open(modem, serve("valid").config)
    assert r.ok and code == CODES["success"], f"{CLAUSE}: OK, then +QSSLOPEN: {SSID},0; {r.describe()}, code {code}"
    ssl_close(modem)
    # Negative control: a handshake that fails (a client certificate the module does not have) gives -1.
    r, code = ssl_open(modem, serve("client-cert-required").config)
    assert r.ok and code == CODES["error"], f"{CLAUSE}: a failed connection gives <connectcode> -1; got {code}"


@pytest.mark.erratum("QGS-13")
def test_a_taken_socket_index_is_occupied(modem: Modem, ready: None, serve: Serve) -> None:
    server = serve("valid").config
    assert ssl_open(modem, server)[1] == CODES["success"], f"{CLAUSE}: the first open succeeds"
    r, code = ssl_open(modem, server)
    assert r.ok and code == CODES["occupied"], f"{CLAUSE}: -2 'Socket is occupied'; {r.describe()}, code {code}"
    assert ssl_open(modem, server, ssid=SSID + 1)[1] == CODES["success"], f"{CLAUSE}: another index opens"  # control
    ssl_close(modem, SSID + 1)


@pytest.mark.spec("quectel-gsm-ssl", "1.3")
@pytest.mark.erratum("QGS-13")
@pytest.mark.needs("plain_tcp")
def test_an_index_taken_by_a_plain_tcp_socket_is_occupied(
    modem: Modem, ready: None, serve: Serve, tcp_echo: TcpEchoServer
) -> None:
    # §1.3: "you could not use the same socket index to set up normal TCP connection and the SSL connection".
    plain = tcp_echo.config
    expect_ok(modem.command(f'AT+QIOPEN=2,"TCP","{plain.host}",{plain.port}', timeout=DIAL_TIMEOUT), clause("1.3"))
    modem.wait_urc("2, CONNECT OK", timeout=modem.waits.network(DIAL_TIMEOUT))
    server = serve("valid").config
    assert ssl_open(modem, server, ssid=2)[1] == CODES["occupied"], f"{clause('1.3')}: index 2 is the TCP socket's"
    assert ssl_open(modem, server, ssid=3)[1] == CODES["success"], f"{clause('1.3')}: index 3 is free"  # control
    ssl_close(modem, 3)
    modem.command("AT+QICLOSE=2")


def test_parameter_ranges(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid").config
    bad = [
        open_line(server, ssid=profile.ids("ssid")[-1] + 1),
        open_line(server, ctx=profile.ids("ssl_context")[-1] + 1),
        open_line(server, mode=2),
        open_line(server, timeout=OPEN["timeout"][0] - 1),
        open_line(server, timeout=OPEN["timeout"][1] + 1),
    ]
    for line in bad:
        expect_error(modem.command(line), f"{CLAUSE}: {line} is out of range")
    # Control: the bounds of <timeout>, and no <timeout> at all (default 90 s), are accepted.
    for timeout in (OPEN["timeout"][0], OPEN["timeout"][1], None):
        r = modem.command(open_line(server, timeout=timeout), timeout=DIAL_TIMEOUT)
        assert r.ok and open_result(modem, r, SSID, 15.0) == 0, f"{CLAUSE}: <timeout> {timeout}; {r.describe()}"
        ssl_close(modem)


@pytest.mark.spec("quectel-gsm-ssl", "2.2.7")
def test_a_ca_certificate_that_is_not_pem_fails_the_handshake(modem: Modem, ready: None, serve: Serve) -> None:
    server = serve("valid").config
    expect_ok(qsslcfg(modem, "seclevel", 0, 1), clause("2.2.1"))
    expect_ok(qsslcfg(modem, "cacert", 0, '"RAM:ca_cert.pem"'), clause("2.2.1"))
    upload(modem, "RAM:ca_cert.pem", b"this is not a PEM certificate\n" * 4)
    assert ssl_open(modem, server)[1] == CODES["error"], f"{CLAUSE}: no CA to verify the server with: -1"
    ssl_close(modem)
    upload(modem, "RAM:ca_cert.pem", server.ca.pem.read_bytes())  # control: the real CA
    assert ssl_open(modem, server)[1] == CODES["success"], f"{CLAUSE}: the same server verifies with its CA"
