"""The lab farm's control endpoint: a suite on another host reads what the farm's servers recorded.

``python -m servers`` starts one :class:`ControlServer` beside its scenarios, bound to ``--bind`` like
them, and writes its URL and a token into the manifest (file mode 0600): the token is generated at start
(``secrets.token_urlsafe``), exists only in the farm's memory and in the manifest, and every request must
carry it (``Authorization: Bearer <token>``, compared in constant time); without it the answer is 401 and
nothing else. The endpoint is read-only: it answers ``GET`` only, and only these two paths::

    GET /v1/cursor/<scenario>   -> {"index": n, "in_flight": k, "time": t}
    GET /v1/records/<scenario>?since=n&after=t&count=c&wait=s
                                -> {"records": [...], "in_flight": k, "time": t}

``cursor`` says where the scenario's records stand now (committed count, connections open, the farm's
clock); ``records`` lists the records from index ``since`` on, waiting up to ``wait`` seconds (at most
:data:`MAX_WAIT`) until ``count`` of them started at ``after`` or later.

What a record carries (:func:`record_to_json`): the ClientHello as sent, the negotiated version and suite,
the client's certificate chain as sent (public certificates), alerts, resumption, byte counts, how the
connection ended, and the app's log lines (an HTTP request line, an FTP user name and file names). No
record holds a secret: no private key, no PSK or session secret (the ClientHello's PSK identities and binders
are public values), no password (the FTP app logs the user name, never the PASS argument; the SRP extension
carries the user name only); ``tests/servers/test_control_endpoint.py`` checks a farm's records against its keys and
passwords.

The suite's side is :class:`ControlClient` (every request with a deadline: :class:`ControlError` names the
endpoint and the deadline) and :class:`LabRecorder`, a :class:`~servers.recorder.Recorder` whose records
are those a scenario committed since the cursor taken when the test got its server, read over the network:
the tests read a lab farm's records exactly as a local endpoint's.
"""

from __future__ import annotations

import base64
import hmac
import http.client
import json
import secrets
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from .clienthello import ClientHelloInfo, Incomplete, NotTls
from .endpoint import ServerConfig
from .recorder import RECORD_WAIT, Alert, ConnectionRecord, Draft, Outcome, Recorder
from .running import Running

__all__ = [
    "MAX_WAIT",
    "ControlClient",
    "ControlError",
    "ControlServer",
    "Cursor",
    "LabRecorder",
    "lab_recorder",
    "record_from_json",
    "record_to_json",
    "register_handle",
]

#: The longest a ``records`` request waits for records on the farm's side (a test's own wait is shorter).
MAX_WAIT = 60.0
#: Deadline of a request's network part (connect, send, the answer's bytes), beyond its ``wait``.
REQUEST_DEADLINE = 5.0


class ControlError(Exception):
    """The control endpoint could not be reached, did not answer in time, or refused the request."""


def _hex(data: bytes) -> str:
    return data.hex()


def _hello_json(hello: ClientHelloInfo) -> dict[str, Any]:
    return {
        "record_version": list(hello.record_version),
        "legacy_version": list(hello.legacy_version),
        "supported_versions": [list(v) for v in hello.supported_versions],
        "cipher_suites": list(hello.cipher_suites),
        "compression_methods": list(hello.compression_methods),
        "extensions": list(hello.extensions),
        "sni": hello.sni,
        "session_id": _hex(hello.session_id),
        "supported_groups": list(hello.supported_groups),
        "alpn": list(hello.alpn),
        "ssl2": hello.ssl2,
        "raw": base64.b64encode(hello.raw).decode("ascii"),
    }


def _pair(value: Any) -> tuple[int, int]:
    return (int(value[0]), int(value[1]))


