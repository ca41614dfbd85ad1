"""Security data on 2G (platforms 10, 13, 16): PEM only (telit-ssl-ug §4.4 Tab. 2, §4.2.1) and the <Size> range
of the test form, at its largest value and one more (§4.4).

A 2G module reads every store as PEM: "backspace" and "escape" act at once and Ctrl-Z closes the download
(§4.4). A 2G module that takes a DER root as PEM stops at its first Ctrl-Z or ESC (a Ctrl-Z follows the DER, in
case it holds neither): the root it keeps is not the one sent, and the rest of the bytes reach the command
interpreter (V.250 §5.2.1 ignores everything before an "AT" or "A/" prefix). Errata TSU-53.
"""

from __future__ import annotations

import re

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.sockets import CA_CERT, CTRL_Z, ESC, STORE_NVM, STORE_RAM, configure, dial, ssls, store
from harness.checks import expect_error, expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile
from harness.ranges import parse_ranges

CLAUSE = "telit-ssl-ug §4.4"
pytestmark = [pytest.mark.needs("seccfg_2g"), pytest.mark.erratum("TSU-53")]
#: What would start a command line in the bytes after a PEM store's Ctrl-Z (V.250 §5.2.1 "AT", §5.2.4 "A/").
COMMAND_PREFIX = re.compile(rb"[Aa][Tt/]")


def secdata_ranges(modem: Modem) -> tuple[list[frozenset[int]], Response]:
    """The ranges of ``#SSLSECDATA=?`` (§4.4 "Use the AT#SSLSECDATA=? test command to know the <Size> range")."""
    r = expect_ok(modem.command("AT#SSLSECDATA=?"), CLAUSE)
    (line,) = [x for x in r.lines if x.startswith("#SSLSECDATA:")] or [""]
    try:
        return parse_ranges(line.split(":", 1)[1].strip()), r
    except (ValueError, IndexError) as e:
        raise AssertionError(f"{CLAUSE}: #SSLSECDATA=? gives no list of ranges; {r.describe()}") from e


def store_action(modem: Modem) -> int:
    """RAM (<Action> 3) where the test form offers it, else NVM (<Action> 1): §4.4."""
    ranges, _ = secdata_ranges(modem)
    return STORE_RAM if len(ranges) > 1 and STORE_RAM in ranges[1] else STORE_NVM


@pytest.mark.spec("telit-ssl-ug", "4.4")
@pytest.mark.spec("telit-ssl-ug", "4.2.1")
def test_der_root_cannot_authenticate_on_2g(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # Tab. 2: "2G Modules Series: Certificates can be set only in PEM format". The farm root's DER, with its
    # <Size>, is either refused or stored as something that does not authenticate its server under <auth_mode> 1
    # (the document says neither which): the dial fails. Control: the same root in PEM, and the server connects.
    server = serve("valid")
    der = server.config.ca.der.read_bytes()
    # A PEM reader ends the download at the first Ctrl-Z, or abandons it at the first ESC (§4.4); the bytes after
    # it, and the Ctrl-Z sent after the DER (which ends the download where the DER holds neither), reach the
    # command interpreter. A DER reader takes <Size> bytes and the Ctrl-Z after them is ignored (V.250 §5.2.1).
    ends = [i for i in (der.find(CTRL_Z), der.find(ESC)) if i >= 0]
    tail = der[min(ends) + 1 :] + CTRL_Z if ends else CTRL_Z
    if COMMAND_PREFIX.search(tail) or tail[-2:-1] in (b"A", b"a"):
        pytest.skip(
            "not run: the bytes of this session's root DER after its first Ctrl-Z or ESC would form an AT command"
            " line on a module that reads the store as PEM (the PKI is drawn anew each session)"
        )
    action = store_action(modem)
    configure(modem, profile, auth=1)
    modem.command(f"AT#SSLSECDATA=1,0,{CA_CERT}")  # no CA left from an earlier test (result not judged: setup)
    line = f"AT#SSLSECDATA=1,{action},{CA_CERT},{len(der)}"
    stored = modem.command(line, data=der + CTRL_Z, timeout=DIAL_TIMEOUT)
    # What a PEM reader left of the DER (bytes after its Ctrl-Z) produces no answer; drop whatever came.
    modem.settle(quiet=modem.waits.quiet(0.5), limit=modem.waits.network(3.0), why="the DER bytes after a Ctrl-Z")
    expect_ok(modem.command("AT"), "V.250 §5.2.1: the module takes commands again after the DER bytes")
    r = dial(modem, server.config)
    expect_error(r, f"{CLAUSE} Tab. 2: 2G takes PEM only; a DER root (store answered {stored.final.text}) cannot "
                    "authenticate its server under <auth_mode> 1")
    assert ssls(modem)[:2] == ["1", "1"], f"{CLAUSE}, §5: the refused dial leaves the socket closed"
    # Control: the same root in PEM authenticates the same server.
    expect_ok(store(modem, profile, CA_CERT, pem_lf(server.config.ca.pem), action=action), f"{CLAUSE}: PEM")
    expect_ok(dial(modem, server.config), f"{CLAUSE}: the same root in PEM authenticates its server (control)")


@pytest.mark.spec("telit-ssl-ug", "4.4")
@pytest.mark.erratum("TSU-30")
def test_pem_of_the_largest_size_is_accepted_and_one_more_refused(
    modem: Modem, profile: Profile, enabled: int, serve: Serve
) -> None:
    # §4.4 <Size>: "Use the AT#SSLSECDATA=? test command to know the <Size> range provided by the used module":
    # on 2G the store is PEM (Tab. 2). A PEM root preceded by explanatory text (RFC 7468 §5.2) up to exactly the
    # largest <Size> is accepted; one byte more is refused (at the command line or after the data: either).
    ranges, r = secdata_ranges(modem)
    assert len(ranges) == 4, f"{CLAUSE}: <storeId>, <Action>, <DataType>, <Size>; {r.describe()}"
    largest = max(ranges[3])
    pem = pem_lf(serve("valid").config.ca.pem)
    if len(pem) + 2 > largest:
        pytest.skip(f"not run: the farm's root PEM ({len(pem)} bytes) does not fit the largest <Size> {largest}")
    action = store_action(modem)

    def padded(size: int) -> bytes:
        # LF-ended lines of explanatory text before the BEGIN line, so that the whole is ``size`` bytes.
        room = size - len(pem)
        lines = [b"x" * 63 + b"\n"] * (room // 64)
        rest = room - 64 * len(lines)
        if rest:
            lines.append(b"x" * (rest - 1) + b"\n")
        return b"".join(lines) + pem

    exact, over = padded(largest), padded(largest + 1)
    assert (len(exact), len(over)) == (largest, largest + 1)
    line = f"AT#SSLSECDATA=1,{action},{CA_CERT}"
    expect_ok(modem.command(f"{line},{largest}", data=exact + CTRL_Z, timeout=DIAL_TIMEOUT),
              f"{CLAUSE}: a PEM store of the largest <Size> ({largest} bytes)")
    expect_error(modem.command(f"{line},{largest + 1}", data=over + CTRL_Z, timeout=DIAL_TIMEOUT),
                 f"{CLAUSE}: a PEM store one byte over the largest <Size> ({largest + 1} bytes)")
