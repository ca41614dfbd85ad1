"""Several secure sockets on one module (telit-ssl-ug §4.3.2: LE866 "provides six Secure Sockets"; LE910 V2
assumed alike, errata TSU-11): each SSId has its own configuration, connection, state and data.

SSId 2 stands for the others: the `second_socket` fixture enables and configures it as `ready` does SSId 1.
"""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve, recorded
from conformance.telit.common import seccfg2_platform, seccfg_form
from conformance.telit.sockets import dial, prepare_socket, recv, release_socket, send_ext, ssls
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = [pytest.mark.needs("several_sockets"), pytest.mark.spec("telit-ssl-ug", "4.3.2")]


def line_of(modem: Modem, read: str, prefix: str, ssid: int) -> list[str]:
    """The fields of the ``<prefix>: <ssid>,...`` line of the read form ``read``."""
    r = expect_ok(modem.command(read), "telit-ssl-ug §4.3.2")
    rows = [row for row in r.fields(prefix) if row and row[0] == str(ssid)]
    assert len(rows) == 1, f"telit-ssl-ug §4.3.2: one {prefix} line for SSId {ssid}; {r.describe()}"
    return rows[0]


@pytest.mark.spec("telit-ssl-ug", "4.6")
def test_sslcfg_of_ssid_2_leaves_ssid_1_alone(modem: Modem, profile: Profile, second_socket: int) -> None:
    before = line_of(modem, "AT#SSLCFG?", "#SSLCFG", 1)
    expect_ok(modem.command(f"AT#SSLCFG={second_socket},1,600,60,50,5,1,0"), "telit-ssl-ug §4.6")
    assert line_of(modem, "AT#SSLCFG?", "#SSLCFG", second_socket)[:8] == [
        str(second_socket), "1", "600", "60", "50", "5", "1", "0"
    ], "telit-ssl-ug §4.6: SSId 2 reads back what was set"
    assert line_of(modem, "AT#SSLCFG?", "#SSLCFG", 1) == before, "telit-ssl-ug §4.3.2: SSId 1's is its own"


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_sslseccfg_of_ssid_2_leaves_ssid_1_alone(modem: Modem, profile: Profile, second_socket: int) -> None:
    before = line_of(modem, "AT#SSLSECCFG?", "#SSLSECCFG", 1)
    expect_ok(modem.command(f"AT#SSLSECCFG={second_socket},3,1,1"), "telit-ssl-ug §4.2.2")
    assert line_of(modem, "AT#SSLSECCFG?", "#SSLSECCFG", second_socket)[:4] == [str(second_socket), "3", "1", "1"]
    assert line_of(modem, "AT#SSLSECCFG?", "#SSLSECCFG", 1) == before, "telit-ssl-ug §4.3.2: SSId 1's is its own"


@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.2")
def test_two_sockets_at_once_keep_their_data_apart(
    modem: Modem, profile: Profile, serve: Serve, second_socket: int
) -> None:
    # The two payloads differ in length so that each connection's record tells whose it is: a lab farm serves both
    # from one endpoint (one port per scenario), whose records then hold both sockets' connections.
    one, two = serve("valid"), serve("valid")
    data_one, data_two = b"for socket one", b"for the second socket"
    expect_ok(dial(modem, one.config, ssid=1), "telit-ssl-ug §5 (SSId 1)")
    expect_ok(dial(modem, two.config, ssid=second_socket), "telit-ssl-ug §5 (SSId 2)")
    assert ssls(modem, 1)[:2] == ["1", "2"] and ssls(modem, second_socket)[:2] == [str(second_socket), "2"], (
        "telit-ssl-ug §5.4.1: #SSLS=<n> reports each socket connected"
    )
    send_ext(modem, data_one, ssid=1)
    send_ext(modem, data_two, ssid=second_socket)
    got_two = b"".join(expect_ok(recv(modem, profile, 100, ssid=second_socket), "telit-ssl-ug §5.1.2.2.1").payloads)
    got_one = b"".join(expect_ok(recv(modem, profile, 100, ssid=1), "telit-ssl-ug §5.1.2.2.1").payloads)
    assert (got_one, got_two) == (data_one, data_two), (
        f"telit-ssl-ug §4.3.2: each socket reads its own server's echo; SSId 1 {got_one!r}, SSId 2 {got_two!r}"
    )
    expect_ok(modem.command(f"AT#SSLH={second_socket}"), "telit-ssl-ug §5.2")
    assert ssls(modem, second_socket)[:2] == [str(second_socket), "1"], "telit-ssl-ug §5.2: SSId 2 is closed"
    assert ssls(modem, 1)[:2] == ["1", "2"], "telit-ssl-ug §5.2: #SSLH=2 leaves SSId 1 connected"
    closed = recorded(two).wait_for(1)[0]
    assert closed.ended_by == "client-close" and closed.bytes_received == len(data_two), (
        f"telit-ssl-ug §5.2: SSId 2's server sees the close of SSId 2's connection; {closed.describe()}"
    )
    left = recorded(one)
    assert left.in_flight == 1 and all(r.bytes_received == len(data_two) for r in left.records), (
        f"telit-ssl-ug §5.2: SSId 1's connection is still open; {[r.describe() for r in left.records]}"
    )