def _hello_from(data: Mapping[str, Any]) -> ClientHelloInfo:
    return ClientHelloInfo(
        record_version=_pair(data["record_version"]),
        legacy_version=_pair(data["legacy_version"]),
        supported_versions=tuple(_pair(v) for v in data["supported_versions"]),
        cipher_suites=tuple(int(c) for c in data["cipher_suites"]),
        compression_methods=tuple(int(c) for c in data["compression_methods"]),
        extensions=tuple(int(e) for e in data["extensions"]),
        sni=data["sni"],
        session_id=bytes.fromhex(data["session_id"]),
        supported_groups=tuple(int(g) for g in data["supported_groups"]),
        alpn=tuple(str(a) for a in data["alpn"]),
        ssl2=bool(data["ssl2"]),
        raw=base64.b64decode(data["raw"]),
    )


def record_to_json(record: ConnectionRecord) -> dict[str, Any]:
    """One record as JSON-ready data (what the control endpoint sends; nothing secret: module docstring)."""
    return {
        "index": record.index,
        "scenario": record.scenario,
        "peer": [record.peer[0], record.peer[1]],
        "started": record.started,
        "duration": record.duration,
        "client_hello": _hello_json(record.client_hello) if record.client_hello is not None else None,
        "not_tls": {"reason": record.not_tls.reason, "first_bytes": _hex(record.not_tls.first_bytes)}
        if record.not_tls is not None
        else None,
        "incomplete": {"closed": record.incomplete.closed, "first_bytes": _hex(record.incomplete.first_bytes)}
        if record.incomplete is not None
        else None,
        "version": record.version,
        "cipher": record.cipher,
        "cipher_code": record.cipher_code,
        "client_chain": [base64.b64encode(der).decode("ascii") for der in record.client_chain],
        "alerts_received": [[a.level, a.description] for a in record.alerts_received],
        "alerts_sent": [[a.level, a.description] for a in record.alerts_sent],
        "resumed": record.resumed,
        "bytes_received": record.bytes_received,
        "bytes_sent": record.bytes_sent,
        "outcome": record.outcome.value,
        "ended_by": record.ended_by,
        "error": record.error,
        "app_log": list(record.app_log),
    }


def record_from_json(data: Mapping[str, Any]) -> ConnectionRecord:
    """The record :func:`record_to_json` describes; ``KeyError``/``ValueError`` when it is not one."""
    not_tls = data["not_tls"]
    incomplete = data["incomplete"]
    return ConnectionRecord(
        index=int(data["index"]),
        scenario=str(data["scenario"]),
        peer=(str(data["peer"][0]), int(data["peer"][1])),
        started=float(data["started"]),
        duration=float(data["duration"]),
        client_hello=_hello_from(data["client_hello"]) if data["client_hello"] is not None else None,
        not_tls=NotTls(reason=str(not_tls["reason"]), first_bytes=bytes.fromhex(not_tls["first_bytes"]))
        if not_tls is not None
        else None,
        incomplete=Incomplete(closed=bool(incomplete["closed"]), first_bytes=bytes.fromhex(incomplete["first_bytes"]))
        if incomplete is not None
        else None,
        version=data["version"],
        cipher=data["cipher"],
        cipher_code=data["cipher_code"],
        client_chain=tuple(base64.b64decode(der) for der in data["client_chain"]),
        alerts_received=tuple(Alert(level=int(a[0]), description=int(a[1])) for a in data["alerts_received"]),
        alerts_sent=tuple(Alert(level=int(a[0]), description=int(a[1])) for a in data["alerts_sent"]),
        resumed=data["resumed"],
        bytes_received=int(data["bytes_received"]),
        bytes_sent=int(data["bytes_sent"]),
        outcome=Outcome(data["outcome"]),
        ended_by=str(data["ended_by"]),
        error=data["error"],
        app_log=tuple(str(line) for line in data["app_log"]),
    )


# ---------------------------------------------------------------------------------------------- server


def _records_since(recorder: Recorder, since: int) -> list[ConnectionRecord]:
    return [r for r in recorder.records if r.index >= since]


