"""The fault proxy end to end: a real TCP port in front of the emulator (embedded or its TCP server)."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from emulator.module import Module
from emulator.profiles import get_profile
from emulator.server import EmulatorServer
from faults import FaultSyntaxError
from faults.proxy import Proxy
from harness.dialects import TELIT
from harness.errors import LinkError, TargetSilent
from harness.link import Link
from harness.modem import Modem
from harness.transcript import Transcript
from tests.faults.helpers import OK, at

pytestmark = pytest.mark.timeout(20)

ROOT = Path(__file__).resolve().parents[2]


class Log(list[str]):
    """The proxy's log lines, kept for assertions."""

    def __call__(self, text: str) -> None:
        self.append(text)

    def wait_for(self, part: str, within: float = 2.0) -> str:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            for line in list(self):
                if part in line:
                    return line
            time.sleep(0.01)
        raise AssertionError(f"no log line with {part!r} in {list(self)!r}")


def embedded() -> str:
    return f"emulator://telit/he910?module={uuid.uuid4().hex}"


def start(target: str, *faults: str) -> tuple[Proxy, str, Log]:
    log = Log()
    proxy = Proxy(target, faults, log=log)
    host, port = proxy.start()
    return proxy, f"socket://{host}:{port}", log


@pytest.fixture
def proxy_url(request: pytest.FixtureRequest) -> Iterator[tuple[str, Log]]:
    """A proxy in front of a fresh embedded module with the faults given by the test's parameter."""
    proxy, url, log = start(embedded(), *request.param)
    try:
        yield url, log
    finally:
        proxy.close()


@pytest.mark.parametrize("proxy_url", [["split-bytes:2"]], indirect=True)
def test_split_bytes_through_the_proxy(proxy_url: tuple[str, Log]) -> None:
    url, log = proxy_url
    port = serial.serial_for_url(url, timeout=0.05)
    try:
        started = time.monotonic()
        assert at(port, "AT") == b"AT\r" + OK
        assert time.monotonic() - started >= 0.002 * 8
        assert at(port, "ATE0") == b"ATE0\r" + OK
        assert at(port, "AT+CGMM") == b"\r\nHE910\r\n" + OK
        assert "faults: split-bytes:2" in log.wait_for("connected")
    finally:
        port.close()
    log.wait_for("client left")


@pytest.mark.parametrize("proxy_url", [["drop-link-after:2"]], indirect=True)
def test_drop_link_closes_the_client(proxy_url: tuple[str, Log]) -> None:
    url, log = proxy_url
    host, port_number = url.removeprefix("socket://").split(":")
    with socket.create_connection((host, int(port_number)), timeout=2) as client:
        client.sendall(b"AT\r")
        got = b""
        while not got.endswith(OK):
            got += client.recv(100)
        client.sendall(b"AT+CGMM\r")
        got = b""
        while True:
            data = client.recv(100)  # the socket's 2 s timeout is the deadline
            if not data:
                break
            got += data
        assert got == b"AT+CGMM\r\r\nHE"
    log.wait_for("dropping the link (drop-link-after:2")


@pytest.mark.parametrize("proxy_url", [["drop-link-after:2"]], indirect=True)
def test_harness_sees_a_lost_link(proxy_url: tuple[str, Log]) -> None:
    url, _ = proxy_url
    modem = Modem(link=Link(url, Transcript(name="proxy")), dialect=TELIT, timeout=2.0)
    try:
        assert modem.command("AT").ok
        with pytest.raises(LinkError):
            modem.command("AT+CGMM")
    finally:
        modem.close()


@pytest.mark.parametrize("proxy_url", [["drop-final"]], indirect=True)
def test_harness_sees_a_silent_target(proxy_url: tuple[str, Log]) -> None:
    url, log = proxy_url
    modem = Modem(link=Link(url, Transcript(name="proxy")), dialect=TELIT, timeout=0.3)
    try:
        with pytest.raises(TargetSilent, match="target silent"):
            modem.command("AT")
    finally:
        modem.close()
    log.wait_for("drop-final (command 1): dropped b'OK")


@pytest.mark.parametrize("proxy_url", [["restart-after:1:^SYSSTART"]], indirect=True)
def test_restart_through_a_proxy_is_a_banner(proxy_url: tuple[str, Log]) -> None:
    url, log = proxy_url
    port = serial.serial_for_url(url, timeout=0.05)
    try:
        assert at(port, "AT+CGMM", b"^SYSSTART\r\n") == b"AT+CGMM\r\r\nHE\r\n^SYSSTART\r\n"
        assert "restart-after:1: module restarted" in log.wait_for("cannot power-cycle")
        assert at(port, "AT") == b"AT\r" + OK
    finally:
        port.close()


