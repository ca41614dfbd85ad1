"""The V.250 core through an instance: echo, result formats, concatenation, editing, garbage."""

from __future__ import annotations

import random

import pytest

from emulator.profiles import PROFILES
from tests.emulator.conftest import ERROR, Terminal, cme, ok, terminal, terminals


def test_echo_on_by_default_echoes_every_byte() -> None:
    term = terminal()
    assert term.send(b"AT\r") == b"AT\r" + ok()
    assert term.send(b"junk\nAT+CGMM\r\n") == b"junk\nAT+CGMM\r" + ok("HE910") + b"\n"


def test_echo_off_takes_effect_after_the_line() -> None:
    term = terminal()
    assert term.send(b"ATE0\r") == b"ATE0\r" + ok()
    assert term.send(b"AT\r") == ok()
    assert term.send(b"ATE1\r") == ok()
    assert term.send(b"AT\r") == b"AT\r" + ok()


def test_numeric_results() -> None:
    term = terminal()
    term.at("ATE0")
    assert term.send(b"ATV0\r") == b"0\r"  # the result of V0 is already numeric
    assert term.send(b"AT+CGMM\r") == b"HE910\r\n0\r"
    assert term.send(b"AT#SSLEN=1,1;#SSLEN?;+CGMI\r") == b"#SSLEN: 1,1\r\nTelit\r\n0\r"
    assert term.send(b"ATX\r") == b"4\r"
    assert term.send(b"AT+CMEE=1;#SSLEN=9,1\r") == b"+CME ERROR: 4\r"
    assert term.send(b"ATV1\r") == ok()


def test_several_information_lines_and_commands() -> None:
    term = terminals("telit/le866", instances=1)[0]
    expected = ok(*(f"#SSLEN: {n},0" for n in range(1, 7)))
    assert term.at("AT#SSLEN?") == expected
    assert term.at("AT+CGMI;+CGMM") == b"\r\nTelit\r\n\r\nLE866-SV1\r\n\r\nOK\r\n"


def test_basic_commands_concatenate() -> None:
    term = terminal()
    assert term.send(b"ATE0V0\r") == b"ATE0V0\r0\r"
    assert term.send(b"ATE1V1I\r") == ok("Telit")
    assert term.send(b"atv0e0\r") == b"atv0e0\r0\r"


def test_first_error_stops_the_line_after_earlier_text() -> None:
    term = terminal()
    assert term.at("AT+CGMM;+NOPE;+CGMI") == b"\r\nHE910\r\n" + ERROR
    term.at("AT+CMEE=2")
    # The command before the failure has taken effect.
    assert term.send(b"ATE0;#SSLEN=7,1\r") == b"ATE0;#SSLEN=7,1\r" + cme("operation not supported")
    assert term.send(b"AT\r") == ok()


def test_backspace_edits_the_line() -> None:
    term = terminal()
    assert term.send(b"AT+CGMX\x08M\r") == b"AT+CGMX\x08M\r" + ok("HE910")


def test_repeat_last_line() -> None:
    term = terminal()
    term.at("AT+CGMM")
    assert term.send(b"A/") == b"A/" + ok("HE910")


def test_quiet_suppresses_result_codes_only() -> None:
    term = terminal()
    term.at("ATE0")
    assert term.send(b"ATQ1\r") == b""
    assert term.send(b"AT+CGMM\r") == b"\r\nHE910\r\n"
    assert term.send(b"ATX\r") == b""
    assert term.send(b"ATQ0\r") == ok()


def test_s_registers() -> None:
    term = terminal()
    term.at("ATE0")
    # Each command frames its own information text (V.250 §5.7.3).
    assert term.send(b"ATS3?;S4?;S5?\r") == b"\r\n013\r\n\r\n010\r\n\r\n008\r\n\r\nOK\r\n"
    assert term.send(b"ATS4=33\r") == b"\r!OK\r!"
    assert term.send(b"ATS4=10;S5=127\r") == ok()
    assert term.send(b"AT+CGMX\x7fM\r") == ok("HE910")
    assert term.send(b"ATS5=8;S7?\r") == ERROR  # only S3, S4, S5, S12 are emulated
    assert term.send(b"ATS3=200\r") == ERROR  # CMEE=0: out of range is a plain ERROR


