"""The sanity ``AT`` before a test, and the transcript that says why it was left out (issue 15: a turn of the
line each): left out on a module the embedded emulator has just powered on, sent before every test on a kept
link (a module that restarted or went silent between two tests is named by it)."""

from __future__ import annotations

import json
import socket

import pytest

from tests.faulty_targets import serve

TESTS = """
import pytest
from harness.errors import TargetSilent

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_a_answered(modem, profile):
    assert modem.command("AT#SSLEN?").ok

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_b_after_an_answered_test(modem, profile, request):
    assert modem.command("AT#SSLEN?").ok
    if request.config.getoption("modem_target"):
        with pytest.raises(TargetSilent):  # the target never answers it: the command is left unanswered
            modem.command("AT+SLOW", timeout=0.2)

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_c_after_an_unanswered_command(modem, profile):
    assert modem.command("AT#SSLEN?").ok
"""

SANITY = "tx  AT<CR>"
NAMES = ("test_a_answered", "test_b_after_an_answered_test", "test_c_after_an_unanswered_command")


def answers_all_but_slow(conn: socket.socket) -> None:
    """OK to every command line, without echo; nothing at all to ``AT+SLOW``."""
    conn.settimeout(0.2)
    pending = b""
    while True:
        try:
            data = conn.recv(4096)
        except TimeoutError:
            continue
        except OSError:
            return
        if not data:
            return
        pending += data
        while b"\r" in pending:
            line, _, pending = pending.partition(b"\r")
            if line and line != b"AT+SLOW":
                conn.sendall(b"\r\nOK\r\n")


def transcripts(pytester: pytest.Pytester, *args: str) -> list[str]:
    """Each test's AT transcript of instance 1, from the terminal's report of passed tests (-rP)."""
    pytester.makepyfile(TESTS)
    plugin = ("-p", "harness.plugin", "-p", "no:cacheprovider")
    result = pytester.runpytest(*plugin, "-rP", "--profile", "telit/he910", *args)
    result.assert_outcomes(passed=3)
    out = result.stdout.str()
    found = []
    for name in NAMES:
        block = out.split(f"_ {name}[telit/he910] _", 1)[1]
        found.append(block.split("AT transcript: AT instance 1", 1)[1].split("\n___", 1)[0].split("\n===", 1)[0])
    return found


def test_a_module_just_powered_on_is_not_asked(pytester: pytest.Pytester) -> None:
    for text in transcripts(pytester):
        assert SANITY not in text and "no sanity AT: the embedded emulator has just powered this module on" in text


def test_a_kept_link_is_asked_before_every_test(pytester: pytest.Pytester) -> None:
    with serve(answers_all_but_slow) as url:
        a, b, c = transcripts(pytester, "--target", url)
    # A kept link is asked before every test: a module that restarted or went silent in between is named by
    # the check, not taken for a failure of the next test's clause (tests/faults restart-after).
    assert SANITY in a and SANITY in b and SANITY in c
    assert "no sanity AT" not in a + b + c


SILENCE = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_a_last_answer(modem, profile):
    assert modem.command("AT+GOSILENT").ok

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_b_first_command_unanswered(modem, profile):
    assert modem.command("AT#SSLEN?", timeout=0.3).ok
"""

AFTER_AN_ANSWER = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_silent_after_an_answer(modem, profile):
    assert modem.command("AT#SSLEN?").ok
    assert modem.command("AT+GOSILENT").ok
    assert modem.command("AT#SSLEN?", timeout=0.3).ok
"""


def goes_silent(conn: socket.socket) -> None:
    """OK to every command line, without echo, until ``AT+GOSILENT`` (answered OK); nothing after it."""
    conn.settimeout(0.2)
    pending, silent = b"", False
    while True:
        try:
            data = conn.recv(4096)
        except TimeoutError:
            continue
        except OSError:
            return
        if not data:
            return
        pending += data
        while b"\r" in pending and not silent:
            line, _, pending = pending.partition(b"\r")
            if line:
                conn.sendall(b"\r\nOK\r\n")
                silent = line == b"AT+GOSILENT"


def verdicts(pytester: pytest.Pytester, source: str, url: str) -> dict[str, str]:
    pytester.makepyfile(source)
    out = pytester.path / "r.json"
    plugin = ("-p", "harness.plugin", "-p", "no:cacheprovider")
    pytester.runpytest(
        *plugin, "--profile", "telit/he910", "--target", url, "--at-timeout", "0.5", f"--results-json={out}"
    )
    tests = json.loads(out.read_text(encoding="utf-8"))["tests"]
    return {t["id"].split("::")[1].split("[")[0]: t["verdict"] for t in tests}


def test_a_module_silent_from_the_test_s_start_is_an_error_as_the_sanity_at_would_say(
    pytester: pytest.Pytester,
) -> None:
    with serve(goes_silent) as url:
        found = verdicts(pytester, SILENCE, url)
    assert found == {"test_a_last_answer": "pass", "test_b_first_command_unanswered": "error"}


def test_silence_after_the_module_answered_in_the_test_stays_a_failure(pytester: pytest.Pytester) -> None:
    with serve(goes_silent) as url:  # the control: the sanity AT is sent (first test), the module answered
        found = verdicts(pytester, AFTER_AN_ANSWER, url)
    assert found == {"test_silent_after_an_answer": "fail"}
