"""+QSSLRECV and the "recv" URC of buffer access mode: reading what the server sent (quectel-ec200-ssl §2.2.4,
§2.3.1, §1.4 item 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conformance.quectel_ec200.common import CLIENT, COMMANDS, clause, read_all, recv, send, ssl_close
from conformance.quectel_ec200.conftest import Opened
from harness.checks import expect_error, expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile
from harness.ranges import parse_ranges

pytestmark = [pytest.mark.spec("quectel-ec200-ssl", "2.2.4"), pytest.mark.needs("buffer_mode")]
CLAUSE = clause("2.2.4")
R: dict[str, Any] = COMMANDS["qsslrecv"]


def echo(modem: Modem, data: bytes) -> None:
    r = send(modem, data)
    assert r.final.text == "SEND OK", f"{clause('2.2.3')}: SEND OK; {r.describe()}"


def empty(r: Response) -> bool:
    """'+QSSLRECV: 0' then OK (the table), or OK alone (§3.3.3): errata QEC-09."""
    return r.ok and not any(r.payloads) and r.lines in ((), (R["empty"],))


def test_test_form(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT+QSSLRECV=?"), CLAUSE)
    lines = [x for x in r.lines if x.startswith("+QSSLRECV:")]
    assert len(lines) == 1, f"{CLAUSE}: one +QSSLRECV: line; {r.describe()}"
    low, high = R["readlen"]
    want = [frozenset(profile.ids("client")), frozenset(range(low, high + 1))]
    assert parse_ranges(lines[0].removeprefix("+QSSLRECV:").strip()) == want, f"{CLAUSE}: (0-11),(0-1500)"


@pytest.mark.spec("quectel-ec200-ssl", "2.3.1")
@pytest.mark.spec("quectel-ec200-ssl", "2.2.3")  # the echo answers what +QSSLSEND sent
@pytest.mark.erratum("QEC-09")
def test_urc_then_header_and_data(modem: Modem, opened: Opened) -> None:
    opened(0)
    r = recv(modem)
    assert empty(r), f"{CLAUSE}: 'If the buffer is empty: +QSSLRECV: 0 OK'; {r.describe()}"
    echo(modem, b"Test data from SSL")
    urc = modem.wait_urc('+QSSLURC: "recv"', timeout=modem.waits.network(10.0))
    assert urc.text == f'+QSSLURC: "recv",{CLIENT}' and urc.payload is None, (
        f'{clause("2.3.1")}: buffer access mode: +QSSLURC: "recv",<clientID> alone; got {urc.text!r}'
    )
    r = expect_ok(recv(modem), CLAUSE)
    assert r.lines == ("+QSSLRECV: 18",), f"{CLAUSE}: +QSSLRECV: <have_readlen>; {r.describe()}"
    assert r.payloads == (b"Test data from SSL",), f"{CLAUSE}: the data after CR LF; {r.describe()}"
    assert empty(recv(modem)), f"{CLAUSE}: read once, the buffer is empty"  # control


@pytest.mark.spec("quectel-ec200-ssl", "2.2.3")  # the echo answers what +QSSLSEND sent
def test_at_most_readlen_bytes_a_read(modem: Modem, opened: Opened) -> None:
    opened(0)
    echo(modem, bytes(1000))
    echo(modem, bytes(1000))
    modem.wait_urc(f'+QSSLURC: "recv",{CLIENT}', timeout=modem.waits.network(10.0))
    r = expect_ok(recv(modem, CLIENT, 10), CLAUSE)
    first = b"".join(r.payloads)
    assert 0 < len(first) <= 10, f"{CLAUSE}: <readlen> 10 reads 1-10 bytes of a buffer holding data; {len(first)}"
    assert r.lines == (f"+QSSLRECV: {len(first)}",), f"{CLAUSE}: <have_readlen> is what was read; {r.describe()}"
    rest = read_all(modem, 2000 - len(first))
    assert len(first) + len(rest) == 2000, f"{CLAUSE}: every byte is read, 1500 at most a read"


@pytest.mark.erratum("QEC-07")
def test_parameter_ranges(modem: Modem, profile: Profile, opened: Opened, observe: Callable[[str], None]) -> None:
    opened(0)
    high = R["readlen"][1]
    for line in (f"AT+QSSLRECV={CLIENT},{high + 1}", f"AT+QSSLRECV={profile.ids('client')[-1] + 1},100"):
        expect_error(modem.command(line), f"{CLAUSE}: {line} is out of range")
    r = expect_ok(recv(modem, CLIENT, 0), f"{CLAUSE}: <readlen> 0 is in range")
    observe(f"{CLAUSE}: <readlen> 0 answers {r.describe()}")
    assert empty(expect_ok(recv(modem, CLIENT, high), CLAUSE)), f"{CLAUSE}: <readlen> {high}"  # control


def test_a_closed_socket_cannot_be_read(modem: Modem, opened: Opened) -> None:
    opened(0)
    expect_ok(recv(modem), CLAUSE)  # control: the open socket reads (empty)
    ssl_close(modem)
    expect_error(recv(modem), f"{CLAUSE}: 'If connection cannot be established, abnormally closed ...: ERROR'")
