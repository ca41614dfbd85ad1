"""COMMAND mode data exchange: #SSLSEND, #SSLSENDEXT, #SSLRECV (telit-ssl-ug §5.1.2, §5.1.2.1, §5.1.2.2.1;
telit-gsm-ssl §4.2.2). The farm's echo app sends back what it receives, and records every byte."""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve, recorded
from conformance.telit.sockets import CTRL_Z, dial, recv, recv_command, recv_exactly, send_ext, ssls
from harness.checks import expect_cme_code, expect_ok, expect_same_bytes, single
from harness.modem import Modem
from harness.profiles import Profile
from servers.pytest_plugin import ServerHandle

pytestmark = pytest.mark.spec("telit-ssl-ug", "5.1.2")
EVERY_BYTE = bytes(range(256))  # 0x00-0xFF: CR, LF, '>', 0x1A, ESC, NUL...


@pytest.fixture
def echo(modem: Modem, profile: Profile, ready: None, serve: Serve) -> ServerHandle:
    """A connected COMMAND-mode socket to the farm's echo endpoint; yields its handle."""
    server = serve("valid")
    expect_ok(dial(modem, server.config, mode=1), "telit-ssl-ug §5")
    return server


@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_sslsend_sends_up_to_ctrl_z(modem: Modem, profile: Profile, echo: ServerHandle) -> None:
    text = b"Send this string to the SSL server!"  # §5.4.2
    expect_ok(modem.command("AT#SSLSEND=1", data=text + CTRL_Z), "telit-ssl-ug §5.1.2.1")
    assert recv_exactly(modem, profile, len(text)) == text, "telit-ssl-ug §5.1.2.1: Ctrl-Z ends the data, unsent"


@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_sslsendext_sends_exactly_the_count(modem: Modem, profile: Profile, echo: ServerHandle) -> None:
    # §5.1.2.1: "When <bytestosend> bytes have been sent, operation is automatically completed": every byte
    # value is data, 0x1A included.
    expect_ok(modem.command(f"AT#SSLSENDEXT=1,{len(EVERY_BYTE)}", data=EVERY_BYTE), "telit-ssl-ug §5.1.2.1")
    assert recv_exactly(modem, profile, len(EVERY_BYTE)) == EVERY_BYTE


@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.timeout(180)
def test_64_kib_each_way_arrive_intact(modem: Modem, profile: Profile, echo: ServerHandle) -> None:
    data = (EVERY_BYTE * 256)[: 64 * 1024]
    send_ext(modem, data)
    # The read's deadline stays inside the test's 60 s timeout: a module that stalls fails here, with what came,
    # instead of the timeout interrupting the read (seen with a corrupting defect in the kill matrix).
    got = recv_exactly(modem, profile, len(data), deadline_s=45)
    expect_same_bytes(got, data, "telit-ssl-ug §5.1.2: the 64 KiB echo")
    expect_ok(modem.command("AT#SSLH=1"), "telit-ssl-ug §5.2")
    record = recorded(echo).wait_for(1)[0]
    assert record.bytes_received == len(data), f"the server received {record.bytes_received} bytes: {record.describe()}"


@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
def test_sslrecv_gives_at_most_maxnumbyte(modem: Modem, profile: Profile, echo: ServerHandle) -> None:
    send_ext(modem, b"Response of the server")  # §5.4.2: read 15 then the rest
    first = expect_ok(recv(modem, profile, 15), "telit-ssl-ug §5.1.2.2.1")
    assert single(first, recv_command(profile), "§5.1.2.2.1") == ["15"] and first.payloads == (b"Response of the",)
    rest = recv_exactly(modem, profile, 7)
    assert rest == b" server"


@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
def test_sslrecv_timeout_form(modem: Modem, profile: Profile, echo: ServerHandle) -> None:
    r = expect_ok(recv(modem, profile, 100, timeout=2), "telit-ssl-ug §5.1.2.2.1")
    assert list(r.lines) == [f"{recv_command(profile)}: 0", "TIMEOUT"] and r.payloads == (b"",), (
        f"telit-ssl-ug §5.1.2.2.1: with nothing received the answer is #SSLRECV: 0, TIMEOUT, OK; {r.describe()}"
    )


@pytest.mark.spec("telit-ssl-ug", "8.2")
@pytest.mark.erratum("TSU-16")
@pytest.mark.parametrize("line", ["AT#SSLSEND=1", "AT#SSLSENDEXT=1,4", "RECV", "AT#SSLO=1", "AT#SSLH=1"])
def test_data_commands_on_an_unconnected_socket_are_833(modem: Modem, profile: Profile, ready: None, line: str) -> None:
    expect_ok(modem.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    if line == "RECV":
        r = recv(modem, profile, 10)
    elif line.startswith("AT#SSLSEND"):
        r = modem.command(line, data=b"data" + (CTRL_Z if line == "AT#SSLSEND=1" else b""))
    else:
        r = modem.command(line)
    expect_cme_code(r, 833, f"telit-ssl-ug §8.2 (SSL not connected): {line}")
    assert ssls(modem)[:2] == ["1", "1"]