def test_proxy_in_front_of_the_emulators_tcp_server() -> None:
    module = Module(get_profile("telit/he910"), instances=1)
    with EmulatorServer(module, port=0) as server:
        (endpoint,) = server.start()
        target = f"socket://127.0.0.1:{endpoint.port}"
        proxy, url, log = start(target, "urc-between", "lf-only")
        try:
            port = serial.serial_for_url(url, timeout=0.05)
            try:
                # suite <- urc-between <- lf-only <- target: the echo keeps its CR, the URC its CR LF.
                assert at(port, "AT", b"1\r\n") == b"AT\r\nOK\n\r\n+CREG: 1\r\n"
                assert at(port, "AT+CGMM", b"RING\r\n") == b"AT+CGMM\r\nHE910\n\nOK\n\r\nRING\r\n"
            finally:
                port.close()
            log.wait_for("session closed")
        finally:
            proxy.close()
        proxy, url, log = start(target, "lf-only")  # the module lives on: the server keeps it
        modem = Modem(link=Link(url, Transcript(name="proxy")), dialect=TELIT, timeout=2.0)
        try:
            assert modem.command("AT").ok
            r = modem.command("AT+CGMM")
            assert r.ok and r.lines == ("HE910",) and r.echoed
        finally:
            modem.close()
            proxy.close()
            module.close()
    assert f"target {target}" in log.wait_for("connected")


def test_a_new_client_replaces_the_old_one() -> None:
    proxy, url, log = start(embedded())
    try:
        first = serial.serial_for_url(url, timeout=0.05)
        assert at(first, "AT") == b"AT\r" + OK
        second = serial.serial_for_url(url, timeout=0.05)
        try:
            assert at(second, "AT") == b"AT\r" + OK
            log.wait_for("replaced by a new client")
        finally:
            second.close()
            first.close()
    finally:
        proxy.close()


def test_a_target_that_cannot_open_closes_the_client() -> None:
    proxy, url, log = start("emulator://telit/nope")
    try:
        host, port = url.removeprefix("socket://").split(":")
        with socket.create_connection((host, int(port)), timeout=2) as client:
            assert client.recv(10) == b""  # closed at once
        assert "valid profiles" in log.wait_for("cannot open the target")
    finally:
        proxy.close()


def test_bad_fault_fails_at_construction() -> None:
    with pytest.raises(FaultSyntaxError, match="valid faults"):
        Proxy("loop://", ["nope"])


# ------------------------------------------------------------------ python -m faults
def run_cli(*args: str, timeout: float = 10) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "faults", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_cli_list() -> None:
    done = run_cli("--list")
    assert done.returncode == 0
    assert re.search(r"^drop-link-after:N\s+no\s+link lost\s+close the link", done.stdout, re.M)
    assert re.search(r"^split-bytes\[:MS\]\s+yes\s+must pass", done.stdout, re.M)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "loop://", "--fault", "nope"], "unknown fault 'nope'; valid faults: silent"),
        (["--target", "loop://", "--fault", "slow"], "fault 'slow' needs MS"),
        (["--target", "loop://", "--listen", "127.0.0.1:x"], "--listen wants [HOST:]PORT"),
        ([], "--target URL is required"),
    ],
)
def test_cli_usage_errors(args: list[str], message: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2 and message in done.stderr


def _read_line(proc: subprocess.Popen[str], within: float = 5.0) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], within)
    assert ready, "the proxy printed nothing in time"
    return proc.stdout.readline()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_cli_proxy_runs_and_stops_on_signal(signum: signal.Signals) -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "faults",
            "--listen",
            "127.0.0.1:0",
            "--target",
            embedded(),
            "--fault",
            "truncate-line:2",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = _read_line(proc)
        m = re.match(
            r"faults: listening on 127\.0\.0\.1:(\d+); target emulator://telit/he910\?module=\w+; "
            r"faults: truncate-line:2$",
            first.strip(),
        )
        assert m, first
        port = serial.serial_for_url(f"socket://127.0.0.1:{m.group(1)}", timeout=0.05)
        try:
            assert at(port, "AT") == b"AT\r" + OK
            assert at(port, "AT+CGMM", None, within=0.5) == b"AT+CGMM\r\r\nHE"
        finally:
            port.close()
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
    assert proc.returncode == 0, err
    assert "connected; target emulator://" in out and "truncate-line: cut b'HE910\\r\\n' to b'HE'" in out
    assert out.rstrip().endswith("faults: stopped")
