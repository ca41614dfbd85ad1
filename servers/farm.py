"""The whole catalog at once: one endpoint per scenario, each on its own port.

Used by the lab mode (``python -m servers``) and by tests that want every scenario up for the
length of a session. Starting is all or nothing: if one endpoint fails to start, the ones
already started are stopped and the error is raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Self

from .apps import Ftps
from .apps.ftps import FtpsServer
from .apps.tcp_echo import TcpEchoServer
from .endpoint import Timeouts, TlsEndpoint
from .pki import Pki
from .running import Running
from .scenarios import CATALOG, Scenario

__all__ = ["Farm", "RunningServer"]

RunningServer = TlsEndpoint | FtpsServer


class Farm(Running):
    """Every scenario of ``scenarios`` served from ``bind``, plus the plain TCP echo."""

    def __init__(
        self,
        pki: Pki,
        *,
        scenarios: Iterable[Scenario] = CATALOG,
        bind: str = "127.0.0.1",
        timeouts: Timeouts = Timeouts(),  # noqa: B008 - frozen dataclass: one immutable default
        masquerade: str | None = None,
    ) -> None:
        self.pki = pki
        self.scenarios = tuple(scenarios)
        self.bind = bind
        self.timeouts = timeouts
        self.masquerade = masquerade
        self.servers: dict[str, RunningServer] = {}
        self.tcp_echo = TcpEchoServer(host=pki.server_host, bind=bind, idle=timeouts.idle)

    def start(self) -> Self:
        """Start every endpoint; on any failure stop what started and re-raise."""
        try:
            for scenario in self.scenarios:
                server: RunningServer
                if isinstance(scenario.app, Ftps):
                    server = FtpsServer(scenario, self.pki, bind=self.bind, masquerade=self.masquerade)
                else:
                    server = TlsEndpoint(scenario, self.pki, bind=self.bind, timeouts=self.timeouts)
                server.start()
                self.servers[scenario.id] = server
            self.tcp_echo.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop every endpoint that was started."""
        # Signal all first so that their accept loops wind down in parallel, then join each.
        for server in self.servers.values():
            server.request_stop()
        for server in self.servers.values():
            server.stop()
        self.servers.clear()
        self.tcp_echo.stop()

    def __getitem__(self, scenario_id: str) -> RunningServer:
        return self.servers[scenario_id]

    def __iter__(self) -> Iterator[RunningServer]:
        return iter(self.servers.values())

    def __len__(self) -> int:
        return len(self.servers)
