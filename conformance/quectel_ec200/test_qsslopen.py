"""+QSSLOPEN: opening an SSL socket in each access mode, its result URC, the ranges of its parameters and
<negotiate_time> (quectel-ec200-ssl §2.2.2, §2.2.1)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from conformance.quectel_ec200.common import (
    CLIENT,
    COMMANDS,
    CTX,
    NEGOTIATE,
    RESULT_CODES,
    URC_MARGIN,
    clause,
    error_code,
    expect_error_code,
    open_line,
    open_result,
    qsslcfg,
    ssl_close,
    ssl_open,
    state_rows,
)
from conformance.shared.servers import DIAL_TIMEOUT, Serve, records_after
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from harness.ranges import parse_ranges

pytestmark = pytest.mark.spec("quectel-ec200-ssl", "2.2.2")
CLAUSE = clause("2.2.2")
OPEN: dict[str, Any] = COMMANDS["qsslopen"]
TABLE_5 = {int(code) for code in COMMANDS["result_codes"] if code.isdigit()} - {0}
IN_USE = 563  # Table 5: "Socket identity has been used" (errata QEC-13)
TIMEOUT = 569  # Table 5: "Operation timeout" (errata QEC-13)


@pytest.mark.erratum("QEC-11")
def test_test_form(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT+QSSLOPEN=?"), CLAUSE)
    lines = [x for x in r.lines if x.startswith("+QSSLOPEN:")]
    assert len(lines) == 1, f"{CLAUSE}: one +QSSLOPEN: line; {r.describe()}"
    groups = re.findall(r"\([^()]*\)", lines[0])  # <serveraddr>,<server_port> and the empty field between
    want = [profile.ids("pdp"), profile.ids("ssl_context"), profile.ids("client"), range(0, 3)]
    assert [parse_ranges(g)[0] for g in groups] == [frozenset(w) for w in want], (
        f"{CLAUSE}: (1-15),(0-5),(0-11),<serveraddr>,<server_port>[,,(0-2)]; {r.describe()}"
    )


def test_buffer_mode_answers_ok_then_the_result_urc(modem: Modem, ready: None, serve: Serve) -> None:
    r, code = ssl_open(modem, serve("valid").config, mode=0)
    assert r.ok and code == 0, f"{CLAUSE}: OK, then +QSSLOPEN: {CLIENT},0; {r.describe()}, <err> {code}"
    assert not any(line == "CONNECT" for line in r.lines), f"{CLAUSE}: no CONNECT in mode 0"
    ssl_close(modem)
    # Negative control: a handshake that fails (a client certificate the module does not have) gives a
    # Table 5 code after OK.
    r, code = ssl_open(modem, serve("client-cert-required-none").config, mode=0)
    assert r.ok and code in TABLE_5, f"{CLAUSE}: a failed handshake: OK, then a non-zero <err> of Table 5; {code}"


@pytest.mark.erratum("QEC-11")
def test_without_access_mode_the_socket_opens_not_transparent(modem: Modem, ready: None, serve: Serve) -> None:
    r, code = ssl_open(modem, serve("valid").config, mode=None)
    assert r.ok and code == 0, f"{CLAUSE}: <access_mode> is optional; {r.describe()}, <err> {code}"
    (row,) = state_rows(modem, CLIENT)
    assert row[8] in ("0", "1"), f"{clause('2.2.6')}: a socket opened without <access_mode> is not transparent: {row}"


@pytest.mark.spec("quectel-ec200-ssl", "5")
@pytest.mark.erratum("QEC-13", "QEC-14", "QEC-21")
def test_a_client_id_in_use_is_refused_and_the_first_connection_kept(
    modem: Modem, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    server = serve("valid").config
    assert ssl_open(modem, server)[1] == 0, f"{CLAUSE}: the first open succeeds"
    r, code = ssl_open(modem, server)
    where = f"{CLAUSE}: a clientID in use gives 563 'Socket identity has been used'"
    if r.ok:
        assert code == IN_USE, f"{where}; {r.describe()}, <err> {code}"
    expect_error_code(modem, IN_USE, where, observe, after_ok=r.ok)
    (row,) = state_rows(modem, CLIENT)
    assert row[5] == "2", f"{clause('2.2.6')}: the first connection is still connected: {row}"
    assert ssl_open(modem, server, client=CLIENT + 1)[1] == 0, f"{CLAUSE}: another clientID opens"  # control
    ssl_close(modem, CLIENT + 1)


def test_parameter_ranges(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid").config
    bad = [
        open_line(server, pdp=profile.ids("pdp")[0] - 1),
        open_line(server, pdp=profile.ids("pdp")[-1] + 1),
        open_line(server, ctx=profile.ids("ssl_context")[-1] + 1),
        open_line(server, client=profile.ids("client")[-1] + 1),
        open_line(server, mode=OPEN["access_mode"][1] + 1),
    ]
    for line in bad:
        expect_error(modem.command(line, timeout=DIAL_TIMEOUT), f"{CLAUSE}: {line} is out of range")
    for client in (profile.ids("client")[0], profile.ids("client")[-1]):  # control: both ends of <clientID>
        r, code = ssl_open(modem, server, client=client)
        assert r.ok and code == 0, f"{CLAUSE}: <clientID> {client} opens; {r.describe()}, <err> {code}"
        ssl_close(modem, client)


@pytest.mark.spec("quectel-ec200-ssl", "2.2.1")
@pytest.mark.spec("quectel-ec200-ssl", "5")  # its code, 569 "Operation timeout"
@pytest.mark.erratum("QEC-13", "QEC-14", "QEC-21")
def test_negotiate_time_bounds_a_handshake_that_is_never_answered(
    modem: Modem, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    # The driver set <negotiate_time> 10, the lowest (§2.2.1); §2.2.2: "Maximum Response Time ... plus
    # configured time <negotiate_time>".
    silent_server = serve("silent-hello")
    started = time.monotonic()
    r = modem.command(open_line(silent_server.config), timeout=DIAL_TIMEOUT)
    assert r.ok, f"{CLAUSE}: the command is accepted (OK), its result comes later; {r.describe()}"
    code = open_result(modem, r, CLIENT, NEGOTIATE + URC_MARGIN)
    elapsed = time.monotonic() - started
    assert code == TIMEOUT, (
        f"{clause('2.2.1')}: no answer within <negotiate_time> {NEGOTIATE} s: +QSSLOPEN: {CLIENT},{TIMEOUT}"
        f" '{RESULT_CODES[str(TIMEOUT)]}' (Table 5); got {code} after {elapsed:.1f} s"
    )
    assert elapsed >= NEGOTIATE - 0.5, (
        f"{clause('2.2.1')}: the handshake is given {NEGOTIATE} s; gave up at {elapsed:.1f}"
    )
    expect_error_code(modem, TIMEOUT, f"{clause('5')}: after <negotiate_time> ran out", observe, after_ok=True)
    # What the server saw, last (a lab farm keeps its records: not run there, the module's checks are done).
    (record,) = records_after(lambda: ssl_close(modem), silent_server)
    assert record.client_hello is not None, f"{CLAUSE}: the module sent its ClientHello; {record.describe()}"


@pytest.mark.spec("quectel-ec200-ssl", "4")
def test_open_before_the_pdp_context_is_active_fails(
    modem: Modem, profile: Profile, serve: Serve, observe: Callable[[str], None]
) -> None:
    # §4 item 1: a failed open is checked against the state of the PDP context. Here none is active (no
    # `ready`): the open must not report success. A context left active by an earlier test is deactivated
    # first (not judged).
    modem.command("AT+QIDEACT=1", timeout=DIAL_TIMEOUT)
    expect_ok(qsslcfg(modem, "negotiatetime", CTX, NEGOTIATE), clause("2.2.1"))
    r, code = ssl_open(modem, serve("valid").config)
    assert not r.ok or (code is not None and code != 0), f"{CLAUSE}: no PDP context, no connection; {r.describe()}"
    # Which Table 5 code tells it is not said (561 "Open PDP context failed" would fit): observed (QEC-13).
    observe(f"{clause('4')}: open without an active PDP context: <err> {code}, +QIGETERROR {error_code(modem)}")
