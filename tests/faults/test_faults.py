"""Every fault, sans-I/O: bytes in, bytes, pauses and actions out."""

from __future__ import annotations

import pytest

from faults import DropLink, PowerCycle, Verdict, parse_fault
from faults.framing import CrOnly, EchoOnAtStart, EchoWhenOff, Garbage, LfOnly
from faults.silence import DropFinal, DropLinkAfter, RestartAfter, Silent, TruncateLine
from faults.timing import SUITE_DEADLINE_MS, NeedsWakeup, Slow, SplitBytes
from faults.urcs import UrcBetween, UrcPayload, UrcPending
from tests.faults.helpers import OK, echoed, exchange, notes, others, pauses, to_suite, to_target

pytestmark = pytest.mark.timeout(10)

CGMM = b"\r\nHE910\r\n" + OK
CME = b"\r\n+CME ERROR: 3\r\n"


# ----------------------------------------------------------------------------- silence
def test_silent_passes_nothing_either_way() -> None:
    actions = exchange(Silent(), "AT", echoed("AT", OK))
    assert to_target(actions) == b"" and to_suite(actions) == b""
    assert notes(actions) == ["silent: ignored 'AT'"]


def test_silent_after_two_finals() -> None:
    fault = Silent(after=2)
    assert to_suite(exchange(fault, "AT", OK)) == OK
    actions = exchange(fault, "AT+CGMM", CGMM)
    assert to_suite(actions) == CGMM and any("silent from now on" in n for n in notes(actions))
    actions = exchange(fault, "AT", OK)
    assert to_target(actions) == b"" and to_suite(actions) == b""
    assert to_suite(fault.on_to_suite(b"\r\nRING\r\n", 0.0)) == b""  # not even URCs


def test_truncate_line_cuts_the_first_line_then_silence() -> None:
    fault = TruncateLine()
    actions = exchange(fault, "AT+CGMM", echoed("AT+CGMM", CGMM))
    assert to_suite(actions) == b"AT+CGMM\r\r\nHE"  # the echo and the opening CR LF are not cut
    assert to_suite(exchange(fault, "AT", OK)) == b"" and to_target(exchange(fault, "AT", OK)) == b""


def test_truncate_line_of_the_second_command_cuts_ok() -> None:
    fault = TruncateLine(command=2)
    assert to_suite(exchange(fault, "AT", OK)) == OK
    assert to_suite(exchange(fault, "AT", OK)) == b"\r\nO"


@pytest.mark.parametrize("final", [b"OK", b"ERROR", b"+CME ERROR: 3", b"+CME ERROR: SSL not activated"])
def test_drop_final_drops_every_final(final: bytes) -> None:
    fault = DropFinal()
    actions = exchange(fault, "AT+CGMM", b"\r\nHE910\r\n\r\n" + final + b"\r\n")
    assert to_suite(actions) == b"\r\nHE910\r\n\r\n"
    assert notes(actions) and final.decode() in notes(actions)[0]


def test_drop_final_keeps_connect_info_urcs_and_payload_bytes() -> None:
    fault = DropFinal()
    assert to_suite(exchange(fault, "AT#SSLD=1,443,\"h\",0,0", b"\r\nCONNECT\r\n")) == b"\r\nCONNECT\r\n"
    online = fault.on_to_suite(b"online\r\nOK\r\n", 0.0) + fault.poll(1.0)  # "\r\n" waits: NO CARRIER?
    assert to_suite(online) == b"online\r\nOK\r\n" and not notes(online)
    fault = DropFinal()
    assert to_suite(fault.on_to_suite(b"\r\nOK\r\n", 0.0)) == b"\r\nOK\r\n"  # nothing pending: not a final
    payload = b"x\r\nOK\r\n"
    actions = exchange(fault, "AT#SSLRECV=1,7", b"\r\n#SSLRECV: 7\r\n" + payload + OK)
    assert to_suite(actions) == b"\r\n#SSLRECV: 7\r\n" + payload + b"\r\n"


def test_drop_final_of_one_command_only() -> None:
    fault = DropFinal(command=2)
    assert to_suite(exchange(fault, "AT", OK)) == OK
    assert to_suite(exchange(fault, "AT", CME)) == b"\r\n"
    assert to_suite(exchange(fault, "AT", OK)) == OK


def test_drop_link_after_n_cuts_then_drops() -> None:
    fault = DropLinkAfter(command=2)
    assert to_suite(exchange(fault, "AT", OK)) == OK
    actions = exchange(fault, "AT+CGMM", CGMM)
    assert to_suite(actions) == b"\r\nHE"
    (drop,) = others(actions)
    assert isinstance(drop, DropLink) and "drop-link-after:2" in drop.reason
    assert to_suite(exchange(fault, "AT", OK)) == b"" and to_target(exchange(fault, "AT", OK)) == b""


