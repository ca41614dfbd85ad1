"""+QSSLSEND: sending data in variable and fixed length (quectel-ec200-ssl §2.2.3), read back through the
farm's echo in buffer access mode (§2.2.4)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from conformance.quectel_ec200.common import (
    CLIENT,
    COMMANDS,
    clause,
    expect_error_code,
    read_all,
    send,
    ssl_close,
    ssl_open,
    state_rows,
)
from conformance.quectel_ec200.conftest import Opened
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from harness.checks import expect_error, expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile
from harness.ranges import parse_ranges

# The echo is read with +QSSLRECV (§2.2.4).
pytestmark = [pytest.mark.spec("quectel-ec200-ssl", "2.2.3"), pytest.mark.spec("quectel-ec200-ssl", "2.2.4")]
CLAUSE = clause("2.2.3")
S: dict[str, Any] = COMMANDS["qsslsend"]
CTRL_Z, ESC = bytes([S["ctrl_z"]]), bytes([S["esc"]])
CANCEL_SEND = 571  # Table 5: "Cancel send" (errata QEC-13)


def test_test_form(modem: Modem, profile: Profile) -> None:
    r = expect_ok(modem.command("AT+QSSLSEND=?"), CLAUSE)
    lines = [x for x in r.lines if x.startswith("+QSSLSEND:")]
    assert len(lines) == 1, f"{CLAUSE}: one +QSSLSEND: line; {r.describe()}"
    groups = re.findall(r"\([^()]*\)", lines[0])  # "[,(range of supported <sendlen>s)]": brackets tolerated
    want = [frozenset(profile.ids("client")), frozenset(range(S["sendlen"][0], S["sendlen"][1] + 1))]
    assert [parse_ranges(g)[0] for g in groups] == want, f"{CLAUSE}: (0-11)[,(1-1460)]; {r.describe()}"


def test_fixed_length_is_sent(modem: Modem, opened: Opened) -> None:
    opened(0)
    r = send(modem, b"Test data from SSL")
    assert r.final.text == S["finals"]["sent"] and r.prompted, f"{CLAUSE}: '>', the 18 bytes, SEND OK; {r.describe()}"
    assert read_all(modem, 18) == b"Test data from SSL", f"{CLAUSE}: the server got the 18 bytes"


def test_variable_length_ends_at_ctrl_z(modem: Modem, opened: Opened) -> None:
    opened(0)
    r = modem.command(f"AT+QSSLSEND={CLIENT}", data=b"Test data from SSL" + CTRL_Z, timeout=DIAL_TIMEOUT)
    assert r.final.text == S["finals"]["sent"], f"{CLAUSE}: 'Tap CTRL+Z to send' then SEND OK; {r.describe()}"
    # Control: what is sent next follows the 18 bytes directly (CTRL+Z itself was not sent).
    assert send(modem, b"end").final.text == S["finals"]["sent"], f"{CLAUSE}: the next send is sent"
    got = read_all(modem, 21)
    assert got == b"Test data from SSLend", f"{CLAUSE}: the data before CTRL+Z, without it; got {got!r}"


@pytest.mark.spec("quectel-ec200-ssl", "5")  # 571 "Cancel send"
@pytest.mark.erratum("QEC-13", "QEC-14")
def test_esc_cancels_and_nothing_is_sent(modem: Modem, opened: Opened, observe: Callable[[str], None]) -> None:
    opened(0)
    r = modem.command(f"AT+QSSLSEND={CLIENT}", data=b"never sent" + ESC, timeout=DIAL_TIMEOUT)
    assert r.final.text != S["finals"]["sent"], (
        f"{CLAUSE}: 'tap ESC to cancel the operation': no SEND OK; {r.describe()}"
    )
    expect_error_code(modem, CANCEL_SEND, f"{clause('5')}: after a send cancelled with ESC", observe)
    # Control: the connection still carries what is sent next, and only that (had the cancelled bytes gone,
    # the echo would start with them); the code is 0 again.
    assert send(modem, b"sent").final.text == S["finals"]["sent"], f"{CLAUSE}: the next send is sent"
    expect_error_code(modem, 0, f"{clause('5')}: after SEND OK", observe)
    assert read_all(modem, 4) == b"sent", f"{CLAUSE}: only the data after the cancelled send arrived"


def test_sendlen_is_1_to_1460_and_a_refusal_loses_nothing(modem: Modem, opened: Opened) -> None:
    opened(0)
    low, high = S["sendlen"]
    for bad in (low - 1, high + 1):
        expect_error(modem.command(f"AT+QSSLSEND={CLIENT},{bad}"), f"{CLAUSE}: <sendlen> {bad} is out of range")
    data = bytes(i % 251 for i in range(high))
    r = send(modem, data)
    assert r.final.text == S["finals"]["sent"], f"{CLAUSE}: <sendlen> {high} is sent; {r.describe()}"
    assert read_all(modem, high) == data, f"{CLAUSE}: all {high} bytes reached the server"


def test_a_closed_socket_cannot_send(modem: Modem, opened: Opened) -> None:
    opened(0)
    assert send(modem, b"x").final.text == S["finals"]["sent"], f"{CLAUSE}: control: the open socket sends"
    read_all(modem, 1)
    expect_ok(ssl_close(modem), clause("2.2.5"))
    expect_error(modem.command(f"AT+QSSLSEND={CLIENT},1"), f"{CLAUSE}: 'abnormally closed ... ERROR'")


#: How many +QSSLSEND of 1460 bytes the suite sends at most to a server that stopped reading before it expects
#: SEND FAIL: 90, about 128 KiB. The document sizes no buffer (errata QEC-22); the farm's no-read endpoint takes
#: about 8 KiB, the emulator's buffer fills after about 16 KiB. A module that says SEND OK to all of them keeps more
#: than the bound: the check is not run on it, not failed (the document obliges no size).
FILL_SENDS = 90
FULL = 1460


def _fill(modem: Modem, sends: int, *, echo: bool = False) -> tuple[int, Response | None]:
    """+QSSLSEND of FULL bytes until an answer other than SEND OK, ``sends`` at most: (the SEND OKs, that
    answer or None). ``echo``: read each send's echo back before the next (a server that reads and answers)."""
    data = bytes(i % 251 for i in range(FULL))
    for count in range(sends):
        r = send(modem, data)
        if r.final.text != S["finals"]["sent"]:
            return count, r
        if echo:
            got = read_all(modem, FULL)
            assert got == data, f"{clause('2.2.4')}: send {count + 1} came back whole; {len(got)} bytes"
    return sends, None