def _wait_records(recorder: Recorder, since: int, after: float, count: int, wait: float) -> list[ConnectionRecord]:
    """The records from ``since`` on, once ``count`` of them started at ``after`` or later, or at the deadline."""
    deadline = time.monotonic() + min(max(wait, 0.0), MAX_WAIT)
    while True:
        found = _records_since(recorder, since)
        if sum(1 for r in found if r.started >= after) >= count:
            return found
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return found
        try:
            recorder.wait_for(len(recorder.records) + 1, timeout=remaining)
        except TimeoutError:
            return _records_since(recorder, since)


class _Handler(BaseHTTPRequestHandler):
    """One request: check the token, answer ``cursor`` or ``records`` as JSON."""

    server: _HttpServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a lab farm logs nothing per request (the token is in a header, never logged anyway)."""

    def _send(self, status: int, body: Mapping[str, Any]) -> None:
        payload = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _authorised(self) -> bool:
        given = self.headers.get("Authorization", "")
        expected = f"Bearer {self.server.token}"
        # Constant time: a wrong token takes as long to refuse whatever its prefix.
        return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))

    def do_GET(self) -> None:
        """``/v1/cursor/<scenario>`` or ``/v1/records/<scenario>?since&after&count&wait``."""
        if not self._authorised():
            self._send(401, {"error": "missing or wrong token"})
            return
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        if len(parts) != 3 or parts[0] != "v1" or parts[1] not in ("cursor", "records"):
            self._send(404, {"error": f"no such path {url.path!r}: /v1/cursor/<scenario> or /v1/records/<scenario>"})
            return
        recorder = self.server.recorders.get(urllib.parse.unquote(parts[2]))
        if recorder is None:
            self._send(404, {"error": f"no scenario {parts[2]!r} on this farm"})
            return
        if parts[1] == "cursor":
            in_flight, committed = recorder.in_flight, len(recorder.records)
            self._send(200, {"index": committed, "in_flight": in_flight, "time": time.time()})
            return
        query = urllib.parse.parse_qs(url.query)
        try:
            since = int(query.get("since", ["0"])[0])
            after = float(query.get("after", ["0"])[0])
            count = int(query.get("count", ["0"])[0])
            wait = float(query.get("wait", ["0"])[0])
        except ValueError as e:
            self._send(400, {"error": f"bad query {url.query!r}: {e}"})
            return
        found = _wait_records(recorder, since, after, count, wait)
        self._send(
            200,
            {"records": [record_to_json(r) for r in found], "in_flight": recorder.in_flight, "time": time.time()},
        )


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], token: str, recorders: Mapping[str, Recorder]) -> None:
        super().__init__(address, _Handler)
        self.token = token
        self.recorders = recorders

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that left before its answer (its own deadline passed) is no error of the farm's."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class ControlServer(Running):
    """The read-only control endpoint of a farm: ``with ControlServer(recorders, bind=...) as control``.

    ``recorders`` maps each scenario id to its endpoint's recorder; ``host`` is the name the suite reaches
    the farm by (it goes into :attr:`url`); ``token`` is generated when not given.
    """

    def __init__(
        self,
        recorders: Mapping[str, Recorder],
        *,
        bind: str = "127.0.0.1",
        host: str | None = None,
        port: int = 0,
        token: str | None = None,
    ) -> None:
        self.recorders = dict(recorders)
        self.bind = bind
        self.host = host or bind
        self.port = port
        self.token = token if token is not None else secrets.token_urlsafe(32)
        self._http: _HttpServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://host:port`` of the started endpoint."""
        if self._http is None:
            raise RuntimeError("control endpoint not started")
        return f"http://{self.host}:{self._http.server_address[1]}"

    def start(self) -> Self:
        """Listen on ``bind`` and serve in a background thread."""
        self._http = _HttpServer((self.bind, self.port), self.token, self.recorders)
        self._thread = threading.Thread(target=self._http.serve_forever, name="servers-control", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        if self._thread is not None:
            self._thread.join(REQUEST_DEADLINE)
            self._thread = None


# ---------------------------------------------------------------------------------------------- client


@dataclass(frozen=True, kw_only=True)
class Cursor:
    """Where a scenario's records stood: ``index`` committed, ``in_flight`` open, at the farm's ``time``."""

    index: int
    in_flight: int
    time: float


class ControlClient:
    """Requests to a farm's control endpoint, each within ``deadline`` seconds (plus its own wait)."""

    def __init__(self, url: str, token: str, *, deadline: float = REQUEST_DEADLINE) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "http" or not parts.hostname or not parts.port:
            raise ValueError(f"control endpoint {url!r}: expected http://host:port")
        self.url = url
        self._host = parts.hostname
        self._port = parts.port
        self._token = token
        self.deadline = deadline

    def __repr__(self) -> str:
        return f"ControlClient({self.url!r})"  # never the token

    def _get(self, path: str, wait: float = 0.0) -> dict[str, Any]:
        limit = self.deadline + wait
        conn = http.client.HTTPConnection(self._host, self._port, timeout=limit)
        try:
            conn.request("GET", path, headers={"Authorization": f"Bearer {self._token}"})
            response = conn.getresponse()
            body = response.read()
        except TimeoutError:
            raise ControlError(
                f"the lab farm's control endpoint {self.url} did not answer {path.split('?')[0]} within {limit:g} s"
            ) from None
        except OSError as e:
            raise ControlError(f"the lab farm's control endpoint {self.url} cannot be reached: {e}") from None
        except http.client.HTTPException as e:
            raise ControlError(f"the lab farm's control endpoint {self.url} answered garbage: {e!r}") from None
        finally:
            conn.close()
        if response.status != 200:
            raise ControlError(
                f"the lab farm's control endpoint {self.url} refused {path.split('?')[0]}: HTTP {response.status} "
                f"{body[:200].decode('utf-8', 'replace')}"
            )
        try:
            data = json.loads(body)
        except ValueError as e:
            raise ControlError(f"the lab farm's control endpoint {self.url} answered no JSON: {e}") from None
        if not isinstance(data, dict):
            raise ControlError(f"the lab farm's control endpoint {self.url} answered {type(data).__name__}")
        return data

    def cursor(self, scenario: str) -> Cursor:
        """Where ``scenario``'s records stand now."""
        data = self._get(f"/v1/cursor/{urllib.parse.quote(scenario, safe='')}")
        return Cursor(index=int(data["index"]), in_flight=int(data["in_flight"]), time=float(data["time"]))

    def records(
        self, scenario: str, cursor: Cursor, *, count: int = 0, wait: float = 0.0
    ) -> tuple[tuple[ConnectionRecord, ...], int]:
        """The records committed since ``cursor`` (waiting up to ``wait`` s for ``count`` of them that started
        after it) and the connections open now."""
        query = urllib.parse.urlencode(
            {"since": cursor.index, "after": repr(cursor.time), "count": count, "wait": wait}
        )
        data = self._get(f"/v1/records/{urllib.parse.quote(scenario, safe='')}?{query}", wait)
        try:
            found = tuple(record_from_json(r) for r in data["records"])
            return found, int(data["in_flight"])
        except (KeyError, ValueError, TypeError, IndexError) as e:
            raise ControlError(
                f"the lab farm's control endpoint {self.url} sent a record this suite cannot read: {e!r}"
            ) from None


class LabRecorder(Recorder):
    """A scenario's records on a lab farm since a cursor, read like a local :class:`Recorder`.

    ``records``, ``in_flight``, ``wait_for``, ``last`` and ``clear`` behave as a local endpoint's would if
    it had been started when the cursor was taken: connections begun before it are not this test's (they
    are left out of the records and of ``in_flight``). Another client dialling the same scenario at the same
    time (a second module of the lab) would be counted too: a lab farm is one module's at a time.
    ``open``/``commit`` are the farm's side and refused here. A failure of the control endpoint raises
    ``error(message)`` (:class:`ControlError` unless the suite gives another type, see :meth:`raise_as`).
    """

    def __init__(self, client: ControlClient, scenario: str, cursor: Cursor | ControlError) -> None:
        super().__init__(scenario)
        self.client = client
        self._cursor = cursor
        self._error: Callable[[str], Exception] = ControlError

    def raise_as(self, error: Callable[[str], Exception]) -> None:
        """Raise ``error(message)`` instead of :class:`ControlError` when the control endpoint fails."""
        self._error = error

    def _mine(self) -> Cursor:
        if isinstance(self._cursor, ControlError):
            raise self._error(
                f"{self.scenario}: the records' cursor could not be taken when the server was handed "
                f"out: {self._cursor}"
            )
        return self._cursor

    def _fetch(self, count: int = 0, wait: float = 0.0) -> tuple[tuple[ConnectionRecord, ...], int]:
        cursor = self._mine()
        try:
            found, in_flight = self.client.records(self.scenario, cursor, count=count, wait=wait)
        except ControlError as e:
            raise self._error(f"{self.scenario}: {e}") from None
        mine = tuple(r for r in found if r.started >= cursor.time)
        # Connections open at the cursor are not this test's: those since committed are in ``found`` with an
        # earlier start; the rest are still open and counted in ``in_flight``.
        older_open = max(0, cursor.in_flight - (len(found) - len(mine)))
        return mine, max(0, in_flight - older_open)

    def open(self, peer: tuple[str, int]) -> Draft:
        """Refused: a lab recorder only reads."""
        raise TypeError("a lab farm's records are read, not written, by the suite")

    def commit(self, draft: Draft) -> ConnectionRecord:
        """Refused: a lab recorder only reads."""
        raise TypeError("a lab farm's records are read, not written, by the suite")

    @property
    def records(self) -> tuple[ConnectionRecord, ...]:
        """Records committed since the cursor, oldest first."""
        return self._fetch()[0]

    @property
    def in_flight(self) -> int:
        """Connections accepted since the cursor and not yet committed."""
        return self._fetch()[1]

    def wait_for(self, count: int, timeout: float = RECORD_WAIT) -> tuple[ConnectionRecord, ...]:
        """Wait (on the farm) until ``count`` records exist since the cursor; ``TimeoutError`` as a local one."""
        found, in_flight = self._fetch(count, timeout)
        if len(found) < count:
            raise TimeoutError(
                f"{self.scenario}: {len(found)} of {count} connection records after {timeout} s ({in_flight} still "
                f"open; lab farm {self.client.url})"
            )
        return found

    def clear(self) -> None:
        """Forget the records so far: the cursor moves to now."""
        self._cursor = self.client.cursor(self.scenario)


#: The lab recorders handed out with a server config, by the config's identity (the config is kept so that
#: its id is not reused); see :func:`register_handle`.
_HANDLES: dict[int, tuple[ServerConfig, LabRecorder]] = {}
_HANDLES_LOCK = threading.Lock()


def register_handle(client: ControlClient, config: ServerConfig) -> LabRecorder:
    """Take ``config``'s scenario cursor now (the moment a test gets its server) and remember the recorder.

    A control endpoint that fails here does not fail the handing out: the recorder raises when read.
    """
    scenario = config.scenario.id
    try:
        cursor: Cursor | ControlError = client.cursor(scenario)
    except ControlError as e:
        cursor = e
    recorder = LabRecorder(client, scenario, cursor)
    with _HANDLES_LOCK:
        _HANDLES[id(config)] = (config, recorder)
    return recorder


def lab_recorder(config: ServerConfig) -> LabRecorder | None:
    """The lab recorder registered with ``config`` (:func:`register_handle`), ``None`` for any other config."""
    with _HANDLES_LOCK:
        found = _HANDLES.get(id(config))
    return found[1] if found is not None and found[0] is config else None
