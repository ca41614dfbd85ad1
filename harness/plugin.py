"""The pytest plugin: options, the ``profile``/``modem``/``modem2`` fixtures, markers, and the evidence
each test leaves in the report.

Options (precedence: command line > environment variable > ini key > default):

=================  =====================  =================  ==========================================
option             environment            ini                meaning
=================  =====================  =================  ==========================================
``--profile``      ``MODEM_PROFILE``      ``modem_profile``  profile name(s), comma-separated, or ``all``
``--target``       ``MODEM_TARGET``       ``modem_target``   pyserial URL of AT instance 1
``--target2``      ``MODEM_TARGET2``      ``modem_target2``  pyserial URL of AT instance 2
``--at-timeout``   ``MODEM_AT_TIMEOUT``   ``modem_at_timeout``  deadline of one command, seconds
``--apn``          ``MODEM_APN``          ``modem_apn``      APN of PDP context 1 (default ``internet``)
``--apn-user``     ``MODEM_APN_USER``     ``modem_apn_user`` user name for #SGACT, a secret
``--apn-password``  ``MODEM_APN_PASSWORD``  ``modem_apn_password``  password for #SGACT, a secret
``--allow-nvm-writes``  ``MODEM_ALLOW_NVM_WRITES``  —     slots (storeIds) the suite may write in NVM, or ``all``
``--emulator-defect``  ``MODEM_EMULATOR_DEFECTS``  —        named defect of the embedded emulator
=================  =====================  =================  ==========================================

Safety on real modules: a command that writes the module's non-volatile memory (the dialect's
``nvm_writes``) is sent only in the slots ``--allow-nvm-writes`` names, else the test is skipped with that
reason (the embedded emulator allows every slot); settings the suite changes and can read back are read
when the link first opens and restored at the end of the session (harness/restore.py), and the report
lists both.

Secrets (private keys, passwords, APN credentials) are registered with :mod:`harness.redaction` and
replaced by ``<redacted>`` in every report section, failure text and property before any report sees them.

Without ``--target`` every selected profile runs against the embedded emulator
(``emulator://<profile>``, second instance ``?instance=2``), which powers a fresh module on for each
test. A test is parametrized only with the profiles its ``spec`` marks' documents describe.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness import expectations, redaction
from harness.dialects import Dialect
from harness.engine import State
from harness.errors import HarnessError, LinkError, TargetLost, TargetSilent
from harness.identity import identify
from harness.link import Link
from harness.modem import DEFAULT_TIMEOUT, Modem
from harness.network import Network
from harness.nvm import NvmGuard, NvmWrite, NvmWriteRefused, parse_slots
from harness.profiles import DOCUMENTS, Profile, all_profiles
from harness.restore import SettingChange, Snapshot, restore, snapshot
from harness.results import Identity, RunRecord
from harness.transcript import Transcript
from harness.vectors import erratum

#: After this many tests in a row find the target gone, the rest fail at once with "target lost".
LOST_AFTER = 3

#: Per-test timeout when neither --timeout nor an ini ``timeout`` is given (pytest-timeout).
DEFAULT_TEST_TIMEOUT = 60.0

_OPTIONS: dict[str, tuple[str, str, str]] = {
    # dest: (flag, environment variable, help) — the help is written once, for flag and ini alike.
    "modem_profile": ("--profile", "MODEM_PROFILE", "profile(s) to test, comma-separated, or 'all' (default: all)"),
    "modem_target": (
        "--target",
        "MODEM_TARGET",
        "pyserial URL of the module's first AT instance: /dev/ttyUSB2, socket://host:port, rfc2217://..., "
        "emulator://telit/he910 (default: the embedded emulator for the profile)",
    ),
    "modem_target2": (
        "--target2",
        "MODEM_TARGET2",
        "pyserial URL of a second AT instance of the same module (tests that need two instances skip without it)",
    ),
    "modem_at_timeout": (
        "--at-timeout",
        "MODEM_AT_TIMEOUT",
        f"seconds one command may take (default {DEFAULT_TIMEOUT})",
    ),
    "modem_apn": ("--apn", "MODEM_APN", "APN of PDP context 1, for the tests that connect (default: internet)"),
    "modem_apn_user": (
        "--apn-user",
        "MODEM_APN_USER",
        "user name the module gives with #SGACT (a secret: never written to a report)",
    ),
    "modem_apn_password": (
        "--apn-password",
        "MODEM_APN_PASSWORD",
        "password the module gives with #SGACT (a secret: never written to a report)",
    ),
}

SETTINGS = pytest.StashKey["Settings"]()
RECORD = pytest.StashKey[RunRecord]()
TRANSCRIPTS = pytest.StashKey[list[Transcript]]()
TARGET_URL = pytest.StashKey[str]()


@dataclass
class Settings:
    """What the options resolved to, kept in ``config.stash``."""

    profiles: list[Profile]
    target: str | None
    target2: str | None
    at_timeout: float
    defects: list[str] = field(default_factory=list)
    lost: str | None = None  # why the target stopped answering, once it did
    lost_streak: int = 0  # tests in a row whose sanity check found the target gone
    network: Network = field(default_factory=Network)
    expectations: str | None = None  # the known-deviations file applied
    unmatched_expectations: list[str] = field(default_factory=list)  # entries that matched no collected test
    #: What each profile's module answered to its identification commands, asked when first opened.
    identities: dict[str, Identity] = field(default_factory=dict)
    #: Slots the suite may write in non-volatile memory (None: all) and what it wrote.
    nvm_allowed: frozenset[int] | None = frozenset()
    nvm_writes: list[NvmWrite] = field(default_factory=list)
    #: Settings read when a real module's link first opened, by URL, and what the restore did.
    snapshots: dict[str, tuple[Dialect, Snapshot]] = field(default_factory=dict)
    restored: dict[str, list[SettingChange]] = field(default_factory=dict)
    #: Open links to non-embedded targets, kept for the session: reopening a serial port per test toggles
    #: DTR, and pyserial's socket:// close sleeps 0.3 s.
    links: dict[str, Link] = field(default_factory=dict)

    @property
    def embedded(self) -> bool:
        """True when the targets are the embedded emulator (fresh module per test)."""
        return self.target is None or self.target.startswith("emulator://")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("modem", "modem conformance (SSL/TLS AT commands)")
    for dest, (flag, env, help_text) in _OPTIONS.items():
        group.addoption(flag, dest=dest, default=None, help=f"{help_text} [env {env}, ini {dest}]")
        parser.addini(dest, help=help_text, default=None)
    group.addoption(
        "--results-json",
        dest="modem_results_json",
        default=None,
        metavar="PATH",
        help="write one JSON entry per test (clauses, outcome, message) to PATH",
    )
    group.addoption(
        "--expectations",
        dest="modem_expectations",
        default=None,
        metavar="PATH",
        help="known deviations of this firmware (TOML, see vectors/expectations/); applied as strict xfail. "
        "Default: vectors/expectations/emulator.toml for the embedded emulator, none otherwise",
    )
    group.addoption(
        "--allow-nvm-writes",
        dest="modem_allow_nvm_writes",
        default=None,
        metavar="SLOTS",
        help="let the suite write the module's non-volatile memory in these slots (storeIds, e.g. 1,2) or 'all'; "
        "without it, tests that would are skipped on a real module (the embedded emulator allows all) "
        "[env MODEM_ALLOW_NVM_WRITES]",
    )
    group.addoption(
        "--emulator-defect",
        dest="modem_defects",
        action="append",
        default=[],
        help="name a defect of the embedded emulator (repeatable; see python -m emulator --list-defects)",
    )


def _setting(config: pytest.Config, dest: str) -> str | None:
    value = config.getoption(dest)
    if value is None:
        value = os.environ.get(_OPTIONS[dest][1]) or config.getini(dest) or None
    return None if value is None else str(value)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spec(doc, section): the document clause a test checks (repeatable)")
    config.addinivalue_line(
        "markers",
        "needs(*capabilities): capabilities of the profile or target the test needs; "
        "a missing one is a skip that names it and the clause",
    )
    config.addinivalue_line("markers", "erratum(*ids): errata entries (vectors/errata.toml) the test depends on")
    config.addinivalue_line(
        "markers", "profile_cases(argname, cases): parametrize argname per profile; cases(profile) gives (id, value)s"
    )
    known = all_profiles()
    requested = (_setting(config, "modem_profile") or "all").strip()
    names = sorted(known) if requested == "all" else [n.strip() for n in requested.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise pytest.UsageError(f"unknown profile(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    target = _setting(config, "modem_target")
    if target and len(names) != 1:
        raise pytest.UsageError("--target names one module: give its --profile (e.g. --profile telit/he910)")
    timeout_text = _setting(config, "modem_at_timeout")
    try:
        at_timeout = float(timeout_text) if timeout_text else DEFAULT_TIMEOUT
    except ValueError:
        raise pytest.UsageError(f"--at-timeout takes seconds, not {timeout_text!r}") from None
    defects = list(config.getoption("modem_defects") or [])
    env_defects = os.environ.get("MODEM_EMULATOR_DEFECTS", "")
    defects += [d for d in env_defects.split(",") if d.strip()]
    config.stash[SETTINGS] = Settings(
        profiles=[known[n] for n in names],
        target=target,
        target2=_setting(config, "modem_target2"),
        at_timeout=at_timeout,
        defects=defects,
    )
    settings = config.stash[SETTINGS]
    for dest in ("modem_apn_user", "modem_apn_password"):
        secret = _setting(config, dest)
        if secret:
            try:
                redaction.add(secret)
            except ValueError as e:
                raise pytest.UsageError(f"{_OPTIONS[dest][0]}: {e}") from None
    settings.network = Network(
        apn=_setting(config, "modem_apn") or "internet",
        user=_setting(config, "modem_apn_user"),
        password=_setting(config, "modem_apn_password"),
    )
    if config.pluginmanager.hasplugin("metadata"):
        from pytest_metadata.plugin import metadata_key

        config.stash[metadata_key].update(
            {
                "Profiles": ", ".join(names),
                "Target": target or "embedded emulator (emulator://<profile>)",
                "Target 2": _setting(config, "modem_target2") or ("emulator (?instance=2)" if not target else "none"),
                "Emulator defects": ", ".join(defects) or "none",
            }
        )
    allow = config.getoption("modem_allow_nvm_writes") or os.environ.get("MODEM_ALLOW_NVM_WRITES")
    try:
        settings.nvm_allowed = None if (settings.embedded and allow is None) else parse_slots(allow)
    except ValueError as e:
        raise pytest.UsageError(str(e)) from None
    settings.expectations = expectations.path(
        config.getoption("modem_expectations") or os.environ.get("MODEM_EXPECTATIONS"), embedded=settings.embedded
    )
    if not hasattr(config, "workerinput"):  # the record lives on the controlling process only
        results_path = config.getoption("modem_results_json")
        record = RunRecord(
            path=Path(results_path) if results_path else None,
            targets={
                "profiles": names,
                "target": target,
                "target2": settings.target2,
                "defects": defects,
                "expectations": settings.expectations,
            },
            identities=settings.identities,
            module_changes=lambda: _module_changes(settings),
        )
        config.stash[RECORD] = record
        config.pluginmanager.register(record, "modem-results")
        if config.pluginmanager.hasplugin("html") and config.getoption("htmlpath", None):
            from harness.report import HtmlReport, command_line
            from harness.report_summary import RunInfo

            info = RunInfo(
                profiles=names,
                documents=sorted({known[n].document for n in names}),
                target=target,
                target2=settings.target2,
                defects=defects,
                expectations=settings.expectations,
                command=command_line(config),
                partial=_partial(config),
                unmatched_expectations=settings.unmatched_expectations,
            )
            config.pluginmanager.register(HtmlReport(config, record, info), "modem-report")


def _partial(config: pytest.Config) -> bool:
    """True when the run was given paths below the suite's root, or node ids: part of the suite."""
    import conformance

    root = Path(conformance.__file__).resolve().parent
    args = [str(arg) for arg in config.args]
    return any("::" in a or root in Path(a).resolve().parents for a in args)


