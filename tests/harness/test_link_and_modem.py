"""The link and the modem driver against real ports: the embedded emulator, loop://, and TCP targets
that stay silent, talk garbage or drop the link. Each error says whose fault it is."""

from __future__ import annotations

import itertools
import re
import time

import pytest

from harness.dialects import TELIT
from harness.errors import LinkError, TargetSilent
from harness.link import Link, register_scheme
from harness.modem import Modem
from harness.transcript import Transcript
from tests.faulty_targets import answers_then_drops, drops, garbage, serve, silent

register_scheme("emulator.urlhandler")  # emulator:// targets, also when run outside the suite's plugin


def open_modem(url: str, timeout: float = 1.0) -> Modem:
    return Modem(link=Link(url, Transcript(name=url)), dialect=TELIT, timeout=timeout)


def test_embedded_emulator_answers_at() -> None:
    modem = open_modem("emulator://telit/he910")
    try:
        r = modem.command("AT+CGMM")
        assert r.ok and r.lines == ("HE910",) and r.echoed
    finally:
        modem.close()


def test_transcript_records_both_directions_with_times() -> None:
    modem = open_modem("emulator://telit/he910")
    try:
        modem.command("AT")
    finally:
        modem.close()
    entries = modem.link.transcript.entries
    assert [e.direction for e in entries if e.direction != "note"][:2] == ["tx", "rx"]
    assert all(b.t >= a.t for a, b in itertools.pairwise(entries))
    text = modem.link.transcript.rendered()
    assert "tx  AT<CR>" in text and "OK<CR><LF>" in text


def test_loop_url_reads_back_what_was_written() -> None:
    # loop:// is pyserial's own loopback: the "target" echoes our bytes, and that is not a response.
    modem = open_modem("loop://", timeout=0.3)
    try:
        with pytest.raises(TargetSilent, match="no final result code for 'AT'"):
            modem.command("AT")
    finally:
        modem.close()


def test_unopenable_url_is_a_link_error() -> None:
    with pytest.raises(LinkError, match=re.escape("cannot open the link 'socket://127.0.0.1:1'")):
        Link("socket://127.0.0.1:1", Transcript(name="x"))


def test_unknown_emulator_profile_is_a_link_error_naming_the_choices() -> None:
    with pytest.raises(LinkError, match="telit/he910"):
        Link("emulator://telit/he911", Transcript(name="x"))


def test_silent_target_gives_target_silent_within_the_deadline() -> None:
    with serve(silent) as url:
        modem = open_modem(url, timeout=0.5)
        started = time.monotonic()
        try:
            with pytest.raises(TargetSilent, match="target silent") as info:
                modem.command("AT")
        finally:
            modem.close()
    assert time.monotonic() - started < 3.0
    assert info.value.blame == "target"


def test_garbage_target_shows_what_it_sent() -> None:
    with serve(garbage) as url:
        modem = open_modem(url, timeout=0.5)
        try:
            with pytest.raises(TargetSilent, match="noise"):
                modem.command("AT")
        finally:
            modem.close()


def test_dropped_link_is_a_link_error() -> None:
    with serve(drops) as url:
        modem = open_modem(url, timeout=2.0)
        try:
            with pytest.raises(LinkError, match="failed while reading") as info:
                modem.command("AT")
        finally:
            modem.close()
    assert info.value.blame == "link"


def test_link_dropped_mid_response() -> None:
    with serve(answers_then_drops) as url:
        modem = open_modem(url, timeout=2.0)
        try:
            assert modem.command("AT").ok
            with pytest.raises(LinkError):
                modem.command("AT#SSLEN?")
        finally:
            modem.close()
    assert "#SSLEN: 1," in modem.link.transcript.rendered()


def test_urc_between_commands_is_kept() -> None:
    modem = open_modem("emulator://telit/he910")
    try:
        modem.engine.receive_data(b"\r\nSSLSRING: 1,20\r\n")  # as if it had arrived on the port
        r = modem.command("AT")
        assert r.ok
        assert [u.text for u in modem.urcs] == ["SSLSRING: 1,20"]
        assert modem.wait_urc("SSLSRING").text == "SSLSRING: 1,20"
        assert modem.urcs == []
    finally:
        modem.close()


def test_no_carrier_in_the_same_chunk_as_the_last_data() -> None:
    from tests.faulty_targets import online_then_no_carrier

    with serve(online_then_no_carrier) as url:
        modem = open_modem(url, timeout=3)
        try:
            r = modem.command('AT#SSLD=1,443,"host",0,0')
            assert r.final.text == "CONNECT"
            assert modem.read_until_closed(timeout=3) == b"page\r\n"
            assert [u.text for u in modem.urcs] == ["NO CARRIER"]
            assert not modem.online
        finally:
            modem.close()
