"""A response that never ends names what came (issue 14 item 3): when a command's deadline passes after
lines but no final result code, the error lists the lines already read and says whether the module was
silent or answered in a form the tables do not know (a vendor error line outside them, a reply in place of
a prompt). Real links: TCP targets on 127.0.0.1 and pyserial's ``loop://``."""

from __future__ import annotations

import socket

import pytest

from harness.dialects import TELIT
from harness.errors import TargetSilent
from harness.link import Link
from harness.modem import Modem
from harness.transcript import Transcript
from tests.faulty_targets import serve, silent


def open_modem(url: str) -> Modem:
    return Modem(link=Link(url, Transcript(name=url)), dialect=TELIT, timeout=0.4)


def answering(reply: bytes, echo: bool = False):  # type: ignore[no-untyped-def]
    """A target that answers each command line with ``reply`` (after the line's echo when ``echo``)."""

    def behave(conn: socket.socket) -> None:
        conn.settimeout(2)
        pending = b""
        try:
            while chunk := conn.recv(4096):
                pending += chunk
                while b"\r" in pending:
                    line, _, pending = pending.partition(b"\r")
                    conn.sendall((line + b"\r" if echo else b"") + reply)
        except OSError:
            return

    return behave


def unfinished(url: str, line: str, **kwargs: object) -> str:
    modem = open_modem(url)
    try:
        with pytest.raises(TargetSilent) as info:
            modem.command(line, **kwargs)  # type: ignore[arg-type]
    finally:
        modem.close()
    return str(info.value)


def test_a_vendor_error_line_outside_the_tables_is_named_not_blamed_on_silence() -> None:
    with serve(answering(b"\r\n+XYZ: 1,2\r\n\r\nERROR: socket busy\r\n")) as url:
        text = unfinished(url, "AT+XYZ?")
    assert text.startswith("unfinished response"), text
    assert "answered 2 line(s)" in text and "'+XYZ: 1,2' | 'ERROR: socket busy'" in text, text
    assert "'ERROR: socket busy' reads like a result code the telit tables do not list" in text, text
    assert "was silent" not in text, text


def test_a_reply_in_place_of_the_prompt_is_named() -> None:
    with serve(answering(b"\r\nWAIT DATA\r\n", echo=True)) as url:
        text = unfinished(url, "AT+XYZ=5", data=b"hello")
    assert "'WAIT DATA'" in text and "in place of the prompt '>' the command waits for" in text, text


def test_an_unterminated_line_is_shown() -> None:
    with serve(answering(b"\r\n+XYZ: 1\r\n+XYZ: 2,")) as url:
        text = unfinished(url, "AT+XYZ?")
    assert "'+XYZ: 1'" in text and "then an unterminated line b'+XYZ: 2,'" in text, text


def test_a_silent_module_is_called_silent() -> None:
    with serve(silent) as url:
        text = unfinished(url, "AT")
    assert text.startswith("target silent") and "the module was silent: not a byte came" in text, text


def test_an_echo_alone_is_silence_after_the_echo() -> None:
    # pyserial's loop:// gives back what is written: the command's echo, and nothing else.
    text = unfinished("loop://", "AT+XYZ?")
    assert text.startswith("target silent"), text
    assert "silent after the echo of the command: no response line" in text, text


def test_control_the_same_lines_with_a_final_result_code_are_a_response() -> None:
    # The negative control: the same answer ended by a final result code the tables know is no error.
    with serve(answering(b"\r\n+XYZ: 1,2\r\n\r\nOK\r\n")) as url:
        modem = open_modem(url)
        try:
            r = modem.command("AT+XYZ?")
        finally:
            modem.close()
    assert r.ok and r.lines == ("+XYZ: 1,2",), r.describe()
