"""+QSSLCLOSE: closing a connection, <close_timeout> and its unit under "closetimemode" (quectel-ec200-ssl
§2.2.5, §2.2.1)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from conformance.quectel_ec200.common import CLIENT, COMMANDS, CTX, clause, qsslcfg, ssl_close, ssl_open, state_rows
from conformance.quectel_ec200.conftest import Opened
from conformance.shared.servers import Serve
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from harness.ranges import parse_ranges

pytestmark = pytest.mark.spec("quectel-ec200-ssl", "2.2.5")
CLAUSE = clause("2.2.5")
C: dict[str, Any] = COMMANDS["qsslclose"]
#: "Maximum Response Time 300 ms" of the other SSL commands, the slack of a close's bound (errata QEC-19).
SLACK = float(COMMANDS["qsslsend"]["response_time"]) + 0.5
#: The <close_timeout> of the close a server never answers, under "closetimemode" 1 (milliseconds): small, so that
#: the suite waits little, and well beyond the bound if the module took it for seconds (the answer is waited for
#: that long, so that a late OK is seen late rather than left to the next command).
LINGER_MS = int(C["linger_ms"])


def closed(modem: Modem, client: int = CLIENT) -> bool:
    """The client is "initial": not listed, or listed in state 0 (errata QEC-12)."""
    return all(row[5] == "0" for row in state_rows(modem) if row[0] == str(client))


def test_test_form(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT+QSSLCLOSE=?"), CLAUSE)
    lines = [x for x in r.lines if x.startswith("+QSSLCLOSE:")]
    assert len(lines) == 1, f"{CLAUSE}: one +QSSLCLOSE: line; {r.describe()}"
    low, high = C["close_timeout"]
    want = [frozenset(profile.ids("client")), frozenset(range(low, high + 1))]
    assert parse_ranges(lines[0].removeprefix("+QSSLCLOSE:").strip()) == want, f"{CLAUSE}: (0-11),(0-65535)"


@pytest.mark.erratum("QEC-12")
def test_close_answers_ok_and_frees_the_client(modem: Modem, opened: Opened, serve: Serve) -> None:
    server = opened(0)
    assert not closed(modem), f"{clause('2.2.6')}: control: the open client is listed connected"
    expect_ok(ssl_close(modem), CLAUSE)
    assert closed(modem), f"{CLAUSE}: after OK the client is initial"
    r, code = ssl_open(modem, server.config)
    assert r.ok and code == 0, f"{CLAUSE}: the closed clientID opens again; {r.describe()}, <err> {code}"


@pytest.mark.spec("quectel-ec200-ssl", "2.2.1")
@pytest.mark.erratum("QEC-19")
@pytest.mark.parametrize("mode", [0, 1], ids=["seconds", "milliseconds"])
def test_close_timeout_bounds_the_answer_in_the_unit_of_closetimemode(
    modem: Modem, ready: None, serve: Serve, mode: int
) -> None:
    expect_ok(qsslcfg(modem, "closetimemode", CTX, mode), clause("2.2.1"))
    server = serve("valid").config
    for timeout in (0, 1):  # 0 "closing immediately"; 1 s or 1 ms
        assert ssl_open(modem, server)[1] == 0, f"{clause('2.2.2')}: the valid endpoint opens"
        started = time.monotonic()
        expect_ok(ssl_close(modem, CLIENT, timeout), f"{CLAUSE}: <close_timeout> {timeout}")
        elapsed = time.monotonic() - started
        bound = timeout * (0.001 if mode else 1.0) + SLACK
        assert elapsed <= bound, f"{CLAUSE}: <close_timeout> {timeout} (mode {mode}) answered after {elapsed:.2f} s"
    # Negative control: out of range.
    expect_error(modem.command(f"AT+QSSLCLOSE={CLIENT},{C['close_timeout'][1] + 1}"), f"{CLAUSE}: 0-65535")


@pytest.mark.spec("quectel-ec200-ssl", "2.2.1")
@pytest.mark.erratum("QEC-19")
def test_close_timeout_in_milliseconds_bounds_a_close_the_server_never_answers(
    modem: Modem, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    # <close_time_mode> 1: "the unit of SSL close linger time is millisecond" (§2.2.1, §2.2.5 NOTE); the server
    # answers neither close_notify nor the TCP close, so the close lingers as long as the module lets it.
    holding_server = serve("hold-open").config
    expect_ok(qsslcfg(modem, "closetimemode", CTX, 1), clause("2.2.1"))
    assert ssl_open(modem, holding_server)[1] == 0, f"{clause('2.2.2')}: the holding endpoint opens"
    bound = LINGER_MS / 1000 + SLACK
    started = time.monotonic()
    r = modem.command(f"AT+QSSLCLOSE={CLIENT},{LINGER_MS}", timeout=LINGER_MS + 2 * SLACK)
    elapsed = time.monotonic() - started
    expect_ok(r, f"{CLAUSE}: <close_timeout> {LINGER_MS} under closetimemode 1")
    assert elapsed <= bound, (
        f"{CLAUSE}: 'Maximum Response Time: Determined by parameter <close_timeout>': {LINGER_MS} ms, answered"
        f" after {elapsed:.2f} s"
    )
    observe(f"{CLAUSE}: a close the server never answers, <close_timeout> {LINGER_MS} ms: OK after {elapsed:.2f} s")
    assert closed(modem), f"{CLAUSE}: after OK the client is initial"
    # Control: "0 means closing immediately", the same server unanswering.
    assert ssl_open(modem, holding_server)[1] == 0, f"{clause('2.2.2')}: the holding endpoint opens again"
    started = time.monotonic()
    expect_ok(modem.command(f"AT+QSSLCLOSE={CLIENT},0", timeout=2 * SLACK), f"{CLAUSE}: <close_timeout> 0")
    elapsed = time.monotonic() - started
    assert elapsed <= SLACK, f"{CLAUSE}: <close_timeout> 0 'means closing immediately'; OK after {elapsed:.2f} s"
