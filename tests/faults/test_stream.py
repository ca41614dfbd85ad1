"""The stream tracker: which bytes are commands, echo, lines, finals, prompts, payloads, online data."""

from __future__ import annotations

import pytest

from faults.stream import HOLD, Kind, Piece, Tracker

pytestmark = pytest.mark.timeout(10)


def feed(tracker: Tracker, *chunks: bytes, now: float = 0.0) -> list[Piece]:
    out: list[Piece] = []
    for chunk in chunks:
        out += tracker.from_target(chunk, now)
    return out


def command(tracker: Tracker, line: str) -> list[Piece]:
    return tracker.from_suite(line.encode() + b"\r")


def test_command_line_echo_and_final() -> None:
    t = Tracker()
    sent = command(t, "AT+CGMM")
    assert [(p.kind, p.data) for p in sent] == [(Kind.COMMAND, b"AT+CGMM"), (Kind.END, b"\r")]
    assert sent[-1].text == "AT+CGMM" and t.pending == "AT+CGMM" and t.commands == 1
    pieces = feed(t, b"AT+CGMM\r\r\nHE910\r\n\r\nOK\r\n")
    assert [p.data for p in pieces] == [b"AT+CGMM\r", b"\r\n", b"HE910\r\n", b"\r\n", b"OK\r\n"]
    assert [p.echo for p in pieces] == [True, False, False, False, False]
    assert [p.final for p in pieces] == [False, False, False, False, True]
    assert [p.first for p in pieces] == [True, False, False, False, False]
    assert all(p.solicited and p.command == 1 for p in pieces)
    assert t.pending is None and t.finals == 1


@pytest.mark.parametrize("final", ["OK", "ERROR", "+CME ERROR: 3", "+CME ERROR: SSL not activated",
                                   "+CMS ERROR: 500", "NO CARRIER", "SEND OK", "1, CLOSE OK"])
def test_finals(final: str) -> None:
    t = Tracker()
    command(t, "AT#X")
    (piece,) = [p for p in feed(t, b"\r\n" + final.encode() + b"\r\n") if p.kind is Kind.LINE]
    assert piece.final and piece.text == final


def test_information_text_and_urcs_are_not_finals() -> None:
    t = Tracker()
    pieces = feed(t, b"\r\nOK\r\n")  # nothing pending: unsolicited, not a final
    assert not any(p.final or p.solicited for p in pieces)
    command(t, "AT#SSLRECV=1,10")
    pieces = feed(t, b"\r\n#SSLRECV: 0\r\n\r\nTIMEOUT\r\n")
    assert not any(p.final for p in pieces) and t.pending == "AT#SSLRECV=1,10"


def test_line_end_split_across_reads_and_lone_line_ends() -> None:
    t = Tracker()
    command(t, "AT")
    pieces = feed(t, b"\r", b"\nOK\r", b"\n")
    assert [(p.kind, p.data, p.continuation) for p in pieces] == [
        (Kind.EOL, b"\r", False), (Kind.EOL, b"\n", True), (Kind.LINE, b"OK\r", False), (Kind.EOL, b"\n", True)]
    assert pieces[2].final
    command(t, "AT")
    assert [p.final for p in feed(t, b"\rOK\r")] == [False, True]
    command(t, "AT")
    assert [p.final for p in feed(t, b"\nOK\n")] == [False, True]


def test_numeric_result_codes_after_atv0_and_back() -> None:
    t = Tracker()
    command(t, "ATV0")
    assert [p.final for p in feed(t, b"0\r")] == [True]  # ATV0 answers in the new form (V.250 §6.2.6)
    command(t, "AT+CGMM")
    assert [(p.text, p.final) for p in feed(t, b"HE910\r\n0\r") if p.kind is Kind.LINE] == [
        ("HE910", False), ("0", True)]
    command(t, "ATV1")
    assert [p.final for p in feed(t, b"\r\nOK\r\n")] == [False, True]
    command(t, "AT+CGMM")
    assert not any(p.final for p in feed(t, b"\r\n0\r\n"))  # verbose again: "0" is text


def test_echo_setting_follows_ate() -> None:
    t = Tracker()
    assert t.echo
    command(t, "ATE0")
    feed(t, b"ATE0\r\r\nOK\r\n")
    assert not t.echo
    command(t, "ATE1")
    feed(t, b"\r\nERROR\r\n")
    assert not t.echo  # refused: nothing changed
    command(t, "ATE1")
    feed(t, b"\r\nOK\r\n")
    assert t.echo


def test_payload_is_read_by_count_even_split_and_holding_ok() -> None:
    t = Tracker()
    command(t, "AT#SSLRECV=1,12")
    data = b"ab\r\nOK\r\nxyz!"
    pieces = feed(t, b"\r\n#SSLRECV: 12\r", b"\n" + data[:5], data[5:] + b"\r\n\r\nOK\r\n")
    kinds = [(p.kind, p.data) for p in pieces]
    assert kinds == [
        (Kind.EOL, b"\r\n"), (Kind.LINE, b"#SSLRECV: 12\r"), (Kind.EOL, b"\n"),
        (Kind.PAYLOAD, data[:5]), (Kind.PAYLOAD, data[5:]), (Kind.EOL, b"\r\n"), (Kind.EOL, b"\r\n"),
        (Kind.LINE, b"OK\r\n"),
    ]
    assert pieces[1].announces == 12 and pieces[4].last and not pieces[3].last
    assert [p.final for p in pieces].count(True) == 1 and pieces[-1].final


