"""What the module offers and checks in its handshake, seen from the server (D22-D24)."""

from __future__ import annotations

import pytest

from emulator.profiles import get_profile
from emulator.telit.ciphers import Table, offer, table_suites
from emulator.tls.suites import CODES, COMPLETABLE, NAMES
from servers.pki import Pki
from servers.recorder import Outcome
from servers.scenarios import ClientAuth, by_id
from tests.emulator.conftest import ModuleFactory, cme, ok
from tests.emulator.telit_net import dial, escape, last, prepare, scenario, serve, store_file

OPEN_ECHO = scenario("any-version-echo")
HANDSHAKE_ERROR = cme("SSL error during handshake")


@pytest.mark.parametrize(("profile_name", "cipher", "version", "wire_version"), [
    ("telit/he910", 0, 3, (3, 3)),
    ("telit/he910", 0, 1, (3, 1)),
    ("telit/le910-v2", 2, 2, (3, 2)),
    ("telit/le866", 0, 3, (3, 3)),
    ("telit/le866", 5, 1, (3, 1)),
    ("telit/ge910", 0, None, (3, 3)),
    ("telit/ge865", 6, None, (3, 3)),
    ("telit-gsm/gc864", 1, None, (3, 1)),
])
def test_client_hello_offers_the_table(make_module: ModuleFactory, pki: Pki, profile_name: str,
                                       cipher: int, version: int | None,
                                       wire_version: tuple[int, int]) -> None:
    """D23: exactly the platform's suites for <CipherSuite> and <version>, in table order."""
    _, (dte,) = make_module(profile_name)
    prepare(dte, pki, cipher=cipher, gsm=profile_name.startswith("telit-gsm"))
    if version is not None:
        assert dte.at(f"AT#SSLSECCFG2=1,{version}") == ok()
    with serve(pki, OPEN_ECHO) as endpoint:
        dte.at(f'AT#SSLD=1,{endpoint.config.port},"localhost",0,1')
        dte.at("AT#SSLH=1")
        record = last(endpoint)
    hello = record.client_hello
    assert hello is not None
    expected = offer(get_profile(profile_name), cipher, version)
    assert hello.cipher_suites == expected.suites
    assert hello.legacy_version == wire_version


def test_ssl3_on_platform_20(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/le910-v2")
    prepare(dte, pki)
    dte.at("AT#SSLSECCFG2=1,0")
    with serve(pki, "version-ssl3") as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        assert dte.at("AT#SSLH=1") == ok()
        assert last(endpoint).version == "SSLv3"


def test_a_suite_the_emulator_cannot_complete_fails_cleanly(make_module: ModuleFactory,
                                                            pki: Pki) -> None:
    """D23: offered (platform 23), picked by the server, then a clean 839."""
    _, (dte,) = make_module("telit/le866")
    prepare(dte, pki)
    dte.at("AT#SSLSECCFG2=1,3")
    with serve(pki, "suite-tls-dhe-rsa-with-camellia-128-cbc-sha") as endpoint:
        assert dial(dte, endpoint, mode=1) == HANDSHAKE_ERROR
        record = last(endpoint)
    assert record.client_hello is not None
    assert CODES["TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA"] in record.client_hello.cipher_suites
    assert not record.handshake_done
    assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,1")


@pytest.mark.parametrize(("scenario_id", "accepted"), [
    ("valid", True), ("valid-root-sent", True), ("wrong-host", True),  # D24: no host-name check
    ("expired-leaf", False), ("not-yet-valid-leaf", False), ("expired-intermediate", False),
    ("untrusted-root", False), ("self-signed", False), ("incomplete-chain", False),
])
def test_auth_mode_1(make_module: ModuleFactory, pki: Pki, scenario_id: str, accepted: bool) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, auth=1)
    with serve(pki, scenario_id) as endpoint:
        answer = dial(dte, endpoint, mode=1)
        assert answer == (ok() if accepted else HANDSHAKE_ERROR)
        if accepted:
            dte.at("AT#SSLH=1")
        record = last(endpoint)
    assert record.handshake_done is accepted


def test_auth_mode_0_accepts_anything(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, auth=0)
    with serve(pki, "self-signed") as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        dte.at("AT#SSLH=1")


