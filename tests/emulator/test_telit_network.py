"""The minimal network commands the examples use: +CGDCONT, #SGACT, #SCFG?, #PORTCFG?."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import ERROR, cme, ok, terminal, terminals


def test_cgdcont() -> None:
    term = terminal("telit/he910")
    assert term.at("AT+CGDCONT?") == ok()
    assert term.at('AT+CGDCONT=1,"IP","Access_Point_Name"') == ok()  # telit-ssl-ug §2
    assert term.at('AT+CGDCONT=3,"ip","apn.example"') == ok()
    assert term.at("AT+CGDCONT?") == ok('+CGDCONT: 1,"IP","Access_Point_Name","",0,0',
                                        '+CGDCONT: 3,"IP","apn.example","",0,0')
    assert term.at("AT+CGDCONT=3") == ok()  # 27.007: <cid> alone undefines
    assert term.at("AT+CGDCONT?") == ok('+CGDCONT: 1,"IP","Access_Point_Name","",0,0')
    assert term.at("AT+CGDCONT=?") == ok('+CGDCONT: (1-5),"IP",,,(0-3),(0-4)')
    term.at("AT+CMEE=1")
    for bad in ('6,"IP","a"', '1,"X25","a"', "", '1,"IP","a","",0,0,0'):
        assert term.at(f"AT+CGDCONT={bad}") == cme(4)


def test_cgdcont_is_per_module() -> None:
    first, second = terminals("telit/le866")
    first.at('AT+CGDCONT=1,"IP","apn"')
    assert second.at("AT+CGDCONT?") == ok('+CGDCONT: 1,"IP","apn","",0,0')


@pytest.mark.parametrize(("profile_name", "address"), [
    ("telit/he910", "10.7.125.7"),  # telit-ssl-ug §6.2
    ("telit/ge865", "10.7.125.7"),
    ("telit-gsm/gc864", '"10.7.125.7"'),  # telit-gsm-ssl §2.1 quotes the address
])
def test_sgact(profile_name: str, address: str) -> None:
    term = terminal(profile_name)
    term.at('AT+CGDCONT=1,"IP","apn"')
    assert term.at("AT#SGACT=1,1") == ok(f"#SGACT: {address}")
    assert term.at("AT#SGACT = 1 , 0") == ok()  # telit-gsm-ssl §2.1 writes spaces
    assert term.at("AT#SGACT=?") == ok("#SGACT: (1-5),(0,1)")
    term.at("AT+CMEE=1")
    assert term.at("AT#SGACT=1,2") == cme(4)
    assert term.at("AT#SGACT=1") == cme(4)


def test_scfg_read() -> None:
    assert terminal("telit/he910").at("AT#SCFG?") == ok(
        "#SCFG: 1,1,300,90,600,50", "#SCFG: 2,1,300,90,600,50", "#SCFG: 3,1,300,90,600,50",
        "#SCFG: 4,2,300,90,600,50", "#SCFG: 5,2,300,90,600,50", "#SCFG: 6,2,300,90,600,50")


@pytest.mark.parametrize(("profile_name", "value"), [
    ("telit/he910", "0,0"), ("telit/le866", "1,1"), ("telit/le910-v2", "0,0"),
    ("telit/ge865", "0,0"), ("telit-gsm/gc864", "0,0")])
def test_portcfg_read(profile_name: str, value: str) -> None:
    term = terminal(profile_name)
    assert term.at("AT#PORTCFG?") == ok(f"#PORTCFG: {value}")
    assert term.at("AT#PORTCFG=?") == ERROR  # only the read form is emulated
