"""+QSSLSTATE: the state of the TCP/IP stack and of every socket (quectel-gsm-ssl §2.2.6)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.quectel_gsm.common import COMMANDS, SSID, clause, socket_line, state_lines
from conformance.shared.servers import DIAL_TIMEOUT
from harness.checks import expect_ok
from harness.modem import Modem
from servers.apps.tcp_echo import TcpEchoServer
from servers.pytest_plugin import ServerHandle

pytestmark = [pytest.mark.spec("quectel-gsm-ssl", "2.2.6"), pytest.mark.erratum("QGS-16")]
CLAUSE = clause("2.2.6")
ST: dict[str, Any] = COMMANDS["qsslstate"]


def test_test_and_read_forms(modem: Modem) -> None:
    for line in ("AT+QSSLSTATE=?", "AT+QSSLSTATE?"):
        assert not expect_ok(modem.command(line), CLAUSE).lines, f"{CLAUSE}: {line} answers OK alone"


def test_state_line_first(modem: Modem, ready: None) -> None:
    rows = state_lines(modem)
    assert rows and len(rows[0]) == 1 and rows[0][0] in ST["states"], f"{CLAUSE}: +QSSLSTATE: <state> first: {rows}"
    assert all(len(row) == 6 for row in rows[1:]), f"{CLAUSE}: then six values per socket: {rows}"


@pytest.mark.spec("quectel-gsm-ssl", "1.3")
@pytest.mark.needs("plain_tcp")
def test_ssl_and_plain_sockets_are_told_apart(modem: Modem, opened: ServerHandle, tcp_echo: TcpEchoServer) -> None:
    plain = tcp_echo.config
    expect_ok(modem.command(f'AT+QIOPEN=3,"TCP","{plain.host}",{plain.port}', timeout=DIAL_TIMEOUT), clause("1.3"))
    modem.wait_urc("3, CONNECT OK", timeout=modem.waits.network(DIAL_TIMEOUT))
    ssl, tcp = socket_line(modem, SSID), socket_line(modem, 3)
    flags = ST["sslconnectionflag"]
    assert ssl is not None and ssl[1] == "TCP" and ssl[3] == str(opened.config.port), f"{CLAUSE}: socket {SSID}: {ssl}"
    assert ssl[4] == "CONNECTED" and ssl[5] == str(flags["ssl"]), f"{CLAUSE}: a connected SSL socket, flag 1: {ssl}"
    assert tcp is not None and tcp[4] == "CONNECTED", f"{CLAUSE}: the plain TCP socket is connected: {tcp}"
    assert tcp[5] == str(flags["plain"]), f"{CLAUSE}: a plain TCP socket has flag 0: {tcp}"
    free = socket_line(modem, 4)
    assert free is None or free[4] != "CONNECTED", f"{CLAUSE}: socket 4 is not open: {free}"
    modem.command("AT+QICLOSE=3")
