"""One scenario on one port: peek the ClientHello, hand the socket to a backend, run the app.

Theory of operation, per accepted connection (each in its own thread, :mod:`servers.listener`):

1. peek the ClientHello with a deadline (:func:`servers.clienthello.peek_client_hello`); garbage,
   plain HTTP or an incomplete hello is recorded and the connection closed;
2. the backend (:mod:`servers.endpoint_openssl`, :mod:`servers.endpoint_tlslite`, :mod:`servers.endpoint_scapy`,
   or :class:`RefuseBackend`) does the handshake with its own deadline and records the negotiated
   version, suite, client chain, alerts and resumption;
3. if the scenario names suites and another one was negotiated, the connection is closed as
   ``REFUSED``: a backend must never silently serve something else (ARCHITECTURE.md: tlslite-ng
   asked for static ECDH);
4. the app runs with an idle deadline; then close_notify and close.

The stalling scenarios (:data:`servers.apps.STALLS`) stop part-way on purpose: ``Silent`` after step 1 (the
ClientHello is recorded, never answered), ``Hold`` and ``NoRead`` after step 2 (the first reads and never
closes, the second never reads); each holds its connection until the client leaves or the endpoint stops.

Every step commits to the :class:`~servers.recorder.Recorder` whatever happens. The scenario is
chosen by the port, never by SNI (ARCHITECTURE.md "TLS servers").
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Self

from .apps import Hold, NoRead, Silent
from .apps.metered import Metered
from .apps.run import run_app
from .clienthello import ClientHelloInfo, Incomplete, NotTls, peek_client_hello
from .listener import Listener
from .pki import CertFiles, KeyFiles, Pki
from .protocol import Backend
from .recorder import Alert, Draft, Outcome, Recorder
from .running import Running
from .scenarios import Dial, Scenario

__all__ = [
    "HandshakeError",
    "PeerAborted",
    "RefuseBackend",
    "ServerConfig",
    "Session",
    "Timeouts",
    "TlsBackend",
    "TlsEndpoint",
    "UnservableScenario",
    "server_config",
]


class UnservableScenario(ValueError):
    """The chosen backend cannot serve this scenario as written (raised when building it)."""


class HandshakeError(Exception):
    """The handshake failed; ``timeout`` if a deadline passed, ``peer_closed`` if the peer left."""

    def __init__(self, message: str, *, timeout: bool = False, peer_closed: bool = False) -> None:
        super().__init__(message)
        self.timeout = timeout
        self.peer_closed = peer_closed


class PeerAborted(Exception):
    """After the handshake, the peer closed without close_notify or reset the connection."""


class Session(Protocol):
    """A handshaken TLS connection as the app sees it."""

    def recv(self, size: int) -> bytes:
        """Application bytes; ``b""`` after close_notify or EOF; ``PeerAborted``/``TimeoutError``."""
        ...

    def sendall(self, data: bytes) -> None:
        """Send application bytes."""
        ...

    def settimeout(self, seconds: float | None) -> None:
        """The deadline of each following read or write (``socket.settimeout``)."""
        ...

    def close(self) -> None:
        """Send close_notify (RFC 8446 §6.1) if still possible; never raises, never blocks long."""
        ...


class TlsBackend(Protocol):
    """Does the handshake on a socket whose ClientHello has been peeked, filling the draft."""

    def handshake(self, sock: socket.socket, draft: Draft) -> Session:
        """Return the session or raise :class:`HandshakeError`."""
        ...


@dataclass(frozen=True, kw_only=True)
class Timeouts:
    """Per-connection deadlines, seconds. Nothing waits longer than one of these."""

    #: for the whole ClientHello to arrive
    hello: float = 10.0
    #: for the rest of the handshake
    handshake: float = 10.0
    #: between two reads of the app; a module may pause between AT commands (a write's own deadline grows with
    #: its size: servers/apps/metered.py)
    idle: float = 30.0


@dataclass(frozen=True, kw_only=True)
class ServerConfig:
    """What a client (or a module) needs to reach one endpoint: address and files to store.

    ``host`` is the name to dial (the advertised host, or the IP for ``Dial.IP`` scenarios);
    ``ca`` is the root a verifying client should trust, in every encoding; the client files
    are set when the scenario names a client credential.
    """

    scenario: Scenario
    host: str
    port: int
    bind: str
    ca: CertFiles
    client_cert: CertFiles | None
    client_chain_pem: Path | None
    client_key: KeyFiles | None
    srp: tuple[str, str] | None

    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)`` to connect to."""
        return (self.host, self.port)

    @property
    def ca_pem(self) -> Path:
        """PEM file of the root to trust."""
        return self.ca.pem


