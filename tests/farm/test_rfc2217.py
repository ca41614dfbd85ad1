"""A farm over RFC 2217, end to end: two standalone emulators, each published at rfc2217://127.0.0.1:PORT
by the publisher (tools/rfc2217.py, pyserial's PortManager), and one controller run of a few suite tests
with a farm file of the two (docs/FARM.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from emulator.module import Module
from emulator.profiles import PROFILES
from emulator.server import EmulatorServer
from tools.rfc2217 import Publisher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")  # the two modules serve both tests
def published() -> Iterator[list[str]]:
    """Two he910 modules, each with two AT instances, published over RFC 2217: their four URLs."""
    servers = [EmulatorServer(Module(PROFILES["telit/he910"], instances=2), port=0) for _ in range(2)]
    publishers: list[Publisher] = []
    try:
        for server in servers:
            for endpoint in server.start():
                publishers.append(Publisher(f"socket://{endpoint.host}:{endpoint.port}").start())
        yield [p.address for p in publishers]
    finally:
        for publisher in publishers:
            publisher.close()
        for server in servers:
            server.close()
            server.module.close()


def test_a_published_port_answers_at_over_rfc2217(published: list[str]) -> None:
    with serial.serial_for_url(published[0], timeout=2) as port:
        port.write(b"AT+CGMM\r")
        answer = port.read_until(b"OK\r\n")
    assert b"HE910" in answer and answer.endswith(b"OK\r\n"), answer
    with serial.serial_for_url(published[1], timeout=0.2) as port:  # negative control: nothing unasked
        assert port.read(64) == b""


def test_one_controller_drives_two_published_modules(published: list[str], tmp_path: Path) -> None:
    pytest.importorskip("xdist", reason="pytest-xdist is in the dev extras (.ci/run installs them)")
    farm = tmp_path / "farm.toml"
    farm.write_text(
        "".join(
            f'[[module]]\nname = "bench-{i}"\nprofile = "telit/he910"\ntarget = "{published[2 * i]}"\n'
            f'target2 = "{published[2 * i + 1]}"\n\n'
            for i in range(2)
        ),
        encoding="utf-8",
    )
    results = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "conformance/telit/test_sslen.py", "-q", "-p", "no:cacheprovider",
         "-p", "xdist", "-n", "2", "--farm", str(farm), f"--results-json={results}"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    ran = [t for t in data["tests"] if t["verdict"] == "pass"]
    assert len(ran) >= 4
    assert {t["module"] for t in ran} == {"bench-0", "bench-1"}  # both modules took tests
    for test in ran:
        index = int(test["module"][-1])
        assert test["target"] == published[2 * index]
    # Real modules (not the embedded emulator): their settings were read and put back, by each worker.
    assert set(data["module_changes"]["settings"]) == set(published)
