"""V.250 §5.2 line assembly, fed one byte at a time."""

from __future__ import annotations

import pytest

from emulator.core.lineassembler import MAX_LINE, CommandLine, LineAssembler, LineEvent, RepeatLine


def events(data: bytes) -> list[LineEvent]:
    assembler = LineAssembler()
    out = []
    for byte in data:
        event = assembler.receive(byte, s3=13, s5=8)
        if event is not None:
            out.append(event)
    return out


@pytest.mark.parametrize(("data", "expected"), [
    (b"AT\r", [CommandLine(body="")]),
    (b"at+cgmm\r", [CommandLine(body="+cgmm")]),
    (b"AT+CGMM\r\n", [CommandLine(body="+CGMM")]),  # LF after CR ignored
    (b"xyzAT+CGMM\r", [CommandLine(body="+CGMM")]),  # characters before AT ignored
    (b"\nAAT\r", [CommandLine(body="")]),  # 'A' restarts the prefix
    (b"At\rAT\r", [CommandLine(body="")]),  # mixed case is no prefix
    (b"AT+CGMX\x08M\r", [CommandLine(body="+CGMM")]),  # backspace edits
    (b"AT\x08\x08E0\r", [CommandLine(body="E0")]),  # backspace never deletes the prefix
    (b"AT+C\x01GMM\r", [CommandLine(body="+CGMM")]),  # other control characters ignored
    (b"AT\rAT\r", [CommandLine(body=""), CommandLine(body="")]),
    (b"A/", [RepeatLine()]),
    (b"a/", [RepeatLine()]),
    (b"garbage\r\n\r", []),
])
def test_line_events(data: bytes, expected: list[LineEvent]) -> None:
    assert events(data) == expected
    # The same bytes with trailing data give the same events first.
    assert events(data + b"AT")[: len(expected)] == expected


def test_overflow_is_flagged_not_buffered() -> None:
    [event] = events(b"AT" + b"E" * (MAX_LINE + 10) + b"\r")
    assert isinstance(event, CommandLine) and event.overflow
    assert len(event.body) == MAX_LINE


def test_s3_and_s5_are_parameters() -> None:
    assembler = LineAssembler()
    got = [assembler.receive(b, s3=ord("!"), s5=ord("~")) for b in b"ATE1~0!"]
    assert got[-1] == CommandLine(body="E0")