def test_der_ca_verifies(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki)
    der = pki.roots["rsa"].der.read_bytes()
    assert dte.at("AT#SSLSECCFG=1,0,1,0") == ok()
    assert dte.at(f"AT#SSLSECDATA=1,1,1,{len(der)}") == b"\r\n> "
    assert dte.send(der) == ok()
    with serve(pki, "valid") as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        dte.at("AT#SSLH=1")


@pytest.mark.parametrize("profile_name", ["telit/he910", "telit/ge910"])
def test_auth_mode_2_presents_the_client_certificate(make_module: ModuleFactory, pki: Pki,
                                                     profile_name: str) -> None:
    _, (dte,) = make_module(profile_name)
    prepare(dte, pki, auth=2)
    required = scenario("client-required", client_auth=ClientAuth.REQUIRED)
    with serve(pki, required) as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        dte.at("AT#SSLH=1")
        record = last(endpoint)
    client_leaf = pki.credentials["client"].leaf_files.der.read_bytes()
    assert record.client_chain[:1] == (client_leaf,)


def test_auth_mode_2_needs_every_item(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, auth=1)
    dte.at("AT#SSLSECCFG=1,0,2")
    store_file(dte, 1, 0, pki.credentials["client"].leaf_files.pem)
    with serve(pki, "valid") as endpoint:
        assert dial(dte, endpoint, mode=1) == cme("SSL certs and keys wrong or not stored")


def test_fastd_resumes_the_session(make_module: ModuleFactory, pki: Pki) -> None:
    """§5.4.5 / D22: #SSLD <ClosureType> 1, #SSLH, #SSLFASTD: an abbreviated handshake."""
    _, (dte,) = make_module("telit/ge910")
    prepare(dte, pki)
    with serve(pki, scenario("resume-tls10")) as endpoint:
        assert dial(dte, endpoint, closure=1) == b"\r\nCONNECT\r\n"
        escape(dte)
        assert dte.at("AT#SSLH=1") == ok()
        assert dte.at("AT#SSLFASTD=1,0") == b"\r\nCONNECT\r\n"
        escape(dte)
        assert dte.at("AT#SSLH=1,0") == ok()  # definitive closure: nothing to resume now
        assert dte.at("AT#SSLFASTD=1,1") == cme("SSL generic error")
        records = endpoint.recorder.wait_for(2)
    assert [r.resumed for r in records] == [False, True]
    assert records[0].outcome is Outcome.COMPLETED


def test_closure_type_0_keeps_nothing(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/ge910")
    prepare(dte, pki)
    with serve(pki, scenario("no-resume-tls10")) as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        assert dte.at("AT#SSLH=1") == ok()
        assert dte.at("AT#SSLFASTD=1") == cme("SSL generic error")
        assert dte.at("AT#SSLD=1,1,\"localhost\",0,1") != ok()  # nothing listens on port 1
        last(endpoint)


@pytest.mark.timeout(40)
@pytest.mark.parametrize(("profile_name", "table"), [
    ("telit/le866", Table.PLATFORM_23), ("telit/he910", Table.THREE_FOUR_G),
])
def test_every_table_suite_against_its_own_server(make_module: ModuleFactory, pki: Pki,
                                                  profile_name: str, table: Table) -> None:
    """D23 sweep: <CipherSuite> 0 at TLS 1.2 against one-suite servers. A suite the emulator
    can complete connects; the others (emulator deviations) fail with 839, never silently."""
    _, (dte,) = make_module(profile_name)
    prepare(dte, pki)
    dte.at("AT#SSLSECCFG2=1,3")
    served = 0
    for suite in table_suites(table, 3):
        try:
            chosen = by_id("suite-" + NAMES[suite].lower().replace("_", "-"))
        except KeyError:
            continue  # no server of the farm serves it (DES, EXPORT, the SCSV): offered only
        with serve(pki, chosen) as endpoint:
            answer = dial(dte, endpoint, mode=1)
            if suite in COMPLETABLE:
                assert answer == ok(), NAMES[suite]
                assert dte.at("AT#SSLH=1") == ok()
                assert last(endpoint).cipher == NAMES[suite]
            else:
                assert answer == HANDSHAKE_ERROR, NAMES[suite]
                assert not last(endpoint).handshake_done
        served += 1
    assert served >= 12
