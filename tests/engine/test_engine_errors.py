"""Illegal moves: the test's fault (LocalProtocolError) versus the target's (RemoteProtocolError)."""

from __future__ import annotations

import pytest

from harness.dialects import TELIT, dialect
from harness.engine import MAX_LINE, Command, Engine, State
from harness.errors import LocalProtocolError, RemoteProtocolError
from harness.events import NEED_DATA, FinalResult, ResultKind, Urc


def test_send_while_pending_is_the_tests_fault() -> None:
    engine = Engine(TELIT)
    engine.send("AT")
    with pytest.raises(LocalProtocolError, match="pending: 'AT'"):
        engine.send("AT+CGMM")


def test_payload_without_prompt_is_the_tests_fault() -> None:
    engine = Engine(TELIT)
    engine.send("AT#SSLSEND=1")
    with pytest.raises(LocalProtocolError, match="no prompt"):
        engine.send_payload(b"x")


def test_escape_outside_online_is_the_tests_fault() -> None:
    with pytest.raises(LocalProtocolError, match="online"):
        Engine(TELIT).escape()


@pytest.mark.parametrize("line", ["#SSLEN?", "AT\rAT", "ATE0\n"])
def test_malformed_command_lines_are_refused(line: str) -> None:
    with pytest.raises(LocalProtocolError):
        Command(line=line)


def test_unknown_dialect_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="known: fibocom, quectel-ec200"):
        dialect("telitt")


def test_cme_error_without_number_or_text_is_the_targets_fault() -> None:
    engine = Engine(TELIT)
    engine.send("AT#SSLEN?")
    engine.receive_data(b"\r\n+CME ERROR: \r\n")
    with pytest.raises(RemoteProtocolError, match="neither a number nor a text"):
        engine.next_event()
    # The engine stays broken: nothing after a protocol error is trusted.
    with pytest.raises(RemoteProtocolError, match="earlier protocol error"):
        engine.next_event()
    assert engine.state is State.BROKEN


def test_endless_line_is_the_targets_fault() -> None:
    engine = Engine(TELIT)
    engine.send("AT")
    engine.receive_data(b"x" * (MAX_LINE + 1))
    with pytest.raises(RemoteProtocolError, match="without CR or LF"):
        engine.next_event()


def test_absurd_payload_length_is_the_targets_fault() -> None:
    engine = Engine(TELIT)
    engine.send("AT#SSLRECV=1,10")
    engine.receive_data(b"\r\n#SSLRECV: 999999999\r\n")
    with pytest.raises(RemoteProtocolError, match="announces 999999999 bytes"):
        engine.next_event()


def test_garbage_is_unknown_unsolicited_text_not_a_crash() -> None:
    engine = Engine(TELIT)
    engine.receive_data(b"\x00\xff\xfe garbage \x1b[0m\r\n")
    event = engine.next_event()
    assert event == Urc(text="\x00\xff\xfe garbage \x1b[0m", known=False)
    assert engine.next_event() is NEED_DATA


def test_verbose_mode_restored_when_atv0_fails() -> None:
    engine = Engine(TELIT)
    engine.send("ATV0")
    engine.receive_data(b"\r\nERROR\r\n")
    assert engine.next_event() == FinalResult(kind=ResultKind.ERROR, text="ERROR")
    assert engine.numeric is False


def test_held_back_online_tail_is_released_on_flush() -> None:
    engine = Engine(TELIT)
    engine.send("AT#SSLO=1")
    engine.receive_data(b"\r\nCONNECT\r\nline\r\n")
    assert engine.next_event().kind is ResultKind.CONNECT  # type: ignore[union-attr]
    event = engine.next_event()
    assert getattr(event, "data", None) == b"line"
    assert engine.next_event() is NEED_DATA  # "\r\n" might start "\r\nNO CARRIER\r\n"
    engine.flush_online()
    assert getattr(engine.next_event(), "data", None) == b"\r\n"
