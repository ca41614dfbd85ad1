"""#SSLD: open a secure socket, in COMMAND and ONLINE mode, with each authentication mode against the
farm (telit-ssl-ug §5, §4.2.1/§4.2.2 <auth_mode>, §8.2)."""

from __future__ import annotations

import ipaddress

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import Serve, recorded
from conformance.telit.sockets import (
    CA_CERT,
    CLIENT_CERT,
    CLIENT_KEY,
    STORE_RAM,
    configure,
    dial,
    records_after_close,
    ssls,
    store,
)
from harness.checks import expect_cme_code, expect_error, expect_ok
from harness.events import ResultKind
from harness.modem import Modem
from harness.plugin.fixtures import Observe
from harness.profiles import Profile
from servers.pki import Pki

CLAUSE = "telit-ssl-ug §5"
# errata TSU-36: the certificates and keys of these tests are stored in RAM, and 837 is provoked by a delete.
pytestmark = [pytest.mark.spec("telit-ssl-ug", "5"), pytest.mark.erratum("TSU-36")]


def in_ram(modem: Modem, profile: Profile, data_type: int, data: bytes, *, secret: bool = False) -> None:
    """#SSLSECDATA <Action> 3, "store security data in RAM" (§4.4): what one connection needs, without writing
    the module's NVM (errata TSU-36)."""
    expect_ok(store(modem, profile, data_type, data, action=STORE_RAM, secret=secret), "telit-ssl-ug §4.4 <Action> 3")


