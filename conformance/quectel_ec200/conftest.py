"""Fixtures of the quectel-ec200-ssl suite: an open SSL socket in buffer access or direct push mode, a TCP
endpoint that takes the ClientHello and never answers it (<negotiate_time>, §2.2.1), and a TLS endpoint that never
answers the close (<close_timeout>, §2.2.5)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from conformance.quectel_ec200.common import CLIENT, clause, ssl_close, ssl_open
from conformance.quectel_ec200.silent import HoldingServer, SilentServer
from conformance.shared.servers import Serve
from harness.modem import Modem
from servers.pki import Pki
from servers.pytest_plugin import ServerHandle

#: opened(mode) -> the farm's echo endpoint, client 4 open to it in <access_mode> ``mode`` (0 or 1).
Opened = Callable[[int], ServerHandle]


@pytest.fixture
def opened(modem: Modem, ready: None, serve: Serve) -> Iterator[Opened]:
    """Open client 4 to the farm's echo endpoint under <secllevel> 0 (the driver's starting state)."""

    def start(mode: int) -> ServerHandle:
        server = serve("valid")
        r, code = ssl_open(modem, server.config, mode=mode)
        assert r.ok and code == 0, (
            f"{clause('2.2.2')}: the valid endpoint opens (+QSSLOPEN: {CLIENT},0); {r.describe()}"
        )
        return server

    yield start
    ssl_close(modem, CLIENT)


@pytest.fixture
def silent_server(pki: Pki, pytestconfig: pytest.Config) -> Iterator[SilentServer]:
    """A TCP endpoint that never answers a ClientHello, where the farm listens and under its name."""
    bind = pytestconfig.getoption("server_bind", None) or pytestconfig.getini("server_bind") or "127.0.0.1"
    server = SilentServer(host=pki.server_host, bind=str(bind))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def holding_server(pki: Pki, pytestconfig: pytest.Config) -> Iterator[HoldingServer]:
    """A TLS endpoint that never answers the client's close, where the farm listens and under its name."""
    bind = pytestconfig.getoption("server_bind", None) or pytestconfig.getini("server_bind") or "127.0.0.1"
    rsa = pki.credentials["rsa"]
    server = HoldingServer(host=pki.server_host, bind=str(bind), chain=rsa.chain_pem, key=rsa.key_files.pkcs8_pem)
    server.start()
    yield server
    server.stop()
