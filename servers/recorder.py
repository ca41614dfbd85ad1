"""Per-connection records of what a client did, kept thread-safely per endpoint.

An endpoint opens a :class:`Draft` when it accepts a connection, fills it from its own thread
(ClientHello, negotiated version and suite, client chain, alerts, resumption, bytes, how it
ended) and commits it; the :class:`Recorder` turns it into a frozen :class:`ConnectionRecord`.
Tests read records with :meth:`Recorder.wait_for`, which waits with a deadline because the
server finishes a connection after the client has already moved on.
"""

from __future__ import annotations

import enum
import threading
import time
from dataclasses import dataclass, field

from tlslite.constants import AlertDescription, AlertLevel

from .clienthello import ClientHelloInfo, Incomplete, NotTls

__all__ = ["Alert", "ConnectionRecord", "Draft", "Outcome", "Recorder"]



#: How long a test waits for a connection's record: a record is committed when the connection ends, and the
#: tests wait for one after the module has closed it (its answer came), so the wait is for the close to cross
#: the network and the server's thread to commit it. 5 s; it was 10, which a module that keeps the connection
#: open (a defect) made every such test wait out: 367 s of one kill-matrix run.
RECORD_WAIT = 5.0

class Outcome(enum.Enum):
    """How a connection ended."""

    #: handshake done, app ran, connection closed
    COMPLETED = "completed"
    #: the TLS handshake failed (alert sent or received, or the peer left mid-handshake)
    HANDSHAKE_FAILED = "handshake-failed"
    #: the endpoint refused on purpose: no backend serves the scenario (or it negotiated
    #: something other than the scenario's suites)
    REFUSED = "refused"
    #: the first bytes were not a ClientHello (garbage, plain HTTP)
    NOT_TLS = "not-tls"
    #: the peer closed or went quiet before its ClientHello was whole
    INCOMPLETE_HELLO = "incomplete-hello"
    #: a deadline passed after the ClientHello (handshake or app)
    TIMEOUT = "timeout"
    #: anything else: a bug of ours or an unexpected socket error (see ``error``)
    ERROR = "error"


@dataclass(frozen=True, kw_only=True)
class Alert:
    """A TLS alert (RFC 8446 §6, RFC 5246 §7.2)."""

    level: int
    description: int

    @property
    def name(self) -> str:
        """``fatal:handshake_failure`` style, from tlslite-ng's tables."""
        level = AlertLevel.toStr(self.level) if self.level in (1, 2) else str(self.level)
        return f"{level}:{AlertDescription.toStr(self.description)}"


@dataclass(frozen=True, kw_only=True)
class ConnectionRecord:
    """Everything recorded about one connection to one endpoint."""

    index: int
    scenario: str
    peer: tuple[str, int]
    started: float
    duration: float
    client_hello: ClientHelloInfo | None
    #: set when the first bytes were not a ClientHello, or it was incomplete
    not_tls: NotTls | None
    incomplete: Incomplete | None
    #: negotiated version, as ``ssl`` names it (``TLSv1.2``), ``None`` without a handshake
    version: str | None
    #: negotiated suite, IANA name
    cipher: str | None
    cipher_code: int | None
    #: client certificate chain as sent, DER, leaf first
    client_chain: tuple[bytes, ...]
    alerts_received: tuple[Alert, ...]
    alerts_sent: tuple[Alert, ...]
    #: the handshake resumed a session (``None`` if unknown or no handshake)
    resumed: bool | None
    bytes_received: int
    bytes_sent: int
    outcome: Outcome
    #: who or what ended it: ``client-close`` (EOF or close_notify), ``server-close``,
    #: ``timeout``, ``refused``, ``error``...
    ended_by: str
    error: str | None
    #: lines the app logged (the HTTP request line, FTP commands...)
    app_log: tuple[str, ...]

    @property
    def handshake_done(self) -> bool:
        """The handshake completed (a version was negotiated)."""
        return self.version is not None

    def describe(self) -> str:
        """The record as readable lines, for a report: what the client offered and what happened."""
        rows = [
            f"connection {self.index} from {self.peer[0]}:{self.peer[1]}: {self.outcome.value}, ended by "
            f"{self.ended_by}" + (f" ({self.error})" if self.error else "")
        ]
        hello = self.client_hello
        if hello is not None:
            versions = ", ".join(_version_name(v) for v in hello.supported_versions) or "none"
            rows.append(
                f"  ClientHello: record {_version_name(hello.record_version)}, legacy "
                f"{_version_name(hello.legacy_version)}, supported_versions [{versions}], SNI "
                f"{hello.sni!r}, session id {len(hello.session_id)} bytes"
            )
            rows.append(f"  offered suites ({len(hello.offered_suites)}): {', '.join(hello.offered_suite_names)}")
        elif self.not_tls is not None:
            rows.append(f"  not TLS: {self.not_tls}")
        elif self.incomplete is not None:
            rows.append(f"  incomplete ClientHello: {self.incomplete}")
        if self.version is not None:
            rows.append(f"  negotiated {self.version} {self.cipher}, resumed: {self.resumed}")
        if self.client_chain:
            rows.append(f"  client certificate chain: {len(self.client_chain)} certificate(s)")
        for alert in self.alerts_received:
            rows.append(f"  alert received: {alert.name}")
        for alert in self.alerts_sent:
            rows.append(f"  alert sent: {alert.name}")
        rows.append(f"  bytes received {self.bytes_received}, sent {self.bytes_sent}")
        rows.extend(f"  app: {line}" for line in self.app_log)
        return "\n".join(rows)


