"""The farm's pytest-xdist scheduler: each test goes to the workers whose module has the test's profile.

Modelled on xdist's ``LoadScheduling`` (same protocol, same chunk heuristics), with one queue of pending
tests per profile instead of one queue: a worker takes from its profile's queue, then from the queue of
tests that any worker may take (tests without a profile, and those of a profile no module has, which the
plugin reports "not run" at once). Imported only under pytest-xdist with ``--farm``
(:mod:`harness.plugin.farm`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from xdist.remote import Producer  # type: ignore[import-untyped]
from xdist.report import report_collection_diff  # type: ignore[import-untyped]
from xdist.workermanage import WorkerController, parse_tx_spec_config  # type: ignore[import-untyped]

from harness.plugin.farm import FARM_PROFILE, Module, profile_in
from harness.profiles import all_profiles

__all__ = ["ANY", "FarmScheduling"]

#: The queue of tests any worker may take.
ANY = ""


class FarmScheduling:
    """pytest-xdist's scheduling protocol (``xdist.scheduler.protocol.Scheduling``) for a module farm."""

    def __init__(self, config: pytest.Config, log: Producer | None, modules: list[Module]) -> None:
        self.numnodes = len(parse_tx_spec_config(config))
        self.config = config
        self.log = log.farmsched if log is not None else Producer("farmsched")
        self.served = {m.profile for m in modules}
        self.names = sorted(all_profiles())
        self.node2collection: dict[WorkerController, list[str]] = {}
        self.node2pending: dict[WorkerController, list[int]] = {}
        #: Pending test indices per profile (``ANY``: any worker).
        self.queues: dict[str, list[int]] = {}
        self.collection: list[str] | None = None

    @property
    def nodes(self) -> list[WorkerController]:
        """The workers."""
        return list(self.node2pending)

    @property
    def collection_is_completed(self) -> bool:
        """True once every worker has sent its collection."""
        return len(self.node2collection) >= self.numnodes

    @property
    def tests_finished(self) -> bool:
        """True when every test has been run."""
        if not self.collection_is_completed or any(self.queues.values()):
            return False
        return all(len(pending) < 2 for pending in self.node2pending.values())

    @property
    def has_pending(self) -> bool:
        """True while a test waits for a worker or runs on one."""
        return any(self.queues.values()) or any(self.node2pending.values())

    def add_node(self, node: WorkerController) -> None:
        """A worker is up."""
        assert node not in self.node2pending
        self.node2pending[node] = []

    def add_node_collection(self, node: WorkerController, collection: Sequence[str]) -> None:
        """A worker's collection (every worker collects the same tests)."""
        assert node in self.node2pending
        if self.collection_is_completed and self.collection is not None and list(collection) != self.collection:
            other = next(iter(self.node2collection))
            self.log(report_collection_diff(self.collection, list(collection), other.gateway.id, node.gateway.id))
            return
        self.node2collection[node] = list(collection)

    def _profile(self, node: WorkerController) -> str:
        return str(node.workerinput.get(FARM_PROFILE, ANY))

    def _queue_of(self, index: int) -> str:
        assert self.collection is not None
        profile = profile_in(self.collection[index], self.names)
        return profile if profile in self.served else ANY

    def _available(self, node: WorkerController) -> int:
        return len(self.queues.get(self._profile(node), [])) + len(self.queues.get(ANY, []))

    def mark_test_complete(self, node: WorkerController, item_index: int, duration: float = 0) -> None:
        """A worker finished a test: maybe send it more."""
        self.node2pending[node].remove(item_index)
        self.check_schedule(node, duration=duration)

    def mark_test_pending(self, item: str) -> None:
        """Put a test back in its queue (xdist's ``--max-worker-restart`` path)."""
        assert self.collection is not None
        index = self.collection.index(item)
        self.queues.setdefault(self._queue_of(index), []).insert(0, index)
        for node in self.nodes:
            self.check_schedule(node)

    def remove_pending_tests_from_node(self, node: WorkerController, indices: Sequence[int]) -> None:
        """Work stealing only; not used."""
        raise NotImplementedError

    def check_schedule(self, node: WorkerController, duration: float = 0) -> None:
        """Send the worker more of its profile's tests when it runs low (xdist's load heuristics, per profile);
        shut it down when none is left for it."""
        if node.shutting_down:
            return
        available = self._available(node)
        if not available:
            node.shutdown()
            return
        peers = sum(1 for n in self.nodes if self._profile(n) == self._profile(node)) or 1
        low = max(2, available // peers // 4)
        high = max(2, available // peers // 2)
        pending = self.node2pending[node]
        if len(pending) < low:
            if duration >= 0.1 and len(pending) >= 2:
                return  # long tests: it has enough to go on
            self._send(node, high - len(pending))

    def remove_node(self, node: WorkerController) -> str | None:
        """A worker went down; a crash puts its pending tests back. The test it was running, or None."""
        pending = self.node2pending.pop(node)
        if not pending:
            return None
        assert self.collection is not None
        crashed = self.collection[pending.pop(0)]
        for index in pending:
            self.queues.setdefault(self._queue_of(index), []).append(index)
        for other in self.nodes:
            self.check_schedule(other)
        return crashed

    def schedule(self) -> None:
        """Sort the collection into the queues and send each worker its first tests."""
        assert self.collection_is_completed
        if self.collection is not None:
            for node in self.nodes:
                self.check_schedule(node)
            return
        first_node, first = next(iter(self.node2collection.items()))
        for node, collection in self.node2collection.items():
            diff = report_collection_diff(first, collection, first_node.gateway.id, node.gateway.id)
            if diff:
                self.log(diff)
                self.config.hook.pytest_collectreport(
                    report=pytest.CollectReport(node.gateway.id, "failed", longrepr=diff, result=[])
                )
                return
        self.collection = first
        for index in range(len(first)):
            self.queues.setdefault(self._queue_of(index), []).append(index)
        for node in self.nodes:
            self.check_schedule(node)

    def _send(self, node: WorkerController, num: int) -> None:
        chosen: list[int] = []
        for key in (self._profile(node), ANY):
            queue = self.queues.get(key, [])
            take = queue[: num - len(chosen)]
            del queue[: len(take)]
            chosen += take
        if chosen:
            self.node2pending[node].extend(chosen)
            node.send_runtest_some(chosen)
