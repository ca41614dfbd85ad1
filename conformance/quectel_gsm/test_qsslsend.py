"""+QSSLSEND: sending through an SSL connection (quectel-gsm-ssl §2.2.4)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.quectel_gsm.common import COMMANDS, CTRL_Z, ESC, SSID, clause, ssl_close
from conformance.shared.servers import DIAL_TIMEOUT, records_after
from harness.checks import expect_error, expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile
from servers.pytest_plugin import ServerHandle

pytestmark = pytest.mark.spec("quectel-gsm-ssl", "2.2.4")
CLAUSE = clause("2.2.4")
S: dict[str, Any] = COMMANDS["qsslsend"]


def arrived(modem: Modem, server: ServerHandle) -> int:
    """Close socket 1 and return how many bytes the server received (its record, not a read back through
    +QSSLRECV, so that these tests judge sending alone)."""
    (record,) = records_after(lambda: ssl_close(modem), server)
    return record.bytes_received


def send(modem: Modem, data: bytes, length: int | None = None, ssid: int = SSID) -> Response:
    line = f"AT+QSSLSEND={ssid}" + (f",{length}" if length is not None else "")
    return modem.command(line, data=data, timeout=DIAL_TIMEOUT)


@pytest.mark.erratum("QGS-18")
def test_test_and_read_forms(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSSLSEND=?"), CLAUSE)
    want = S["test_form"].replace("[", "").replace("]", "")
    got = [x.replace("[", "").replace("]", "") for x in r.lines]
    assert got == [want], f"{CLAUSE}: AT+QSSLSEND=? answers {S['test_form']}; {r.describe()}"
    assert not expect_ok(modem.command("AT+QSSLSEND?"), CLAUSE).lines, f"{CLAUSE}: AT+QSSLSEND? answers OK alone"


@pytest.mark.spec("quectel-gsm-ssl", "2.2.3")  # +QSSLCLOSE commits what the server saw
def test_fixed_length_and_ctrl_z_sends_arrive(modem: Modem, opened: ServerHandle) -> None:
    r = send(modem, b"hello world!", 12)
    assert r.prompted and r.final.text == S["finals"]["sent"], f"{CLAUSE}: '>' then SEND OK; {r.describe()}"
    r = send(modem, b"any length" + CTRL_Z)
    assert r.final.text == S["finals"]["sent"], f"{CLAUSE}: CTRL+Z sends, SEND OK; {r.describe()}"
    got = arrived(modem, opened)
    assert got == 22, f"{CLAUSE}: the 12 + 10 bytes arrive, without the CTRL+Z; the server received {got}"


@pytest.mark.erratum("QGS-12")
@pytest.mark.spec("quectel-gsm-ssl", "2.2.3")  # +QSSLCLOSE commits what the server saw
def test_esc_cancels_the_send(modem: Modem, opened: ServerHandle) -> None:
    r = send(modem, b"never sent" + ESC)
    assert r.final.text not in S["finals"].values(), f"{CLAUSE}: 'ESC is used to cancel sending data'; {r.describe()}"
    expect_ok(send(modem, b"sent", 4), CLAUSE)  # control: the next send arrives
    got = arrived(modem, opened)
    assert got == 4, f"{CLAUSE}: only the 4 bytes after the cancelled send arrive; the server received {got}"


@pytest.mark.erratum("QGS-06")
@pytest.mark.spec("quectel-gsm-ssl", "2.2.3")  # +QSSLCLOSE commits what the server saw
def test_length_range(modem: Modem, opened: ServerHandle) -> None:
    low, high = S["length"]
    expect_error(modem.command(f"AT+QSSLSEND={SSID},{low - 1}"), f"{CLAUSE}: <length> {low}-{high}")
    expect_error(modem.command(f"AT+QSSLSEND={SSID},{high + 1}"), f"{CLAUSE}: <length> {low}-{high}")
    r = send(modem, bytes(range(256)) * 5 + bytes(high - 1280), high)  # control: 1460 is accepted
    assert r.final.text == S["finals"]["sent"], f"{CLAUSE}: <length> {high} is in the range; {r.describe()}"
    assert arrived(modem, opened) == high, f"{CLAUSE}: {high} bytes reach the server"


@pytest.mark.spec("quectel-gsm-ssl", "2.2.3")  # +QSSLCLOSE commits what the server saw
def test_no_connection_is_an_error(modem: Modem, profile: Profile, ready: None, opened: ServerHandle) -> None:
    free = profile.ids("ssid")[-1]
    expect_error(modem.command(f"AT+QSSLSEND={free},5"), f"{CLAUSE}: 'If connection is not established ... ERROR'")
    expect_error(modem.command(f"AT+QSSLSEND={free + 1},5"), f"{CLAUSE}: <ssid> 0-5")
    assert send(modem, b"12345", 5).final.text == "SEND OK", f"{CLAUSE}: the open socket sends"  # control
    ssl_close(modem)
    expect_error(modem.command(f"AT+QSSLSEND={SSID},5"), f"{CLAUSE}: 'disconnected ... ERROR'")
    (record,) = records_after(lambda: None, opened)
    assert record.bytes_received == 5, f"{CLAUSE}: only the 5 bytes of the open socket arrived: {record.describe()}"
