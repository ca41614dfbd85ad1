"""Each suite of the platform's §8.1 table, proposed with <CipherSuite> 0, completes a handshake with a
server that accepts only that suite (telit-ssl-ug §4.2.1/§4.2.2 "It is responsibility of the remote
server to select one of them", §8.1).

Suites the farm cannot serve (no backend here speaks them) are "not run" with the reason (the clause applies to
the module; the farm cannot check it): what the module offers for them is checked by test_cipher_offer.py.
Suites the embedded emulator cannot complete are its known deviations (vectors/expectations/emulator.toml).
"""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve, has_records, recorded
from conformance.telit.sockets import configure, dial, records_after_close, ssls, table
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.protocol import Backend
from servers.scenarios import by_id


def scenario_id(suite: str) -> str:
    return "suite-" + suite.lower().replace("_", "-")


def table_cases(profile: Profile) -> list[tuple[str, str]]:
    return [(suite, suite) for suite in table(profile)]


@pytest.mark.spec("telit-ssl-ug", "8.1")
@pytest.mark.spec("telit-ssl-ug", "8.1.1")
@pytest.mark.spec("telit-ssl-ug", "8.1.2")
@pytest.mark.spec("telit-ssl-ug", "8.1.3")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.profile_cases("suite", table_cases)
def test_table_suite_completes_a_handshake(
    modem: Modem, profile: Profile, ready: None, serve: Serve, suite: str
) -> None:
    scenario = by_id(scenario_id(suite))
    if scenario.backend is Backend.REFUSE:
        pytest.skip(f"not run: the farm cannot serve {suite}: {scenario.unservable}")  # the clause applies
    if scenario.srp is not None:
        pytest.skip(f"not run: {suite} needs SRP credentials, and no AT command of the documents sets them")
    server = serve(scenario.id)
    configure(modem, profile, cipher=0)
    r = dial(modem, server.config)
    # The module's answer is judged first; the server's record explains a refusal where the farm's records can
    # be read (locally, or through a lab farm's control endpoint), and confirms the suite.
    if has_records(server) and not r.ok:
        (record,) = records_after_close(modem, server)
        expect_ok(r, f"telit-ssl-ug §8.1: a server accepting only {suite}; {record.describe()}")
    expect_ok(r, f"telit-ssl-ug §8.1: a server accepting only {suite}")
    (record,) = records_after_close(modem, server)
    assert record.cipher == suite, f"telit-ssl-ug §8.1: negotiated {record.cipher}, not {suite}"


#: Suites the farm serves that no §8.1 table lists, most likely first.
OUTSIDE_EVERY_TABLE = ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")