def server_config(scenario: Scenario, pki: Pki, *, bind: str, port: int) -> ServerConfig:
    """The :class:`ServerConfig` of ``scenario`` served from ``(bind, port)`` with ``pki``."""
    client = pki.credentials[scenario.client_credential] if scenario.client_credential else None
    return ServerConfig(
        scenario=scenario,
        host=pki.server_ip if scenario.dial is Dial.IP else pki.server_host,
        port=port,
        bind=bind,
        ca=pki.roots[scenario.trust],
        client_cert=client.leaf_files if client else None,
        client_chain_pem=client.chain_pem if client else None,
        client_key=client.key_files if client else None,
        srp=scenario.srp,
    )


# RFC 5246 §7.2 / RFC 8446 §6: level 2 = fatal, description 40 = handshake_failure.
_HANDSHAKE_FAILURE = Alert(level=2, description=40)


class RefuseBackend:
    """For scenarios no backend serves: record the hello, answer handshake_failure, close.

    The alert goes in a plaintext record whose version echoes the client's record version
    (RFC 5246 Appendix E.1 lets a server answer in the client's record version), which every
    client parses before it has negotiated anything.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def handshake(self, sock: socket.socket, draft: Draft) -> Session:
        hello = draft.client_hello
        major, minor = hello.record_version if hello is not None and not hello.ssl2 else (3, 1)
        record = bytes([21, major, minor, 0, 2, _HANDSHAKE_FAILURE.level, _HANDSHAKE_FAILURE.description])
        try:
            sock.sendall(record)
            draft.alerts_sent.append(_HANDSHAKE_FAILURE)
            # Half-close so the alert is delivered before the FIN, then let the client read it.
            sock.shutdown(socket.SHUT_WR)
        except OSError as exc:
            raise _Refused(f"{self.reason} (alert not delivered: {exc})") from exc
        raise _Refused(self.reason)


class _Refused(Exception):
    """The endpoint refuses on purpose (REFUSE backend, or a suite outside the scenario)."""


def _make_backend(scenario: Scenario, pki: Pki) -> TlsBackend:
    # Imported here: the backends import this module's exceptions and protocols.
    if scenario.backend is Backend.REFUSE:
        assert scenario.unservable is not None
        return RefuseBackend(scenario.unservable)
    if scenario.backend is Backend.OPENSSL:
        from .endpoint_openssl import OpenSslBackend

        return OpenSslBackend(scenario, pki)
    if scenario.backend is Backend.SCAPY:
        from .endpoint_scapy import ScapyBackend  # scapy is imported only by a farm that serves its suites

        return ScapyBackend(scenario, pki)
    from .endpoint_tlslite import TlsliteBackend

    return TlsliteBackend(scenario, pki)


class TlsEndpoint(Running):
    """Serve ``scenario`` on its own port and record every connection.

    A context manager: entering starts the listener (port 0 unless ``port`` is given) and
    returns the endpoint; :attr:`config` and :attr:`recorder` are then ready. Exiting stops it.
    ``UnservableScenario`` is raised at construction when the backend cannot serve the scenario.
    """

    def __init__(
        self,
        scenario: Scenario,
        pki: Pki,
        *,
        bind: str = "127.0.0.1",
        port: int = 0,
        timeouts: Timeouts = Timeouts(),
    ) -> None:
        self.scenario = scenario
        self.pki = pki
        self.timeouts = timeouts
        self.recorder = Recorder(scenario.id)
        self._backend = _make_backend(scenario, pki)
        self._bind = bind
        self._listener = Listener(self._handle, bind=bind, port=port, name=f"tls-{scenario.id}")
        self._config: ServerConfig | None = None
        self._codes = frozenset(info.code for info in scenario.suite_infos)

    @property
    def config(self) -> ServerConfig:
        """Where the endpoint listens and what a client needs; valid once started."""
        if self._config is None:
            raise RuntimeError(f"{self.scenario.id}: endpoint not started")
        return self._config

    def start(self) -> Self:
        """Start listening; return self."""
        self._listener.start()
        self._config = server_config(self.scenario, self.pki, bind=self._bind, port=self._listener.port)
        return self

    def request_stop(self) -> None:
        """Begin stopping without waiting (see :meth:`servers.listener.Listener.request_stop`)."""
        self._listener.request_stop()

    def stop(self) -> None:
        """Stop listening and end open connections (bounded waits)."""
        self._listener.stop()

    def _handle(self, sock: socket.socket, peer: tuple[str, int]) -> None:
        draft = self.recorder.open(peer)
        try:
            self._serve(sock, draft)
        except Exception as exc:  # recorded, never raised into the listener
            draft.finish(Outcome.ERROR, "error", f"{type(exc).__name__}: {exc}")
        finally:
            self.recorder.commit(draft)

    def _serve(self, sock: socket.socket, draft: Draft) -> None:
        app = self.scenario.app
        if isinstance(app, NoRead):
            # Before the handshake: the buffer bounds what the kernel takes for us once we stop reading.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, app.rcvbuf)
        hello = peek_client_hello(sock, time.monotonic() + self.timeouts.hello)
        if isinstance(hello, NotTls):
            draft.not_tls = hello
            draft.finish(Outcome.NOT_TLS, "server-close", hello.reason)
            return
        if isinstance(hello, Incomplete):
            draft.incomplete = hello
            draft.finish(
                Outcome.INCOMPLETE_HELLO,
                "client-close" if hello.closed else "timeout",
                f"{len(hello.first_bytes)} bytes before the {'close' if hello.closed else 'deadline'}",
            )
            return
        assert isinstance(hello, ClientHelloInfo)
        draft.client_hello = hello
        if isinstance(app, Silent):
            self._silent(sock, draft)
            return
        sock.settimeout(self.timeouts.handshake)
        try:
            session = self._backend.handshake(sock, draft)
        except _Refused as exc:
            draft.finish(Outcome.REFUSED, "refused", str(exc))
            return
        except HandshakeError as exc:
            if exc.timeout:
                draft.finish(Outcome.TIMEOUT, "timeout", str(exc))
            else:
                draft.finish(Outcome.HANDSHAKE_FAILED, "client-close" if exc.peer_closed else "handshake", str(exc))
            return
        if self._codes and draft.cipher_code not in self._codes:
            session.close()
            draft.finish(
                Outcome.REFUSED,
                "refused",
                f"negotiated {draft.cipher}, outside the scenario's {', '.join(self.scenario.suites)}",
            )
            return
        if isinstance(app, Hold | NoRead):
            (self._hold if isinstance(app, Hold) else self._no_read)(session, draft)
            return
        try:
            app_io = Metered(session, draft, self.timeouts.idle)
            ended_by = run_app(self.scenario.app, app_io, draft.app_log, self._listener.stopping)
        except TimeoutError:
            session.close()
            draft.finish(Outcome.TIMEOUT, "timeout", f"idle for {self.timeouts.idle} s, or a write did not drain")
            return
        except PeerAborted as exc:
            draft.finish(Outcome.COMPLETED, "client-abort", str(exc))
            return
        except OSError as exc:
            if self._listener.stopping.is_set():
                draft.finish(Outcome.COMPLETED, "server-stopped", str(exc))
            else:
                draft.finish(Outcome.COMPLETED, "client-abort", f"{type(exc).__name__}: {exc}")
            return
        session.close()
        draft.finish(Outcome.COMPLETED, ended_by)

    def _ended(self, draft: Draft, what: str) -> None:
        """Finish a stalled connection: who ended it, and what the stall was."""
        stopped = self._listener.stopping.is_set()
        draft.finish(
            Outcome.COMPLETED if draft.version is not None else Outcome.HANDSHAKE_FAILED,
            "server-stopped" if stopped else "client-close",
            what,
        )

    def _silent(self, sock: socket.socket, draft: Draft) -> None:
        """``Silent``: read (the ClientHello, then whatever follows) and answer nothing until the client leaves or
        the endpoint stops."""
        sock.settimeout(self.timeouts.idle)
        taken = 0
        while not self._listener.stopping.is_set():
            try:
                data = sock.recv(16384)
            except TimeoutError:
                continue
            except OSError:
                break
            if not data:
                break
            taken += len(data)
        draft.app_log.append(f"silent: {taken} bytes taken (the ClientHello included), nothing answered")
        self._ended(draft, "the ClientHello was never answered (silent)")

    def _hold(self, session: Session, draft: Draft) -> None:
        """``Hold``: read and answer nothing; after the client's close_notify or its TCP close, keep the connection
        (no close_notify, no close) until the endpoint stops."""
        stopping = self._listener.stopping
        session.settimeout(self.timeouts.idle)
        while not stopping.is_set():
            try:
                data = session.recv(16384)
            except TimeoutError:
                continue
            except PeerAborted as exc:
                draft.app_log.append(f"hold: the client left without close_notify ({exc}); held, unanswered")
                break
            except OSError:
                break
            if not data:
                draft.app_log.append("hold: close_notify received; held, unanswered")
                break
            draft.bytes_received += len(data)
        stopping.wait()  # "never closes": the endpoint's stop ends the connection (the listener shuts it down)
        self._ended(draft, "held open until the endpoint stopped")

    def _no_read(self, session: Session, draft: Draft) -> None:
        """``NoRead``: read nothing until the endpoint stops; then take what the receive buffer holds (bounded) and
        record it as ``bytes_received``."""
        stopping = self._listener.stopping
        stopping.wait()
        session.settimeout(_DRAIN_READ)
        deadline = time.monotonic() + _DRAIN_TOTAL
        while time.monotonic() < deadline:
            try:
                data = session.recv(16384)
            except (OSError, PeerAborted):
                break
            if not data:
                break
            draft.bytes_received += len(data)
        draft.app_log.append(f"no-read: {draft.bytes_received} application bytes taken when the endpoint stopped")
        self._ended(draft, "never read; held open until the endpoint stopped")


#: ``NoRead`` at the endpoint's stop: each read of the buffer's rest waits at most this, all of them together
#: :data:`_DRAIN_TOTAL` (the listener joins a connection's thread within 5 s).
_DRAIN_READ = 0.2
_DRAIN_TOTAL = 1.0
