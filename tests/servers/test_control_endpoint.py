"""The lab farm's control endpoint (servers.control): a token or nothing, records that round-trip, no secrets,
and a dead or slow endpoint that fails clearly within its deadline."""

from __future__ import annotations

import base64
import dataclasses
import http.client
import json
import os
import socket
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tls_clients import python_client

from servers.clienthello import Incomplete, NotTls
from servers.control import (
    ControlClient,
    ControlError,
    ControlServer,
    LabRecorder,
    lab_recorder,
    record_from_json,
    record_to_json,
    register_handle,
)
from servers.endpoint import TlsEndpoint
from servers.farm import Farm
from servers.manifest import load_manifest, write_manifest
from servers.pki import Pki
from servers.recorder import Alert, ConnectionRecord, Outcome
from servers.scenarios import FTPS_PASSWORD, SRP_PASSWORD, by_id

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def valid(farm_pki: Pki) -> Iterator[TlsEndpoint]:
    """A fresh endpoint of the ``valid`` scenario (records of this test only)."""
    with TlsEndpoint(by_id("valid"), farm_pki) as endpoint:
        yield endpoint


@pytest.fixture
def control(valid: TlsEndpoint) -> Iterator[ControlServer]:
    """A control endpoint serving the ``valid`` endpoint's records."""
    with ControlServer({"valid": valid.recorder}) as running:
        yield running


