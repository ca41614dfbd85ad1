"""Under pytest-xdist: what the workers learn that the controller's record needs, handed back when each
worker finishes (xdist's ``workeroutput``), so that a run with ``-n N`` writes one results.json, one HTML
report and one JUnit file with everything a run without xdist has.

A worker collects the tests, opens the modules and asks them who they are; the controller, which writes the
reports, does none of it. Each worker sends, under the key ``modem``: the clauses of the tests it collected
and of those deselected (the traceability matrix), the identities of the modules it opened, what it wrote
to them and restored (``module_changes``), and the known deviations that matched no test. The controller
merges them when the worker goes down (``pytest_testnodedown``), before its own ``pytest_sessionfinish``
writes the reports.
"""

from __future__ import annotations

from typing import Any

import pytest

from harness.results import Identity, RunRecord, TestResult, _clauses, identity_key

__all__ = ["KEY", "merge"]

#: The key of the plugin's part of a worker's ``workeroutput``.
KEY = "modem"


class _Worker:
    """The worker's side: remembers the clauses of what it collected and deselected."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.collected: dict[str, list[str]] = {}
        self.deselected: dict[str, list[str]] = {}

    @pytest.hookimpl(trylast=True)  # after deselection
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """pytest hook: the clauses of every selected test."""
        self.collected = {item.nodeid: _clauses(item) for item in items}

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        """pytest hook: the clauses of the tests left out."""
        self.deselected.update({item.nodeid: _clauses(item) for item in items})

    @pytest.hookimpl(trylast=True)  # after the target pool restored the modules (its hook is tryfirst)
    def pytest_sessionfinish(self) -> None:
        """pytest hook: hand the worker's findings to the controller."""
        from harness.plugin.targets import POOL

        pool = self.config.stash[POOL]
        identities = {
            name: {
                "url": i.url,
                "answers": i.answers,
                "error": i.error,
                "transcript": i.transcript,
                "profile": i.profile,
                "module": i.module,
            }
            for name, i in pool.identities.items()
        }
        self.config.workeroutput[KEY] = {  # type: ignore[attr-defined]
            "collected": self.collected,
            "deselected": self.deselected,
            "identities": identities,
            "module_changes": pool.module_changes(),
            "unmatched_expectations": pool.settings.unmatched_expectations,
        }


def merge(record: RunRecord, output: dict[str, Any], changes: list[dict[str, Any]]) -> None:
    """Fold one worker's ``output`` into the controller's ``record``; its module changes go to ``changes``."""
    for name, data in output.get("identities", {}).items():
        record.identities.setdefault(str(name), Identity(**data))
    record.collected.update(output.get("collected", {}))
    for test_id, cited in output.get("deselected", {}).items():
        if test_id not in record.collected:
            record.deselected[test_id] = cited
    if output.get("module_changes"):
        changes.append(output["module_changes"])
    for test in record.tests.values():  # the entries recorded before this worker's findings came
        _complete(record, test)


def _complete(record: RunRecord, test: TestResult) -> None:
    if test.id in record.collected:
        test.clauses = record.collected[test.id]
    identity = record.identities.get(identity_key(test.profile, test.module)) if test.profile else None
    if test.identity is None and identity is not None:
        test.identity = identity.summary


def merged_changes(own: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """The controller's ``module_changes`` with every worker's: the NVM writes and restored settings of all."""
    if not changes:
        return own
    out = dict(changes[0])
    out["nvm_writes"] = [w for c in changes for w in c.get("nvm_writes", [])]
    out["settings"] = {url: s for c in changes for url, s in c.get("settings", {}).items()}
    said = "; ".join(dict.fromkeys(str(c.get("restore", "")) for c in changes))
    out["restore"] = said if len(changes) == 1 else f"on each of {len(changes)} workers: {said}"
    return out


class _Controller:
    """The controller's side: merges each worker's findings as it goes down."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.changes: list[dict[str, Any]] = []

    def pytest_sessionstart(self) -> None:
        """pytest hook: the record's module changes include the workers'."""
        from harness.plugin.evidence import RECORD

        record = self.config.stash[RECORD]
        own = record.module_changes
        if own is not None:
            record.module_changes = lambda: merged_changes(own(), self.changes)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object) -> None:
        """pytest-xdist hook: a worker finished (or crashed: then it sent nothing)."""
        from harness.plugin.evidence import RECORD
        from harness.plugin.options import SETTINGS

        output = getattr(node, "workeroutput", None) or {}
        if KEY in output:
            merge(self.config.stash[RECORD], output[KEY], self.changes)
            # The same list the HTML report's RunInfo and the terminal summary read: extended in place.
            unmatched = self.config.stash[SETTINGS].unmatched_expectations
            unmatched += [e for e in output[KEY].get("unmatched_expectations", []) if e not in unmatched]


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        config.pluginmanager.register(_Worker(config), "modem-xdist-worker")
    elif config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses", None):
        config.pluginmanager.register(_Controller(config), "modem-xdist-controller")