def lines_of(modem: Modem, read: str, prefix: str) -> dict[int, list[str]]:
    """Every ``<prefix>: <ssid>,...`` line of the read form ``read``, by SSId; an SSId printed twice fails."""
    r = expect_ok(modem.command(read), "telit-ssl-ug §4.3.2")
    rows: dict[int, list[str]] = {}
    for row in r.fields(prefix):
        assert row and row[0].isdigit() and int(row[0]) not in rows, (
            f"telit-ssl-ug §4.3.2 (errata TSU-07): one {prefix} line per enabled SSId; {r.describe()}"
        )
        rows[int(row[0])] = row
    return rows


@pytest.mark.spec("telit-ssl-ug", "3")
@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.4.1")
@pytest.mark.erratum("TSU-07")
def test_every_ssid_is_configured_and_reported_on_its_own(modem: Modem, profile: Profile, ready: None) -> None:
    # §4.3.2: SSIds 1-6; all enabled at once (§4.1), each configured by its own number with values of its own
    # (#SSLCFG §4.6, #SSLSECCFG §4.2.2, #SSLSECCFG2 §3 where the module has it) and asked for its state
    # (#SSLS=<n>, §5.4.1: closed, state 1). Errata TSU-07: each read form prints exactly one line per enabled
    # SSId, carrying that SSId's values; the control: a disabled SSId has no line, the others keep theirs.
    others = [s for s in profile.ssid_range if s != 1]
    form = seccfg_form(profile)
    ciphers = list(range(form["ciphers"][0], form["ciphers"][1] + 1))
    auths = list(range(form["auth_modes"][0], form["auth_modes"][1] + 1))
    versions = sorted(seccfg2_platform(profile)["supported"]) if profile.has("sslseccfg2") else []
    reads = [("AT#SSLCFG?", "#SSLCFG"), ("AT#SSLSECCFG?", "#SSLSECCFG")]
    if versions:
        reads.append(("AT#SSLSECCFG2?", "#SSLSECCFG2"))
    first = {prefix: lines_of(modem, read, prefix)[1] for read, prefix in reads}  # SSId 1, as `ready` set it
    want: dict[str, dict[int, list[str]]] = {prefix: {1: first[prefix]} for _, prefix in reads}
    try:
        for ssid in others:
            expect_ok(modem.command(f"AT#SSLEN={ssid},1"), f"telit-ssl-ug §4.1 (SSId {ssid})")
        for ssid in others:
            pkt, cipher, auth = 100 + ssid, ciphers[ssid % len(ciphers)], auths[ssid % len(auths)]
            expect_ok(modem.command(f"AT#SSLCFG={ssid},1,{pkt},90,100,50,0,0"), f"telit-ssl-ug §4.6 (SSId {ssid})")
            want["#SSLCFG"][ssid] = [str(ssid), "1", str(pkt)]
            expect_ok(modem.command(f"AT#SSLSECCFG={ssid},{cipher},{auth}"), f"telit-ssl-ug §4.2.2 (SSId {ssid})")
            want["#SSLSECCFG"][ssid] = [str(ssid), str(cipher), str(auth)]
            if versions:
                version = versions[ssid % len(versions)]
                expect_ok(modem.command(f"AT#SSLSECCFG2={ssid},{version}"), f"telit-ssl-ug §3 (SSId {ssid})")
                want["#SSLSECCFG2"][ssid] = [str(ssid), str(version)]
        for read, prefix in reads:
            got = lines_of(modem, read, prefix)
            assert {s: row[: len(want[prefix][s])] for s, row in got.items()} == want[prefix], (
                f"telit-ssl-ug §4.3.2 (TSU-07): {read} gives one line per enabled SSId, each with its own values;"
                f" set {want[prefix]}, read {got}"
            )
        for ssid in others:
            assert ssls(modem, ssid)[:2] == [str(ssid), "1"], f"telit-ssl-ug §5.4.1: #SSLS={ssid} answers for {ssid}"
        # Control: the last SSId disabled, its lines go; every other SSId's stay as they were.
        last = others[-1]
        expect_ok(modem.command(f"AT#SSLEN={last},0"), f"telit-ssl-ug §4.1 (SSId {last})")
        for read, prefix in reads:
            got = lines_of(modem, read, prefix)
            kept = {s: v for s, v in want[prefix].items() if s != last}
            assert {s: row[: len(kept[s])] for s, row in got.items() if s in kept} == kept and set(got) == set(kept), (
                f"telit-ssl-ug §4.3.2 (TSU-07): after #SSLEN={last},0, {read} has no line for {last}; read {got}"
            )
    finally:
        for ssid in others:
            modem.command(f"AT#SSLEN={ssid},0")


