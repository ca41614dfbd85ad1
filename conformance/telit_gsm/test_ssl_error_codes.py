"""SSL error codes in the older GSM guide: reported only with #SELINT=2 (telit-gsm-ssl §5)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.common import ERRORS, disable_all
from conformance.telit.sockets import CA_CERT, configure, dial, store
from harness.checks import expect_cme_code, expect_cme_text, expect_error, expect_ok, expect_plain_error
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile

CLAUSE = "telit-gsm-ssl §5"
pytestmark = [pytest.mark.spec("telit-gsm-ssl", "5"), pytest.mark.needs("selint")]
TEXT = {e["code"]: e["text"] for e in ERRORS["codes"]}
NOT_ACTIVATED = 836


@pytest.fixture
def selint(modem: Modem) -> Iterator[None]:
    """Restore #SELINT=2 after a test that changes it (it is module-wide on these modules)."""
    yield
    modem.command("AT#SELINT=2")


def test_codes_with_selint_2(modem: Modem, profile: Profile, selint: None) -> None:
    disable_all(modem, profile)
    expect_ok(modem.command("AT#SELINT=2"), CLAUSE)
    expect_ok(modem.command("AT+CMEE=1"), CLAUSE)
    expect_cme_code(modem.command("AT#SSLSECCFG?"), NOT_ACTIVATED, CLAUSE)
    expect_ok(modem.command("AT+CMEE=2"), CLAUSE)
    expect_cme_text(modem.command("AT#SSLSECCFG?"), TEXT[NOT_ACTIVATED], CLAUSE)


@pytest.mark.erratum("TSU-09")
@pytest.mark.parametrize("level", [0, 1])
def test_no_ssl_codes_without_selint_2(modem: Modem, profile: Profile, selint: None, level: int) -> None:
    disable_all(modem, profile)
    expect_ok(modem.command(f"AT#SELINT={level}"), CLAUSE)
    expect_ok(modem.command("AT+CMEE=1"), CLAUSE)
    r = expect_error(modem.command("AT#SSLSECCFG?"), CLAUSE)
    assert not (r.final.kind is ResultKind.CME_ERROR and r.final.code in TEXT), (
        f"{CLAUSE}: SSL error codes only with #SELINT=2; under #SELINT={level} got {r.describe()}"
    )


@pytest.mark.spec("telit-gsm-ssl", "3.3")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.2")
@pytest.mark.erratum("TSU-09", "TSU-16")
@pytest.mark.parametrize("code", [833, 834, 837, 839])
def test_socket_code_in_every_cmee_form(
    modem: Modem, profile: Profile, selint: None, ready: None, serve: Serve, code: int
) -> None:
    # §5: with #SELINT=2 the failures named by the table are reported as the number (AT+CMEE=1), its text
    # (AT+CMEE=2), or, with the report disabled (AT+CMEE=0), the plain ERROR of V.250. Each failure is provoked
    # once and repeated in each form, its cause unchanged: 833 #SSLRCV on an enabled socket not connected, 834
    # #SSLD on a connected socket, 837 <auth_mode> 1 with the CA deleted (§3.3), 839 a server whose certificate has
    # expired, its CA stored (this document stores in NVM only, §3.3). The same readings as telit-ssl-ug's
    # (errata TSU-16). The control of each is the command succeeding where its cause is absent, in the tests of
    # test_commands.py and test_sockets.py.
    expect_ok(modem.command("AT#SELINT=2"), CLAUSE)
    if code == 833:
        line = "AT#SSLRCV=1,10,1"
    else:
        server = serve("expired-leaf" if code == 839 else "valid")
        if code == 837:
            expect_ok(modem.command(f"AT#SSLSECDATA=1,0,{CA_CERT}"), "telit-gsm-ssl §3.3: delete")
        if code == 839:
            expect_ok(store(modem, profile, CA_CERT, pem_lf(server.config.ca.pem)), "telit-gsm-ssl §3.3")
        configure(modem, profile, auth=0 if code == 834 else 1)
        if code == 834:
            expect_ok(dial(modem, server.config), "telit-gsm-ssl §4.1")
        line = f'AT#SSLD=1,{server.config.port},"{server.config.host}",0,1'
    for cmee in (1, 2, 0):
        expect_ok(modem.command(f"AT+CMEE={cmee}"), CLAUSE)
        r = modem.command(line, timeout=DIAL_TIMEOUT)
        if cmee == 1:
            expect_cme_code(r, code, f"{CLAUSE} ({TEXT[code]})")
        elif cmee == 2:
            expect_cme_text(r, TEXT[code], f"{CLAUSE} ({code})")
        else:
            expect_plain_error(r, f"{CLAUSE}: AT+CMEE=0 disables the report ({code})")
