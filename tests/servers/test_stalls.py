"""The stalling endpoints (servers.apps.STALLS) against a real client (CPython's ``ssl``), each beside a control
that answers: ``silent-hello`` never answers the ClientHello, ``hold-open`` never answers the close, ``no-read``
stops taking bytes after a few KiB. Every wait here has a deadline."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator

import pytest

from servers.endpoint import ServerConfig, Timeouts, TlsEndpoint
from servers.farm import Farm
from servers.manifest import manifest_dict
from servers.pki import Pki
from servers.recorder import ConnectionRecord, Outcome
from servers.scenarios import CATALOG, by_id

pytestmark = pytest.mark.timeout(60)

#: A client's wait for something a stalling endpoint never does; the controls get the same.
STALL = 0.5
#: What a client pushes at ``no-read`` at most: far beyond its 4 KiB receive buffer and the client's send buffer.
PUSH_LIMIT = 4 * 1024 * 1024
CHUNK = 4096


@pytest.fixture
def endpoint(farm_pki: Pki) -> Iterator[dict[str, TlsEndpoint]]:
    """Endpoints started by the test, by scenario id; stopped at its end."""
    started: dict[str, TlsEndpoint] = {}
    yield started
    for server in started.values():
        server.stop()


def _start(endpoints: dict[str, TlsEndpoint], pki: Pki, scenario_id: str) -> TlsEndpoint:
    server = TlsEndpoint(by_id(scenario_id), pki, timeouts=Timeouts(idle=30.0)).start()
    endpoints[scenario_id] = server
    return server


def _context(cfg: ServerConfig) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(cfg.ca_pem))
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def _connect(cfg: ServerConfig, timeout: float) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", cfg.port), timeout=timeout)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)  # a client's own send buffer, small and fixed
    return _context(cfg).wrap_socket(raw, server_hostname=cfg.host)


def _record(server: TlsEndpoint) -> ConnectionRecord:
    return server.recorder.wait_for(1, timeout=5)[0]


def test_the_stalling_scenarios_are_catalogued_and_apart() -> None:
    stalling = {s.id for s in CATALOG if s.stalls}
    assert stalling == {"silent-hello", "hold-open", "no-read"}
    assert not by_id("valid").stalls  # control: an answering scenario is not one


def test_the_lab_farm_serves_and_lists_them(farm_pki: Pki) -> None:
    ids = ("silent-hello", "hold-open", "no-read", "valid")
    with Farm(farm_pki, scenarios=[by_id(i) for i in ids]) as farm:
        entries = {e["id"]: e for e in manifest_dict(farm)["scenarios"]}
    assert {i: entries[i]["app"] for i in ids} == {
        "silent-hello": "silent", "hold-open": "hold", "no-read": "no-read", "valid": "echo"
    }


def test_silent_hello_takes_the_client_hello_and_never_answers(farm_pki: Pki, endpoint: dict[str, TlsEndpoint]) -> None:
    silent = _start(endpoint, farm_pki, "silent-hello")
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        _connect(silent.config, STALL)
    assert time.monotonic() - started >= STALL - 0.05, "the handshake waited its whole deadline"
    record = _record(silent)  # committed once the client's close reached the endpoint
    assert record.client_hello is not None and record.version is None, record.describe()
    assert record.outcome is Outcome.HANDSHAKE_FAILED and record.ended_by == "client-close", record.describe()
    # Control: the valid endpoint answers within the same deadline.
    valid = _start(endpoint, farm_pki, "valid")
    with _connect(valid.config, STALL) as tls:
        assert tls.version() == "TLSv1.2"


def test_hold_open_never_answers_the_close(farm_pki: Pki, endpoint: dict[str, TlsEndpoint]) -> None:
    hold = _start(endpoint, farm_pki, "hold-open")
    tls = _connect(hold.config, 5.0)
    tls.sendall(b"hello")
    tls.settimeout(STALL)
    with pytest.raises(TimeoutError):
        tls.unwrap()  # our close_notify goes; the server's never comes
    tls.close()
    assert not hold.recorder.records, "the endpoint still holds the connection after the client's close"
    stopped = time.monotonic()
    hold.stop()
    assert time.monotonic() - stopped < 3.0, "the endpoint's stop ends a held connection at once"
    record = _record(hold)
    assert record.ended_by == "server-stopped" and record.bytes_received == 5, record.describe()
    assert any("held" in line for line in record.app_log), record.describe()
    # Control: the valid endpoint answers the close.
    valid = _start(endpoint, farm_pki, "valid")
    with _connect(valid.config, 5.0) as tls2:
        tls2.settimeout(STALL)
        tls2.unwrap()


def _push(tls: ssl.SSLSocket, limit: int) -> int:
    """Send CHUNK-sized writes until one cannot go within STALL or ``limit`` bytes went; how many went."""
    tls.settimeout(STALL)
    sent = 0
    while sent < limit:
        try:
            tls.sendall(b"x" * CHUNK)
        except TimeoutError:
            return sent
        sent += CHUNK
    return sent


def test_no_read_stops_taking_bytes_after_a_few_kib(farm_pki: Pki, endpoint: dict[str, TlsEndpoint]) -> None:
    quiet = _start(endpoint, farm_pki, "no-read")
    tls = _connect(quiet.config, 5.0)
    sent = _push(tls, PUSH_LIMIT)
    assert sent < PUSH_LIMIT, "the endpoint stopped reading, so a write stalls"
    assert sent < 1024 * 1024, f"{sent} bytes went: the receive buffer is small"
    quiet.stop()
    tls.close()
    record = _record(quiet)
    assert record.ended_by == "server-stopped", record.describe()
    assert 0 < record.bytes_received <= sent + CHUNK, record.describe()
    # Control: the echo endpoint, whose echo we read back, takes four times as much, each write within STALL.
    valid = _start(endpoint, farm_pki, "valid")
    with _connect(valid.config, 5.0) as tls2:
        tls2.settimeout(STALL)
        for _ in range(4 * sent // CHUNK + 1):
            tls2.sendall(b"y" * CHUNK)
            got = 0
            while got < CHUNK:
                data = tls2.recv(CHUNK - got)
                assert data, "the echo endpoint closed"
                got += len(data)
