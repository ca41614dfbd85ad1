"""#SSLSECCFG: 2G (telit-ssl-ug §4.2.1), 3G/4G (§4.2.2, D4, D8), telit-gsm (telit-gsm-ssl §3.2)."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import ERROR, cme, ok, terminal, terminals


@pytest.mark.parametrize(("profile_name", "line"), [
    ("telit/ge865", "#SSLSECCFG: (1),(0-6),(0-2)"),
    ("telit/ge910", "#SSLSECCFG: (1),(0-6),(0-2)"),
    ("telit/gl865-v3", "#SSLSECCFG: (1),(0-6),(0-2)"),
    ("telit/he910", "#SSLSECCFG: (1),(0-5),(0-2),(0,1)"),
    ("telit/le910-v2", "#SSLSECCFG: (1-6),(0-5),(0-2),(0,1)"),
    ("telit/le866", "#SSLSECCFG: (1-6),(0-5),(0-2),(0,1)"),
    ("telit-gsm/gc864", "#SSLSECCFG: (1),(0-3),(0-2)"),
])
def test_test_form_works_before_enable(profile_name: str, line: str) -> None:
    assert terminal(profile_name).at("AT#SSLSECCFG=?") == ok(line)


@pytest.mark.parametrize(("profile_name", "max_cipher"), [
    ("telit/ge865", 6), ("telit/he910", 5), ("telit/le866", 5)])
def test_set_accepts_exactly_the_announced_ranges(profile_name: str, max_cipher: int) -> None:
    term = terminal(profile_name)
    term.at("AT+CMEE=1")
    term.at("AT#SSLEN=1,1")
    for cipher in range(max_cipher + 1):
        for auth in range(3):
            assert term.at(f"AT#SSLSECCFG=1,{cipher},{auth}") == ok()
            assert term.at("AT#SSLSECCFG?") == ok(f"#SSLSECCFG: 1,{cipher},{auth}")
    assert term.at(f"AT#SSLSECCFG=1,{max_cipher + 1},0") == cme(4)
    assert term.at("AT#SSLSECCFG=1,0,3") == cme(4)
    assert term.at("AT#SSLSECCFG=7,0,0") == cme(4)
    assert term.at("AT#SSLSECCFG=0,0,0") == cme(4)
    assert term.at("AT#SSLSECCFG=1,0") == cme(4)


def test_2g_has_no_cert_format() -> None:
    term = terminal("telit/ge910")
    term.at("AT+CMEE=1")
    term.at("AT#SSLEN=1,1")
    assert term.at("AT#SSLSECCFG=1,0,0,1") == cme(4)


def test_gsm_ciphers() -> None:
    term = terminal("telit-gsm/gc864")
    term.at("AT+CMEE=1;#SELINT=2")
    term.at("AT#SSLEN=1,1")
    assert term.at("AT#SSLSECCFG=1,3,2") == ok()
    assert term.at("AT#SSLSECCFG=1,4,0") == cme(4)
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,3,2")


def test_cert_format_read_behaviour_d8() -> None:
    term = terminal("telit/he910")
    term.at("AT+CMEE=1")
    term.at("AT#SSLEN=1,1")
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,0,0")
    assert term.at("AT#SSLSECCFG=1,3,1") == ok()
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,3,1")  # still no format: never given
    assert term.at("AT#SSLSECCFG=1,3,1,0") == ok()
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,3,1,0")
    assert term.at("AT#SSLSECCFG=1,5,2") == ok()  # omitted: the last value entered stays
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,5,2,0")
    assert term.at("AT#SSLSECCFG=1,5,2,2") == cme(4)


def test_cert_format_is_per_ssid_and_survives_disable() -> None:
    term = terminals("telit/le866", instances=1)[0]
    term.at("AT#SSLEN=1,1;#SSLEN=2,1")
    term.at("AT#SSLSECCFG=2,1,1,1")
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,0,0", "#SSLSECCFG: 2,1,1,1")
    term.at("AT#SSLEN=2,0")
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,0,0")
    term.at("AT#SSLEN=2,1")
    assert term.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,0,0", "#SSLSECCFG: 2,1,1,1")


def test_not_activated_and_ownership() -> None:
    first, second = terminals("telit/le866")
    first.at("AT+CMEE=2")
    second.at("AT+CMEE=2")
    assert first.at("AT#SSLSECCFG?") == cme("SSL not activated")
    assert first.at("AT#SSLSECCFG=1,0,0") == cme("SSL not activated")
    first.at("AT#SSLEN=1,1")
    assert second.at("AT#SSLSECCFG=1,1,1") == cme("Resource used by another instance")
    assert second.at("AT#SSLSECCFG=2,1,1") == cme("SSL not activated")
    assert second.at("AT#SSLSECCFG?") == ok("#SSLSECCFG: 1,0,0")  # read works from anywhere


def test_plain_error_without_cmee() -> None:
    assert terminal("telit/he910").at("AT#SSLSECCFG?") == ERROR