def test_restart_after_n_banner_power_cycle_then_fresh() -> None:
    fault = RestartAfter(command=2)
    exchange(fault, "ATE0", echoed("ATE0", OK))
    assert not fault.stream.echo
    actions = exchange(fault, "AT+CGMM", CGMM)
    assert to_suite(actions) == b"\r\nHE\r\nRDY\r\n"
    (cycle,) = others(actions)
    assert isinstance(cycle, PowerCycle)
    assert to_suite(fault.on_to_suite(b"\r\n+CME ERROR: 4\r\n", 0.0)) == b""  # the rest of what was pending
    actions = exchange(fault, "AT", echoed("AT", OK))  # a fresh module echoes again (V.250 default E1)
    assert to_target(actions) == b"AT\r" and to_suite(actions) == b"AT\r" + OK
    assert fault.stream.echo and fault.stream.commands == 1  # the tracker started over


def test_restart_with_the_vendors_banner() -> None:
    fault = parse_fault("restart-after:1:^SYSSTART")
    assert to_suite(exchange(fault, "AT", OK)) == b"\r\nO\r\n^SYSSTART\r\n"


# ----------------------------------------------------------------------------- timing
def test_split_bytes_delivers_each_byte_after_a_pause() -> None:
    actions = exchange(SplitBytes(ms=3), "AT+CGMM", echoed("AT+CGMM", CGMM))
    out = pauses(actions)
    assert [data for _, data in out] == [bytes([b]) for b in echoed("AT+CGMM", CGMM)]
    assert {after for after, _ in out} == {0.003}
    assert to_target(actions) == b"AT+CGMM\r"


def test_slow_delays_the_start_of_each_response_only() -> None:
    fault = Slow(ms=250)
    out = pauses(exchange(fault, "AT+CGMM", CGMM))
    assert out[0] == (0.25, b"\r\n") and all(after == 0 for after, _ in out[1:])
    assert b"".join(d for _, d in out) == CGMM
    assert pauses(fault.on_to_suite(b"\r\nRING\r\n", 0.0))[0][0] == 0  # a URC is no response
    assert fault.benign and fault.verdict is Verdict.MUST_PASS
    late = Slow(ms=SUITE_DEADLINE_MS)
    assert not late.benign and late.verdict is Verdict.TARGET_SILENT


def test_needs_wakeup_ignores_the_first_command() -> None:
    fault = NeedsWakeup()
    actions = fault.on_to_target(b"AT", 0.0) + fault.on_to_target(b"\r", 0.0)
    assert to_target(actions) == b"" and notes(actions) == ["needs-wakeup: asleep, ignored 'AT'"]
    assert to_target(exchange(fault, "AT+CGMM", CGMM, now=0.1)) == b"AT+CGMM\r"
    assert to_target(exchange(fault, "AT", OK, now=100.0)) == b"AT\r"  # no idle time given: awake for good


def test_needs_wakeup_sleeps_again_after_idle_time() -> None:
    fault = NeedsWakeup(idle_ms=500)
    assert to_target(exchange(fault, "AT", b"", now=0.0)) == b""
    assert to_target(exchange(fault, "AT", OK, now=0.1)) == b"AT\r"
    assert to_target(exchange(fault, "AT", OK, now=0.4)) == b"AT\r"  # the answer at 0.4 counts as traffic
    assert to_target(exchange(fault, "AT", OK, now=1.0)) == b""
    assert to_target(exchange(fault, "AT", OK, now=1.1)) == b"AT\r"


# ----------------------------------------------------------------------------- URCs
def test_urc_between_after_each_final_in_turn() -> None:
    fault = UrcBetween()
    assert to_suite(exchange(fault, "AT", OK)) == OK + b"\r\n+CREG: 1\r\n"
    assert to_suite(exchange(fault, "AT", CME)) == CME + b"\r\nRING\r\n"
    assert to_suite(exchange(fault, "AT", OK)) == OK + b"\r\n+CREG: 1\r\n"


def test_urc_between_not_after_connect_nor_unsolicited_lines() -> None:
    fault = UrcBetween("SRING: 1")
    assert to_suite(exchange(fault, "AT#SSLO=1", b"\r\nCONNECT\r\n")) == b"\r\nCONNECT\r\n"
    fault = UrcBetween("SRING: 1")
    assert to_suite(fault.on_to_suite(b"\r\nOK\r\n", 0.0)) == b"\r\nOK\r\n"
    assert to_suite(exchange(fault, "AT", OK)) == OK + b"\r\nSRING: 1\r\n"


def test_urc_pending_after_the_echo_before_the_answer_once() -> None:
    fault = UrcPending()
    assert to_suite(exchange(fault, "AT+CGMM", echoed("AT+CGMM", CGMM))) == b"AT+CGMM\r\r\n+CREG: 1\r\n" + CGMM
    assert to_suite(exchange(fault, "AT", OK)) == b"\r\n+CREG: 1\r\n" + OK
    assert to_suite(fault.on_to_suite(b"\r\nRING\r\n", 0.0)) == b"\r\nRING\r\n"  # between commands: untouched


def test_urc_pending_before_a_prompt() -> None:
    fault = UrcPending("RING")
    assert to_suite(exchange(fault, "AT#SSLSEND=1", b"\r\n> ")) == b"\r\nRING\r\n\r\n> "


RECV = b"\r\n#SSLRECV: 6\r\n" + b"ab\r\ncd" + OK


