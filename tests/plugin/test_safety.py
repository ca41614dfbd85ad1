"""Safety on real modules (issue 6, item 5): non-volatile memory is written only in the slots the user
allows, and settings the suite changes are read at the start and put back at the end of the session."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from harness.dialects import TELIT, SettingsRestorer
from harness.nvm import NvmGuard, NvmWriteRefused, parse_slots

ROOT = Path(__file__).resolve().parents[2]

STORES = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.4")
def test_store_in_slot_1(modem, profile):
    assert modem.command("AT#SSLEN=1,1").ok
    assert modem.command('AT#SSLSECDATA=1,1,1,5', data=b"12345\\x1a").ok

@pytest.mark.spec("telit-ssl-ug", "4.4")
def test_read_needs_no_permission(modem, profile):
    modem.command("AT#SSLSECDATA=1,2,1")
"""


def run(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, dict[str, object]]:
    pytester.makepyfile(STORES)
    out = pytester.path / "r.json"
    result = pytester.runpytest(
        "-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910", "-rs", f"--results-json={out}",
        *args,
    )  # fmt: skip
    return result, json.loads(out.read_text()) if out.exists() else {}


def test_a_write_outside_the_allowed_slots_is_a_skip_that_says_why(pytester: pytest.Pytester) -> None:
    result, data = run(pytester, "--allow-nvm-writes", "2")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*writes the module's non-volatile memory (slot 1); give --allow-nvm-writes 1*"])
    assert data["module_changes"]["nvm_writes"] == []  # type: ignore[index]


def test_an_allowed_write_is_sent_and_listed(pytester: pytest.Pytester) -> None:
    result, data = run(pytester, "--allow-nvm-writes", "1")
    result.assert_outcomes(passed=2)
    (write,) = data["module_changes"]["nvm_writes"]  # type: ignore[index]
    assert (
        write["slot"] == 1 and write["command"] == "AT#SSLSECDATA=1,1,1,5" and "test_store_in_slot_1" in write["test"]
    )


def test_the_embedded_emulator_allows_every_slot_by_default(pytester: pytest.Pytester) -> None:
    result, data = run(pytester)
    result.assert_outcomes(passed=2)
    assert data["module_changes"]["nvm_allowed"] == "all"  # type: ignore[index]


def test_a_malformed_slot_list_is_refused(pytester: pytest.Pytester) -> None:
    result, _ = run(pytester, "--allow-nvm-writes", "one")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--allow-nvm-writes takes slot numbers (1,2) or 'all', not 'one'*"])


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        ("AT#SSLSECDATA=1,1,1,1500", True),  # store in NVM
        ("AT#SSLSECDATA=1,0,1", True),  # delete from NVM
        ("at#sslsecdata=1,1,2,10", True),  # any case
        ("AT#SSLSECDATA=1,2,1", False),  # read
        ("AT#SSLSECDATA=1,3,1,10", False),  # store in RAM
        ("AT#SSLSECDATA=1,10,1", False),  # not action 1
        ("AT#SSLSECCFG=1,0,0", False),
    ],
)
def test_guard_patterns(line: str, refused: bool) -> None:
    guard = NvmGuard(TELIT, parse_slots("2"))
    if refused:
        with pytest.raises(NvmWriteRefused):
            guard.check(line, "t")
    else:
        guard.check(line, "t")
    assert guard.writes == []
    assert parse_slots("all") is None and parse_slots(None) == frozenset() and parse_slots("1, 3") == frozenset({1, 3})


@pytest.fixture
def standalone() -> Iterator[str]:
    """A standalone emulated HE910 on a TCP port: a module that keeps its settings between connections."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--profile", "telit/he910", "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            m = re.match(r"instance 1: (\S+):(\d+)", proc.stdout.readline())
            if m:
                yield f"socket://{m.group(1)}:{m.group(2)}"
                return
        pytest.fail("the emulator did not print its port")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _read(url: str, command: str) -> str:
    with serial.serial_for_url(url, timeout=2) as port:
        port.write(command.encode() + b"\r")
        answer: bytes = port.read_until(b"OK\r\n")
    return answer.decode()


def test_settings_changed_on_a_real_module_are_restored(standalone: str, tmp_path: Path) -> None:
    before = _read(standalone, "AT#SSLCFG?")
    results = tmp_path / "r.json"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "conformance/telit/test_sslcfg.py", "conformance/telit/test_sslsecdata.py",
         "-q", "-p", "no:cacheprovider", "--profile", "telit/he910", "--target", standalone, "-rs",
         f"--results-json={results}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    data = json.loads(results.read_text())
    tests = data["tests"]
    # Without --allow-nvm-writes, a real module's NVM is not touched: the storing tests skip and say why.
    stores = [t for t in tests if "sslsecdata" in t["id"] and t["verdict"] == "not run"]
    assert stores and all("--allow-nvm-writes 1" in t["message"] for t in stores), proc.stdout[-2000:]
    assert data["module_changes"]["nvm_writes"] == []
    # The tests changed settings (+CMEE at least); the session put each back, and says so.
    (changes,) = data["module_changes"]["settings"].values()
    assert changes and all(c["restored"] and c["before"] != c["after_run"] and c["now"] == c["before"] for c in changes)
    assert isinstance(TELIT.restorer, SettingsRestorer)  # Telit's settings are read whole, one line per SSId
    for change in changes:  # read back independently of the harness
        prefix = next(x.prefix for x in TELIT.restorer.settings if x.read == change["setting"])
        expected = f"{prefix}: {change['before']}" if prefix else change["before"]
        assert expected in _read(standalone, change["setting"]).splitlines(), change
    assert _read(standalone, "AT#SSLCFG?") == before