def test_s12_escape_guard_time() -> None:
    """docs/DECISIONS-issue4.md D18: S12 in fiftieths of a second, default 50, one octet."""
    term = terminal()
    term.at("ATE0")
    assert term.send(b"ATS12?\r") == ok("050")
    assert term.send(b"ATS12=5;S12?\r") == ok("005")
    assert term.send(b"ATS12=256\r") == ERROR
    assert term.send(b"ATZ;S12?\r") == ok("050")


def test_z_and_amp_f_restore_defaults() -> None:
    term = terminal()
    term.send(b"ATE0V0\r")
    assert term.send(b"ATZ\r") == b"\r\nOK\r\n"
    assert term.send(b"AT\r") == b"AT\r" + ok()
    term.send(b"AT+CMEE=2\r")
    term.send(b"AT&F\r")
    assert term.at("AT+CMEE?") == ok("+CMEE: 0")


@pytest.mark.parametrize("line", ["ATX", "AT+NOPE", "AT#SSLEN", "AT+CGMM?", "AT+CMEE",
                                  "AT!", "AT+", "AT#PORTCFG=?", 'AT+CGDCONT=1,"IP'])
@pytest.mark.parametrize("cmee", [0, 1, 2])
def test_unknown_or_malformed_is_plain_error(line: str, cmee: int) -> None:
    term = terminal()
    term.at(f"AT+CMEE={cmee}")
    assert term.at(line) == ERROR


@pytest.mark.parametrize("line", ["ATE2", "ATI5", "AT#SSLEN=1", "AT#SSLEN=1,1,1", "AT#SSLEN=1,2",
                                  "AT#SSLEN=,1", "AT#SSLEN=a,1", 'AT#SSLEN="1",1',
                                  "AT+CMEE=3", "AT#SSLEN=" + "1" * 40 + ",1"])
def test_bad_parameters_follow_cmee(line: str) -> None:
    term = terminal()
    assert term.at(line) == ERROR
    term.at("AT+CMEE=1")
    assert term.at(line) == cme(4)
    term.at("AT+CMEE=2")
    assert term.at(line) == cme("operation not supported")


def test_overlong_line_is_an_error() -> None:
    term = terminal()
    term.at("ATE0")
    assert term.send(b"AT" + b"E0" * 2000 + b"\r") == ERROR
    assert term.send(b"AT\r") == ok()


def test_reattach_drops_a_half_typed_line() -> None:
    term = terminal()
    term.send(b"AT+CG")
    fresh = Terminal(term.instance)
    assert fresh.send(b"MM\rAT\r") == b"MM\rAT\r" + ok()


_TOKENS = [b"AT", b"at", b"A", b"T", b"\r", b"\n", b"\x08", b"\x00", b"\xff", b";", b",", b"=",
           b"?", b"=?", b'"', b"#SSLEN", b"#SSLCFG", b"#SSLSECCFG", b"#SSLSECCFG2", b"+CMEE",
           b"#SELINT", b"+CGDCONT", b"#SGACT", b"0", b"1", b"2", b"9", b"65535", b"-1", b" ",
           b"E", b"V", b"S", b"&", b"+", b"#", b"A/", b"I", b"Z"]


@pytest.mark.parametrize("profile_name", sorted(PROFILES))
def test_garbage_never_crashes_or_hangs(profile_name: str) -> None:
    rng = random.Random(profile_name)
    first, second = terminals(profile_name)
    for _ in range(300):
        chunk = b"".join(rng.choice(_TOKENS) for _ in range(rng.randint(1, 12)))
        rng.choice((first, second)).send(chunk)
    for term in (first, second):
        # Garbage may have said ATE0, ATV0, ATS3=... or left half a line: start clean.
        term.instance.power_on()
        assert term.send(b"AT\r") == b"AT\r" + ok()


def test_random_bytes_never_crash() -> None:
    rng = random.Random(1)
    term = terminal("telit/le866")
    for _ in range(200):
        term.send(bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))))
    term.instance.power_on()
    assert term.send(b"AT\r") == b"AT\r" + ok()
