"""The engine against the transcripts of all five documents, fed whole, byte by byte, and with
trailing data (the h11 ``tr()`` pattern)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from harness.dialects import dialect
from harness.engine import Engine, State
from harness.events import NEED_DATA, Event, OnlineData
from tests.engine.transcripts import CASES, Answer, Case, Escape, Recv, Send

Chunker = Callable[[bytes], Iterator[bytes]]


def whole(data: bytes) -> Iterator[bytes]:
    yield data


def byte_by_byte(data: bytes) -> Iterator[bytes]:
    for i in range(len(data)):
        yield data[i : i + 1]


def drain(engine: Engine) -> list[Event]:
    out: list[Event] = []
    while (event := engine.next_event()) is not NEED_DATA:
        assert not isinstance(event, type(NEED_DATA))
        out.append(event)
    return out


def merge_online(events: list[Event]) -> list[Event]:
    """Join adjacent OnlineData: how online bytes are split into events depends on the chunks fed."""
    out: list[Event] = []
    for event in events:
        if isinstance(event, OnlineData) and out and isinstance(out[-1], OnlineData):
            out[-1] = OnlineData(data=out[-1].data + event.data)
        else:
            out.append(event)
    return out


def run(case: Case, chunker: Chunker, trailing: bytes = b"") -> tuple[Engine, list[Event]]:
    engine = Engine(dialect(case.dialect))
    events: list[Event] = []
    steps = list(case.steps)
    for i, step in enumerate(steps):
        if isinstance(step, Send):
            engine.send(step.command)
        elif isinstance(step, Answer):
            engine.send_payload(step.data)
        elif isinstance(step, Escape):
            engine.escape()
        elif isinstance(step, Recv):
            data = step.data + (trailing if i == len(steps) - 1 else b"")
            for chunk in chunker(data):
                engine.receive_data(chunk)
                events += drain(engine)
    return engine, merge_online(events)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("chunker", [whole, byte_by_byte], ids=["whole", "byte-by-byte"])
def test_transcript(case: Case, chunker: Chunker) -> None:
    engine, events = run(case, chunker)
    assert events == list(case.events), case.source
    if case.ends_idle:
        assert engine.state is State.IDLE
        assert engine.partial == b""


# Trailing data: the start of the next unsolicited line must stay buffered, and nothing else change.
TRAILING = b"\r\n+UNRELATED: partial"


@pytest.mark.parametrize("case", [c for c in CASES if c.ends_idle], ids=[c.id for c in CASES if c.ends_idle])
@pytest.mark.parametrize("chunker", [whole, byte_by_byte], ids=["whole", "byte-by-byte"])
def test_transcript_with_trailing_data(case: Case, chunker: Chunker) -> None:
    engine, events = run(case, chunker, trailing=TRAILING)
    assert events == list(case.events), case.source
    assert engine.partial == b"+UNRELATED: partial"
