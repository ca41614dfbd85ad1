"""Round-trip time of a plain ``AT`` through the harness, against a bare pyserial loop (the floor).

Both go over ``socket://`` to one standalone emulator (``python -m emulator ... --port 0``), in
alternating rounds so that machine noise falls on both alike. Prints medians, 95th percentiles and the
ratio. Numbers go in notes, never into test assertions.

    python benchmarks/bench_at_roundtrip.py [--count 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import serial

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.dialects import TELIT  # noqa: E402
from harness.link import Link  # noqa: E402
from harness.modem import Modem  # noqa: E402
from harness.transcript import Transcript  # noqa: E402


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--profile", "telit/he910", "--port", "0", "--instances", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        m = re.match(r"instance 1: (\S+):(\d+)", proc.stdout.readline())
        if m:
            return proc, f"socket://{m.group(1)}:{m.group(2)}"
    proc.kill()
    raise SystemExit("the emulator did not start")


def bare(url: str, count: int) -> list[float]:
    port = serial.serial_for_url(url, timeout=2)
    port._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as the harness does
    times = []
    try:
        for _ in range(count):
            t = time.perf_counter()
            port.write(b"AT\r")
            if not port.read_until(b"OK\r\n").endswith(b"OK\r\n"):
                raise SystemExit("bare loop: no OK")
            times.append(time.perf_counter() - t)
    finally:
        port.close()
    return times


def harness(url: str, count: int) -> list[float]:
    modem = Modem(link=Link(url, Transcript(name="bench")), dialect=TELIT)
    times = []
    try:
        for _ in range(count):
            t = time.perf_counter()
            if not modem.command("AT").ok:
                raise SystemExit("harness: no OK")
            times.append(time.perf_counter() - t)
    finally:
        modem.close()
    return times


def summary(name: str, times: list[float]) -> float:
    ordered = sorted(times)
    median = statistics.median(ordered)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(f"{name:<28} median {median * 1e6:8.1f} µs   p95 {p95 * 1e6:8.1f} µs   n={len(times)}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="round trips per round and side")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    proc, url = start_emulator()
    try:
        floor: list[float] = []
        ours: list[float] = []
        for _ in range(args.rounds):
            floor += bare(url, args.count)
            ours += harness(url, args.count)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"AT round trip over {url} to the standalone emulator (telit/he910)")
    f = summary("bare pyserial (floor)", floor)
    h = summary("harness (engine+transcript)", ours)
    print(f"ratio harness/floor (medians): {h / f:.2f}")


if __name__ == "__main__":
    main()
