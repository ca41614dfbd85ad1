"""Several secure sockets on one module (telit-ssl-ug §4.3.2: LE866 "provides six Secure Sockets"; LE910 V2
assumed alike, errata TSU-11): each SSId has its own configuration, connection, state and data.

SSId 2 stands for the others: the `second_socket` fixture enables and configures it as `ready` does SSId 1.
"""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve, recorded
from conformance.telit.sockets import dial, recv, send_ext, ssls
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
    one, two = serve("valid"), serve("valid")
    expect_ok(dial(modem, one.config, ssid=1), "telit-ssl-ug §5 (SSId 1)")
    expect_ok(dial(modem, two.config, ssid=second_socket), "telit-ssl-ug §5 (SSId 2)")
    assert ssls(modem, 1)[:2] == ["1", "2"] and ssls(modem, second_socket)[:2] == [str(second_socket), "2"], (
        "telit-ssl-ug §5.4.1: #SSLS=<n> reports each socket connected"
    )
    send_ext(modem, b"for socket one", ssid=1)
    send_ext(modem, b"for socket two", ssid=second_socket)
    got_two = b"".join(expect_ok(recv(modem, profile, 100, ssid=second_socket), "telit-ssl-ug §5.1.2.2.1").payloads)
    got_one = b"".join(expect_ok(recv(modem, profile, 100, ssid=1), "telit-ssl-ug §5.1.2.2.1").payloads)
    assert (got_one, got_two) == (b"for socket one", b"for socket two"), (
        f"telit-ssl-ug §4.3.2: each socket reads its own server's echo; SSId 1 {got_one!r}, SSId 2 {got_two!r}"
    )
    expect_ok(modem.command(f"AT#SSLH={second_socket}"), "telit-ssl-ug §5.2")
    assert ssls(modem, second_socket)[:2] == [str(second_socket), "1"], "telit-ssl-ug §5.2: SSId 2 is closed"
    assert ssls(modem, 1)[:2] == ["1", "2"], "telit-ssl-ug §5.2: #SSLH=2 leaves SSId 1 connected"
    assert recorded(two).wait_for(1)[0].ended_by == "client-close", "telit-ssl-ug §5.2: SSId 2's server sees the close"
    assert recorded(one).records == () and recorded(one).in_flight == 1, "telit-ssl-ug §5.2: SSId 1's is still open"


@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "5.4.1")
def test_every_ssid_is_configured_and_reported_on_its_own(modem: Modem, profile: Profile, ready: None) -> None:
    # §4.3.2: SSIds 1-6; each one enabled (§4.1), configured (§4.6) and asked for its state (#SSLS=<n>, §5.4.1)
    # by its own number: the read line carries its values, #SSLS=<n> answers for <n> (closed: state 1).
    for ssid in [s for s in profile.ssid_range if s != 1]:
        expect_ok(modem.command(f"AT#SSLEN={ssid},1"), f"telit-ssl-ug §4.1 (SSId {ssid})")
        try:
            pkt = 100 + ssid
            expect_ok(modem.command(f"AT#SSLCFG={ssid},1,{pkt},90,100,50,0,0"), f"telit-ssl-ug §4.6 (SSId {ssid})")
            assert line_of(modem, "AT#SSLCFG?", "#SSLCFG", ssid)[:3] == [str(ssid), "1", str(pkt)], (
                f"telit-ssl-ug §4.6: SSId {ssid} reads back its own <pktSz> {pkt}"
            )
            assert ssls(modem, ssid)[:2] == [str(ssid), "1"], f"telit-ssl-ug §5.4.1: #SSLS={ssid} answers for {ssid}"
        finally:
            modem.command(f"AT#SSLEN={ssid},0")
