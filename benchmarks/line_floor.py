"""The physical floor of a run over a simulated line, against its wall time (issue 15, item 2).

Runs one document's suite (a profile, optionally ``-k``) over the embedded emulator behind a simulated
line (``emulator://<profile>?instance=N&baud=B&latency=L``, :mod:`faults.line`), records every test's AT
transcripts with their timestamps (this module is also the small pytest plugin that writes them), and
computes per test and per document:

- **wall**: the test's duration in ``results.json`` (setup + call + teardown);
- **floor** = **line** + **mandated** + **module**:

  - *line*: for every turn of the conversation (the suite's bytes, then the module's), the bytes of
    the longer direction at the line rate (10 bits a byte, 8N1; the two directions overlap, as the echo
    of a long write does) plus twice the latency;
  - *mandated*: the waits the documents mandate that the transcript shows: the escape ``+++``'s guard
    times before and after it (V.250 S12, telit-ssl-ug §5.1.1; S12 as the test set it with
    ``ATS12=``, else its default 50, one second);
  - *module*: the time the module took to answer beyond the line (the emulator's work, the farm's
    TLS handshakes, a timeout the module was configured with): measured, not derived, since the
    suite cannot make the module faster;

- **harness**: the time between a byte arriving and the next bytes leaving (minus a mandated guard
  time), plus the suite's oversleep after ``+++`` beyond the guard;
- **outside**: wall minus the span of the transcripts: setup and teardown outside the link (powering
  the emulated module on, starting farm servers, pytest's own bookkeeping).

A benchmark, not a test: it prints numbers (docs: "Speed is measured, not asserted").

    python benchmarks/line_floor.py --profile telit/he910 --baud 115200 --latency 30ms [-k EXPR]
        [--out DIR] [--per-test] [--reuse]

The targets are routed as two explicit ``--target``/``--target2`` URLs of the same embedded module
(``instance=1`` and ``instance=2``, both with the line's options): an ``emulator://`` ``--target``
still counts as the embedded emulator for the plugin (fresh module per test, every NVM slot allowed,
``vectors/expectations/emulator.toml``), and ``--target2`` keeps the second-instance tests running.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The environment variable through which the benchmark tells its plugin where to write transcripts.
DUMP_ENV = "LINE_FLOOR_DUMP"
BITS_PER_BYTE = 10  # 8N1, as faults.line
SLICE = 16  # faults.line.SLICE: the first slice of an answer arrives with its 16th byte
S12_DEFAULT = 50  # V.250 S12 default: 50 fiftieths of a second
_S12 = re.compile(rb"ATS12=(\d+)", re.IGNORECASE)


# ---------------------------------------------------------------------- the plugin (runs inside pytest)
try:
    import pytest
except ImportError:  # pragma: no cover - the benchmark's own process does not need it
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
        """After each test: append its transcripts' timed byte counts (never the bytes) to the dump."""
        yield
        path = os.environ.get(DUMP_ENV)
        if not path:
            return
        from harness.plugin.targets import TRANSCRIPTS

        transcripts = []
        for transcript in item.stash.get(TRANSCRIPTS, []):
            base = transcript.started_wall.timestamp()
            events = []
            for entry in list(transcript.entries):
                if entry.direction not in ("tx", "rx"):
                    continue
                s12 = _S12.search(entry.data) if entry.direction == "tx" else None
                events.append([base + entry.t, entry.direction, len(entry.data),
                               entry.direction == "tx" and entry.data.strip() == b"+++",
                               int(s12.group(1)) if s12 else None])
            transcripts.append({"name": transcript.name, "events": events})
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"id": item.nodeid, "transcripts": transcripts}) + "\n")


