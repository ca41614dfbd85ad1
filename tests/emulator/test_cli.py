"""``python -m emulator`` options that do not serve: listings and usage errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from emulator.cli import main
from emulator.defects import DEFECTS
from emulator.profiles import PROFILES

REPO = Path(__file__).resolve().parents[2]


def test_list_profiles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-profiles"]) == 0
    assert capsys.readouterr().out.splitlines() == list(PROFILES)


def test_list_defects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-defects"]) == 0
    assert capsys.readouterr().out.splitlines() == list(DEFECTS)


@pytest.mark.parametrize(("argv", "needle"), [
    (["--profile", "telit/nope"], "valid profiles: telit/ge865, "),
    ([], "unknown profile None"),
    (["--profile", "telit/he910", "--defect", "nope"], "valid defects: telit-wrong-cme-code"),
    (["--profile", "telit/he910", "--instances", "0"], "--instances must be 1 to 3"),
    (["--profile", "telit/he910", "--instances", "4"], "--instances must be 1 to 3"),
    (["--profile", "telit/he910", "--port", "65535", "--instances", "2"], "no room"),
])
def test_usage_errors(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert needle in line


def test_as_a_module() -> None:
    done = subprocess.run([sys.executable, "-m", "emulator", "--list-profiles"], cwd=REPO,
                          capture_output=True, text=True, timeout=10, check=False)
    assert done.returncode == 0
    assert done.stdout.splitlines() == list(PROFILES)
    done = subprocess.run([sys.executable, "-m", "emulator", "--profile", "x/y"], cwd=REPO,
                          capture_output=True, text=True, timeout=10, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "telit/he910" in done.stderr
