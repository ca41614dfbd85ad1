"""#SSLSECDATA: store, read and delete security data (telit-ssl-ug §4.4, §4.7.3, §4.7.4)."""

from __future__ import annotations

import pytest

from conformance.shared.pem import pem_lf
from conformance.telit.sockets import (
    BS,
    CA_CERT,
    CLIENT_CERT,
    CLIENT_KEY,
    CTRL_Z,
    DELETE,
    ESC,
    READ,
    STORE_NVM,
    STORE_RAM,
    configure,
    store,
)
from harness.checks import expect_cme_code, expect_ok, single
from harness.modem import Modem
from harness.profiles import Profile
from servers.pki import Pki

CLAUSE = "telit-ssl-ug §4.4"
pytestmark = [pytest.mark.spec("telit-ssl-ug", "4.4"), pytest.mark.erratum("TSU-17", "TSU-18")]


def read_back(modem: Modem, data_type: int) -> bytes:
    r = expect_ok(modem.command(f"AT#SSLSECDATA=1,{READ},{data_type}"), CLAUSE)
    fields = single(r, "#SSLSECDATA", CLAUSE)
    assert fields[:2] == ["1", str(data_type)], f"{CLAUSE}: read answered {r.describe()}"
    assert len(r.payloads) == 1 and int(fields[2]) == len(r.payloads[0]), f"{CLAUSE}: {r.describe()}"
    return r.payloads[0]


@pytest.mark.spec("telit-ssl-ug", "4.7.3.1")
@pytest.mark.parametrize("action", [STORE_NVM, STORE_RAM], ids=["nvm", "ram"])
def test_ca_certificate_pem_is_stored_and_read_back(
    modem: Modem, profile: Profile, pki: Pki, enabled: int, action: int
) -> None:
    pem = pem_lf(pki.roots["rsa"].pem)
    expect_ok(store(modem, profile, CA_CERT, pem, action=action), CLAUSE)
    assert read_back(modem, CA_CERT) == pem, f"{CLAUSE}: read (action 2) returns what was stored, Ctrl-Z excluded"


@pytest.mark.spec("telit-ssl-ug", "4.7.4.1")
def test_client_certificate_and_key_are_stored(modem: Modem, profile: Profile, pki: Pki, enabled: int) -> None:
    cred = pki.credentials["client"]
    expect_ok(store(modem, profile, CLIENT_CERT, pem_lf(cred.leaf_pem)), CLAUSE)
    assert read_back(modem, CLIENT_CERT) == pem_lf(cred.leaf_pem)
    key = pem_lf(cred.key_files.pkcs1_pem)
    # The key is never read back (errata TSU-18) and never recorded: a secret upload.
    expect_ok(store(modem, profile, CLIENT_KEY, key, secret=True), CLAUSE)


def test_delete_leaves_nothing_to_read(modem: Modem, profile: Profile, pki: Pki, enabled: int) -> None:
    expect_ok(store(modem, profile, CA_CERT, pem_lf(pki.roots["rsa"].pem)), CLAUSE)
    expect_ok(modem.command(f"AT#SSLSECDATA=1,{DELETE},{CA_CERT}"), CLAUSE)
    expect_ok(modem.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    expect_cme_code(modem.command(f"AT#SSLSECDATA=1,{READ},{CA_CERT}"), 837, "telit-ssl-ug §8.2 (errata TSU-16)")


def test_backspace_deletes_the_previous_byte(modem: Modem, profile: Profile, pki: Pki, enabled: int) -> None:
    # §4.4: "backspace and escape are interpreted as control characters and the corresponding action is
    # immediately executed" (PEM only).
    pem = pem_lf(pki.roots["rsa"].pem)
    cut = pem.index(b"\n") + 10
    typed = pem[:cut] + b"X" + BS + pem[cut:]
    r = modem.command(f"AT#SSLSECDATA=1,{STORE_NVM},{CA_CERT},{len(pem)}", data=typed + CTRL_Z)
    expect_ok(r, CLAUSE)
    assert read_back(modem, CA_CERT) == pem, f"{CLAUSE}: backspace must erase the byte before it"


def test_escape_abandons_the_store(modem: Modem, profile: Profile, pki: Pki, enabled: int) -> None:
    modem.command(f"AT#SSLSECDATA=1,{DELETE},{CA_CERT}")
    pem = pem_lf(pki.roots["rsa"].pem)
    modem.command(f"AT#SSLSECDATA=1,{STORE_NVM},{CA_CERT},{len(pem)}", data=pem[:40] + ESC)
    expect_ok(modem.command("AT+CMEE=1"), "telit-ssl-ug §8.2")
    expect_cme_code(modem.command(f"AT#SSLSECDATA=1,{READ},{CA_CERT}"), 837, f"{CLAUSE}: escape stores nothing")


@pytest.mark.spec("telit-ssl-ug", "4.7.3.2.1")
@pytest.mark.needs("cert_format")
def test_der_is_stored_by_exact_size(modem: Modem, profile: Profile, pki: Pki, enabled: int) -> None:
    der = pki.roots["rsa"].der.read_bytes()
    configure(modem, profile, auth=1, der=True)
    # DER is binary: 0x1A, BS and ESC are data (§4.4 "not interpreted as control characters").
    expect_ok(store(modem, profile, CA_CERT, der, der=True), "telit-ssl-ug §4.7.3.2.1")
    assert read_back(modem, CA_CERT) == der, "telit-ssl-ug §4.4: DER is stored byte for byte"
