"""The Fibocom L610 configuration commands (fibocom-l610-ssl §1.2-§1.5, +COPS, +CCLK,
identification): forms, ranges, defaults, and everything lost at power off."""

from __future__ import annotations

import pytest

from emulator.fibocom.ciphers import CIPHERS, DEFAULT_IDS, offered
from emulator.module import Module
from emulator.profiles import get_profile
from emulator.tls.suites import CODES
from tests.emulator.conftest import ERROR, Terminal, ok, terminal

PRODUCT = "fibocom/l610"


@pytest.fixture
def term() -> Terminal:
    t = terminal(PRODUCT)
    assert t.at("ATE0").endswith(b"OK\r\n")
    return t


def test_identification(term: Terminal) -> None:
    assert term.at("ATI") == ok("Fibocom")
    assert term.at("AT+CGMI") == ok("Fibocom")
    assert term.at("AT+CGMM") == ok("L610")
    assert term.at("AT+CGMR") == ok(get_profile(PRODUCT).firmware)


def test_cops_read_is_example_6(term: Terminal) -> None:
    assert term.at("AT+COPS?") == ok('+COPS: 0,0,"CHINA MOBILE",7')


def test_cclk_with_and_without_zone(term: Terminal) -> None:
    """Example 4 sets the time without a zone: read back as zone +00, year 2015."""
    assert term.at('AT+CCLK="15/01/23,15:30:36"') == ok()
    answer = term.at("AT+CCLK?")
    assert answer.startswith(b'\r\n+CCLK: "15/01/23,15:30:')
    assert answer.endswith(b'+00"\r\n\r\nOK\r\n')
    assert term.at('AT+CCLK="24/02/29,23:59:59+32"') == ok()
    assert b"+32" in term.at("AT+CCLK?")
    assert term.at('AT+CCLK="15/13/23,15:30:36"') == ERROR
    assert term.at('AT+CCLK="15/01/23"') == ERROR
    assert term.at("AT+CCLK=?") == ok()


def test_gtsslmode(term: Terminal) -> None:
    """§1.2: 0 by default, 0-1, read and test forms."""
    assert term.at("AT+GTSSLMODE?") == ok("+GTSSLMODE: 0")
    assert term.at("AT+GTSSLMODE=?") == ok("+GTSSLMODE: (0-1)")
    assert term.at("AT+GTSSLMODE=1") == ok()
    assert term.at("AT+GTSSLMODE?") == ok("+GTSSLMODE: 1")
    assert term.at("AT+GTSSLMODE=0") == ok()
    assert term.at("AT+GTSSLMODE?") == ok("+GTSSLMODE: 0")
    for bad in ("2", "-1", "", "1,1", '"1"'):
        assert term.at(f"AT+GTSSLMODE={bad}") == ERROR, bad
    assert term.at("AT+GTSSLMODE?") == ok("+GTSSLMODE: 0")


def test_gtsslver(term: Terminal) -> None:
    """§1.4: TLS 1.0 (2) by default; 1-4; 0 named by no protocol is refused (README)."""
    assert term.at("AT+GTSSLVER?") == ok("+GTSSLVER: 2")
    assert term.at("AT+GTSSLVER=?") == ok("+GTSSLVER: (1-4)")
    for version in (1, 2, 3, 4):
        assert term.at(f"AT+GTSSLVER={version}") == ok()
        assert term.at("AT+GTSSLVER?") == ok(f"+GTSSLVER: {version}")
    for bad in ("0", "5", ""):
        assert term.at(f"AT+GTSSLVER={bad}") == ERROR, bad
    assert term.at("AT+GTSSLVER?") == ok("+GTSSLVER: 4")


def test_gtsslcipher_read_lists_enabled_ids(term: Terminal) -> None:
    """§1.5: none enabled at power on (OK alone); the read form lists ids in order."""
    assert term.at("AT+GTSSLCIPHER?") == ok()
    assert term.at("AT+GTSSLCIPHER=?") == ok("+GTSSLCIPHER: (1-31),(0-1)")
    for number in (6, 1, 31, 5):
        assert term.at(f"AT+GTSSLCIPHER={number},1") == ok()
    assert term.at("AT+GTSSLCIPHER?") == ok("+GTSSLCIPHER: 1,5,6,31")
    assert term.at("AT+GTSSLCIPHER=5,1") == ok()  # enabling twice changes nothing
    assert term.at("AT+GTSSLCIPHER=6,0") == ok()
    assert term.at("AT+GTSSLCIPHER=7,0") == ok()  # disabling a disabled id is harmless
    assert term.at("AT+GTSSLCIPHER?") == ok("+GTSSLCIPHER: 1,5,31")