# ---------------------------------------------------------------------- the analysis
@dataclass
class Floor:
    """One test's (or a document's) times, in seconds."""

    wall: float = 0.0
    line: float = 0.0
    mandated: float = 0.0
    module: float = 0.0
    harness: float = 0.0
    span: float = 0.0
    bytes_tx: int = 0
    bytes_rx: int = 0
    turns: int = 0
    escapes: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def floor(self) -> float:
        """line + mandated + module."""
        return self.line + self.mandated + self.module

    @property
    def outside(self) -> float:
        """Wall time outside the transcripts' span."""
        return max(0.0, self.wall - self.span)

    @property
    def ratio(self) -> float:
        """wall / floor (inf without a floor)."""
        return self.wall / self.floor if self.floor > 0 else float("inf")

    def add(self, other: Floor) -> None:
        """Sum another test's times into this one."""
        for name in ("wall", "line", "mandated", "module", "harness", "span", "bytes_tx", "bytes_rx", "turns",
                     "escapes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def analyse(record: dict[str, Any], wall: float, baud: int, latency: float) -> Floor:
    """The floor of one test from its transcripts' events (see the module docstring).

    The events (both instances merged by time) fall into runs: the suite's bytes (a tx run), then the
    module's (an rx run), and so on. A *turn* is a tx run followed by an rx run: from the last tx to the
    last rx of the run, the line needs the last tx's bytes, twice the latency and the rx run's bytes;
    what is left is the module's (or, after ``+++``, the guard time and then the suite's oversleep).
    The two directions overlap (the echo of a long write comes back while it is written), so a turn's
    line time is the longer direction's bytes plus twice the latency, from the first tx of its run.
    From the last rx of a run to the next tx is the harness's (minus the guard time before ``+++``);
    inside a tx run, the gap beyond the previous write's drain is the harness's.
    """
    bt = BITS_PER_BYTE / baud
    events = sorted((e for t in record["transcripts"] for e in t["events"]), key=lambda e: e[0])
    out = Floor(wall=wall)
    if not events:
        return out
    out.span = events[-1][0] - events[0][0]
    guard = S12_DEFAULT / 50
    runs: list[list[list[Any]]] = []
    for event in events:
        if runs and runs[-1][0][1] == event[1]:
            runs[-1].append(event)
        else:
            runs.append([event])
    previous: list[list[Any]] | None = None
    in_run = 0.0  # the harness's time inside the last tx run
    for run in runs:
        size = sum(e[2] for e in run)
        if run[0][1] == "tx":
            out.bytes_tx += size
            in_run = sum(max(0.0, after[0] - before[0] - before[2] * bt) for before, after in itertools.pairwise(run))
            out.harness += in_run  # beyond the previous write's drain
            if previous is not None:  # after the module's bytes: the suite's reaction
                gap = run[0][0] - previous[-1][0]
                out.harness += max(0.0, gap - guard) if run[0][3] else gap
            for e in run:
                if e[3]:
                    out.escapes += 1
                    out.mandated += 2 * guard  # V.250 S12: silence before and after +++
                if e[4] is not None:
                    guard = e[4] / 50  # ATS12=n: for the escapes after it
        else:
            out.bytes_rx += size
            if previous is None:  # the module spoke first (leftovers): its own time
                out.line += size * bt
                out.module += max(0.0, run[-1][0] - run[0][0] - size * bt)
            else:
                # Both ways at once (the echo of a long write comes back while it is being written): the
                # turn needs the longer of the two, plus the latency there and back.
                sent = sum(e[2] for e in previous)
                crossing = max(sent, size) * bt + 2 * latency
                out.turns += 1
                out.line += crossing
                rest = max(0.0, run[-1][0] - previous[0][0] - crossing - in_run)
                if previous[-1][3]:
                    out.harness += max(0.0, rest - guard)  # the suite's oversleep beyond the guard time
                else:
                    out.module += rest
        previous = run
    return out


def parse_latency(text: str) -> float:
    """``30ms`` -> 0.03, as faults.line reads it."""
    sys.path.insert(0, str(ROOT))
    from faults.line import parse_latency as parse

    return parse(text)


@dataclass
class Run:
    """One profile's run over the line."""

    profile: str
    command: list[str]
    elapsed: float
    returncode: int
    results: dict[str, Any]
    tests: dict[str, Floor]
    total: Floor


def run(profile: str, baud: int, latency_text: str, keyword: str | None, out: Path, reuse: bool = False) -> Run:
    """Run the profile's suite over the line and analyse it (``reuse``: analyse the last run kept in ``out``)."""
    out.mkdir(parents=True, exist_ok=True)
    dump, results_path = out / "transcripts.jsonl", out / "results.json"
    line = f"baud={baud}&latency={latency_text}"
    command = [sys.executable, "-m", "pytest", "conformance", "--profile", profile,
               "--target", f"emulator://{profile}?instance=1&{line}",
               "--target2", f"emulator://{profile}?instance=2&{line}",
               "--results-json", str(results_path), "-p", "benchmarks.line_floor", "-q", "-p", "no:cacheprovider"]
    if keyword:
        command += ["-k", keyword]
    if reuse:
        elapsed, returncode = float("nan"), -1
    else:
        dump.unlink(missing_ok=True)
        started = time.monotonic()
        proc = subprocess.run(command, cwd=ROOT, env={**os.environ, DUMP_ENV: str(dump)}, capture_output=True,
                              text=True, check=False)
        elapsed, returncode = time.monotonic() - started, proc.returncode
        (out / "pytest.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    results = json.loads(results_path.read_text(encoding="utf-8"))
    durations = {t["id"]: (float(t["duration"]), t["verdict"]) for t in results["tests"]}
    latency = parse_latency(latency_text)
    tests: dict[str, Floor] = {}
    total = Floor()
    for text in dump.read_text(encoding="utf-8").splitlines():
        record = json.loads(text)
        wall, verdict = durations.get(record["id"], (0.0, "?"))
        floor = analyse(record, wall, baud, latency)
        floor.notes.append(verdict)
        tests[record["id"]] = floor
        total.add(floor)
    return Run(profile, command, elapsed, returncode, results, tests, total)


def _row(name: str, f: Floor) -> str:
    ratio = f"{f.ratio:6.2f}" if f.floor > 0 else f"{'-':>6}"  # no transcript: a test that never opened a link
    return (f"{name[-60:]:<60} {f.wall:8.2f} {f.floor:8.2f} {ratio} {f.line:7.2f} {f.mandated:6.2f} "
            f"{f.module:7.2f} {f.harness:7.2f} {f.outside:7.2f} {f.turns:6d}")


def report(r: Run, per_test: bool) -> str:
    """The table for one run."""
    header = (f"{'test':<60} {'wall':>8} {'floor':>8} {'ratio':>6} {'line':>7} {'guard':>6} {'module':>7} "
              f"{'harness':>7} {'outside':>7} {'turns':>6}")
    lines = [f"## {r.profile}: {len(r.tests)} tests, counts {r.results['counts']}",
             f"   pytest exit {r.returncode}; process wall {r.elapsed:.1f} s; results.json duration "
             f"{r.results['duration']:.1f} s",
             f"   bytes tx {r.total.bytes_tx}, rx {r.total.bytes_rx}; turns {r.total.turns}; escapes {r.total.escapes}",
             header]
    if per_test:
        for test_id, f in sorted(r.tests.items(), key=lambda kv: -kv[1].wall):
            path, _, rest = test_id.partition("::")
            short = f"{Path(path).stem.removeprefix('test_')}::{rest.split('[')[0].removeprefix('test_')}"
            param = rest.partition("[")[2].rstrip("]").removeprefix(r.profile).lstrip("-")
            short += f"[{param}]" if param else ""
            lines.append(_row(short, f) + f"  {f.notes[0] if f.notes else ''}")
    lines.append(_row(f"TOTAL {r.profile}", r.total))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run each profile, print the tables."""
    parser = argparse.ArgumentParser(prog="python benchmarks/line_floor.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", action="append", required=True, help="a profile (repeatable)")
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--latency", default="30ms")
    parser.add_argument("-k", dest="keyword", default=None, help="pytest -k expression")
    parser.add_argument("--out", type=Path, default=Path("/tmp/line_floor"), help="where runs are kept")
    parser.add_argument("--per-test", action="store_true", help="one row per test (slowest first)")
    parser.add_argument("--reuse", action="store_true", help="analyse the runs kept in --out again, without running")
    args = parser.parse_args(argv)
    summary = {}
    for profile in args.profile:
        r = run(profile, args.baud, args.latency, args.keyword, args.out / profile.replace("/", "_"), args.reuse)
        print(report(r, args.per_test), flush=True)
        print("   command:", " ".join(r.command[1:] if r.command[0] == sys.executable else r.command), flush=True)
        summary[profile] = {"wall": r.total.wall, "floor": r.total.floor, "ratio": r.total.ratio,
                            "line": r.total.line, "mandated": r.total.mandated, "module": r.total.module,
                            "harness": r.total.harness, "outside": r.total.outside, "process": r.elapsed,
                            "counts": r.results["counts"]}
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
