"""+CMEE (3GPP TS 27.007 §9.1), per AT instance (telit-ssl-ug §4.3.1, D12)."""

from __future__ import annotations

from tests.emulator.conftest import ERROR, cme, ok, terminal, terminals


def test_forms() -> None:
    term = terminal()
    assert term.at("AT+CMEE?") == ok("+CMEE: 0")
    assert term.at("AT+CMEE=?") == ok("+CMEE: (0-2)")
    for value in (1, 2, 0):
        assert term.at(f"AT+CMEE={value}") == ok()
        assert term.at("AT+CMEE?") == ok(f"+CMEE: {value}")
    term.at("AT+CMEE=2")
    assert term.at("AT+CMEE=") == ok()  # 27.007: +CMEE=[<n>], omitted means 0
    assert term.at("AT+CMEE?") == ok("+CMEE: 0")


def test_error_formats() -> None:
    term = terminal()
    assert term.at("AT#SSLCFG?") == ERROR
    term.at("AT+CMEE=1")
    assert term.at("AT#SSLCFG?") == cme(836)
    term.at("AT+CMEE=2")
    assert term.at("AT#SSLCFG?") == cme("SSL not activated")


def test_per_instance() -> None:
    first, second = terminals("telit/he910")
    first.at("AT+CMEE=2")
    assert second.at("AT+CMEE?") == ok("+CMEE: 0")
    assert second.at("AT#SSLCFG?") == ERROR
    assert first.at("AT#SSLCFG?") == cme("SSL not activated")


def test_echo_and_verbose_are_per_instance() -> None:
    first, second = terminals("telit/he910")
    first.send(b"ATE0V0\r")
    assert second.send(b"AT\r") == b"AT\r" + ok()
    assert first.send(b"AT\r") == b"0\r"
