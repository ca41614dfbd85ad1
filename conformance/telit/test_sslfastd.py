"""#SSLFASTD and <ClosureType> 1: resume a suspended session without a full handshake (telit-ssl-ug §5.3,
Tab. 3, §5.4.5). 2G only."""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve
from conformance.telit.sockets import dial, records_after_close
from harness.checks import expect_error, expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = [pytest.mark.spec("telit-ssl-ug", "5.3"), pytest.mark.erratum("TSU-23")]


@pytest.mark.spec("telit-ssl-ug", "5.4.5")
@pytest.mark.needs("seccfg_2g")
def test_fast_dial_resumes_the_session(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("resumption-tls1.2")
    r = dial(modem, server.config, mode=1, closure=1)
    expect_ok(r, "telit-ssl-ug §5 Tab. 3: <ClosureType> 1 on 2G")
    expect_ok(modem.command("AT#SSLH=1"), "telit-ssl-ug §5.2")
    r = modem.command("AT#SSLFASTD=1,1", timeout=30)
    expect_ok(r, "telit-ssl-ug §5.3")
    first, second = records_after_close(modem, server, 2)
    assert first.resumed is False and second.resumed is True, (
        "telit-ssl-ug §5.3: the fast dial restores the session 'avoiding full handshake'; "
        f"server saw resumed={first.resumed}, then resumed={second.resumed}"
    )


@pytest.mark.needs("seccfg_2g")
def test_closure_type_0_releases_the_session(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # The negative control: Tab. 3, <ClosureType> 0 "SSL session id and keys are released, therefore
    # #SSLFASTD command cannot be used to recover the last SSL session".
    server = serve("resumption-tls1.2")
    expect_ok(dial(modem, server.config, mode=1, closure=0), "telit-ssl-ug §5")
    expect_ok(modem.command("AT#SSLH=1,0"), "telit-ssl-ug §5.2")
    expect_error(modem.command("AT#SSLFASTD=1,1", timeout=30), "telit-ssl-ug §5 Tab. 3")


@pytest.mark.needs("seccfg_3g4g")
def test_fast_dial_is_absent_on_3g_4g(modem: Modem, profile: Profile, ready: None) -> None:
    r = modem.command("AT#SSLFASTD=1,0")
    assert r.final.kind is not ResultKind.CONNECT
    expect_error(r, "telit-ssl-ug §5 Tab. 3: '#SSLFASTD command is not supported'")


@pytest.mark.spec("telit-ssl-ug", "5.2")
@pytest.mark.spec("telit-ssl-ug", "5.4.5")
@pytest.mark.needs("seccfg_2g")
def test_sslh_closure_type_0_releases_a_kept_session(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5.2: #SSLH's <ClosureType> "enable/disable the capability to restore later the session, using the
    # #SSLFASTD command"; §5.4.5 ends with "AT#SSLH=1,0 ← force definitive closure"; Tab. 3, 0: "SSL session id
    # and keys are released, therefore #SSLFASTD command cannot be used to recover the last SSL session". So
    # #SSLH's own 0 releases the session that #SSLD's 1 would have kept.
    server = serve("resumption-tls1.2")
    expect_ok(dial(modem, server.config, mode=1, closure=1), "telit-ssl-ug §5 Tab. 3: <ClosureType> 1 on 2G")
    expect_ok(modem.command("AT#SSLH=1,0"), "telit-ssl-ug §5.2")
    expect_error(
        modem.command("AT#SSLFASTD=1,1", timeout=30),
        "telit-ssl-ug §5.2, §5.4.5: after #SSLH=1,0 ('force definitive closure') #SSLFASTD cannot recover the session",
    )
