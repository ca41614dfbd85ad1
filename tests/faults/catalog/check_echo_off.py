"""A check the fault catalog runs on purpose (not collected by ``pytest tests``: its name is check_*):
after ATE0 a module must not echo (V.250 §6.2.4). The conformance suite never turns echo off, so the
catalog brings this one to see the echo-when-off fault reported."""

from __future__ import annotations

import pytest

from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "4.3.1")
def test_commands_after_ate0_come_back_without_echo(modem: Modem, profile: Profile) -> None:
    expect_ok(modem.command("ATE0"), "V.250 §6.2.4")
    r = expect_ok(modem.command("AT+CGMM"), "telit-ssl-ug §4.3.1")
    assert not r.echoed
