"""Fixtures of the quectel-ec200-ssl suite: an open SSL socket in buffer access or direct push mode. The endpoints
that stall (the farm's ``silent-hello`` for <negotiate_time>, §2.2.1; ``hold-open`` for <close_timeout>, §2.2.5;
``no-read`` for SEND FAIL, §2.2.3) come from the ``serve`` fixture like every other scenario."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from conformance.quectel_ec200.common import CLIENT, clause, ssl_close, ssl_open
from conformance.shared.servers import Serve
from harness.modem import Modem
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
