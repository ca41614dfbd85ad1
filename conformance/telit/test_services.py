"""SSL for one service at a time: #SSLD, HTTP, FTP (telit-ssl-ug §6.2, §7.1), and the FTP configuration."""

from __future__ import annotations

import pytest

from harness.checks import expect_error, expect_ok
from harness.modem import Modem

pytestmark = [pytest.mark.needs("cert_format"), pytest.mark.erratum("TSU-25")]


@pytest.mark.spec("telit-ssl-ug", "6.2")
def test_http_ssl_refused_while_sslen(modem: Modem, ready: None) -> None:
    # ready: SSL enabled for #SSLD
    expect_error(modem.command('AT#HTTPCFG=0,"localhost",443,0,,,1,120,1'), "telit-ssl-ug §6.2")
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §6.2")
    expect_ok(modem.command('AT#HTTPCFG=0,"localhost",443,0,,,1,120,1'), "telit-ssl-ug §6.2 (negative control)")
    expect_ok(modem.command('AT#HTTPCFG=0,"localhost",443,0,,,0,120,1'), "telit-ssl-ug §7.1")


@pytest.mark.spec("telit-ssl-ug", "7.1")
def test_ftps_refused_while_sslen(modem: Modem, ready: None) -> None:
    expect_error(modem.command("AT#FTPCFG=100,0,1"), "telit-ssl-ug §7.1")
    expect_ok(modem.command("AT#SSLEN=1,0"), "telit-ssl-ug §7.1")
    expect_ok(modem.command("AT#FTPCFG=100,0,1"), "telit-ssl-ug §7.1 (negative control)")
    expect_ok(modem.command("AT#FTPCFG=100,0,0"), "telit-ssl-ug §7.1")


@pytest.mark.spec("telit-ssl-ug", "6.2")
@pytest.mark.needs("fresh_power_on")
def test_ftpcfg_at_power_on(modem: Modem) -> None:
    r = expect_ok(modem.command("AT#FTPCFG?"), "telit-ssl-ug §6.2")
    assert list(r.lines) == ["#FTPCFG: 100,0,0"], f"telit-ssl-ug §6.2: #FTPCFG: 100,0,0; {r.describe()}"