def test_command_mode_answers_ok_and_completes_a_handshake(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    server = serve("valid")
    assert ssls(modem)[:2] == ["1", "1"], "telit-ssl-ug §5.4.1: before #SSLD the socket is closed (#SSLS: 1,1)"
    expect_ok(dial(modem, server.config, mode=1), f"{CLAUSE} <connMode> 1")
    assert ssls(modem)[:2] == ["1", "2"], "telit-ssl-ug §5.4.1: after #SSLD the socket is open (#SSLS: 1,2,...)"
    (record,) = records_after_close(modem, server)
    assert record.handshake_done, f"{CLAUSE}: the server saw no completed handshake: {record.describe()}"


def test_online_mode_answers_connect(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    r = dial(modem, server.config, mode=0)
    assert r.final.kind is ResultKind.CONNECT, f"{CLAUSE} <connMode> 0: expected CONNECT, got {r.describe()}"
    assert modem.escape().ok, "telit-ssl-ug §5.1.1: +++ suspends with OK"
    (record,) = records_after_close(modem, server)
    assert record.handshake_done, record.describe()


@pytest.mark.spec("telit-ssl-ug", "8.2")
@pytest.mark.erratum("TSU-16")
def test_dial_on_a_connected_socket_is_834(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    expect_ok(dial(modem, server.config), CLAUSE)
    expect_ok(modem.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    expect_cme_code(dial(modem, server.config), 834, "telit-ssl-ug §8.2 (SSL already connected)")


@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "8.2")
@pytest.mark.erratum("TSU-16")
def test_dial_before_sslen_is_836(modem: Modem, profile: Profile, serve: Serve) -> None:
    server = serve("valid")
    modem.command("AT#SSLEN=1,0")
    expect_ok(modem.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    expect_cme_code(dial(modem, server.config), 836, "telit-ssl-ug §4.1 (SSL not activated)")
    assert recorded(server).records == (), f"{CLAUSE}: nothing may reach the server before #SSLEN"


@pytest.mark.spec("telit-ssl-ug", "8.2")
@pytest.mark.erratum("TSU-16")
def test_server_authentication_without_a_stored_ca_is_837(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    server = serve("valid")
    modem.command(f"AT#SSLSECDATA=1,0,{CA_CERT}")
    configure(modem, profile, auth=1)
    expect_ok(modem.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    expect_cme_code(dial(modem, server.config), 837, "telit-ssl-ug §8.2 (SSL certs and keys wrong or not stored)")


@pytest.mark.spec("telit-ssl-ug", "8.2")
@pytest.mark.erratum("TSU-16")
def test_refused_handshake_is_error_839(modem: Modem, profile: Profile, pki: Pki, ready: None, serve: Serve) -> None:
    server = serve("expired-leaf")
    in_ram(modem, profile, CA_CERT, pem_lf(server.config.ca.pem))
    configure(modem, profile, auth=1)
    expect_ok(modem.command("AT+CMEE=0"), "telit-ssl-ug §8.2")
    r = dial(modem, server.config)
    assert r.final.kind is ResultKind.ERROR, f"{CLAUSE}: a failed handshake answers ERROR; {r.describe()}"
    expect_ok(modem.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    expect_cme_code(dial(modem, server.config), 839, "telit-ssl-ug §8.2 (SSL error during handshake)")
    assert ssls(modem)[:2] == ["1", "1"], "telit-ssl-ug §5: a refused handshake leaves the socket closed"


@pytest.mark.spec("telit-ssl-ug", "5.4.1")
def test_dial_by_numeric_address(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §5 <IPAddress>: "string containing an IP or hostname"; every example dials "123.124.125.126". The ip-san
    # scenario is reached by its IP address (its negative control: test_unreachable_server_is_error).
    server = serve("ip-san")
    assert ipaddress.ip_address(server.config.host), f"ip-san is dialled by address, not {server.config.host!r}"
    expect_ok(dial(modem, server.config), f"{CLAUSE}: #SSLD to the numeric address {server.config.host}")
    (record,) = records_after_close(modem, server)
    assert record.handshake_done, f"{CLAUSE}: the server saw no completed handshake: {record.describe()}"


def test_unreachable_server_is_error(modem: Modem, profile: Profile, ready: None) -> None:
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    r = modem.command('AT#SSLD=1,1,"127.0.0.1",0,1', timeout=30)
    expect_error(r, f"{CLAUSE}: 'if for any reason the handshake fails ... an ERROR response message appears'")
    assert ssls(modem)[:2] == ["1", "1"]


@pytest.mark.needs("seccfg_3g4g")
def test_closure_type_1_is_refused_on_3g_4g(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # Tab. 3: platforms 12, 20, 23: "Zero is the only allowed value".
    server = serve("valid")
    expect_error(dial(modem, server.config, closure=1), "telit-ssl-ug §5 Tab. 3")
    assert recorded(server).records == (), "telit-ssl-ug §5 Tab. 3: a refused <ClosureType> must not dial"


# ------------------------------------------------------------------ authentication modes
CHAIN_SCENARIOS = {
    # scenario: accepted by <auth_mode> 1 with the scenario's root stored (the catalog's verifying verdict)
    "valid": True,
    "valid-root-sent": True,
    "expired-leaf": False,
    "not-yet-valid-leaf": False,
    "untrusted-root": False,
    "self-signed": False,
    "incomplete-chain": False,
    "expired-intermediate": False,
    # §4.5: "If the root CA certificate is expired, the module (client) detects the certificate expiration
    # when it tries to perform the connection, and an error message is returned"; the stored root is the
    # scenario's own, so only its dates are wrong ("valid" is the control: the same chain shape, a valid root).
    "expired-root": False,
    "not-yet-valid-root": False,
}


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.parametrize("scenario", sorted(CHAIN_SCENARIOS))
def test_auth_mode_0_accepts_any_server(
    modem: Modem, profile: Profile, ready: None, serve: Serve, scenario: str
) -> None:
    # §4.2.1/§4.2.2 <auth_mode> 0: "SSL verify none: no authentication, no security data is needed".
    server = serve(scenario)
    configure(modem, profile, auth=0)
    expect_ok(dial(modem, server.config), f"telit-ssl-ug §4.2.2 <auth_mode> 0 against {scenario}")
    (record,) = records_after_close(modem, server)
    assert record.handshake_done, record.describe()


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.5")
@pytest.mark.parametrize("scenario", sorted(CHAIN_SCENARIOS))
def test_auth_mode_1_verifies_against_the_stored_ca(
    modem: Modem, profile: Profile, ready: None, serve: Serve, scenario: str
) -> None:
    server = serve(scenario)
    in_ram(modem, profile, CA_CERT, pem_lf(server.config.ca.pem))
    configure(modem, profile, auth=1)
    r = dial(modem, server.config)
    if CHAIN_SCENARIOS[scenario]:
        expect_ok(r, f"telit-ssl-ug §4.2.2 <auth_mode> 1 must accept {scenario}")
    else:
        expect_error(r, f"telit-ssl-ug §4.2.2 <auth_mode> 1 must refuse {scenario}")
        assert ssls(modem)[:2] == ["1", "1"]


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.erratum("TSU-24")
def test_host_name_checking_is_observed(
    modem: Modem, profile: Profile, ready: None, serve: Serve, observe: Observe
) -> None:
    server = serve("wrong-host")
    in_ram(modem, profile, CA_CERT, pem_lf(server.config.ca.pem))
    configure(modem, profile, auth=1)
    r = dial(modem, server.config)
    # Not a verdict (errata TSU-24): the documents do not say whether the name is checked.
    observe(
        f"auth mode 1, certificate for another host name: {'accepted' if r.ok else 'refused'} ({r.final.text})",
        instead_of_verdict=True,
    )


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.7.4.1")
def test_auth_mode_2_presents_the_client_certificate(
    modem: Modem, profile: Profile, pki: Pki, ready: None, serve: Serve
) -> None:
    server = serve("client-cert-required")
    # The credential the scenario's server trusts: the farm's own (a lab farm has its own PKI), else the PKI's.
    cert = server.config.client_cert or pki.credentials["client"].leaf_files
    key = server.config.client_key or pki.credentials["client"].key_files
    assert key.pkcs1_pem is not None, "the farm's client key is RSA (<DataType> 2 is an RSA private key)"
    in_ram(modem, profile, CA_CERT, pem_lf(server.config.ca.pem))
    in_ram(modem, profile, CLIENT_CERT, pem_lf(cert.pem))
    in_ram(modem, profile, CLIENT_KEY, pem_lf(key.pkcs1_pem), secret=True)
    configure(modem, profile, auth=2)
    expect_ok(dial(modem, server.config), "telit-ssl-ug §4.2.2 <auth_mode> 2")
    (record,) = records_after_close(modem, server)
    assert record.client_chain and record.client_chain[0] == cert.der.read_bytes(), (
        f"telit-ssl-ug §4.2.2: the server must receive the stored client certificate; {record.describe()}"
    )


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_auth_mode_1_does_not_present_a_client_certificate(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # The negative control of mode 2: a server that requires a client certificate refuses mode 1.
    server = serve("client-cert-required")
    in_ram(modem, profile, CA_CERT, pem_lf(server.config.ca.pem))
    configure(modem, profile, auth=1)
    expect_error(dial(modem, server.config), "telit-ssl-ug §4.2.2 <auth_mode> 1 sends no client certificate")
    record = recorded(server).wait_for(1)[0]
    assert not record.client_chain, record.describe()