def _status(url: str, path: str, headers: dict[str, str]) -> int:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        conn.request("GET", path, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_token_missing_or_wrong_is_refused(control: ControlServer) -> None:
    assert _status(control.url, "/v1/cursor/valid", {}) == 401
    assert _status(control.url, "/v1/cursor/valid", {"Authorization": "Bearer " + "x" * len(control.token)}) == 401
    assert _status(control.url, "/v1/cursor/valid", {"Authorization": control.token}) == 401  # no scheme
    # the control: the same request with the token is answered
    assert _status(control.url, "/v1/cursor/valid", {"Authorization": f"Bearer {control.token}"}) == 200
    with pytest.raises(ControlError, match="HTTP 401"):
        ControlClient(control.url, "not-the-token").cursor("valid")


def test_token_is_random_and_never_shown(control: ControlServer, valid: TlsEndpoint) -> None:
    with ControlServer({"valid": valid.recorder}) as other:
        assert other.token != control.token and len(control.token) >= 32
    client = ControlClient(control.url, control.token)
    assert control.token not in repr(client)


def test_unknown_scenario_and_path(control: ControlServer) -> None:
    client = ControlClient(control.url, control.token)
    with pytest.raises(ControlError, match="HTTP 404"):
        client.cursor("no-such-scenario")
    assert _status(control.url, "/v1/keys/valid", {"Authorization": f"Bearer {control.token}"}) == 404


def test_records_round_trip(control: ControlServer, valid: TlsEndpoint) -> None:
    assert python_client(valid.config, verify=True).accepted  # before the cursor: not this test's
    valid.recorder.wait_for(1)
    client = ControlClient(control.url, control.token)
    lab = LabRecorder(client, "valid", client.cursor("valid"))
    assert not lab.records
    assert python_client(valid.config, verify=True).accepted
    (record,) = lab.wait_for(1)
    assert record == valid.recorder.records[1]  # every field, the ClientHello's bytes included
    assert record.client_hello is not None and record.handshake_done and record.outcome is Outcome.COMPLETED
    assert lab.last() == record and lab.records == (record,)
    lab.clear()
    assert not lab.records


def test_wait_for_times_out_like_a_local_recorder(control: ControlServer) -> None:
    client = ControlClient(control.url, control.token)
    lab = LabRecorder(client, "valid", client.cursor("valid"))
    started = time.monotonic()
    with pytest.raises(TimeoutError, match=r"0 of 1 connection records after 0\.3 s"):
        lab.wait_for(1, timeout=0.3)
    assert time.monotonic() - started < 3


def test_in_flight_counts_only_connections_since_the_cursor(control: ControlServer, valid: TlsEndpoint) -> None:
    client = ControlClient(control.url, control.token)
    with socket.create_connection(valid.config.address, timeout=5) as before:
        _wait(lambda: valid.recorder.in_flight == 1)
        lab = LabRecorder(client, "valid", client.cursor("valid"))
        assert lab.in_flight == 0  # open, but opened before the test got its server
        with socket.create_connection(valid.config.address, timeout=5):
            _wait(lambda: valid.recorder.in_flight == 2)
            assert lab.in_flight == 1 and not lab.records
        before.close()
        _wait(lambda: valid.recorder.in_flight == 0)
    assert lab.in_flight == 0
    (record,) = lab.records  # the older connection's record is not this test's
    assert record.incomplete is not None


def _wait(condition: object, deadline: float = 5.0) -> None:
    end = time.monotonic() + deadline
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < end, "the endpoint did not get there in time"
        time.sleep(0.01)


def test_every_field_round_trips() -> None:
    record = ConnectionRecord(
        index=3,
        scenario="s",
        peer=("192.0.2.1", 4000),
        started=1765090000.123456,
        duration=0.25,
        client_hello=None,
        not_tls=NotTls(reason="plain HTTP", first_bytes=b"GET / "),
        incomplete=Incomplete(closed=True, first_bytes=b"\x16\x03"),
        version="TLSv1.2",
        cipher="TLS_RSA_WITH_AES_128_CBC_SHA",
        cipher_code=0x2F,
        client_chain=(b"\x30\x82\x01", b"\x30\x03"),
        alerts_received=(Alert(level=2, description=40),),
        alerts_sent=(Alert(level=1, description=0),),
        resumed=False,
        bytes_received=10,
        bytes_sent=20,
        outcome=Outcome.HANDSHAKE_FAILED,
        ended_by="client-close",
        error="boom",
        app_log=("GET / HTTP/1.1",),
    )
    assert record_from_json(json.loads(json.dumps(record_to_json(record)))) == record


def test_records_carry_no_secret(farm: Farm, farm_pki: Pki) -> None:
    """No private key (any encoding), no FTP or SRP password in what the endpoint sends."""
    ids = ("client-cert-required", "ftps")
    with ControlServer({i: farm[i].recorder for i in ids}) as running:
        client = ControlClient(running.url, running.token)
        cursors = {i: client.cursor(i) for i in ids}
        for i in ids:
            assert python_client(farm[i].config, verify=True, client_cert=True).accepted
        texts = []
        for i in ids:
            found, _ = client.records(i, cursors[i], count=1, wait=5)
            assert found, f"{i}: no record"
            texts.append(json.dumps([record_to_json(r) for r in found]))
    text = "\n".join(texts)
    assert "client_chain" in text and "login modem" in text  # the records are there: the check can fail
    blobs = [base64.b64decode(r["client_hello"]["raw"]) for r in json.loads(texts[0]) if r["client_hello"]]
    for cred in farm_pki.credentials.values():
        for path in (cred.key_files.pkcs8_der, cred.key_files.pkcs1_der):
            if path is None:
                continue
            der = path.read_bytes()
            assert der.hex() not in text and base64.b64encode(der).decode() not in text
            assert all(der not in blob for blob in blobs)
        pem_body = "".join(cred.key_files.pkcs8_pem.read_text().splitlines()[1:-1])
        assert pem_body[:64] not in text
    assert FTPS_PASSWORD not in text and SRP_PASSWORD not in text


def test_dead_endpoint_fails_clearly_within_the_deadline() -> None:
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(1)  # accepts (the kernel does) and never answers
        port = listening.getsockname()[1]
        client = ControlClient(f"http://127.0.0.1:{port}", "t", deadline=0.5)
        started = time.monotonic()
        with pytest.raises(ControlError, match=rf"127.0.0.1:{port} did not answer /v1/cursor/valid within 0.5 s"):
            client.cursor("valid")
        assert time.monotonic() - started < 3
    with pytest.raises(ControlError, match="cannot be reached"):
        client.cursor("valid")  # nothing listens there now


def test_slow_records_answer_fails_within_wait_plus_deadline(control: ControlServer) -> None:
    client = ControlClient(control.url, control.token, deadline=0.3)
    cursor = client.cursor("valid")
    stall = threading.Event()
    original = control.recorders["valid"]

    class Stalling(type(original)):  # type: ignore[misc]
        @property
        def records(self) -> tuple[ConnectionRecord, ...]:
            stall.wait(10)
            return ()

    control.recorders["valid"] = Stalling("valid")
    try:
        started = time.monotonic()
        with pytest.raises(ControlError, match="did not answer"):
            client.records("valid", cursor, count=1, wait=0.2)
        assert time.monotonic() - started < 3
    finally:
        stall.set()
        control.recorders["valid"] = original


def test_lab_recorder_raises_the_suites_error() -> None:
    client = ControlClient("http://127.0.0.1:9", "t", deadline=0.5)
    lab = LabRecorder(client, "valid", ControlError("no answer"))

    class Mine(Exception):
        pass

    lab.raise_as(Mine)
    with pytest.raises(Mine, match="cursor could not be taken"):
        lab.records  # noqa: B018 - the property's read is the check
    with pytest.raises(TypeError):
        lab.open(("x", 1))


def test_manifest_names_the_control_endpoint_and_is_private(farm: Farm, tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    with ControlServer({s.config.scenario.id: s.recorder for s in farm}) as running:
        write_manifest(farm, path, running)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        data = json.loads(path.read_text())
        assert data["control"] == {"url": running.url, "token": running.token}
        manifest = load_manifest(path)
        entry = manifest.entries["valid"]
        config = entry.server_config()  # takes the cursor: the test's server is handed out
        lab = lab_recorder(config)
        assert lab is not None and lab_recorder(entry.server_config()) is not lab
        assert not lab.records
        assert python_client(config, verify=True).accepted
        (record,) = lab.wait_for(1)
        assert record.handshake_done
    # a manifest without a control endpoint gives no lab recorder (the suite then says "not run")
    write_manifest(farm, path)
    plain = load_manifest(path)
    assert plain.control is None and lab_recorder(plain.entries["valid"].server_config()) is None


def test_the_suite_reads_a_dead_lab_farm_as_an_error_not_a_finding(valid: TlsEndpoint) -> None:
    from conformance.shared.servers import NO_RECORDS, LabRecordsUnreachable, has_records, recorded
    from harness.verdicts import ERROR, verdict
    from servers.pytest_plugin import ServerHandle

    dead = ControlClient("http://127.0.0.1:9", "t", deadline=0.5)  # nothing listens on the discard port
    config = dataclasses.replace(valid.config)  # a config of its own, as each handed-out server has
    register_handle(dead, config)
    handle = ServerHandle(config=config, recorder=None)
    assert has_records(handle)
    with pytest.raises(LabRecordsUnreachable, match="cursor could not be taken") as caught:
        recorded(handle).records  # noqa: B018 - the property's read is the check
    assert verdict("failed", caught.value.blame) == ERROR
    # the control: a lab farm without a control endpoint makes the check "not run", with the reason
    other = ServerHandle(config=dataclasses.replace(valid.config), recorder=None)
    assert not has_records(other)
    with pytest.raises(pytest.skip.Exception, match="not run: the server's records stay on the lab host"):
        recorded(other)
    assert NO_RECORDS.startswith("not run")
