"""+QSSLRECV and the "recv" URC: reading what the server sent (quectel-gsm-ssl §2.2.5, §2.2.10.1)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conformance.quectel_gsm.common import COMMANDS, SSID, clause, recv, ssl_close
from harness.checks import expect_error, expect_ok
from harness.errors import TargetSilent
from harness.modem import Modem
from servers.pytest_plugin import ServerHandle

pytestmark = pytest.mark.spec("quectel-gsm-ssl", "2.2.5")
CLAUSE = clause("2.2.5")
R: dict[str, Any] = COMMANDS["qsslrecv"]
RECV_URC = re.compile(r'\+QSSLURC: "recv",(?P<cid>\d+),(?P<ssid>\d+)$')
QUIET = 1.5


def echo(modem: Modem, data: bytes) -> None:
    r = modem.command(f"AT+QSSLSEND={SSID},{len(data)}", data=data)
    assert r.final.text == "SEND OK", f"quectel-gsm-ssl §2.2.4: SEND OK; {r.describe()}"


def recv_urc(modem: Modem, timeout: float = 10.0) -> int:
    """Wait for ``+QSSLURC: "recv",<cid>,1`` and return its <cid> (§2.2.10.1: 0-2, errata QGS-04)."""
    urc = modem.wait_urc('+QSSLURC: "recv"', timeout=timeout)
    m = RECV_URC.match(urc.text)
    assert m and m["ssid"] == str(SSID) and int(m["cid"]) in range(0, 3), f"{clause('2.2.10.1')}: {urc.text!r}"
    return int(m["cid"])


def test_test_form(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSSLRECV=?"), CLAUSE)
    assert r.lines == (R["test_form"],), f"{CLAUSE}: AT+QSSLRECV=? answers {R['test_form']}; {r.describe()}"


@pytest.mark.spec("quectel-gsm-ssl", "2.2.10.1")
@pytest.mark.spec("quectel-gsm-ssl", "2.2.4")  # the echo answers what +QSSLSEND sent
def test_urc_then_header_and_data(modem: Modem, opened: ServerHandle) -> None:
    r = expect_ok(recv(modem, 0, SSID, 1500), CLAUSE)
    assert not r.lines and not r.payloads, f"{CLAUSE}: 'If the buffer is empty, directly response: OK'; {r.describe()}"
    echo(modem, b"1234567")
    cid = recv_urc(modem)
    r = expect_ok(recv(modem, cid, SSID, 1500), CLAUSE)
    want = rf"\+QSSLRECV: [0-9.]+:{opened.config.port},TCP,7"
    assert len(r.lines) == 1 and re.fullmatch(want, r.lines[0]), f"{CLAUSE}: <ipaddr>:<port>,TCP,7; {r.describe()}"
    assert r.payloads == (b"1234567",), f"{CLAUSE}: the data after CR LF; {r.describe()}"


@pytest.mark.spec("quectel-gsm-ssl", "2.2.10.1")
@pytest.mark.spec("quectel-gsm-ssl", "2.2.4")  # the echo answers what +QSSLSEND sent
def test_no_second_urc_until_the_buffer_is_read(modem: Modem, opened: ServerHandle) -> None:
    echo(modem, b"first")
    cid = recv_urc(modem)
    echo(modem, b"second")
    with pytest.raises(TargetSilent):  # NOTE of §2.2.5: no URC while the buffer is not empty
        modem.wait_urc('+QSSLURC: "recv"', timeout=modem.waits.quiet(QUIET))
    r = expect_ok(recv(modem, cid, SSID, 1500), CLAUSE)
    assert b"".join(r.payloads) == b"firstsecond", f"{CLAUSE}: both arrivals are read; {r.describe()}"
    echo(modem, b"third")  # control: once the buffer is empty, new data is notified again
    recv_urc(modem)


@pytest.mark.spec("quectel-gsm-ssl", "2.2.4")  # the echo answers what +QSSLSEND sent
def test_at_most_length_bytes_a_read(modem: Modem, opened: ServerHandle) -> None:
    echo(modem, bytes(1000))
    echo(modem, bytes(1000))
    cid = recv_urc(modem)
    first = b"".join(expect_ok(recv(modem, cid, SSID, 10), CLAUSE).payloads)
    assert 0 < len(first) <= 10, f"{CLAUSE}: <length> 10 reads 1-10 bytes of a buffer holding data; {len(first)}"
    got = len(first)
    while got < 2000:  # the rest, 1500 at most a read; an empty buffer waits for the "recv" URC
        piece = b"".join(expect_ok(recv(modem, cid, SSID, 1500), CLAUSE).payloads)
        assert len(piece) <= 1500, f"{CLAUSE}: 'The maximum length to be read is 1500'; got {len(piece)}"
        got += len(piece)
        if not piece:
            recv_urc(modem)


@pytest.mark.erratum("QGS-04")
def test_parameter_ranges(modem: Modem, opened: ServerHandle) -> None:
    for line in (f"AT+QSSLRECV=2,{SSID},100", f"AT+QSSLRECV=0,{SSID},0", f"AT+QSSLRECV=0,{SSID},1501",
                 "AT+QSSLRECV=0,6,100"):  # fmt: skip
        expect_error(modem.command(line), f"{CLAUSE}: {line} is out of range")
    for cid in (0, 1):  # control
        expect_ok(recv(modem, cid, SSID, 1500), f"{CLAUSE}: <cid> {cid}")


@pytest.mark.erratum("QGS-22")
def test_a_closed_socket_cannot_be_read(modem: Modem, opened: ServerHandle) -> None:
    expect_ok(recv(modem, 0, SSID, 100), CLAUSE)  # control: the open socket reads (empty)
    ssl_close(modem)
    expect_error(recv(modem, 0, SSID, 100), f"{CLAUSE}: 'Otherwise response: ERROR'")
