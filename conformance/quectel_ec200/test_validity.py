"""Certificate validity against the module clock (+CCLK) and "ignorelocaltime" (quectel-ec200-ssl §1.5, §2.2.1),
and what the two verification switches forgive (errata QEC-17: observed)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from conformance.quectel_common.steps import cclk
from conformance.quectel_ec200.common import CTX, clause, qsslcfg, ssl_close, ssl_open, upload
from conformance.quectel_ec200.driver import AUTH_KEYWORD, FILES
from conformance.shared.driver import SecurityData
from conformance.shared.servers import Serve
from harness.checks import expect_ok
from harness.modem import Modem

pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "1.5"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.1"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.2"),  # the verdict is +QSSLOPEN's <err>
    pytest.mark.erratum("QEC-16"),
    pytest.mark.needs("validity_switches"),
]
CLAUSE = clause("1.5")
NOW = datetime.datetime.now(datetime.UTC)
#: The farm's expired leaf was valid from two years ago to one year ago, the not-yet-valid one from a year
#: ahead: a clock a year and a half back, or ahead, is inside each one's validity.
BACK, AHEAD = NOW - datetime.timedelta(days=int(1.5 * 365)), NOW + datetime.timedelta(days=int(1.5 * 365))


def verify_with(
    modem: Modem, serve: Serve, scenario: str, *, ignore: int, clock: datetime.datetime, **switches: int
) -> int | None:
    """Dial ``scenario`` under <secllevel> 1 with its root, <ignore_ltime> ``ignore``, the clock at ``clock`` and
    the other +QSSLCFG ``switches``; the <err> of the open."""
    server = serve(scenario).config
    expect_ok(modem.command(cclk(clock)), "3GPP TS 27.007 §8.15 (+CCLK), quectel-ec200-ssl §1.5")
    settings = {"ignorelocaltime": ignore, AUTH_KEYWORD: 1, **switches}
    for keyword, value in settings.items():
        expect_ok(qsslcfg(modem, keyword, CTX, value), clause("2.2.1"))
    name, keyword = FILES[SecurityData.CA_CERT]
    upload(modem, name, server.ca.pem.read_bytes())
    expect_ok(qsslcfg(modem, keyword, CTX, f'"{name}"'), clause("2.2.1"))
    _, code = ssl_open(modem, server)
    ssl_close(modem)
    return code


@pytest.mark.parametrize(("scenario", "inside"), [("expired-leaf", BACK), ("not-yet-valid-leaf", AHEAD)])
def test_validity_is_checked_against_the_module_clock(
    modem: Modem, ready: None, serve: Serve, scenario: str, inside: datetime.datetime
) -> None:
    assert verify_with(modem, serve, scenario, ignore=0, clock=NOW) not in (0, None), (
        f"{CLAUSE}: with <ignore_ltime> 0 and the clock now, the {scenario} is 'considered expired'"
    )
    assert verify_with(modem, serve, scenario, ignore=0, clock=inside) == 0, (
        f"{CLAUSE}: with the clock set inside its validity (+CCLK), the {scenario} passes"
    )
    assert verify_with(modem, serve, scenario, ignore=1, clock=NOW) == 0, (
        f"{CLAUSE}: <ignore_ltime> 1 ignores the validity check"
    )
    # Control: a valid leaf passes with the clock now.
    assert verify_with(modem, serve, "valid", ignore=0, clock=NOW) == 0, f"{CLAUSE}: a valid leaf passes"


@pytest.mark.erratum("QEC-17")
@pytest.mark.parametrize("switch", ["ignoremulticertchainverify", "ignoreinvalidcertsign"])
def test_what_each_verification_switch_forgives_is_observed(
    modem: Modem, ready: None, serve: Serve, switch: str, observe: Callable[[str], None]
) -> None:
    for scenario in ("incomplete-chain", "untrusted-root", "self-signed"):
        off = verify_with(modem, serve, scenario, ignore=0, clock=NOW, **{switch: 0})
        on = verify_with(modem, serve, scenario, ignore=0, clock=NOW, **{switch: 1})
        observe(f'{clause("2.2.1")}: "{switch}" 0 / 1 against {scenario}: <err> {off} / {on}')
        assert off not in (0, None), f"{clause('2.2.1')}: <secllevel> 1 with the switch off refuses {scenario}"
