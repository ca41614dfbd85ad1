"""+QSSLCLOSE: closing an SSL connection (quectel-gsm-ssl §2.2.3)."""

from __future__ import annotations

import pytest

from conformance.quectel_gsm.common import COMMANDS, SSID, clause, close_ok, socket_line, ssl_close
from conformance.shared.servers import recorded
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.pytest_plugin import ServerHandle

pytestmark = pytest.mark.spec("quectel-gsm-ssl", "2.2.3")
CLAUSE = clause("2.2.3")


@pytest.mark.erratum("QGS-18")
def test_test_and_read_forms(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSSLCLOSE=?"), CLAUSE)
    want = COMMANDS["qsslclose"]["test_form"].replace("[", "").replace("]", "")
    assert [x.replace("[", "").replace("]", "") for x in r.lines] == [want], f"{CLAUSE}: {want}; {r.describe()}"
    assert not expect_ok(modem.command("AT+QSSLCLOSE?"), CLAUSE).lines, f"{CLAUSE}: AT+QSSLCLOSE? answers OK alone"


@pytest.mark.erratum("QGS-05")
def test_close_ends_the_connection(modem: Modem, opened: ServerHandle) -> None:
    assert socket_line(modem, SSID) is not None, "quectel-gsm-ssl §2.2.6: the open socket is listed"  # control
    r = ssl_close(modem)
    assert close_ok(r, SSID), f"{CLAUSE}: CLOSE OK (or '{SSID}, CLOSE OK', §3); {r.describe()}"
    (record,) = recorded(opened).wait_for(1)
    assert record.handshake_done and record.ended_by != "timeout", f"{CLAUSE}: the server saw the close: {record}"
    line = socket_line(modem, SSID)
    assert line is None or line[4] != "CONNECTED", f"quectel-gsm-ssl §2.2.6: socket {SSID} is not connected: {line}"


@pytest.mark.erratum("QGS-18")
def test_parameter_ranges(modem: Modem, profile: Profile, opened: ServerHandle) -> None:
    expect_error(modem.command(f"AT+QSSLCLOSE={profile.ids('ssid')[-1] + 1}"), f"{CLAUSE}: <ssid> 0-5")
    expect_error(modem.command(f"AT+QSSLCLOSE={SSID},2"), f"{CLAUSE}: <closetype> (0,1)")
    r = modem.command(f"AT+QSSLCLOSE={SSID},0")  # control: <closetype> 0 closes
    assert close_ok(r, SSID), f"{CLAUSE}: <closetype> 0 is accepted; {r.describe()}"
