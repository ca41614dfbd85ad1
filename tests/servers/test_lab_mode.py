"""Lab mode: ``python -m servers`` writes a manifest whose verdicts real clients reach."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tls_clients import (
    NASSL_MISSING,
    ClientResult,
    nassl_can_offer,
    nassl_client,
    s_client,
    s_client_can_offer,
    tlslite_client,
)

from servers.manifest import FORMAT, ManifestEntry, load_manifest
from servers.protocol import Backend
from servers.scenarios import CATALOG, Verdict

pytestmark = pytest.mark.timeout(180)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    manifest = tmp_path_factory.mktemp("lab") / "m.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "servers",
            "--bind",
            "127.0.0.1",
            "--advertise",
            "localhost",
            "--manifest",
            str(manifest),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not manifest.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out = proc.communicate(timeout=10)[0]
            pytest.fail(f"lab mode did not write its manifest: {out}")
        time.sleep(0.1)
    yield proc, manifest
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def _verdict(entry: ManifestEntry) -> tuple[str, bool, ClientResult]:
    cfg = entry.server_config()
    if cfg.scenario.backend is Backend.SCAPY and nassl_can_offer(cfg):
        # OpenSSL 1.0.2: the suites only the scapy backend serves (EXPORT, DES, SEED, static ECDH)
        return "nassl", True, nassl_client(cfg, verify=True)
    if s_client_can_offer(cfg):
        return "s_client", True, s_client(cfg, verify=True)
    return "tlslite-ng", True, tlslite_client(cfg, verify=True)


def test_manifest_format(lab: tuple[subprocess.Popen[str], Path]) -> None:
    _, path = lab
    data = json.loads(path.read_text())
    assert data["format"] == FORMAT and data["version"] == 1
    assert {e["id"] for e in data["scenarios"]} == {s.id for s in CATALOG}
    for e in data["scenarios"]:
        assert e["host"] and e["port"] > 0 and Path(e["ca"]).is_file()
        assert e["verifying"] in ("accept", "reject")
        if e["client_cert"]:
            assert Path(e["client_cert"]).is_file() and Path(e["client_key"]).is_file()
    assert data["plain"][0]["id"] == "tcp-echo"


def test_every_scenario_reaches_the_manifest_verdict(lab: tuple[subprocess.Popen[str], Path]) -> None:
    _, path = lab
    manifest = load_manifest(path)
    # Without nassl (the dev extra) no client here offers the suites only the scapy backend serves: those are left out.
    entries = {
        sid: e
        for sid, e in manifest.entries.items()
        if NASSL_MISSING is None or e.server_config().scenario.backend is not Backend.SCAPY
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(entries, pool.map(_verdict, entries.values()), strict=False))
    wrong = [
        f"{sid}: {client} {'accepted' if r.accepted else 'rejected: ' + r.error[-200:]}"
        for sid, (client, _, r) in results.items()
        if r.accepted is not (manifest.entries[sid].verifying is Verdict.ACCEPT)
    ]
    assert not wrong, "\n".join(wrong)
    by_openssl = sum(1 for client, _, _ in results.values() if client in ("s_client", "nassl"))
    assert by_openssl >= len(results) - 20  # most of the farm is checked by OpenSSL itself (3.0, or 1.0.2)


def test_sigterm_stops_the_farm_and_deletes_the_keys(lab: tuple[subprocess.Popen[str], Path]) -> None:
    proc, path = lab
    key_dir = Path(json.loads(path.read_text())["roots"]["rsa"]["pem"]).parent
    assert key_dir.is_dir()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(20) == 0
    assert not key_dir.exists()
