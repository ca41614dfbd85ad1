"""Benchmark of a module farm: tests per second of one profile's suite on one embedded module against two.

Run: ``python benchmarks/farm_throughput.py [--profile telit/he910] [-k EXPR]``. It runs the suite of the
profile twice in subprocesses: on one embedded module (no xdist), then with ``--farm`` of two embedded
modules of the same profile and ``-n 2`` (each worker powers its own fresh module per test: two processes,
two emulator registries, no state shared). It prints each run's tests per second three ways: steady (the
tests over the time the busiest module spent in them), session (over results.json's duration, which under
xdist includes starting the workers and their collection) and wall (the whole command), the ratios, and the
goal (two modules >= 0.85 x 2 x one). Numbers go in benchmarks/README.md, never in test assertions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], results: Path) -> tuple[int, float, float, dict[str, float]]:
    """Run the suite; (tests, wall seconds, seconds from session start to end as results.json says, seconds the
    busiest module spent in tests: the steady state, without start-up and collection)."""
    cmd = [sys.executable, "-m", "pytest", "conformance", "-q", "-p", "no:cacheprovider",
           f"--results-json={results}", *args]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1) or not results.exists():
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    data = json.loads(results.read_text(encoding="utf-8"))
    busy: dict[str, float] = {}
    for test in data["tests"]:
        busy[test["module"] or ""] = busy.get(test["module"] or "", 0.0) + float(test["duration"])
    return len(data["tests"]), wall, float(data["duration"]), busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", default="telit/he910")
    parser.add_argument("-k", default=None, help="run only the tests pytest's -k selects")
    opts = parser.parse_args()
    extra = ["-k", opts.k] if opts.k else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        farm = folder / "farm.toml"
        farm.write_text(
            "".join(
                f'[[module]]\nname = "m{i}"\nprofile = "{opts.profile}"\ntarget = "emulator://{opts.profile}"\n\n'
                for i in (1, 2)
            ),
            encoding="utf-8",
        )
        one = _run(["--profile", opts.profile, *extra], folder / "one.json")
        two = _run(["-p", "xdist", "-n", "2", "--farm", str(farm), *extra], folder / "two.json")
    rows = []
    for label, (tests, wall, session, modules) in (("one module", one), ("farm of two", two)):
        busy = max(modules.values())
        rows.append((tests / busy, tests / session, tests / wall))
        print(f"{label:12} {tests:4} tests  steady {tests / busy:5.2f} tests/s (busiest module {busy:5.1f} s)  "
              f"session {tests / session:5.2f} tests/s ({session:5.1f} s)  wall {tests / wall:5.2f} tests/s "
              f"({wall:5.1f} s)")  # fmt: skip
    print(
        "seconds each module of the farm spent in tests:", ", ".join(f"{m} {t:.1f}" for m, t in sorted(two[3].items()))
    )
    ratios = [two_ / one_ for one_, two_ in zip(rows[0], rows[1], strict=True)]
    print(f"ratio two/one: steady {ratios[0]:.2f}, session {ratios[1]:.2f}, wall {ratios[2]:.2f} "
          f"(goal >= {0.85 * 2:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
