"""``--allow-restart``: restart a real module before a test of power-on defaults, so that the test runs on
real firmware just powered on instead of staying *not run*.

A test marked ``@pytest.mark.needs("fresh_power_on")`` needs a module just powered on. The embedded emulator
powers a fresh one on for every test; on any other target the suite can only get one by restarting the
module, which loses what it holds in RAM, so it does so only when the user allows it (``--allow-restart``).
Then, before such a test, :func:`restart_module`:

1. reads the settings of every AT instance of the module that the session has not read yet, so that the
   restore at the end of the session puts back what the module had before the run, restart or not
   (:mod:`harness.restore`);
2. sets a marker the restart must undo: ``+CMEE`` (3GPP TS 27.007 §9.1, a setting every module has) to a
   value other than the one it holds;
3. sends the dialect's restart command (:class:`harness.dialects.Restart`: none of the documents gives one;
   each is the vendor's usual one, with its errata entry); an answer other than OK leaves the test *not
   run*, naming what came; no answer at all is taken as a module that restarted before answering;
4. closes the session's links to the module and opens them anew (a module on USB drops its ports when it
   restarts; a new link is a module just powered on to whatever remembers a module by its link), then waits
   for the module to come back on AT instance 1, within the dialect's ``boot_seconds``: ``AT`` until OK,
   the port reopened while it fails or does not open yet; each unanswered ``AT``, boot banner
   (``RDY``) or reopening is a note in the test's transcript; the module is back when ``+CMEE`` no longer
   holds the marker. A module that still answers with the marker ``down_seconds`` after the restart's OK
   did not restart, and one that has not answered within ``boot_seconds`` did not come back: either is an
   error of the test's setup (``target silent``), never a verdict on the clause;
5. checks AT instance 2 (``--target2``) the same way, on its link while it works, so that the test and the
   session's restore reach it too.

After the test the module is restarted once more (:func:`around_test`): what a power-on test leaves in RAM
(a trust store filled to its limit, a client certificate kept until power-off) must not reach the tests
that follow, which would otherwise meet a module no run without ``--allow-restart`` leaves them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from harness.dialects import Restart
from harness.engine import Engine, State
from harness.errors import HarnessError, LinkError, RemoteProtocolError, TargetSilent
from harness.link import Link
from harness.modem import Modem
from harness.profiles import Profile
from harness.restore import snapshot
from harness.transcript import Transcript

if TYPE_CHECKING:  # the pool imports this module
    from harness.plugin.options import Settings
    from harness.plugin.targets import TargetPool

__all__ = [
    "CAPABILITY",
    "FIRST_PROBE",
    "PROBE",
    "NotRestarted",
    "around_test",
    "read_before",
    "restart_module",
    "wanted",
]

#: The ``needs`` capability a restart provides.
CAPABILITY = "fresh_power_on"
#: The longest deadline of an ``AT`` sent while waiting for the module to come back (seconds), and the
#: longest pause between two attempts to open its port. The first ``AT`` waits :data:`FIRST_PROBE`, each next
#: one twice as long up to this: a module back at once costs little, a late answer is taken by the next ``AT``.
PROBE = 1.0
FIRST_PROBE = 0.1
#: Quiet time after the module is back: late start-up lines (a banner after the ports came up) are dropped.
SETTLE = 0.1
#: 3GPP TS 27.007 §9.1: the marker setting and its values.
MARKER_READ, MARKER_SET, MARKER_VALUES = "AT+CMEE?", "AT+CMEE={0}", ("2", "1")


class NotRestarted(TargetSilent):
    """The module answered the restart command and went on answering as before: it did not restart."""


def wanted(request: pytest.FixtureRequest, settings: Settings) -> bool:
    """Whether the test of ``request`` is to run on a module restarted for it: it needs a module just
    powered on, the target is not the embedded emulator (which powers one on for every test) and the user
    allowed restarts."""
    if settings.embedded or not settings.allow_restart:
        return False
    return any(CAPABILITY in mark.args for mark in request.node.iter_markers("needs"))


def around_test(
    pool: TargetPool, request: pytest.FixtureRequest, modem: Modem, profile: Profile
) -> Callable[[], None] | None:
    """Before the test of ``request``, restart the module when the test needs one just powered on
    (:func:`wanted`); return what restarts it again after the test, or None when nothing was done.

    The restart after the test keeps what a power-on test leaves in RAM from the tests that follow: on a
    module that keeps files until power-off (fibocom-l610-ssl §1.1.4 Note), a test that fills the trust store
    would otherwise leave it full for every later test, where without ``--allow-restart`` it would not have run.
    """
    if not wanted(request, pool.settings):
        return None
    restart_module(pool, modem, profile)

    def after() -> None:
        if modem.link.failed or modem.engine.state is not State.IDLE:
            modem.link.transcript.note(
                f"no restart after the test: the link is {'failed' if modem.link.failed else modem.engine.state.value}"
            )
            return
        modem.link.transcript.note(
            "the test needed a module just powered on: restarting it again after the test, so that what the test "
            "left in the module's RAM does not reach the tests that follow"
        )
        restart_module(pool, modem, profile)

    return after


def restart_module(pool: TargetPool, modem: Modem, profile: Profile) -> None:
    """Restart the module behind ``modem`` (AT instance 1 of ``profile``) and leave ``modem`` on a link to the
    module once it is back: instance 1's link is a new one, instance 2's (``--target2``) a new one only where
    the old one failed; ``pool`` keeps them for the session."""
    spec = profile.dialect.restart
    transcript = modem.link.transcript
    if spec is None:
        pytest.skip(
            f"not run: needs a module just powered on, and the {profile.dialect.name} tables name no restart command"
        )
    url = modem.link.url
    url2 = pool.url(profile, 2) if pool.settings.target2 else None
    read_before(pool, profile, transcript)
    marker = _set_marker(modem)
    transcript.note(
        f"--allow-restart: restarting the module with {spec.command} ({spec.source}), then waiting "
        f"for it to answer AT{' with +CMEE no longer ' + marker if marker else ''}"
    )
    _send_restart(modem, spec)
    restarted = time.monotonic()
    # Instance 1's link is closed and opened anew: a module on USB drops its ports when it restarts, and a new
    # link is a module just powered on to everything that remembers a module by its link (a driver's record
    # of the files it loaded, kept until power-off). Instance 2's is kept while it works (a close of a
    # socket:// link costs 0.3 s): the test opens it through the pool, with its sanity check.
    old = pool.links.pop(url, None)
    if old is not None:
        old.transcript = transcript
        old.close()
    link = _come_back(url, profile, spec, transcript, pool.settings.at_timeout, restarted, marker)
    transcript.note(
        f"the module is back {time.monotonic() - restarted:.1f} s after the restart: the test runs on "
        "a module just powered on"
    )
    pool.links[url] = link
    modem.link, modem.engine = link, Engine(profile.dialect)
    modem.urcs.clear()
    modem.online_data.clear()
    if url2 is not None:
        second = pool.links.pop(url2, None)
        if second is not None:
            second.transcript = transcript
        pool.links[url2] = _come_back(
            url2, profile, spec, transcript, pool.settings.at_timeout, restarted, None, second
        )
        transcript.note(f"AT instance 2 ({url2}) answers too")


def read_before(pool: TargetPool, profile: Profile, transcript: Transcript) -> None:
    """Read the settings of AT instance 2 (``--target2``) if the session has not yet: called when instance 1's
    are first read, and before a restart. Both instances reach one module, whose settings they mostly share:
    read later, after tests changed them, instance 2's snapshot would hold the run's values, and its restore
    at the session's end would put those back over what instance 1's restore put back."""
    url = pool.url(profile, 2) if pool.settings.target2 else None
    if url is None or url in pool.snapshots:
        return
    try:
        link = pool.links.get(url) or Link(url, transcript)
    except LinkError as e:
        transcript.note(f"the settings of {url} could not be read before the restart: {e}")
        return
    pool.links[url] = link
    reader = Modem(link=link, dialect=profile.dialect, timeout=pool.settings.at_timeout, name="instance 2")
    try:
        with reader.own_transcript(f"settings before the run — {url}"):
            pool.snapshots[url] = (profile.dialect, snapshot(reader))
    except HarnessError as e:
        transcript.note(f"the settings of {url} could not be read before the restart: {e}")


def _marker(r_lines: tuple[str, ...]) -> str | None:
    for line in r_lines:
        if line.startswith("+CMEE:"):
            return line.partition(":")[2].strip()
    return None


def _set_marker(modem: Modem) -> str | None:
    """Set +CMEE to a value it does not hold; the value, or None when the module refuses (no marker)."""
    r = modem.command(MARKER_READ)
    held = _marker(r.lines) if r.ok else None
    if held is None:
        modem.link.transcript.note("no marker: +CMEE cannot be read; the module is back when it answers AT")
        return None
    value = next(v for v in MARKER_VALUES if v != held)
    return value if modem.command(MARKER_SET.format(value)).ok else None


def _send_restart(modem: Modem, spec: Restart) -> None:
    transcript = modem.link.transcript
    try:
        r = modem.command(spec.command)
    except (TargetSilent, LinkError, RemoteProtocolError) as e:
        # A module may restart before its OK is out, and its port go with it: no verdict, the wait decides.
        transcript.note(f"no final result code for {spec.command} ({e}); waiting for the module all the same")
        return
    if not r.ok:
        pytest.skip(
            f"not run: needs a module just powered on, and the module refused the restart command "
            f"{r.describe()} ({spec.source})"
        )


def _come_back(
    url: str,
    profile: Profile,
    spec: Restart,
    transcript: Transcript,
    at_timeout: float,
    restarted: float,
    marker: str | None,
    link: Link | None = None,
) -> Link:
    """A link to ``url`` on which the module answers ``AT`` (and no longer holds ``marker`` in +CMEE): ``link``
    while it works, else a new one, reopened while the port fails or does not open; before ``boot_seconds``
    after ``restarted``."""
    end = restarted + spec.boot_seconds
    attempts, last, noted = 0, "nothing tried", ""
    current = link
    while True:
        try:
            if current is None:
                attempts += 1
                current = Link(url, transcript)
            probe = Modem(link=current, dialect=profile.dialect, timeout=FIRST_PROBE, name="restart")
            while time.monotonic() < end:
                try:
                    if probe.command("AT", timeout=max(0.0, min(probe.timeout, end - time.monotonic()))).ok:
                        if marker is None:
                            probe.settle(quiet=SETTLE, limit=4 * SETTLE, why="the end of a line or start-up output")
                            return current
                        held = _marker(probe.command(MARKER_READ, timeout=at_timeout).lines)
                        if held != marker:
                            probe.settle(quiet=SETTLE, limit=4 * SETTLE, why="the end of a line or start-up output")
                            return current
                        last = f"the module answers with +CMEE still {marker}, the value set before the restart"
                        if time.monotonic() - restarted > spec.down_seconds:
                            raise NotRestarted(
                                f"the module did not restart: {spec.down_seconds:.0f} s after {spec.command} was "
                                f"answered it still answers, with +CMEE still {marker}, the value set before it"
                            )
                        time.sleep(FIRST_PROBE)  # a poll of a module that has not gone down yet
                    else:
                        last = "AT answered with an error"
                except NotRestarted:
                    raise
                except TargetSilent:
                    last = f"AT unanswered within {probe.timeout:.1f} s"
                    probe.timeout = min(2 * probe.timeout, PROBE, at_timeout)
                    if probe.engine.state in (State.AWAIT, State.PROMPTED):
                        probe.engine.abandon()
                except RemoteProtocolError as e:  # a boot banner, or noise while the module starts
                    last = f"start-up output ({e})"
                    probe.engine = Engine(profile.dialect)
                if last != noted:
                    transcript.note(f"waiting for the module after the restart: {last}")
                    noted = last
        except LinkError as e:
            last = f"the link failed or does not open yet ({e})"
            transcript.note(f"waiting for the module after the restart: {last}; reopening {url}")
            if current is not None:
                current.close()
            current = None
        remaining = end - time.monotonic()
        if remaining <= 0:
            raise TargetSilent(
                f"the module did not answer AT within {spec.boot_seconds:.0f} s of {spec.command} "
                f"({attempts} reopening(s) of {url}; last: {last})"
            )
        if current is None:
            time.sleep(min(PROBE, remaining))  # a poll of a port that is not back yet, inside the boot deadline
