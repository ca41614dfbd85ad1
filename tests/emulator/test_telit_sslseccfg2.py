"""#SSLSECCFG2 (telit-ssl-ug §3 Tab. 1, D1): absent on 2G and telit-gsm."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import ERROR, cme, ok, terminal


@pytest.mark.parametrize("profile_name", ["telit/ge865", "telit/ge910", "telit/gl865-v3",
                                          "telit-gsm/gc864"])
@pytest.mark.parametrize("form", ["=?", "?", "=1,1"])
def test_absent_is_an_unknown_command(profile_name: str, form: str) -> None:
    term = terminal(profile_name)
    term.at("AT+CMEE=2")
    term.at("AT#SSLEN=1,1")
    assert term.at(f"AT#SSLSECCFG2{form}") == ERROR


@pytest.mark.parametrize(("profile_name", "line", "default", "versions"), [
    ("telit/he910", "#SSLSECCFG2: (1),(1-3),(0),(0),(0),(0)", 3, (1, 2, 3)),
    ("telit/le910-v2", "#SSLSECCFG2: (1-6),(0-3),(0),(0),(0),(0)", 1, (0, 1, 2, 3)),
    ("telit/le866", "#SSLSECCFG2: (1-6),(0-3),(0),(0),(0),(0)", 1, (0, 1, 2, 3)),
])
def test_forms(profile_name: str, line: str, default: int, versions: tuple[int, ...]) -> None:
    term = terminal(profile_name)
    term.at("AT+CMEE=1")
    assert term.at("AT#SSLSECCFG2=?") == ok(line)
    assert term.at("AT#SSLSECCFG2?") == cme(836)
    assert term.at("AT#SSLSECCFG2=1,1") == cme(836)
    term.at("AT#SSLEN=1,1")
    assert term.at("AT#SSLSECCFG2?") == ok(f"#SSLSECCFG2: 1,{default},0,0,0,0")
    for version in versions:
        assert term.at(f"AT#SSLSECCFG2=1,{version}") == ok()
        assert term.at("AT#SSLSECCFG2?") == ok(f"#SSLSECCFG2: 1,{version},0,0,0,0")
    assert term.at(f"AT#SSLSECCFG2=1,{versions[0]},0,0,0,0") == ok()
    assert term.at(f"AT#SSLSECCFG2=1,{versions[0]},0,,0") == ok()
    for bad in ("1,4", "1", "1,1,1", "1,1,0,0,0,1", "1,1,0,0,0,0,0", "7,1"):
        assert term.at(f"AT#SSLSECCFG2={bad}") == cme(4)


def test_he910_has_no_version_0() -> None:
    term = terminal("telit/he910")
    term.at("AT+CMEE=1;#SSLEN=1,1")
    assert term.at("AT#SSLSECCFG2=1,0") == cme(4)
