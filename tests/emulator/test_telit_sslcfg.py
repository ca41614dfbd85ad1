"""#SSLCFG (telit-ssl-ug §4.6, §4.3.1, §4.3.2, §4.7.1.1; D2)."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import cme, ok, terminal, terminals

TAIL = "(0-1500),(0-65535),(10-5000),(0-255),(0-2),(0),(0)"


@pytest.mark.parametrize(("profile_name", "head"), [
    ("telit/ge865", "(1),(1-5)"),
    ("telit/ge910", "(1),(1-5)"),
    ("telit/gl865-v3", "(1),(1-5)"),
    ("telit/he910", "(1),(1)"),
    ("telit/le910-v2", "(1-6),(1-5)"),
    ("telit/le866", "(1-6),(1-5)"),
    ("telit-gsm/gc864", "(1),(1)"),
])
def test_test_form(profile_name: str, head: str) -> None:
    assert terminal(profile_name).at("AT#SSLCFG=?") == ok(f"#SSLCFG: {head},{TAIL}")


def test_power_on_values_and_set() -> None:
    term = terminal("telit/le866")
    term.at("AT+CMEE=1")
    assert term.at("AT#SSLCFG?") == cme(836)
    assert term.at("AT#SSLCFG=1,1,300,90,100,50") == cme(836)
    term.at("AT#SSLEN=1,1")
    assert term.at("AT#SSLCFG?") == ok("#SSLCFG: 1,1,300,90,100,50,0,0,0,0")
    assert term.at("AT#SSLCFG=1,5,1500,65535,5000,255,2,0") == ok()
    assert term.at("AT#SSLCFG?") == ok("#SSLCFG: 1,5,1500,65535,5000,255,2,0,0,0")
    assert term.at("AT#SSLCFG=1,1,0,0,10,0") == ok()  # optional ones keep their value
    assert term.at("AT#SSLCFG?") == ok("#SSLCFG: 1,1,0,0,10,0,2,0,0,0")


@pytest.mark.parametrize("args", [
    "1,6,300,90,100,50", "1,0,300,90,100,50", "1,1,1501,90,100,50", "1,1,300,65536,100,50",
    "1,1,300,90,9,50", "1,1,300,90,5001,50", "1,1,300,90,100,256", "1,1,300,90,100,50,3",
    "1,1,300,90,100,50,0,1", "1,1,300,90,100,50,0,0,0", "1,1,300,90,100", "7,1,300,90,100,50",
])
def test_out_of_range(args: str) -> None:
    term = terminal("telit/le866")
    term.at("AT+CMEE=1;#SSLEN=1,1")
    assert term.at(f"AT#SSLCFG={args}") == cme(4)


def test_he910_cid_is_1_only() -> None:
    term = terminal("telit/he910")
    term.at("AT+CMEE=1;#SSLEN=1,1")
    assert term.at("AT#SSLCFG=1,2,300,90,100,50") == cme(4)


def test_read_lists_enabled_sockets_of_every_instance() -> None:
    first, second = terminals("telit/le866")
    first.at("AT#SSLEN=2,1")
    second.at("AT#SSLEN=5,1")
    expected = ok("#SSLCFG: 2,1,300,90,100,50,0,0,0,0", "#SSLCFG: 5,1,300,90,100,50,0,0,0,0")
    assert first.at("AT#SSLCFG?") == expected
    assert second.at("AT#SSLCFG?") == expected
    second.at("AT+CMEE=2")
    assert second.at("AT#SSLCFG=2,1,300,90,100,50") == cme("Resource used by another instance")