@pytest.mark.spec("telit-ssl-ug", "5")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.1.2.2.1")
@pytest.mark.spec("telit-ssl-ug", "5.2")
@pytest.mark.spec("telit-ssl-ug", "5.4.1")
def test_every_ssid_dials_sends_receives_and_closes(
    modem: Modem, profile: Profile, serve: Serve, ready: None
) -> None:
    # §4.3.2: each of SSIds 2-6 in turn (SSId 1 is every other test's) is enabled and configured as SSId 1 is,
    # dials the echo server in COMMAND mode (§5), is reported connected by #SSLS=<n> while SSId 1, never
    # dialled, is not (§5.4.1), sends a line of its own (§5.1.2.1), reads its echo (§5.1.2.2.1) and is closed by
    # #SSLH=<n> (§5.2), which the server sees with the bytes sent.
    echo = serve("valid")
    for done, ssid in enumerate([s for s in profile.ssid_range if s != 1], start=1):
        prepare_socket(modem, profile, ssid)
        try:
            expect_ok(dial(modem, echo.config, ssid=ssid), f"telit-ssl-ug §5 (SSId {ssid})")
            assert ssls(modem, ssid)[:2] == [str(ssid), "2"], f"telit-ssl-ug §5.4.1: #SSLS={ssid}: connected"
            assert ssls(modem, 1)[:2] == ["1", "1"], f"telit-ssl-ug §5.4.1: SSId {ssid}'s connection is not SSId 1's"
            line = f"to SSId {ssid}".encode()
            send_ext(modem, line, ssid=ssid)
            got = b"".join(expect_ok(recv(modem, profile, 100, ssid=ssid), "telit-ssl-ug §5.1.2.2.1").payloads)
            assert got == line, f"telit-ssl-ug §5.1.2.2.1: SSId {ssid} reads its own echo {line!r}; got {got!r}"
            expect_ok(modem.command(f"AT#SSLH={ssid}"), f"telit-ssl-ug §5.2 (SSId {ssid})")
            assert ssls(modem, ssid)[:2] == [str(ssid), "1"], f"telit-ssl-ug §5.2: #SSLH={ssid} closed it"
            record = recorded(echo).wait_for(done)[done - 1]
            assert record.ended_by == "client-close" and record.bytes_received == len(line), (
                f"telit-ssl-ug §5.2: the server saw SSId {ssid}'s bytes and close; {record.describe()}"
            )
        finally:
            release_socket(modem, ssid)
