"""The "> " prompt and the echo of the data after it (telit-ssl-ug §4.7.3), echo after ATE0 (V.250 §6.2.4),
and 27.007 URCs inside a response."""

from __future__ import annotations

import pytest

from harness.dialects import TELIT
from harness.engine import NEED_DATA, Command, Engine
from harness.errors import RemoteProtocolError
from harness.events import Echo, Event, FinalResult, InformationLine, Prompt, Urc


def events(engine: Engine) -> list[Event]:
    out: list[Event] = []
    while (event := engine.next_event()) is not NEED_DATA:
        assert not isinstance(event, type(NEED_DATA))
        out.append(event)
    return out


@pytest.mark.parametrize("late_space", [False, True], ids=["space-with-prompt", "space-after-payload-sent"])
def test_echoed_payload_with_an_ok_line_is_the_echo_not_the_answer(late_space: bool) -> None:
    # The payload holds a line that reads OK: if its echo were taken for response lines, the command would
    # end early and every later response would be off by one (found by the fault link's echo sweep).
    engine = Engine(TELIT)
    engine.send(Command(line="AT#SSLSECDATA=1,1,1,7", prompt=">"))
    engine.receive_data(b"AT#SSLSECDATA=1,1,1,7\r\r\n>" + (b"" if late_space else b" "))
    assert [type(e) for e in events(engine)] == [Echo, Prompt]
    engine.send_payload(b"ab\nOK\n\x1a")
    engine.receive_data((b" " if late_space else b"") + b"ab\nOK\n\x1a\r\nOK\r\n")
    got = events(engine)
    assert [type(e) for e in got] == [Echo, FinalResult]
    assert isinstance(got[0], Echo) and got[0].data == b"ab\nOK\n\x1a"
    assert not any(isinstance(e, InformationLine) for e in got)


def test_payload_starting_with_a_space_keeps_its_space_in_the_echo() -> None:
    engine = Engine(TELIT)
    engine.send(Command(line="AT#SSLSEND=1", prompt=">"))
    engine.receive_data(b"AT#SSLSEND=1\r\r\n> ")
    events(engine)
    engine.send_payload(b" x\x1a")
    engine.receive_data(b" x\x1a\r\nOK\r\n")
    got = events(engine)
    assert isinstance(got[0], Echo) and got[0].data == b" x\x1a" and isinstance(got[1], FinalResult)


def test_an_echo_after_ate0_breaks_the_protocol() -> None:
    engine = Engine(TELIT)
    engine.send("ATE0")
    engine.receive_data(b"ATE0\r\r\nOK\r\n")  # ATE0 itself is echoed: echo was still on (V.250 §6.2.4)
    assert [type(e) for e in events(engine)] == [Echo, FinalResult]
    engine.send("AT+CGMM")
    engine.receive_data(b"AT+CGMM\r\r\nHE910\r\n\r\nOK\r\n")
    with pytest.raises(RemoteProtocolError, match="although ATE0 turned echo off"):
        events(engine)


def test_a_registration_urc_inside_a_response_is_a_urc() -> None:
    engine = Engine(TELIT)
    engine.send("AT+CGMM")
    engine.receive_data(b"\r\n+CREG: 1\r\n\r\nHE910\r\n\r\nOK\r\n")
    got = events(engine)
    assert [type(e) for e in got] == [Urc, InformationLine, FinalResult]
    engine.send("AT+CREG?")  # its own response is not taken for the URC
    engine.receive_data(b"\r\n+CREG: 0,1\r\n\r\nOK\r\n")
    assert [type(e) for e in events(engine)] == [InformationLine, FinalResult]


@pytest.mark.parametrize("pending", [True, False], ids=["during-a-command", "between-commands"])
def test_a_boot_banner_unasked_means_the_module_restarted(pending: bool) -> None:
    engine = Engine(TELIT)
    if pending:
        engine.send("AT#SSLEN?")
    engine.receive_data(b"\r\nRDY\r\n")
    with pytest.raises(RemoteProtocolError, match="the module restarted"):
        events(engine)
