"""SSL error codes (telit-ssl-ug §8.2 Tab. 4) and #SELINT gating (telit-gsm-ssl §5, D9)."""

from __future__ import annotations

import pytest

from emulator.telit.errors import SSL_ERROR_TEXT
from tests.emulator.conftest import ERROR, cme, ok, terminal, terminals

# Typed from telit-ssl-ug §8.2 Tab. 4.
TAB_4 = {
    830: "SSL generic error",
    831: "SSL cannot activate",
    832: "SSL socket error",
    833: "SSL not connected",
    834: "SSL already connected",
    835: "SSL already activated",
    836: "SSL not activated",
    837: "SSL certs and keys wrong or not stored",
    838: "SSL error enc/dec data",
    839: "SSL error during handshake",
    840: "SSL disconnected",
}


def test_table_matches_tab_4() -> None:
    assert {int(code): text for code, text in SSL_ERROR_TEXT.items()} == TAB_4


@pytest.mark.parametrize(("cmee", "expected"), [
    (0, ERROR), (1, cme(836)), (2, cme("SSL not activated"))])
def test_not_activated(cmee: int, expected: bytes) -> None:
    term = terminal("telit/le910-v2")
    term.at(f"AT+CMEE={cmee}")
    for line in ("AT#SSLCFG?", "AT#SSLCFG=1,1,300,90,100,50", "AT#SSLSECCFG?",
                 "AT#SSLSECCFG=1,0,0", "AT#SSLSECCFG2?", "AT#SSLSECCFG2=1,1"):
        assert term.at(line) == expected, line


@pytest.mark.parametrize(("cmee", "expected"), [
    (0, ERROR), (1, cme(835)), (2, cme("SSL already activated"))])
def test_already_activated(cmee: int, expected: bytes) -> None:
    term = terminal("telit/ge865")
    term.at(f"AT+CMEE={cmee};#SSLEN=1,1")
    assert term.at("AT#SSLEN=1,1") == expected


class TestSelint:
    PROFILE = "telit-gsm/gc864"

    def test_forms(self) -> None:
        term = terminal(self.PROFILE)
        assert term.at("AT#SELINT=?") == ok("#SELINT: (0-2)")
        assert term.at("AT#SELINT?") == ok("#SELINT: 0")
        assert term.at("AT#SELINT=2") == ok()
        assert term.at("AT#SELINT?") == ok("#SELINT: 2")
        term.at("AT+CMEE=1")
        assert term.at("AT#SELINT=3") == cme(4)
        assert term.at("AT#SELINT=") == cme(4)

    @pytest.mark.parametrize("selint", [0, 1])
    def test_ssl_errors_are_plain_below_2(self, selint: int) -> None:
        term = terminal(self.PROFILE)
        term.at(f"AT#SELINT={selint}")
        for cmee in (1, 2):
            term.at(f"AT+CMEE={cmee}")
            assert term.at("AT#SSLCFG?") == ERROR
            # Parameter errors are not SSL errors: +CMEE still applies.
            assert term.at("AT#SSLCFG=2,1,300,90,100,50") == cme(
                4 if cmee == 1 else "operation not supported")

    def test_ssl_errors_with_selint_2(self) -> None:
        first, second = terminals(self.PROFILE)
        first.at("AT#SELINT=2;+CMEE=1")
        assert first.at("AT#SSLCFG?") == cme(836)
        first.at("AT+CMEE=2")
        assert first.at("AT#SSLCFG?") == cme("SSL not activated")
        first.at("AT#SSLEN=1,1")
        second.at("AT+CMEE=2")
        # #SELINT is per instance: the second one still hides SSL errors.
        assert second.at("AT#SELINT?") == ok("#SELINT: 0")
        assert second.at("AT#SSLEN=1,0") == ERROR
        second.at("AT#SELINT=2")
        assert second.at("AT#SSLEN=1,0") == cme("Resource used by another instance")

    @pytest.mark.parametrize("profile_name", ["telit/ge865", "telit/he910", "telit/le866"])
    def test_absent_elsewhere(self, profile_name: str) -> None:
        term = terminal(profile_name)
        term.at("AT+CMEE=2")
        assert term.at("AT#SELINT?") == ERROR
