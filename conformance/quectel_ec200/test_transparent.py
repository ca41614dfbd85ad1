"""Transparent transmission mode: CONNECT, data straight through, +++ with guard times, ATO and +QISWTMD back
into it, NO CARRIER (quectel-ec200-ssl §1.4 item 3, §2.2.2 <access_mode> 2)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.quectel_ec200.common import CLIENT, clause, open_line, read_all, send, ssl_close, state_rows
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from servers.pytest_plugin import ServerHandle

pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "1.4"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.2"),
    pytest.mark.erratum("QEC-15"),
    pytest.mark.needs("transparent_mode"),
]
CLAUSE = clause("1.4")
#: A little over the "at least 1 second" of silence either side of +++ (§1.4).
GUARD = 1.1


def connect(modem: Modem, server: ServerHandle) -> None:
    r = modem.command(open_line(server.config, mode=2), timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.CONNECT and modem.online, (
        f"{clause('2.2.2')}: <access_mode> 2: CONNECT; {r.describe()}"
    )


@pytest.fixture
def online(modem: Modem, ready: None, serve: Serve) -> Iterator[ServerHandle]:
    """Client 4 open to the farm's echo in transparent mode."""
    server = serve("valid")
    connect(modem, server)
    yield server
    if modem.online:
        modem.escape(guard=GUARD)
    ssl_close(modem, CLIENT)


@pytest.mark.spec("quectel-ec200-ssl", "2.2.3")  # buffer access mode after +++: +QSSLSEND
@pytest.mark.spec("quectel-ec200-ssl", "2.2.4")  # and +QSSLRECV
def test_data_flows_both_ways_and_plus_escapes_to_buffer_mode(modem: Modem, online: ServerHandle) -> None:
    modem.write_online(b"Test data from SSL")
    got = modem.read_online(18, timeout=modem.waits.network(10.0))
    assert got == b"Test data from SSL", f"{CLAUSE}: data goes straight through"
    # Bad input: +++ without the guard times is data (QEC-15), and the port stays transparent.
    modem.write_online(b"ab+++cd")
    assert modem.read_online(7, timeout=modem.waits.network(10.0)) == b"ab+++cd", f"{CLAUSE}: +++ inside data is data"
    assert modem.online, f"{CLAUSE}: +++ inside data leaves the port transparent"
    r = modem.escape(guard=GUARD)
    assert r.final.text == "OK" and not modem.online, f"{CLAUSE}: +++ with guard times: OK; {r.describe()}"
    (row,) = state_rows(modem, CLIENT)
    assert row[5] == "2" and row[8] == "0", (
        f"{CLAUSE}: 'After OK is returned, the module switches to buffer access mode': {row}"
    )
    assert send(modem, b"again").final.text == "SEND OK", f"{clause('2.2.3')}: buffer access mode sends"  # control
    assert read_all(modem, 5) == b"again", f"{CLAUSE}: and reads with +QSSLRECV"


def test_ato_and_qiswtmd_return_to_transparent_mode(modem: Modem, online: ServerHandle) -> None:
    assert modem.escape(guard=GUARD).final.text == "OK", f"{CLAUSE}: +++ escapes"
    r = modem.command("ATO", timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.CONNECT and modem.online, f"{CLAUSE}: ATO: CONNECT; {r.describe()}"
    modem.write_online(b"via ATO")
    assert modem.read_online(7, timeout=modem.waits.network(10.0)) == b"via ATO", f"{CLAUSE}: back in transparent mode"
    assert modem.escape(guard=GUARD).final.text == "OK", f"{CLAUSE}: +++ escapes again"
    r = modem.command(f"AT+QISWTMD={CLIENT},2", timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.CONNECT and modem.online, f"{CLAUSE}: +QISWTMD <access_mode> 2: CONNECT"
    modem.write_online(b"via QISWTMD")
    got = modem.read_online(11, timeout=modem.waits.network(10.0))
    assert got == b"via QISWTMD", f"{CLAUSE}: back in transparent mode"


def test_ato_without_such_a_connection_is_no_carrier(modem: Modem, ready: None) -> None:
    r = modem.command("ATO", timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.NO_CARRIER, f"{CLAUSE}: 'If no connection has entered transparent ... NO CARRIER'"
    expect_ok(modem.command("AT"), f"{CLAUSE}: control: the port is in command mode")


def test_server_close_ends_transparent_mode_with_no_carrier(modem: Modem, ready: None, serve: Serve) -> None:
    connect(modem, serve("push-then-close"))
    data = modem.read_until_closed(timeout=modem.waits.network(10.0))
    assert data == b"chunk-1\r\nchunk-2\r\nchunk-3\r\n", f"{CLAUSE}: the server's bytes, then NO CARRIER; {data!r}"
    assert not modem.online, f"{clause('3.5.1')}: 'NO CARRIER ... the server has stopped the SSL connection'"
    ssl_close(modem, CLIENT)
