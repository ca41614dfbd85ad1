"""Transparent mode, +QSSLOPEN <connectmode> 1 (quectel-gsm-ssl §2.2.2), read as V.250's online data state
(errata QGS-23): OK, the result URC, CONNECT, data straight through both ways, +++ with guard times back to
command mode, ATO back online, NO CARRIER when the server closes.

The guard time comes from the module's S12 (V.250 §6.3.12): read, shortened where the module accepts ATS12,
and set back after the test; no fixed sleep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conformance.quectel_gsm.common import (
    COMMANDS,
    OPEN_TIMEOUT,
    SSID,
    URC_MARGIN,
    clause,
    open_line,
    open_result,
    ssl_close,
)
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from harness.checks import expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from servers.endpoint import ServerConfig

pytestmark = [
    pytest.mark.spec("quectel-gsm-ssl", "2.2.2"),
    pytest.mark.erratum("QGS-23"),
    pytest.mark.needs("transparent_mode"),
]
CLAUSE = clause("2.2.2")
MODE: dict[str, Any] = COMMANDS["transparent"]
#: V.250 §6.3.12: S12 counts fiftieths of a second; the silence kept is a tenth of a second more.
S12_UNIT, SLACK = 1 / 50, 0.1


def _s12(modem: Modem) -> int | None:
    """The module's S12 (V.250 §6.3.12: ``ATS12?`` answers the value alone, e.g. ``050``); None if not read."""
    r = modem.command("ATS12?")
    text = r.lines[0].strip() if r.ok and len(r.lines) == 1 else ""
    return int(text) if text.isascii() and text.isdigit() else None


@pytest.fixture
def guard(modem: Modem, ready: None) -> Iterator[float]:
    """The silence to keep either side of +++: the module's S12, shortened to ``fast_s12`` where ATS12 is accepted
    (set back afterwards); the V.250 default where S12 cannot be read."""
    before = _s12(modem)
    s12 = int(MODE["default_s12"]) if before is None else before
    fast = int(MODE["fast_s12"])
    if before is not None and before > fast and modem.command(f"ATS12={fast}").ok:
        s12 = fast
    yield s12 * S12_UNIT + SLACK
    if before is not None and s12 != before:
        if modem.online:
            modem.escape(guard=s12 * S12_UNIT + SLACK)
        modem.command(f"ATS12={before}")


def go_online(modem: Modem, server: ServerConfig) -> None:
    """``AT+QSSLOPEN=1,0,"<host>",<port>,1``: OK, ``+QSSLOPEN: 1,0``, CONNECT (errata QGS-23)."""
    r = modem.command(open_line(server, mode=int(MODE["connectmode"])), timeout=DIAL_TIMEOUT)
    expect_ok(r, f"{CLAUSE}: 'If format is right, response OK'")
    # <timeout> is the module's own deadline for the dial (§2.2.2): a mandated wait, not a network one.
    code = open_result(modem, r, SSID, OPEN_TIMEOUT + URC_MARGIN)
    assert code == 0, f"{CLAUSE}: +QSSLOPEN: {SSID},0 before the data; got {code}"
    connect = modem.wait_urc("CONNECT", timeout=modem.waits.network(URC_MARGIN))
    assert modem.online, f"{CLAUSE}: transparent mode: CONNECT enters online data state; got {connect.text!r}"


@pytest.fixture
def online(modem: Modem, guard: float, serve: Serve) -> Iterator[float]:
    """Socket 1 open to the farm's echo in transparent mode; yields the guard time."""
    go_online(modem, serve("valid").config)
    yield guard
    if modem.online:
        modem.escape(guard=guard)
    ssl_close(modem, SSID)


def test_data_goes_straight_through_and_plus_escapes_with_guard_times(modem: Modem, online: float) -> None:
    modem.write_online(b"Test data from SSL")
    got = modem.read_online(18, timeout=modem.waits.network(10.0, 36))
    assert got == b"Test data from SSL", f"{CLAUSE}: transparent mode: the echo comes back as it is; {got!r}"
    # Negative control of the escape: +++ inside data, without the guard times, is data and reaches the server.
    modem.write_online(b"ab+++cd")
    got = modem.read_online(7, timeout=modem.waits.network(10.0, 14))
    assert got == b"ab+++cd", f"{CLAUSE}: +++ inside data is data (V.250 guard times); {got!r}"
    assert modem.online, f"{CLAUSE}: +++ inside data leaves the port in transparent mode"
    r = modem.escape(guard=online)
    assert r.final.kind is ResultKind.OK and not modem.online, f"{CLAUSE}: +++ with guard times: OK; {r.describe()}"
    expect_ok(modem.command("AT"), f"{CLAUSE}: after +++ the port takes commands")
    # ATO (V.250 §6.3.7) returns to the connection, which +++ left open.
    r = modem.command("ATO", timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.CONNECT and modem.online, f"{CLAUSE}: ATO: CONNECT; {r.describe()}"
    modem.write_online(b"via ATO")
    got = modem.read_online(7, timeout=modem.waits.network(10.0, 14))
    assert got == b"via ATO", f"{CLAUSE}: back in transparent mode on the same connection; {got!r}"


def test_server_close_ends_transparent_mode_with_no_carrier(modem: Modem, guard: float, serve: Serve) -> None:
    go_online(modem, serve("push-then-close").config)
    data = modem.read_until_closed(timeout=modem.waits.network(10.0))
    assert data == b"chunk-1\r\nchunk-2\r\nchunk-3\r\n", f"{CLAUSE}: the server's bytes, then NO CARRIER; {data!r}"
    assert not modem.online, f"{CLAUSE}: the server's close ends transparent mode (NO CARRIER, V.250 §5.7.1)"
    # Negative control: nothing is left to go back to.
    r = modem.command("ATO", timeout=DIAL_TIMEOUT)
    gone = r.final.kind is not ResultKind.CONNECT and not modem.online
    assert gone, f"{CLAUSE}: the connection is gone; {r.describe()}"
    ssl_close(modem, SSID)


def test_a_failed_open_gives_no_connect(modem: Modem, guard: float, serve: Serve) -> None:
    # A handshake that fails (a client certificate the module does not have, <seclevel> 0): -1, command mode.
    r = modem.command(open_line(serve("client-cert-required").config, mode=int(MODE["connectmode"])),
                      timeout=DIAL_TIMEOUT)
    expect_ok(r, f"{CLAUSE}: 'If format is right, response OK'")
    code = open_result(modem, r, SSID, OPEN_TIMEOUT + URC_MARGIN)
    assert code == -1, f"{CLAUSE}: a failed connection gives <connectcode> -1; got {code}"
    assert not modem.online, f"{CLAUSE}: no CONNECT after a failed open"
    expect_ok(modem.command("AT"), f"{CLAUSE}: the port still takes commands")
    r = modem.command("ATO", timeout=DIAL_TIMEOUT)
    assert r.final.kind is not ResultKind.CONNECT and not modem.online, f"{CLAUSE}: no connection to go back to"