def _version_name(wire: tuple[int, int]) -> str:
    names = {(3, 0): "SSLv3", (3, 1): "TLS1.0", (3, 2): "TLS1.1", (3, 3): "TLS1.2", (3, 4): "TLS1.3"}
    return names.get(tuple(wire), f"{wire[0]}.{wire[1]}")  # type: ignore[arg-type]


@dataclass(kw_only=True)
class Draft:
    """A record being filled by the connection's thread; only that thread touches it."""

    scenario: str
    peer: tuple[str, int]
    started: float = field(default_factory=time.time)
    t0: float = field(default_factory=time.monotonic)
    client_hello: ClientHelloInfo | None = None
    not_tls: NotTls | None = None
    incomplete: Incomplete | None = None
    version: str | None = None
    cipher: str | None = None
    cipher_code: int | None = None
    client_chain: tuple[bytes, ...] = ()
    alerts_received: list[Alert] = field(default_factory=list)
    alerts_sent: list[Alert] = field(default_factory=list)
    resumed: bool | None = None
    bytes_received: int = 0
    bytes_sent: int = 0
    outcome: Outcome | None = None
    ended_by: str = ""
    error: str | None = None
    app_log: list[str] = field(default_factory=list)

    def finish(self, outcome: Outcome, ended_by: str, error: str | None = None) -> None:
        """Set how it ended, once: the first cause wins over later cleanup errors."""
        if self.outcome is None:
            self.outcome = outcome
            self.ended_by = ended_by
            self.error = error


class Recorder:
    """Thread-safe list of the records of one endpoint."""

    def __init__(self, scenario: str) -> None:
        self.scenario = scenario
        self._records: list[ConnectionRecord] = []
        self._open = 0
        self._cond = threading.Condition()

    def open(self, peer: tuple[str, int]) -> Draft:
        """Start recording a connection from ``peer``."""
        with self._cond:
            self._open += 1
        return Draft(scenario=self.scenario, peer=peer)

    def commit(self, draft: Draft) -> ConnectionRecord:
        """Freeze ``draft`` and add it; wakes :meth:`wait_for`."""
        with self._cond:
            record = ConnectionRecord(
                index=len(self._records),
                scenario=draft.scenario,
                peer=draft.peer,
                started=draft.started,
                duration=time.monotonic() - draft.t0,
                client_hello=draft.client_hello,
                not_tls=draft.not_tls,
                incomplete=draft.incomplete,
                version=draft.version,
                cipher=draft.cipher,
                cipher_code=draft.cipher_code,
                client_chain=draft.client_chain,
                alerts_received=tuple(draft.alerts_received),
                alerts_sent=tuple(draft.alerts_sent),
                resumed=draft.resumed,
                bytes_received=draft.bytes_received,
                bytes_sent=draft.bytes_sent,
                outcome=draft.outcome if draft.outcome is not None else Outcome.ERROR,
                ended_by=draft.ended_by or "unknown",
                error=draft.error if draft.outcome is not None else (draft.error or "no outcome set"),
                app_log=tuple(draft.app_log),
            )
            self._records.append(record)
            self._open -= 1
            self._cond.notify_all()
            return record

    @property
    def records(self) -> tuple[ConnectionRecord, ...]:
        """Committed records, oldest first."""
        with self._cond:
            return tuple(self._records)

    @property
    def in_flight(self) -> int:
        """Connections accepted and not yet committed."""
        with self._cond:
            return self._open

    def wait_for(self, count: int, timeout: float = RECORD_WAIT) -> tuple[ConnectionRecord, ...]:
        """Wait until at least ``count`` records exist; ``TimeoutError`` saying how many did."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._records) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"{self.scenario}: {len(self._records)} of {count} connection records "
                        f"after {timeout} s ({self._open} still open)"
                    )
                self._cond.wait(remaining)
            return tuple(self._records)

    def last(self, timeout: float = 10.0) -> ConnectionRecord:
        """The most recent record, waiting for one if there is none yet."""
        return self.wait_for(1, timeout)[-1]

    def clear(self) -> None:
        """Forget committed records (in-flight ones are still committed later)."""
        with self._cond:
            self._records.clear()
