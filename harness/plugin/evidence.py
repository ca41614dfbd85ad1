"""The evidence each test leaves: AT transcripts as report sections, the test's clauses, profile, errata,
target and blame as user properties, the run's record (``--results-json``) and HTML report, and the
redaction of every registered secret (private keys, passwords, APN credentials) from all of it before
any report sees it (:mod:`harness.redaction`)."""

from __future__ import annotations

import time
from collections.abc import Generator
from pathlib import Path

import pytest

from harness import redaction
from harness.detect import Detection, detection_of
from harness.errors import HarnessError, TargetSilent
from harness.plugin.collection import clauses, profile_of
from harness.plugin.options import SETTINGS, Settings
from harness.plugin.targets import POOL, SANITY_SKIPPED, TARGET_URL, TRANSCRIPTS, TargetPool
from harness.profiles import Profile
from harness.results import RunRecord
from harness.waits import for_url

__all__ = ["RECORD", "SUITE_ROOT", "partial"]

RECORD = pytest.StashKey[RunRecord]()
#: The folder of the suite (its tests below it), for telling a run of part of it from a run of all of it.
#: ``conformance`` under the root directory unless a plugin or conftest set another before configure ends.
SUITE_ROOT = pytest.StashKey[Path]()


def partial(config: pytest.Config) -> bool:
    """True when the run was given paths below the suite's root, or node ids: part of the suite."""
    root = config.stash.get(SUITE_ROOT, config.rootpath / "conformance").resolve()
    args = [str(arg) for arg in config.args]
    return any("::" in a or root in Path(a).resolve().parents for a in args)


def _metadata(config: pytest.Config, settings: Settings) -> None:
    from pytest_metadata.plugin import metadata_key

    config.stash[metadata_key].update(
        {
            "Profiles": ", ".join(settings.names),
            "Profile chosen": settings.chosen_by,
            "Target": settings.target or "embedded emulator (emulator://<profile>)",
            "Target 2": settings.target2 or ("emulator (?instance=2)" if not settings.target else "none"),
            "Emulator defects": ", ".join(settings.defects) or "none",
        }
    )


def network_waits(settings: Settings, pool: TargetPool) -> dict[str, dict[str, object]]:
    """How each target's network waits are bounded, by the URL of each AT instance the run may open
    (results.json ``targets.network_waits``; :mod:`harness.waits`): a farm's modules, else the targets given,
    else the embedded emulator's URL of each profile."""
    urls: list[str | None] = []
    if settings.farm:
        urls = [u for m in settings.farm for u in (m.target, m.target2)]
    else:
        urls = [pool.url(p, i) for p in settings.profiles for i in (1, 2)]
    return {u: for_url(u, settings.network_wait).as_json() for u in dict.fromkeys(urls) if u}


def _detected(settings: Settings) -> Detection | None:
    """``--profile auto``: the detection that chose this run's profile (its reason is the run's ``chosen_by``)."""
    found = detection_of(settings.target)
    return found if found is not None and found.reason == settings.chosen_by else None


@pytest.hookimpl(trylast=True)  # after the options and the target pool are set up
def pytest_configure(config: pytest.Config) -> None:
    settings, pool = config.stash[SETTINGS], config.stash[POOL]
    if config.pluginmanager.hasplugin("metadata"):
        _metadata(config, settings)
    if hasattr(config, "workerinput"):  # the record lives on the controlling process only
        return
    record = RunRecord(
        path=Path(settings.results_json) if settings.results_json else None,
        targets={
            "profiles": settings.names,
            "profile_chosen_by": settings.chosen_by,
            "target": settings.target,
            "target2": settings.target2,
            "defects": settings.defects,
            "expectations": settings.expectations,
            **({"farm": [m.as_json() for m in settings.farm]} if settings.farm else {}),
            "network_waits": network_waits(settings, pool),
            **({"detection": found.as_json()} if (found := _detected(settings)) else {}),
        },
        identities=pool.identities,
        module_changes=pool.module_changes,
    )
    config.stash[RECORD] = record
    config.pluginmanager.register(record, "modem-results")
    if config.pluginmanager.hasplugin("html") and config.getoption("htmlpath", None):
        from harness.report import HtmlReport, command_line
        from harness.report_summary import RunInfo

        info = RunInfo(
            profiles=settings.names,
            documents=sorted({p.document for p in settings.profiles}),
            target=settings.target,
            target2=settings.target2,
            defects=settings.defects,
            expectations=settings.expectations,
            command=command_line(config),
            partial=partial(config),
            unmatched_expectations=settings.unmatched_expectations,
            profile_chosen_by=settings.chosen_by,
        )
        config.pluginmanager.register(HtmlReport(config, record, info), "modem-report")


