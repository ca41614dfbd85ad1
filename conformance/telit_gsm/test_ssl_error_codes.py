"""SSL error codes in the older GSM guide: reported only with #SELINT=2 (telit-gsm-ssl §5)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.telit.common import ERRORS, disable_all
from harness.checks import expect_cme_code, expect_cme_text, expect_error, expect_ok
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
