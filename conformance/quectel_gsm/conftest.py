"""Fixtures of the quectel-gsm-ssl suite: the farm's plain TCP echo (§1.3, §3.3) and an open SSL socket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.quectel_gsm.common import SSID, clause, ssl_close, ssl_open
from conformance.shared.servers import Serve
from harness.modem import Modem
from servers.apps.tcp_echo import TcpEchoServer
from servers.pki import Pki
from servers.pytest_plugin import ServerHandle


@pytest.fixture
def tcp_echo(pki: Pki, pytestconfig: pytest.Config) -> Iterator[TcpEchoServer]:
    """A plain TCP echo server for +QIOPEN (§1.3), where the TLS endpoints listen and under the same name."""
    bind = pytestconfig.getoption("server_bind", None) or pytestconfig.getini("server_bind") or "127.0.0.1"
    server = TcpEchoServer(host=pki.server_host, bind=str(bind), idle=30.0)
    with server:
        yield server


@pytest.fixture
def opened(modem: Modem, ready: None, serve: Serve) -> Iterator[ServerHandle]:
    """Socket 1 open to the farm's echo endpoint under <seclevel> 0 (the driver's starting state)."""
    server = serve("valid")
    r, code = ssl_open(modem, server.config)
    assert r.ok and code == 0, f"{clause('2.2.2')}: the valid endpoint must open (+QSSLOPEN: {SSID},0); {r.describe()}"
    yield server
    ssl_close(modem, SSID)
