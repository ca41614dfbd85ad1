"""<ignorertctime>: whether certificate validity is checked against the module's RTC (quectel-gsm-ssl §2.2.1,
errata QGS-21). The RTC is set with +CCLK (3GPP TS 27.007 §8.15): a leaf is refused with the RTC past its
notAfter or before its notBefore, and accepted with the RTC inside its validity, whatever the host's time; with
<ignorertctime> 1 the RTC does not matter."""

from __future__ import annotations

import datetime

import pytest

from conformance.quectel_common.steps import cclk
from conformance.quectel_gsm.common import clause, qsslcfg, ssl_close, ssl_open, upload
from conformance.shared.servers import Serve
from harness.checks import expect_ok
from harness.modem import Modem

pytestmark = [pytest.mark.spec("quectel-gsm-ssl", "2.2.1"), pytest.mark.erratum("QGS-21")]
CLAUSE = clause("2.2.1")
NOW = datetime.datetime.now(datetime.UTC)


def verify_with(modem: Modem, serve: Serve, scenario: str, *, ignore: int, clock: datetime.datetime) -> int | None:
    """Dial ``scenario`` under <seclevel> 1 with its root, <ignorertctime> ``ignore`` and the RTC at ``clock``."""
    server = serve(scenario).config
    expect_ok(modem.command(cclk(clock)), "3GPP TS 27.007 §8.15 (+CCLK)")
    expect_ok(qsslcfg(modem, "ignorertctime", ignore), CLAUSE)
    expect_ok(qsslcfg(modem, "seclevel", 0, 1), CLAUSE)
    upload(modem, "RAM:ca_cert.pem", server.ca.pem.read_bytes())
    expect_ok(qsslcfg(modem, "cacert", 0, '"RAM:ca_cert.pem"'), CLAUSE)
    _, code = ssl_open(modem, server)
    ssl_close(modem)
    return code


def test_expired_leaf_refused_unless_the_rtc_is_ignored(modem: Modem, ready: None, serve: Serve) -> None:
    assert verify_with(modem, serve, "expired-leaf", ignore=0, clock=NOW) == -1, f"{CLAUSE}: 0 checks the RTC time"
    assert verify_with(modem, serve, "expired-leaf", ignore=1, clock=NOW) == 0, f"{CLAUSE}: 1 ignores the RTC time"
    assert verify_with(modem, serve, "valid", ignore=0, clock=NOW) == 0, f"{CLAUSE}: a valid leaf passes"  # control


def test_the_expired_leaf_passes_with_the_rtc_inside_its_validity(modem: Modem, ready: None, serve: Serve) -> None:
    # The farm's expired leaf was valid from two years ago to one year ago: the RTC set back into that span.
    back = NOW - datetime.timedelta(days=int(1.5 * 365))
    assert verify_with(modem, serve, "expired-leaf", ignore=0, clock=back) == 0, f"{CLAUSE}: valid at the RTC's time"
    # Negative control: the same leaf with the RTC at the present time again.
    assert verify_with(modem, serve, "expired-leaf", ignore=0, clock=NOW) == -1, f"{CLAUSE}: expired at the RTC's time"


def test_a_valid_leaf_is_refused_with_the_rtc_past_its_not_after(modem: Modem, ready: None, serve: Serve) -> None:
    # The farm's just-valid leaf: valid from two minutes before the farm started to a year after; its
    # intermediate and root are valid for centuries, so only the leaf's notAfter can decide.
    scenario, later = "just-valid-leaf", NOW + datetime.timedelta(days=400)
    assert verify_with(modem, serve, scenario, ignore=0, clock=NOW) == 0, f"{CLAUSE}: valid at the RTC's time"
    assert verify_with(modem, serve, scenario, ignore=0, clock=later) == -1, f"{CLAUSE}: RTC past notAfter: refused"
    # Negative control: with <ignorertctime> 1 the same RTC time does not matter.
    assert verify_with(modem, serve, scenario, ignore=1, clock=later) == 0, f"{CLAUSE}: 1 ignores the RTC time"


def test_a_leaf_is_refused_with_the_rtc_before_its_not_before(modem: Modem, ready: None, serve: Serve) -> None:
    # The farm's not-yet-valid leaf: valid from a year ahead to two years ahead (the chain above it is valid now).
    scenario, inside = "not-yet-valid-leaf", NOW + datetime.timedelta(days=int(1.5 * 365))
    assert verify_with(modem, serve, scenario, ignore=0, clock=NOW) == -1, f"{CLAUSE}: RTC before notBefore: refused"
    assert verify_with(modem, serve, scenario, ignore=1, clock=NOW) == 0, f"{CLAUSE}: 1 ignores the RTC time"
    # Negative control: the RTC set forward inside the leaf's validity, not ignored.
    assert verify_with(modem, serve, scenario, ignore=0, clock=inside) == 0, f"{CLAUSE}: valid at the RTC's time"
