"""What real Quectel LTE modules do that the document does not show, each tolerated as errata QEC-18 decides: the
module's bytes fed to the engine with this profile's dialect, whole and one byte at a time (no module needed)."""

from __future__ import annotations

from typing import cast

import pytest

from conformance.quectel_common.steps import answer, events, open_result
from harness.checks import expect_error
from harness.engine import Command, Engine
from harness.events import Event, FinalResult, Payload, Prompt, ResultKind, Urc, _Sentinel
from harness.modem import Modem, Response
from harness.profiles import Profile

pytestmark = [pytest.mark.spec("quectel-ec200-ssl", "2.2.2"), pytest.mark.erratum("QEC-18")]
CHUNKS = pytest.mark.parametrize("chunk", [1, 1000], ids=["byte-by-byte", "whole"])


@CHUNKS
def test_open_result_before_or_after_ok(profile: Profile, chunk: int) -> None:
    line = 'AT+QSSLOPEN=1,1,4,"host",443,0'
    before = events(profile, line, f"{line}\r\r\n+QSSLOPEN: 4,0\r\n\r\nOK\r\n".encode(), chunk)
    lines, urcs, final = answer(before)
    assert final == "OK" and "+QSSLOPEN: 4,0" in [*lines, *urcs], f"the result URC before OK is seen: {before}"
    r = Response(command=line, final=FinalResult(kind=ResultKind.OK, text="OK"), lines=tuple(lines),
                 urcs=tuple(e for e in before if isinstance(e, Urc)))  # fmt: skip
    assert open_result(cast(Modem, None), r, 4, 0.1) == 0, "the driver takes the result from the answer"
    after = events(profile, line, f"{line}\r\r\nOK\r\n".encode(), chunk)
    assert answer(after)[:2] == ([], []), f"control: after OK the URC is not part of the answer: {after}"


@pytest.mark.spec("quectel-ec200-ssl", "2.2.4")
@CHUNKS
def test_a_urc_inside_a_read_and_right_after_its_data(profile: Profile, chunk: int) -> None:
    line = "AT+QSSLRECV=4,1500"
    received = f'{line}\r\r\n+QSSLURC: "recv",4\r\n+QSSLRECV: 5\r\nhe\r\nl\r\n+QSSLURC: "closed",4\r\n\r\nOK\r\n'
    got = events(profile, line, received.encode(), chunk)
    lines, urcs, final = answer(got)
    assert [e.data for e in got if isinstance(e, Payload)] == [b"he\r\nl"], f"5 bytes by count, CR LF in them: {got}"
    assert urcs == ['+QSSLURC: "recv",4', '+QSSLURC: "closed",4'] and final == "OK", got
    assert lines == ["+QSSLRECV: 5"], f"control: the header is the answer's line: {got}"


@pytest.mark.spec("quectel-ec200-ssl", "2.2.3")
@CHUNKS
def test_the_send_payload_echoed_after_the_prompt(profile: Profile, chunk: int) -> None:
    engine = Engine(profile.dialect)
    engine.send(Command(line="AT+QSSLSEND=4,5", prompt=">"))
    out: list[Event] = []

    def feed(data: bytes) -> None:
        for i in range(0, len(data), chunk):
            engine.receive_data(data[i : i + chunk])
            while not isinstance(event := engine.next_event(), _Sentinel):
                out.append(event)

    feed(b"AT+QSSLSEND=4,5\r\r\n> ")
    assert any(isinstance(e, Prompt) for e in out), f"the > prompt: {out}"
    engine.send_payload(b"hello")
    feed(b"hello\r\nSEND OK\r\n")
    finals = [e for e in out if isinstance(e, FinalResult)]
    assert [f.text for f in finals] == ["SEND OK"], f"the echoed payload is not an answer line: {out}"


@pytest.mark.spec("quectel-ec200-ssl", "2.2.1")
@pytest.mark.parametrize("text", ["+CME ERROR: invalid parameters", "+CME ERROR: 552", "ERROR"])
def test_lower_case_verbose_errors_and_bare_error_are_refusals(profile: Profile, text: str) -> None:
    line = 'AT+QSSLCFG="sslversion",0,9'
    got = events(profile, line, f"{line}\r\r\n{text}\r\n".encode(), 1000)
    final = [e for e in got if isinstance(e, FinalResult)]
    assert len(final) == 1 and not final[0].is_ok, f"{text!r} is a final refusal: {got}"
    expect_error(Response(command=line, final=final[0]), "quectel-ec200-ssl §2.2.1 (QEC-18)")