@pytest.mark.parametrize("bad", ["0,1", "32,1", "1,2", "1", "1,1,1", ",1", "1,"])
def test_gtsslcipher_refuses(term: Terminal, bad: str) -> None:
    assert term.at(f"AT+GTSSLCIPHER={bad}") == ERROR
    assert term.at("AT+GTSSLCIPHER?") == ok()


def test_cipher_table_is_section_1_5() -> None:
    """31 ids, each the IANA suite of the printed name; ids 13 and 30 spot-checked by code."""
    assert len(CIPHERS) == 31
    assert CIPHERS[13] == CODES["TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"] == 0xC014
    assert CIPHERS[30] == 0xC027
    assert CIPHERS[1] == 0xCCA8
    assert offered(()) == tuple(CIPHERS[i] for i in DEFAULT_IDS)
    assert offered((5, 1)) == (CIPHERS[1], CIPHERS[5])


def test_gtsslerr_without_connection_is_ok_alone(term: Terminal) -> None:
    """§1.3.2: no error: OK alone, in both forms; no test form."""
    assert term.at("AT+GTSSLERR") == ok()
    assert term.at("AT+GTSSLERR?") == ok()
    assert term.at("AT+GTSSLERR=?") == ERROR


def test_cmee_numbers_refusals(term: Terminal) -> None:
    assert term.at("AT+CMEE=1") == ok()
    assert term.at("AT+GTSSLVER=0") == b"\r\n+CME ERROR: 4\r\n"


def test_everything_is_lost_at_power_off() -> None:
    """"Persistent: No" (§1.1.3-§1.5.3), "If module power down, all certificates are lost"."""
    module = Module(get_profile(PRODUCT))
    try:
        t = Terminal(module.instances[0])
        t.at("ATE0")
        for line in ("AT+GTSSLMODE=1", "AT+GTSSLVER=4", "AT+GTSSLCIPHER=3,1"):
            assert t.at(line) == ok()
        assert t.at('AT+GTSSLFILE="TRUSTFILE",8') == b"\r\n>"
        assert t.send(b"QUJDRA==") == ok()
        assert t.at('AT+MIPCALL=1,"CMNET"').startswith(ok())
        module.power_cycle()
        t.at("ATE0")
        assert t.at("AT+GTSSLMODE?") == ok("+GTSSLMODE: 0")
        assert t.at("AT+GTSSLVER?") == ok("+GTSSLVER: 2")
        assert t.at("AT+GTSSLCIPHER?") == ok()
        assert t.at("AT+GTSSLFILE?") == ok("+GTSSLFILE: CERTFILE,0", "+GTSSLFILE: KEYFILE,0",
                                           "+GTSSLFILE: TRUSTFILE,0")
        assert t.at("AT+MIPCALL?") == ok("+MIPCALL: 0")
    finally:
        module.close()


def test_mipcall_forms(term: Terminal) -> None:
    """Examples 1, 6: OK then ``+MIPCALL: <ip>``; the rest is the emulator's (README)."""
    assert term.at("AT+MIPCALL?") == ok("+MIPCALL: 0")
    assert term.at("AT+MIPCALL=?") == ok("+MIPCALL: (0-1)")
    assert term.at("AT+MIPCALL=0") == ERROR
    assert term.at('AT+MIPCALL=1,"CMNET"') == ok() + b"\r\n+MIPCALL: 10.0.0.2\r\n"
    assert term.at("AT+MIPCALL?") == ok("+MIPCALL: 1,10.0.0.2")
    assert term.at("AT+MIPCALL=1") == ERROR
    assert term.at("AT+MIPCALL=0") == ok() + b"\r\n+MIPCALL: 0\r\n"
    assert term.at("AT+MIPCALL=2") == ERROR
    assert term.at("AT+MIPCALL=1") == ok() + b"\r\n+MIPCALL: 10.0.0.2\r\n"


def test_mipopen_refusals(term: Terminal) -> None:
    """No bearer, a protocol other than SSL (2), a socket id out of 1-4: ERROR."""
    assert term.at("AT+MIPOPEN=?") == ok("+MIPOPEN: (1-4),(0-65535),,(1-65535),(2)")
    assert term.at('AT+MIPOPEN=1,,"localhost",443,2') == ERROR  # no +MIPCALL yet
    term.at("AT+MIPCALL=1")
    for bad in ('1,,"localhost",443,0', '1,,"localhost",443,1', '5,,"localhost",443,2',
                '0,,"localhost",443,2', '1,,"",443,2', '1,,"localhost",0,2', '1,,"localhost",443'):
        assert term.at(f"AT+MIPOPEN={bad}") == ERROR, bad
    assert term.at("AT+MIPCLOSE=1") == ERROR  # nothing open
    assert term.at("AT+MIPCLOSE=?") == ok("+MIPCLOSE: (1-4)")
    assert term.at("AT+MIPSEND=1,4") == ERROR
    assert term.at("AT+MIPSEND=?") == ok("+MIPSEND: (1-4),(1-1460)")
