"""The farm's xdist scheduler with stand-in workers: each worker gets only its profile's tests (and those any
worker may take), two workers of one profile share them, and a crashed worker's tests go back to its
profile's queue (harness/plugin/scheduler.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("xdist", reason="pytest-xdist is in the dev extras (.ci/run installs them)")

from harness.plugin.farm import FARM_PROFILE, Module
from harness.plugin.scheduler import FarmScheduling


@dataclass(eq=False)
class Worker:
    """What the scheduler uses of xdist's WorkerController."""

    name: str
    profile: str
    sent: list[int] = field(default_factory=list)
    shutting_down: bool = False

    def __post_init__(self) -> None:
        self.gateway = SimpleNamespace(id=self.name)
        self.workerinput = {FARM_PROFILE: self.profile}

    def send_runtest_some(self, indices: list[int]) -> None:
        self.sent += indices

    def shutdown(self) -> None:
        self.shutting_down = True


COLLECTION = [f"t.py::test_{i}[telit/he910]" for i in range(8)] + [
    f"t.py::test_{i}[telit/le866-x]" for i in range(4)
] + ["t.py::test_plain", "t.py::test_9[telit/ge865]"]  # fmt: skip


def scheduler(workers: list[Worker]) -> FarmScheduling:
    config: Any = SimpleNamespace(getvalue=lambda name: ["popen"] * len(workers))
    modules = [Module(w.profile, f"emulator://{w.profile}", name=w.name) for w in workers]
    sched = FarmScheduling(config, None, modules)
    for w in workers:
        sched.add_node(w)
    for w in workers:
        sched.add_node_collection(w, COLLECTION)
    sched.schedule()
    return sched


def run_all(sched: FarmScheduling, workers: list[Worker]) -> None:
    """Complete the tests as the workers would, until none is left."""
    while sched.has_pending:
        for w in workers:
            pending = sched.node2pending.get(w)
            if pending:
                sched.mark_test_complete(w, pending[0])


def profiles(worker: Worker) -> set[str]:
    return {COLLECTION[i].partition("[")[2].rstrip("]").removesuffix("-x") for i in worker.sent}


def test_each_worker_gets_its_profiles_tests_and_two_workers_share_one_profile() -> None:
    workers = [Worker("gw0", "telit/he910"), Worker("gw1", "telit/he910"), Worker("gw2", "telit/le866")]
    sched = scheduler(workers)
    run_all(sched, workers)
    assert sched.tests_finished
    sent = sorted(i for w in workers for i in w.sent)
    assert sent == list(range(len(COLLECTION)))  # every test once
    he910 = {i for w in workers[:2] for i in w.sent if "he910" in COLLECTION[i]}
    assert he910 == set(range(8)) and workers[0].sent and workers[1].sent  # shared by both he910 workers
    assert "telit/he910" not in profiles(workers[2])  # negative control: le866's worker got none of them
    assert {"telit/le866"} <= profiles(workers[2])
    # The test without a profile and the one of a profile no module has went to some worker (it reports them).
    assert all(w.shutting_down for w in workers)


def test_a_crashed_workers_tests_go_back_to_its_profile() -> None:
    workers = [Worker("gw0", "telit/he910"), Worker("gw1", "telit/he910"), Worker("gw2", "telit/le866")]
    sched = scheduler(workers)
    lost = list(sched.node2pending[workers[0]])
    assert lost
    crashed = sched.remove_node(workers[0])
    assert crashed == COLLECTION[lost[0]]
    run_all(sched, workers[1:])
    assert set(lost[1:]) <= set(workers[1].sent) | set(workers[2].sent)
    assert not {i for i in lost[1:] if "he910" in COLLECTION[i]} & set(workers[2].sent)