def _html_worker(config: pytest.Config) -> bool:
    """True on an xdist worker of a run that writes an HTML report (the controller's report shows the
    transcripts the worker rendered)."""
    return hasattr(config, "workerinput") and bool(config.getoption("htmlpath", None))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    settings = config.stash.get(SETTINGS, None)
    if settings is not None and settings.unmatched_expectations:
        terminalreporter.write_line(
            f"{settings.expectations}: {len(settings.unmatched_expectations)} deviation(s) matched no test of this "
            f"run: {', '.join(settings.unmatched_expectations)}",
            yellow=True,
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)  # outermost: it sees the sections every other plugin added
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        started = time.perf_counter()
        html = item.config.pluginmanager.has_plugin("modem-report") or _html_worker(item.config)
        transcripts_html = []
        for transcript in item.stash.get(TRANSCRIPTS, []):
            rows = transcript.rows()
            title = f"AT transcript: {transcript.name}"
            report.sections.append((title, transcript.rendered(rows)))
            if html:
                transcripts_html.append((title, transcript.html(rows)))
        # The HTML report names control bytes in badges; an attribute, because report sections are plain
        # text (an xdist worker builds it when the controller writes an HTML report: it crosses with the report).
        report.transcripts_html = transcripts_html  # type: ignore[attr-defined]
        record = item.config.stash.get(RECORD, None)
        if record is not None:
            record.render_seconds += time.perf_counter() - started
        report.user_properties.append(("spec", "; ".join(str(c) for c in clauses(item))))
        profile = profile_of(item)
        if isinstance(profile, Profile):
            report.user_properties.append(("profile", profile.name))
        for mark in item.iter_markers("erratum"):
            report.user_properties.append(("errata", ", ".join(mark.args)))
        if TARGET_URL in item.stash:
            report.user_properties.append(("target", item.stash[TARGET_URL]))
        if call.excinfo is not None and isinstance(call.excinfo.value, HarnessError):
            blame = call.excinfo.value.blame
            if isinstance(call.excinfo.value, TargetSilent) and silent_from_the_start(item):
                blame = "link"  # what the sanity AT would have found: an error of the run, not a verdict
            report.user_properties.append(("blame", blame))
    _redact(report)
    return report


def silent_from_the_start(item: pytest.Item) -> bool:
    """True when the test's sanity ``AT`` was left out (harness/plugin/targets.py: a module just powered on, or
    one that answered the previous test) and the module then sent nothing at all on AT instance 1: it did not
    answer the test's first command, which the sanity check would have made an error of the run (the verdict
    rules of ARCHITECTURE.md), not a failure of the clause."""
    transcripts = item.stash.get(TRANSCRIPTS, [])
    if not transcripts:
        return False
    entries = transcripts[0].entries
    skipped = [i for i, e in enumerate(entries) if e.direction == "note" and e.data.startswith(SANITY_SKIPPED.encode())]
    return bool(skipped) and not any(e.direction == "rx" for e in entries[skipped[0] :])


def _redact(report: pytest.TestReport) -> None:
    """Take every registered secret out of what the report will carry to the terminal, the HTML, the
    JUnit XML and results.json (harness.redaction)."""
    if report.longrepr is not None:
        text = report.longreprtext
        clean = redaction.redact(text)
        if clean != text:
            report.longrepr = clean  # plain text: a traceback object would still hold the secret
    report.sections = [(title, redaction.redact(content)) for title, content in report.sections]
    report.user_properties = [
        (name, redaction.redact(value) if isinstance(value, str) else value) for name, value in report.user_properties
    ]
