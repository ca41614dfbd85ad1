"""A plain TCP echo server, for the Quectel example that mixes TCP and SSL sockets.

quectel-gsm-ssl §1.3 ("SSL Function Coexists with Normal TCPIP Session") opens a plain TCP
connection beside the SSL one; this is its peer. It shares the listener and the
recorder of the TLS endpoints, without any TLS.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Self

from ..listener import Listener
from ..recorder import Outcome, Recorder
from ..running import Running
from . import Echo
from .metered import Metered
from .run import run_app

__all__ = ["PlainConfig", "TcpEchoServer"]


@dataclass(frozen=True, kw_only=True)
class PlainConfig:
    """Where a plain-TCP server listens."""

    id: str
    host: str
    port: int
    bind: str

    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)`` to connect to."""
        return (self.host, self.port)


class TcpEchoServer(Running):
    """Echo over plain TCP; a context manager yielding itself with ``config`` and ``recorder``."""

    def __init__(self, *, host: str = "127.0.0.1", bind: str = "127.0.0.1", port: int = 0, idle: float = 30.0) -> None:
        self.recorder = Recorder("tcp-echo")
        self._host = host
        self._bind = bind
        self._idle = idle
        self._listener = Listener(self._handle, bind=bind, port=port, name="tcp-echo")
        self._config: PlainConfig | None = None

    @property
    def config(self) -> PlainConfig:
        """Where it listens; valid once started."""
        if self._config is None:
            raise RuntimeError("tcp-echo not started")
        return self._config

    def _handle(self, sock: socket.socket, peer: tuple[str, int]) -> None:
        draft = self.recorder.open(peer)
        try:
            ended = run_app(Echo(), Metered(sock, draft, self._idle), draft.app_log, self._listener.stopping)
            draft.finish(Outcome.COMPLETED, ended)
        except TimeoutError:
            draft.finish(Outcome.TIMEOUT, "timeout", f"idle for {self._idle} s, or a write did not drain")
        except OSError as exc:
            draft.finish(Outcome.COMPLETED, "client-abort", f"{type(exc).__name__}: {exc}")
        finally:
            self.recorder.commit(draft)

    def start(self) -> Self:
        """Start listening."""
        self._listener.start()
        self._config = PlainConfig(id="tcp-echo", host=self._host, port=self._listener.port, bind=self._bind)
        return self

    def stop(self) -> None:
        """Stop listening and end open connections."""
        self._listener.stop()
