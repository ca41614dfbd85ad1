"""The standalone emulator as a real module is reached: ``python -m emulator`` in its own process, over TCP."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.suite.runner import ROOT


@contextmanager
def emulator_process(profile: str = "telit/he910") -> Iterator[list[str]]:
    """``python -m emulator --profile <profile> --port 0 --instances 2``; yields its two ``socket://`` URLs."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--profile", profile, "--port", "0", "--instances", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        urls: list[str] = []
        deadline = time.monotonic() + 10
        assert proc.stdout is not None
        while len(urls) < 2 and time.monotonic() < deadline:
            m = re.match(r"instance (\d+): (\S+):(\d+)", proc.stdout.readline())
            if m:
                urls.append(f"socket://{m.group(2)}:{m.group(3)}")
        assert len(urls) == 2, "the emulator did not print its two ports"
        yield urls
    finally:
        proc.terminate()
        proc.wait(timeout=10)
