"""#SSLH's <closureType> and #SSLFASTD in telit-gsm-ssl (§4.5.4)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.sockets import dial
from harness.checks import expect_error, expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from servers.pytest_plugin import ServerHandle

pytestmark = [pytest.mark.spec("telit-gsm-ssl", "4.5.4"), pytest.mark.spec("telit-gsm-ssl", "4.2.1")]
CLAUSE = "telit-gsm-ssl §4.5.4"


def suspended_with_closure_type_1(modem: Modem, serve: Serve) -> ServerHandle:
    """§4.5.4's opening: ``AT#SSLD=1,443,<server>,1,0`` (<closureType>=1, ONLINE mode), data, ``+++``."""
    server = serve("resumption-tls1.2")
    r = dial(modem, server.config, mode=0, closure=1)
    assert r.final.kind is ResultKind.CONNECT, f"{CLAUSE}: #SSLD with <closureType>=1 answers CONNECT; {r.describe()}"
    modem.write_online(b"bidirectional data exchange")
    assert modem.read_online(27, timeout=modem.waits.network(DIAL_TIMEOUT)) == b"bidirectional data exchange"
    assert modem.escape().ok, "telit-gsm-ssl §4.2.1: +++ suspends the connection with OK"
    return server


def test_sslh_closure_type_0_is_a_definitive_closure(modem: Modem, ready: None, serve: Serve) -> None:
    # §4.5.4 ends with "AT#SSLH=1,0 ← Force definitive closure": the <closureType> given to #SSLH overrides the 1 of
    # #SSLD, so no session is left for #SSLFASTD to reopen.
    suspended_with_closure_type_1(modem, serve)
    expect_ok(modem.command("AT#SSLH=1,0"), f"{CLAUSE}: 'AT#SSLH=1,0 ← Force definitive closure'")
    r = modem.command("AT#SSLFASTD=1,0", timeout=DIAL_TIMEOUT)
    assert r.final.kind is not ResultKind.CONNECT, (
        f"{CLAUSE}: after 'AT#SSLH=1,0 ← Force definitive closure' #SSLFASTD has no session to reopen; {r.describe()}"
    )
    expect_error(r, f"{CLAUSE}: #SSLFASTD after a definitive closure")


def test_sslh_without_closure_type_keeps_the_session(modem: Modem, ready: None, serve: Serve) -> None:
    # The negative control: §4.5.4's middle, "AT#SSLH=1" then "AT#SSLFASTD=1,0" and "more bidirectional data
    # exchange": without a <closureType> of its own, #SSLH keeps the session #SSLD's 1 asked for.
    suspended_with_closure_type_1(modem, serve)
    expect_ok(modem.command("AT#SSLH=1"), f"{CLAUSE}: AT#SSLH=1")
    r = modem.command("AT#SSLFASTD=1,0", timeout=DIAL_TIMEOUT)
    assert r.final.kind is ResultKind.CONNECT, f"{CLAUSE}: #SSLFASTD=1,0 reopens the session online; {r.describe()}"
    modem.write_online(b"more")
    got = modem.read_online(4, timeout=modem.waits.network(DIAL_TIMEOUT))
    assert got == b"more", f"{CLAUSE}: 'more bidirectional data exchange'"
    assert modem.escape().ok, "telit-gsm-ssl §4.2.1: +++ suspends the connection with OK"
    expect_ok(modem.command("AT#SSLH=1,0"), f"{CLAUSE}: 'AT#SSLH=1,0 ← Force definitive closure'")