@pytest.mark.spec("telit-ssl-ug", "4.2")
@pytest.mark.spec("telit-ssl-ug", "8.1")
def test_server_without_a_table_suite_makes_the_handshake_fail(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # §4.2: "If the remote server does not support one of the cipher suites provided by the module, the
    # handshake fails"; §5: "If for any reason the handshake fails ... an ERROR response message appears".
    # The control: test_table_suite_completes_a_handshake (a server accepting one suite of the table).
    suite = next(s for s in OUTSIDE_EVERY_TABLE if s not in table(profile))
    server = serve(scenario_id(suite))
    configure(modem, profile, cipher=0)
    expect_error(dial(modem, server.config), f"telit-ssl-ug §4.2: a server accepting only {suite}, outside §8.1")
    assert ssls(modem)[:2] == ["1", "1"], "telit-ssl-ug §5: a failed handshake leaves the socket closed"
    record = recorded(server).wait_for(1)[0]
    assert not record.handshake_done, f"telit-ssl-ug §4.2: no suite in common, no handshake; {record.describe()}"


@pytest.mark.spec("telit-ssl-ug", "3")
@pytest.mark.needs("sslseccfg2")
@pytest.mark.parametrize("version", [1, 3], ids=["tls1.0-refused", "tls1.2-control"])
def test_version_setting_bounds_the_handshake(
    modem: Modem, profile: Profile, ready: None, serve: Serve, version: int
) -> None:
    # Tab. 1: <version> "selects the SSL/TLS protocol version": TLS 1.0 (1) against a server that speaks only
    # TLS 1.2 fails; TLS 1.2 (3), the control, completes with the same server.
    server = serve("version-tls1.2")
    expect_ok(modem.command(f"AT#SSLSECCFG2=1,{version}"), "telit-ssl-ug §3 Tab. 1")
    r = dial(modem, server.config)
    if version == 3:
        expect_ok(r, "telit-ssl-ug §3 Tab. 1: <version> 3 (TLS 1.2) reaches a TLS 1.2 server")
    else:
        expect_error(r, "telit-ssl-ug §3 Tab. 1: <version> 1 (TLS 1.0) cannot reach a TLS 1.2-only server")


@pytest.mark.spec("telit-ssl-ug", "3")
@pytest.mark.needs("seccfg_2g")
@pytest.mark.erratum("TSU-21", "TSU-31")
def test_2g_reaches_a_tls_1_0_server(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §3 warning: "2G modules ... proposes its default protocol to the server. If the server does not support
    # the protocol, automatically proposes TLS v1.1, or TLS1.0": a TLS 1.0-only server is reached, and the
    # ClientHellos the server saw (one, or one per attempt) never go up again.
    server = serve("version-tls1.0")
    expect_ok(dial(modem, server.config), "telit-ssl-ug §3 warning: a 2G module reaches a TLS 1.0 server")
    records = records_after_close(modem, server)
    done = [r for r in recorded(server).records if r.handshake_done]
    assert done and done[-1].version == "TLSv1", f"telit-ssl-ug §3: TLS 1.0 negotiated; {records[0].describe()}"
    hellos = [r.client_hello for r in recorded(server).records if r.client_hello is not None]
    highest = [max((h.legacy_version, *h.supported_versions)) for h in hellos]
    assert highest == sorted(highest, reverse=True), f"telit-ssl-ug §3: the fallback goes down only: {highest}"


#: Two suites of both 3G/4G tables (§8.1.2, §8.1.3): one marked for every protocol, one for TLS 1.2 only.
EVERY_PROTOCOL, TLS_1_2_ONLY = "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA256"


@pytest.mark.spec("telit-ssl-ug", "8.1.2")
@pytest.mark.spec("telit-ssl-ug", "8.1.3")
@pytest.mark.needs("sslseccfg2")
@pytest.mark.parametrize("suite", [EVERY_PROTOCOL, TLS_1_2_ONLY], ids=["every-protocol", "tls1.2-only"])
def test_protocol_columns_under_tls_1_0(modem: Modem, profile: Profile, ready: None, serve: Serve, suite: str) -> None:
    # §8.1.2 / §8.1.3 "the cipher suites supported by the protocols": with <version> 1 (TLS 1.0, Tab. 1), a
    # suite marked under TLS v1.0 completes a handshake, one marked under TLS 1.2 only cannot.
    assert suite in table(profile), f"{suite} is in the §8.1 table of platform {profile.platform}"
    server = serve(scenario_id(suite))
    expect_ok(modem.command("AT#SSLSECCFG2=1,1"), "telit-ssl-ug §3 Tab. 1")
    configure(modem, profile, cipher=0)
    r = dial(modem, server.config)
    if suite == EVERY_PROTOCOL:
        expect_ok(r, f"telit-ssl-ug §8.1: {suite} is marked under TLS v1.0")
        (record,) = records_after_close(modem, server)
        assert (record.version, record.cipher) == ("TLSv1", suite), f"telit-ssl-ug §8.1: {record.describe()}"
    else:
        expect_error(r, f"telit-ssl-ug §8.1: {suite} is marked under TLS 1.2 only; <version> 1 is TLS 1.0")
