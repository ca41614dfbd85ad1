"""Core data-mode plumbing: the escape detector, the scheduler, prompt and online states.

These drive an :class:`Instance` with a hand-made line runner, so they test the core alone,
without any dialect: a ``AT+GO`` line enters online state, ``AT+IN`` prompts for input.
"""

from __future__ import annotations

import threading
import time

import pytest

from emulator.core.escape import EscapeDetector, Expiry
from emulator.core.instance import InputCollector, Instance, OnlineSink
from emulator.core.results import ResultCode, frame_final
from emulator.core.scheduler import Scheduler
from tests.emulator.conftest import Output

GUARD = 0.1


# ---------------------------------------------------------------- the escape detector
@pytest.mark.parametrize(("chunks", "forwarded", "escape"), [
    # (time, bytes) fed in order; then the guard time passes in silence.
    ([(1.0, b"+++")], b"", True),  # D18: silence before and after
    ([(1.0, b"+"), (1.01, b"+"), (1.02, b"+")], b"", True),  # typed one by one
    ([(0.05, b"+++")], b"+++", False),  # no silence before: data
    ([(1.0, b"data+++")], b"data+++", False),  # in the middle of data
    ([(1.0, b"++++")], b"++++", False),  # four: no escape
    ([(1.0, b"+++x")], b"+++x", False),  # something after: data
    ([(1.0, b"++")], b"++", False),  # two, then silence: data
])
def test_escape_detector(chunks: list[tuple[float, bytes]], forwarded: bytes,
                         escape: bool) -> None:
    detector = EscapeDetector(guard=GUARD, now=0.0)
    out = b""
    last = 0.0
    for when, data in chunks:
        result = detector.feed(data, when)
        assert result.escape_at is None
        out += result.forward
        last = when
    expiry = detector.expire(last + GUARD)
    if expiry is not None:
        out += expiry.release
    assert out == forwarded
    assert (expiry == Expiry(escape=True)) is escape


def test_escape_detector_stale_timer_is_ignored() -> None:
    detector = EscapeDetector(guard=GUARD, now=0.0)
    detector.feed(b"+++", 1.0)
    assert detector.feed(b"x", 1.05).forward == b"+++x"
    assert detector.expire(1.1) is None


def test_escape_without_guard_defect_switch() -> None:
    detector = EscapeDetector(guard=GUARD, now=0.0, guard_required=False)
    result = detector.feed(b"ab+++AT\r", 0.0)
    assert result.forward == b"ab"
    assert result.escape_at == 5


# ---------------------------------------------------------------- the scheduler
def test_scheduler_runs_cancels_and_stops() -> None:
    scheduler = Scheduler()
    ran: list[str] = []
    done = threading.Event()
    scheduler.call_later(0.05, lambda: ran.append("late"))
    scheduler.call_later(0.01, lambda: ran.append("early"))
    cancelled = scheduler.call_later(0.02, lambda: ran.append("cancelled"))
    cancelled.cancel()
    scheduler.call_later(0.08, done.set)
    assert done.wait(2)
    assert ran == ["early", "late"]
    scheduler.close()
    after = scheduler.call_later(0, lambda: ran.append("after close"))
    assert after.cancelled
    time.sleep(0.05)
    assert ran == ["early", "late"]


# ---------------------------------------------------------------- an instance with data states
class RecordingSink(OnlineSink):
    def __init__(self) -> None:
        self.received = bytearray()
        self.events: list[str] = []

    def entered(self) -> None:
        self.events.append("entered")

    def receive(self, data: bytes) -> None:
        self.received += data

    def escaped(self) -> None:
        self.events.append("escaped")


class UntilCtrlZ(InputCollector):
    def __init__(self) -> None:
        self.data = bytearray()

    def take(self, data: bytes) -> int | None:
        end = data.find(b"\x1a")
        if end < 0:
            self.data += data
            return None
        self.data += data[:end]
        return end + 1

    def finish(self) -> bytes:
        return f"\r\n+IN: {len(self.data)}\r\n\r\nOK\r\n".encode()

    def abandon(self) -> None:
        self.data.clear()


class Harness:
    def __init__(self) -> None:
        self.scheduler = Scheduler()
        self.sink = RecordingSink()
        self.collector = UntilCtrlZ()
        self.instance = Instance(1, self._run, scheduler=self.scheduler)
        self.instance.settings.echo = False
        self.out = Output()
        self.instance.attach(self.out)

    def _run(self, instance: Instance, body: str | None) -> bytes:
        if body == "+GO":
            instance.go_online(self.sink)
            return frame_final(ResultCode.CONNECT, instance.settings)
        if body == "+IN":
            instance.expect_input(self.collector)
            return b"\r\n> "
        if body == "S12=5":  # the guard time of these tests: 5/50 s
            instance.settings.s12 = 5
        return frame_final(ResultCode.OK, instance.settings)


@pytest.fixture
def harness() -> Harness:
    h = Harness()
    h.instance.feed(b"ATS12=5\r")
    h.out.take()
    yield h
    h.scheduler.close()


def test_online_data_goes_to_the_sink_and_a_guarded_escape_returns(harness: Harness) -> None:
    harness.instance.feed(b"AT+GO\rhello")
    assert harness.out.take() == b"\r\nCONNECT\r\n"
    assert harness.instance.online
    assert harness.sink.received == b"hello"
    assert harness.sink.events == ["entered"]
    time.sleep(GUARD * 1.5)
    harness.instance.feed(b"+++")
    harness.out.wait_for(b"\r\nOK\r\n")
    assert not harness.instance.online
    assert harness.sink.events == ["entered", "escaped"]
    assert harness.sink.received == b"hello"
    harness.out.take()
    harness.instance.feed(b"AT\r")
    assert harness.out.take() == b"\r\nOK\r\n"


def test_unguarded_plus_is_data(harness: Harness) -> None:
    harness.instance.feed(b"AT+GO\r")
    harness.instance.feed(b"a+++b")
    time.sleep(GUARD * 2)
    assert harness.instance.online
    assert harness.sink.received == b"a+++b"


def test_urcs_wait_for_command_state(harness: Harness) -> None:
    harness.instance.feed(b"AT+GO\r")
    harness.out.take()
    harness.instance.unsolicited("SSLSRING: 1,5")
    assert harness.instance.send_online(harness.sink, b"data")
    assert harness.out.take() == b"data"
    assert harness.instance.leave_online(harness.sink)
    assert harness.out.take() == b"\r\nNO CARRIER\r\n\r\nSSLSRING: 1,5\r\n"
    assert not harness.instance.send_online(harness.sink, b"late")
    assert not harness.instance.leave_online(harness.sink)


def test_prompt_input_then_command_state(harness: Harness) -> None:
    harness.instance.feed(b"AT+IN\r")
    assert harness.out.take() == b"\r\n> "
    harness.instance.feed(b"AT\rmore\x1aAT\r")
    assert harness.out.take() == b"\r\n+IN: 7\r\n\r\nOK\r\n\r\nOK\r\n"
    assert harness.collector.data == b"AT\rmore"


def test_power_on_leaves_data_states(harness: Harness) -> None:
    harness.instance.feed(b"AT+IN\r")
    harness.instance.power_on()
    harness.out.take()
    harness.instance.feed(b"AT\r")
    assert harness.out.take() == b"AT\r\r\nOK\r\n"  # power on: ATE1 again