@pytest.mark.erratum("QEC-22")
def test_send_fail_when_the_server_stops_reading(
    modem: Modem, ready: None, serve: Serve, opened: Opened, observe: Callable[[str], None]
) -> None:
    # §2.2.3: "If connection has been established but buffer is full: SEND FAIL". The farm's no-read endpoint
    # completes the handshake and never reads, so what the module sends piles up in its buffer.
    server = serve("no-read")
    r, code = ssl_open(modem, server.config)
    assert r.ok and code == 0, f"{clause('2.2.2')}: the no-read endpoint opens; {r.describe()}, <err> {code}"
    sent, answer = _fill(modem, FILL_SENDS)
    if answer is not None:
        rows = [row for row in state_rows(modem, CLIENT) if row and row[0] == str(CLIENT)]
    expect_ok(ssl_close(modem, CLIENT, 0), clause("2.2.5"))  # 0: no linger, the server answers no close
    if answer is None:
        observe(f"{CLAUSE}: {FILL_SENDS} sends of {FULL} bytes to a server that reads nothing: all SEND OK")
        pytest.skip(
            f"not run: {FILL_SENDS} sends of {FULL} bytes to a server that reads nothing all answered SEND OK: the "
            "module buffers more than the suite's bound, and the document gives no size (errata QEC-22)"
        )
    assert answer.final.text == S["finals"]["full"], (
        f"{CLAUSE}: the connection is established and its buffer full: SEND FAIL; got {answer.describe()} after"
        f" {sent} SEND OK"
    )
    connected = str(COMMANDS["qsslstate"]["socket_states"]["connected"])
    assert rows and rows[0][5] == connected, (
        f"{clause('2.2.6')}: SEND FAIL leaves the connection established (<socket_state> {connected}); {rows}"
    )
    observe(f"{CLAUSE}: SEND FAIL after {sent} sends of {FULL} bytes to a server that reads nothing")
    # Control: as many sends and one more to the echo endpoint, whose answer is read back, all answer SEND OK.
    opened(0)
    done, refused = _fill(modem, sent + 1, echo=True)
    assert refused is None, f"{CLAUSE}: a server that reads: SEND OK each time; send {done + 1}: {refused}"