def test_sslsring_mode_2_header_is_inline() -> None:
    t = Tracker()
    pieces = feed(t, b"\r\nSSLSRING: 1,6,he", b"l\r\no\r\n")
    assert [(p.kind, p.data) for p in pieces] == [
        (Kind.EOL, b"\r\n"), (Kind.HEADER, b"SSLSRING: 1,6,"), (Kind.PAYLOAD, b"he"), (Kind.PAYLOAD, b"l\r\no"),
        (Kind.EOL, b"\r\n")]
    assert pieces[1].announces == 6 and not pieces[1].solicited


def test_sslsring_mode_1_is_a_plain_line() -> None:
    pieces = feed(Tracker(), b"\r\nSSLSRING: 1,5\r\n")
    assert [(p.kind, p.text) for p in pieces] == [(Kind.EOL, ""), (Kind.LINE, "SSLSRING: 1,5")]
    assert pieces[1].announces is None


def test_httprcv_body_is_read_by_count_after_httpring() -> None:
    t = Tracker()
    feed(t, b'\r\n#HTTPRING: 0,200,"text/html",6\r\n')
    command(t, "AT#HTTPRCV=0")
    pieces = feed(t, b"\r\nOK\r\n\r\n\r\nOK\r\n")
    assert [(p.kind, p.data) for p in pieces][:2] == [(Kind.EOL, b"\r\n"), (Kind.PAYLOAD, b"OK\r\n\r\n")]
    assert [p.final for p in pieces] == [False, False, False, True]


def test_prompt_input_and_its_echo() -> None:
    t = Tracker()
    command(t, "AT#SSLSEND=1")
    pieces = feed(t, b"AT#SSLSEND=1\r\r\n> ")
    assert [p.kind for p in pieces] == [Kind.LINE, Kind.EOL, Kind.PROMPT, Kind.DATA]
    assert t.prompted
    data = t.from_suite(b"GET /\r\n\x1a")
    assert [(p.kind, p.data) for p in data] == [(Kind.INPUT, b"GET /\r\n\x1a")]  # no command ends here
    assert t.commands == 1
    pieces = feed(t, b"GET /", b"\r\n\x1a\r\nOK\r\n")
    assert [(p.kind, p.data) for p in pieces] == [
        (Kind.DATA, b"GET /"), (Kind.DATA, b"\r\n\x1a"), (Kind.EOL, b"\r\n"), (Kind.LINE, b"OK\r\n")]
    assert pieces[-1].final and not t.prompted


def test_prompt_input_not_echoed() -> None:
    t = Tracker()
    command(t, "AT#SSLSEND=1")
    feed(t, b"\r\n> ")
    t.from_suite(b"hello\x1a")
    pieces = feed(t, b"\r\nOK\r\n")  # ATE0: no echo of the input
    assert [p.kind for p in pieces] == [Kind.EOL, Kind.LINE] and pieces[-1].final


def test_a_prompt_needs_a_pending_command() -> None:
    pieces = feed(Tracker(), b"\r\n> quoted\r\n")
    assert [p.kind for p in pieces] == [Kind.EOL, Kind.LINE]


def test_online_data_until_no_carrier() -> None:
    t = Tracker()
    command(t, "AT#SSLD=1,443,\"host\",0,0")
    pieces = feed(t, b"\r\nCONNECT\r\n")
    assert pieces[-1].final and t.online
    data = b"HTTP/1.1 200 OK\r\n\r\nOK\r\n"
    pieces = feed(t, data, b"\r\nNO CAR", b"RIER\r\n")
    assert b"".join(p.data for p in pieces if p.kind is Kind.DATA) == data
    assert [p.text for p in pieces if p.kind is Kind.LINE] == ["NO CARRIER"]
    assert not t.online and not any(p.final for p in pieces)  # a URC: the remote end closed


def test_escape_ends_online_data_with_a_final_ok() -> None:
    t = Tracker()
    command(t, "AT#SSLO=1")
    feed(t, b"\r\nCONNECT\r\n")
    assert [p.kind for p in t.from_suite(b"+++")] == [Kind.INPUT] and t.escaped
    pieces = feed(t, b"data\r\nOK\r\n")
    assert [(p.kind, p.data) for p in pieces] == [(Kind.DATA, b"data"), (Kind.EOL, b"\r\n"), (Kind.LINE, b"OK\r\n")]
    assert pieces[-1].final and not t.online


def test_partial_lines_are_released_after_hold() -> None:
    t = Tracker()
    command(t, "AT")
    assert [p.data for p in feed(t, b"\r\nO", now=10.0)] == [b"\r\n"]  # "O" is held: it may become OK
    assert t.deadline() == pytest.approx(10.0 + HOLD)
    assert t.release(10.0 + HOLD / 2) == []
    (released,) = t.release(10.0 + HOLD)
    assert released.kind is Kind.DATA and released.data == b"O"
    assert t.deadline() is None
    (line,) = feed(t, b"K\r\n", now=11.0)
    assert line.final and line.text == "OK" and line.data == b"K\r\n"  # still read as the whole line


def test_held_online_tail_is_released() -> None:
    t = Tracker()
    command(t, "AT#SSLO=1")
    feed(t, b"\r\nCONNECT\r\n")
    pieces = feed(t, b"abc\r\n", now=5.0)
    assert [p.data for p in pieces] == [b"abc"]
    assert [p.data for p in t.release(5.0 + HOLD)] == [b"\r\n"]
    assert t.online