def _spec_marks(item: pytest.Item | pytest.Function) -> list[tuple[str, str]]:
    return [(m.args[0], m.args[1]) for m in item.iter_markers("spec")]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "profile" not in metafunc.fixturenames:
        return
    settings = metafunc.config.stash[SETTINGS]
    docs = {m.args[0] for m in metafunc.definition.iter_markers("spec") if m.args}
    applicable = [p for p in settings.profiles if not docs or p.document in docs]
    cases = metafunc.definition.get_closest_marker("profile_cases")
    if cases is not None:
        # A second argument whose values depend on the profile (the suites of its platform's table...).
        argname, make = cases.args
        params = [pytest.param(p, v, id=f"{p.name}-{i}") for p in applicable for i, v in make(p)]
        metafunc.parametrize(("profile", argname), params or [pytest.param(None, None, id="no-selected-profile")])
        return
    if applicable:
        metafunc.parametrize("profile", applicable, ids=[p.name for p in applicable])
    else:
        # Deselected in pytest_collection_modifyitems: a run for one module lists only its tests.
        metafunc.parametrize("profile", [None], ids=["no-selected-profile"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    no_timeout = config.getoption("timeout", None) is None and not config.getini("timeout")
    for item in items:
        for doc, section in _spec_marks(item):
            if doc not in DOCUMENTS:
                raise pytest.UsageError(f"{item.nodeid}: spec mark names unknown document {doc!r}; known: {DOCUMENTS}")
            if not section:
                raise pytest.UsageError(f"{item.nodeid}: spec mark for {doc} has no section")
        for mark in item.iter_markers("erratum"):
            for entry in mark.args:
                erratum(entry)  # raises on a typo
        if no_timeout and "profile" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(DEFAULT_TEST_TIMEOUT))
    settings = config.stash[SETTINGS]
    if settings.expectations is not None:
        suite_run = any(isinstance(_profile_of(i), Profile) for i in items)  # not the project's own tests
        settings.unmatched_expectations[:] = expectations.apply(
            settings.expectations, items, [p.name for p in settings.profiles], report_unmatched=suite_run
        )
    # Tests whose documents describe none of the selected profiles: deselected, so that a run for one
    # module lists only what applies to it.
    unselected = [i for i in items if _profile_of(i, missing=0) is None]
    if unselected:
        config.hook.pytest_deselected(items=unselected)
        items[:] = [i for i in items if _profile_of(i, missing=0) is not None]


def _profile_of(item: pytest.Item, missing: object = None) -> object:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("profile", missing) if callspec is not None else missing


def target_capabilities(settings: Settings) -> set[str]:
    """What the configured targets offer beyond the profile."""
    caps = set()
    if settings.target2 or settings.embedded:
        caps.add("second_instance")
    if settings.embedded:
        caps.add("fresh_power_on")  # the embedded emulator powers a module on for every test
    return caps


_WHY = {
    "second_instance": "needs a second AT instance of the same module: give --target2",
    "fresh_power_on": "needs a module just powered on; only the embedded emulator powers one on for each test",
}


def pytest_runtest_setup(item: pytest.Item) -> None:
    profile = _profile_of(item)
    if not isinstance(profile, Profile):
        return
    settings = item.config.stash[SETTINGS]
    offered = profile.capabilities | target_capabilities(settings)
    clauses = ", ".join(f"{d} §{s}" for d, s in _spec_marks(item)) or "no clause"
    for mark in item.iter_markers("needs"):
        for cap in mark.args:
            if cap not in offered:
                why = _WHY.get(cap, f"profile {profile.name} lacks '{cap}'")
                pytest.skip(f"not applicable ({clauses}): {why}")


def _url(settings: Settings, profile: Profile, instance: int) -> str | None:
    explicit = settings.target if instance == 1 else settings.target2
    if explicit:
        return explicit
    if not settings.embedded:
        return None
    query = [f"instance={instance}"] + [f"defect={d}" for d in settings.defects]
    return f"emulator://{profile.name}?{'&'.join(query)}"


def _open(request: pytest.FixtureRequest, profile: Profile, instance: int) -> Iterator[Modem]:
    settings = request.config.stash[SETTINGS]
    url = _url(settings, profile, instance)
    if url is None:
        pytest.skip(f"not applicable: {_WHY['second_instance']}")
    transcript = Transcript(name=f"AT instance {instance} — {url}")
    request.node.stash.setdefault(TRANSCRIPTS, []).append(transcript)
    keep = not url.startswith("emulator://")
    link = settings.links.get(url) if keep else None
    if settings.lost_streak >= LOST_AFTER:
        # Gone for good: the remaining tests stop at once instead of each waiting out a probe.
        transcript.note(f"not opened: the target was lost ({settings.lost})")
        raise TargetLost(
            f"target lost: {LOST_AFTER} tests in a row found it gone ({settings.lost}); the remaining tests are "
            "not run against it"
        )
    if link is None:
        try:
            link = Link(url, transcript)
        except HarnessError as e:
            settings.lost_streak += 1
            settings.lost = settings.lost or str(e)
            raise
        if keep:
            settings.links[url] = link
    else:
        link.transcript = transcript
        transcript.note(f"reusing the open link {url}")
        link.discard_waiting()
    modem = Modem(link=link, dialect=profile.dialect, timeout=settings.at_timeout, name=f"instance {instance}")
    guard = NvmGuard(profile.dialect, settings.nvm_allowed, settings.nvm_writes)

    def check(line: str) -> None:
        try:
            guard.check(line, request.node.nodeid)
        except NvmWriteRefused as e:
            pytest.skip(f"not applicable on this target: {e}")

    modem.guard = check

    def release(broken: bool) -> None:
        if not keep or broken:
            settings.links.pop(url, None)
            modem.close()

    try:
        # Sanity check before the test: a target that does not answer AT is an error of the run, not a
        # failure of the clause under test (the verdict rules of ARCHITECTURE.md).
        timeout = min(settings.at_timeout, 1.0) if settings.lost else settings.at_timeout
        try:
            r = modem.command("AT", timeout=timeout)
        except TargetSilent:
            # A module that sleeps may swallow the first AT (the wake-up): ask once more before calling it
            # silent. Each waits the full deadline, so that a slow answer to the first is not taken for the
            # answer to the second.
            modem.engine.abandon()
            transcript.note("no answer to the first AT: sending a second one (a sleeping module's wake-up)")
            r = modem.command("AT", timeout=timeout)
            # A slow module (not a sleeping one) answers the first AT late: that OK was just taken for the
            # second's, whose own OK is still to come. Let it come and drop it, so that the test's first
            # command is not answered by it.
            modem.settle(quiet=2 * timeout, limit=4 * timeout)
        if not r.ok:
            raise TargetSilent(f"the target answered the sanity check AT with {r.final.text!r}")
        settings.lost, settings.lost_streak = None, 0
        if instance == 1:
            request.node.stash[TARGET_URL] = url
            if profile.name not in settings.identities:
                ident = settings.identities[profile.name] = identify(modem, url)
                if ident.error and link.failed:
                    raise LinkError(f"the link failed while the target identified itself: {ident.error}")
                if ident.error and modem.engine.state is not State.IDLE:
                    raise TargetSilent(f"the target stopped answering while identifying itself: {ident.error}")
        if keep and url not in settings.snapshots:
            # A real module keeps what the suite sets: read it now, put it back at the end of the session.
            with modem.own_transcript(f"settings before the run — {url}"):
                settings.snapshots[url] = (profile.dialect, snapshot(modem))
    except HarnessError as e:
        release(broken=True)
        settings.lost = settings.lost or str(e)
        settings.lost_streak += 1
        raise
    try:
        yield modem
    finally:
        # A link that failed, or an engine that saw a protocol error, is not trusted by the next test.
        release(link.failed or modem.engine.state is State.BROKEN)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    settings = config.stash.get(SETTINGS, None)
    if settings is not None and settings.unmatched_expectations:
        terminalreporter.write_line(
            f"{settings.expectations}: {len(settings.unmatched_expectations)} deviation(s) matched no test of this "
            f"run: {', '.join(settings.unmatched_expectations)}",
            yellow=True,
        )


@pytest.hookimpl(tryfirst=True)  # before results.json and the HTML report are written: they list the restore
def pytest_sessionfinish(session: pytest.Session) -> None:
    settings = session.config.stash.get(SETTINGS, None)
    if settings is None:
        return
    for url, link in settings.links.items():
        if url in settings.snapshots and not link.failed:
            dialect, before = settings.snapshots[url]
            modem = Modem(link=link, dialect=dialect, timeout=settings.at_timeout, name="restore")
            try:
                with modem.own_transcript(f"settings restored — {url}"):
                    settings.restored[url] = restore(modem, before)
            except HarnessError as e:
                settings.restored[url] = [SettingChange("all", "", "", False, "", f"could not restore: {e}")]
    for link in settings.links.values():
        link.close()
    settings.links.clear()


def _module_changes(settings: Settings) -> dict[str, object]:
    """What the run wrote to the module and what it put back (results.json ``module_changes``)."""
    return {
        "nvm_allowed": "all" if settings.nvm_allowed is None else sorted(settings.nvm_allowed),
        "nvm_writes": [{"test": w.test, "command": w.command, "slot": w.slot} for w in settings.nvm_writes],
        "settings": {url: [c.as_json() for c in changes] for url, changes in settings.restored.items()},
        "restore": "the embedded emulator powers a fresh module on for every test: nothing to restore"
        if settings.embedded
        else f"settings read at the start and restored at the end on {len(settings.snapshots)} link(s)",
    }


@pytest.fixture
def modem(request: pytest.FixtureRequest, profile: Profile) -> Iterator[Modem]:
    """AT instance 1 of the target, checked with ``AT`` before the test; closed after it."""
    yield from _open(request, profile, 1)


@pytest.fixture
def network(request: pytest.FixtureRequest) -> Network:
    """The APN and credentials of PDP context 1 (``--apn``, ``--apn-user``, ``--apn-password``)."""
    return request.config.stash[SETTINGS].network


@pytest.fixture
def observe(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Record behaviour the documents leave open (host-name checking...): shown in the report as an
    observation, apart from verdicts, and in results.json under ``observations``."""

    def record(text: str) -> None:
        request.node.user_properties.append(("observation", text))

    return record


@pytest.fixture
def modem2(request: pytest.FixtureRequest, profile: Profile, modem: Modem) -> Iterator[Modem]:
    """AT instance 2 of the same module (opened after instance 1, so both share one module)."""
    yield from _open(request, profile, 2)


@pytest.hookimpl(wrapper=True, tryfirst=True)  # outermost: it sees the sections every other plugin added
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        started = time.perf_counter()
        html = item.config.pluginmanager.has_plugin("modem-report")
        transcripts_html = []
        for transcript in item.stash.get(TRANSCRIPTS, []):
            rows = transcript.rows()
            title = f"AT transcript: {transcript.name}"
            report.sections.append((title, transcript.rendered(rows)))
            if html:
                transcripts_html.append((title, transcript.html(rows)))
        # The HTML report names control bytes in badges; an attribute, because report sections are plain
        # text (it does not cross to an xdist controller, where the report falls back to the text).
        report.transcripts_html = transcripts_html  # type: ignore[attr-defined]
        record = item.config.stash.get(RECORD, None)
        if record is not None:
            record.render_seconds += time.perf_counter() - started
        clauses = [f"{d} §{s}" for d, s in _spec_marks(item)]
        report.user_properties.append(("spec", "; ".join(clauses)))
        profile = _profile_of(item)
        if isinstance(profile, Profile):
            report.user_properties.append(("profile", profile.name))
        for mark in item.iter_markers("erratum"):
            report.user_properties.append(("errata", ", ".join(mark.args)))
        if TARGET_URL in item.stash:
            report.user_properties.append(("target", item.stash[TARGET_URL]))
        if call.excinfo is not None and isinstance(call.excinfo.value, HarnessError):
            report.user_properties.append(("blame", call.excinfo.value.blame))
    _redact(report)
    return report


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
