"""The targets: one :class:`TargetPool` per session opens each test's AT instances, checks that the
target answers, asks it who it is, reads the settings a real module keeps and puts them back at the end.

Without ``--target`` every selected profile runs against the embedded emulator (``emulator://<profile>``,
second instance ``?instance=2``), which powers a fresh module on for each test; its URL handler is named
to pyserial only then (:func:`harness.link.register_scheme`: a name, not an import of the emulator).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit, urlunsplit

import pytest

from harness.dialects import Dialect, Snapshot
from harness.engine import State
from harness.errors import HarnessError, LinkError, TargetLost, TargetSilent
from harness.identity import identify
from harness.link import Link, register_scheme
from harness.modem import Modem
from harness.nvm import NvmGuard, NvmWrite, NvmWriteRefused
from harness.plugin import restart
from harness.plugin.options import SETTINGS, Settings
from harness.profiles import Profile
from harness.restore import SettingChange, restore, snapshot
from harness.results import Identity, identity_key
from harness.transcript import Transcript
from harness.waits import for_url

__all__ = [
    "EMULATOR_HANDLERS",
    "LOST_AFTER",
    "POOL",
    "SANITY_SKIPPED",
    "TARGET_URL",
    "TRANSCRIPTS",
    "TargetPool",
    "capabilities",
    "with_defects",
]

#: After this many tests in a row find the target gone, the rest fail at once with "target lost".
LOST_AFTER = 3

#: The package of the embedded emulator's pyserial URL handler (emulator/urlhandler/protocol_emulator.py).
EMULATOR_HANDLERS = "emulator.urlhandler"

POOL = pytest.StashKey["TargetPool"]()
#: The transcripts of a test's AT instances, in the order they were opened (on the test item).
TRANSCRIPTS = pytest.StashKey[list[Transcript]]()
#: The URL of a test's AT instance 1 (on the test item).
TARGET_URL = pytest.StashKey[str]()
#: How a transcript's note begins when the sanity ``AT`` was left out (harness/plugin/evidence.py reads it: a
#: module that then answers nothing at all is an error of the run, as the sanity check would have made it).
SANITY_SKIPPED = "no sanity AT"

#: Why a test that needs what the target does not offer is skipped.
WHY = {
    "second_instance": "needs a second AT instance of the same module: give --target2",
    "fresh_power_on": "needs a module just powered on: give --allow-restart to let the suite restart the module "
    "before such a test (the embedded emulator powers one on for each test)",
}


def capabilities(settings: Settings) -> set[str]:
    """What the configured targets offer beyond the profile."""
    caps = set()
    if settings.target2 or settings.embedded:
        caps.add("second_instance")
    if settings.embedded or settings.allow_restart:
        # The embedded emulator powers a module on for every test; a real one is restarted before such a test
        # (--allow-restart, harness/plugin/restart.py).
        caps.add("fresh_power_on")
    return caps


def with_defects(url: str, defects: list[str]) -> str:
    """``url`` with ``--emulator-defect``'s defects added when it names the embedded emulator (every instance of
    an ``emulator://`` target given with ``--target``/``--target2`` or by a farm's module: instances share a
    module only when their defects agree); any other URL unchanged."""
    if not url.startswith("emulator://") or not defects:
        return url
    parts = urlsplit(url)
    have = parse_qs(parts.query).get("defect", [])
    extra = [f"defect={d}" for d in defects if d not in have]
    query = "&".join(([parts.query] if parts.query else []) + extra)
    return urlunsplit(parts._replace(query=query))


@dataclass
class TargetPool:
    """The session's targets: open links to real modules (kept for the session: reopening a serial port
    per test toggles DTR, and pyserial's socket:// close sleeps 0.3 s), whether the target was lost, what
    each module answered to its identification, what the suite wrote to NVM, and the settings read when a
    real module's link first opened and what the restore did."""

    settings: Settings
    lost: str | None = None  # why the target stopped answering, once it did
    lost_streak: int = 0  # tests in a row whose sanity check found the target gone
    #: What each profile's module (each module of a farm) answered to its identification commands, asked when
    #: first opened; keyed by :func:`~harness.results.identity_key`.
    identities: dict[str, Identity] = field(default_factory=dict)
    nvm_writes: list[NvmWrite] = field(default_factory=list)
    snapshots: dict[str, tuple[Dialect, Snapshot]] = field(default_factory=dict)
    restored: dict[str, list[SettingChange]] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)

    def url(self, profile: Profile, instance: int) -> str | None:
        """The URL of AT instance ``instance``: the one given, or the embedded emulator's; None: none."""
        explicit = self.settings.target if instance == 1 else self.settings.target2
        if explicit:
            return with_defects(explicit, self.settings.defects)
        if not self.settings.embedded:
            return None
        query = [f"instance={instance}"] + [f"defect={d}" for d in self.settings.defects]
        return f"emulator://{profile.name}?{'&'.join(query)}"

    def _link(self, url: str, transcript: Transcript, keep: bool) -> Link:
        if self.lost_streak >= LOST_AFTER:
            # Gone for good: the remaining tests stop at once instead of each waiting out a probe.
            transcript.note(f"not opened: the target was lost ({self.lost})")
            raise TargetLost(
                f"target lost: {LOST_AFTER} tests in a row found it gone ({self.lost}); the remaining tests are "
                "not run against it"
            )
        link = self.links.get(url) if keep else None
        if link is not None:
            link.transcript = transcript
            transcript.note(f"reusing the open link {url}")
            link.discard_waiting()
            return link
        try:
            link = Link(url, transcript)
        except HarnessError as e:
            self.lost_streak += 1
            self.lost = self.lost or str(e)
            raise
        if keep:
            self.links[url] = link
        return link

    def _sanity_check(self, modem: Modem, transcript: Transcript, fresh: bool) -> None:
        # Before the test: a target that does not answer AT is an error of the run, not a failure of the
        # clause under test (the verdict rules of ARCHITECTURE.md). The check costs a turn of the line (issue 15)
        # and is left out only where the module has just been powered on and its line is clean: the embedded
        # emulator powers a fresh module on for every test (its link is never kept). It stays on a kept link (a
        # module that restarted or went silent between two tests is named here, not taken for a failure of the
        # next clause) and behind a fault of the line (``fault=``: a module that sleeps needs the wake-up AT;
        # tests/faults/test_catalogs.py).
        if fresh:
            transcript.note(f"{SANITY_SKIPPED}: the embedded emulator has just powered this module on")
            return
        timeout = min(self.settings.at_timeout, 1.0) if self.lost else self.settings.at_timeout
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

    def open(self, request: pytest.FixtureRequest, profile: Profile, instance: int) -> Iterator[Modem]:
        """Open AT instance ``instance`` for the test of ``request``, check it answers, and yield its modem;
        close it afterwards unless it is a real module's link kept for the session."""
        url = self.url(profile, instance)
        if url is None:
            pytest.skip(f"not run: {WHY['second_instance']}")
        transcript = Transcript(name=f"AT instance {instance} — {url}")
        request.node.stash.setdefault(TRANSCRIPTS, []).append(transcript)
        keep = not url.startswith("emulator://")
        # A module the embedded emulator has just powered on, behind a clean line (no ``fault=``): it needs no
        # sanity AT before the test, nor its state put back after it (issue 15).
        fresh = not keep and "fault" not in parse_qs(urlsplit(url).query)
        link = self._link(url, transcript, keep)
        modem = Modem(link=link, dialect=profile.dialect, timeout=self.settings.at_timeout, name=f"instance {instance}")
        modem.waits = for_url(url, self.settings.network_wait)
        # The embedded emulator powers this module off after the test (never kept): teardowns that only put state
        # back for the next test may skip it.
        modem.discarded_after_test = fresh
        guard = NvmGuard(profile.dialect, self.settings.nvm_allowed, self.nvm_writes)

        def check(line: str) -> None:
            try:
                guard.check(line, request.node.nodeid)
            except NvmWriteRefused as e:
                pytest.skip(f"not run on this target: {e}")

        modem.guard = check

        def release(broken: bool) -> None:
            if not keep or broken:
                self.links.pop(url, None)
                modem.close()

        try:
            self._sanity_check(modem, transcript, fresh)
            self.lost, self.lost_streak = None, 0
            if instance == 1:
                request.node.stash[TARGET_URL] = url
                module = self.settings.module.label if self.settings.module is not None else None
                key = identity_key(profile.name, module)
                if key not in self.identities:
                    ident = self.identities[key] = identify(modem, url, profile.name, module)
                    if ident.error and link.failed:
                        raise LinkError(f"the link failed while the target identified itself: {ident.error}")
                    if ident.error and modem.engine.state is not State.IDLE:
                        raise TargetSilent(f"the target stopped answering while identifying itself: {ident.error}")
            if keep and url not in self.snapshots:
                # A real module keeps what the suite sets: read it now, put it back at the end of the session.
                with modem.own_transcript(f"settings before the run — {url}"):
                    self.snapshots[url] = (profile.dialect, snapshot(modem))
                restart.read_before(self, profile, transcript)  # instance 2's too, before any test changes them
            # --allow-restart: a test that needs a module just powered on gets one, and leaves one.
            after = restart.around_test(self, request, modem, profile) if instance == 1 else None
        except HarnessError as e:
            release(broken=True)
            self.lost = self.lost or str(e)
            self.lost_streak += 1
            raise
        try:
            yield modem
        finally:
            try:
                if after is not None:
                    after()
            finally:
                # A link that failed, or an engine that saw a protocol error, is not trusted by the next test.
                release(modem.link.failed or modem.engine.state is State.BROKEN)

    def restore_all(self) -> None:
        """Put back the settings of every real module whose link is still good, then close every link."""
        for url, link in self.links.items():
            if url in self.snapshots and not link.failed:
                dialect, before = self.snapshots[url]
                modem = Modem(link=link, dialect=dialect, timeout=self.settings.at_timeout, name="restore")
                try:
                    with modem.own_transcript(f"settings restored — {url}"):
                        self.restored[url] = restore(modem, before)
                except HarnessError as e:
                    self.restored[url] = [SettingChange("all", "", "", False, "", f"could not restore: {e}")]
        for link in self.links.values():
            link.close()
        self.links.clear()

    def module_changes(self) -> dict[str, object]:
        """What the run wrote to the module and what it put back (results.json ``module_changes``)."""
        allowed = self.settings.nvm_allowed
        return {
            "nvm_allowed": "all" if allowed is None else sorted(allowed, key=str),
            "nvm_writes": [{"test": w.test, "command": w.command, "slot": w.slot} for w in self.nvm_writes],
            "settings": {url: [c.as_json() for c in changes] for url, changes in self.restored.items()},
            "restore": "the embedded emulator powers a fresh module on for every test: nothing to restore"
            if self.settings.embedded
            else f"settings read at the start and restored at the end on {len(self.snapshots)} link(s)",
        }


def pytest_configure(config: pytest.Config) -> None:
    settings = config.stash[SETTINGS]
    config.stash[POOL] = TargetPool(settings)
    if settings.embedded:
        register_scheme(EMULATOR_HANDLERS)


@pytest.hookimpl(tryfirst=True)  # before results.json and the HTML report are written: they list the restore
def pytest_sessionfinish(session: pytest.Session) -> None:
    pool = session.config.stash.get(POOL, None)
    if pool is not None:
        pool.restore_all()