@pytest.mark.parametrize(("where", "want"), [
    ("before", b"\r\n\r\n+CREG: 1\r\n#SSLRECV: 6\r\nab\r\ncd" + OK),
    ("after", b"\r\n#SSLRECV: 6\r\nab\r\ncd\r\n+CREG: 1\r\n" + OK),
    ("inside", b"\r\n#SSLRECV: 6\r\nab\r\r\n+CREG: 1\r\n\ncd" + OK),
])
def test_urc_payload_places(where: str, want: bytes) -> None:
    assert to_suite(exchange(UrcPayload(where), "AT#SSLRECV=1,6", RECV)) == want


def test_urc_payload_around_sslsring_mode_2_and_split_payload() -> None:
    fault = UrcPayload("after", "RING")
    out = to_suite(fault.on_to_suite(b"\r\nSSLSRING: 1,4,OK", 0.0) + fault.on_to_suite(b"\r\n\r\n", 0.0))
    assert out == b"\r\nSSLSRING: 1,4,OK\r\n\r\nRING\r\n\r\n"
    fault = UrcPayload("inside", "RING")
    out = to_suite(fault.on_to_suite(b"\r\nSSLSRING: 1,4,O", 0.0) + fault.on_to_suite(b"K\r\n\r\n", 0.0))
    assert out == b"\r\nSSLSRING: 1,4,OK\r\nRING\r\n\r\n\r\n"


def test_urc_payload_rejects_an_unknown_place() -> None:
    with pytest.raises(ValueError, match="before, after, inside"):
        UrcPayload("middle")


# ----------------------------------------------------------------------------- framing
def test_garbage_is_seeded_keeps_line_ends_and_echo() -> None:
    answer = echoed("AT+CGMM", CGMM)
    first = to_suite(exchange(Garbage(seed=7), "AT+CGMM", answer))
    again = to_suite(exchange(Garbage(seed=7), "AT+CGMM", answer))
    assert first == again != answer
    assert first.startswith(b"AT+CGMM\r\r\n")
    lines = first.split(b"\r\n")
    assert len(lines) == len(answer.split(b"\r\n"))  # same lines, damaged inside
    assert lines[-2] != b"OK" and lines[2] != b"HE910"  # every response line is damaged
    assert any(byte >= 0x80 for byte in first)
    assert to_suite(exchange(Garbage(seed=8), "AT+CGMM", answer)) != first


def test_echo_when_off_echoes_after_ate0() -> None:
    fault = EchoWhenOff()
    assert to_suite(exchange(fault, "ATE0", echoed("ATE0", OK))) == echoed("ATE0", OK)  # no double echo
    assert to_suite(exchange(fault, "AT+CGMM", CGMM)) == echoed("AT+CGMM", CGMM)
    assert not fault.benign and fault.verdict is Verdict.PROTOCOL_BROKEN


def test_echo_on_at_start_until_the_suite_sets_echo() -> None:
    fault = EchoOnAtStart()
    assert to_suite(exchange(fault, "AT", OK)) == echoed("AT", OK)  # the target started with E0
    assert to_suite(exchange(fault, "ATE0", OK)) == echoed("ATE0", OK)  # ATE0 itself is still echoed
    assert to_suite(exchange(fault, "AT", OK)) == OK
    assert fault.benign


@pytest.mark.parametrize(("fault", "eol"), [(CrOnly(), b"\r"), (LfOnly(), b"\n")])
def test_line_ends_rewritten_except_echo_and_payload(fault: CrOnly | LfOnly, eol: bytes) -> None:
    out = to_suite(exchange(fault, "AT+CGMM", echoed("AT+CGMM", CGMM)))
    assert out == b"AT+CGMM\r" + eol + b"HE910" + eol + eol + b"OK" + eol
    out = to_suite(exchange(fault, "AT#SSLRECV=1,6", RECV))
    assert out == eol + b"#SSLRECV: 6" + eol + b"ab\r\ncd" + eol + b"OK" + eol


def test_line_ends_drop_the_lf_of_a_split_cr_lf() -> None:
    fault = LfOnly()
    fault.on_to_target(b"AT\r", 0.0)
    out = to_suite(fault.on_to_suite(b"\r", 0.0) + fault.on_to_suite(b"\nOK\r", 0.0) + fault.on_to_suite(b"\n", 0.0))
    assert out == b"\nOK\n"


def test_urc_between_waits_for_the_lf_of_a_split_final() -> None:
    fault = UrcBetween("RING")
    fault.on_to_target(b"AT\r", 0.0)
    first = fault.on_to_suite(b"\r\nOK\r", 0.0)
    assert to_suite(first) == b"\r\nOK\r"
    assert to_suite(fault.on_to_suite(b"\n", 0.01)) == b"\n\r\nRING\r\n"
    fault.on_to_target(b"AT\r", 1.0)
    assert to_suite(fault.on_to_suite(b"\rOK\r", 1.0)) == b"\rOK\r"  # CR-only target: no LF will come
    assert fault.deadline() == pytest.approx(1.1)
    assert to_suite(fault.poll(1.1)) == b"\r\nRING\r\n" and fault.deadline() is None
