"""#SSLSECDATA: store, read and delete security data (telit-ssl-ug §4.4, §4.7.3, §4.7.4)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import Serve
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
    dial,
    store,
)
from harness.checks import expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile
from servers.pki import Pki

CLAUSE = "telit-ssl-ug §4.4"
pytestmark = [pytest.mark.spec("telit-ssl-ug", "4.4"), pytest.mark.erratum("TSU-17", "TSU-18", "TSU-34")]


def read_answer(modem: Modem, data_type: int, observe: Callable[[str], None] | None = None) -> Response:
    """#SSLSECDATA read (<Action> 2). Its answer's form is not printed (errata TSU-18, TSU-34): recorded as an
    observation, never judged."""
    r = modem.command(f"AT#SSLSECDATA=1,{READ},{data_type}")
    if observe is not None:
        observe(f"#SSLSECDATA read of <DataType> {data_type}: {r.describe()[:200]}")
    return r


def holds(r: Response, data: bytes) -> bool:
    """The read answer ``r`` shows ``data``: the bytes themselves (a length-prefixed payload), or, for PEM, each of
    its lines among the answer's lines (errata TSU-34)."""
    shown = b"".join(r.payloads) + b"\n".join(line.encode("latin-1") for line in r.lines)
    if data in shown:
        return True
    lines = [line for line in data.split(b"\n") if line]
    return bool(lines) and not data.startswith(b"\x30") and all(line in shown for line in lines)


def read_back(modem: Modem, data_type: int, data: bytes, observe: Callable[[str], None]) -> None:
    """Read ``data_type`` back: OK, and ``data`` in the answer (§4.4 "store, read, and delete security data")."""
    r = expect_ok(read_answer(modem, data_type, observe), CLAUSE)
    assert holds(r, data), f"{CLAUSE}: read (action 2) shows what was stored, Ctrl-Z excluded; {r.describe()[:300]}"


@pytest.mark.spec("telit-ssl-ug", "4.7.3.1")
@pytest.mark.parametrize("action", [STORE_NVM, STORE_RAM], ids=["nvm", "ram"])
def test_ca_certificate_pem_is_stored_and_read_back(
    modem: Modem, profile: Profile, pki: Pki, enabled: int, action: int, observe: Callable[[str], None]
) -> None:
    pem = pem_lf(pki.roots["rsa"].pem)
    expect_ok(store(modem, profile, CA_CERT, pem, action=action), CLAUSE)
    read_back(modem, CA_CERT, pem, observe)


@pytest.mark.spec("telit-ssl-ug", "4.7.4.1")
def test_client_certificate_and_key_are_stored(
    modem: Modem, profile: Profile, pki: Pki, enabled: int, observe: Callable[[str], None]
) -> None:
    cred = pki.credentials["client"]
    expect_ok(store(modem, profile, CLIENT_CERT, pem_lf(cred.leaf_pem)), CLAUSE)
    read_back(modem, CLIENT_CERT, pem_lf(cred.leaf_pem), observe)
    key = pem_lf(cred.key_files.pkcs1_pem)
    # The key is never read back (errata TSU-18) and never recorded: a secret upload.
    expect_ok(store(modem, profile, CLIENT_KEY, key, secret=True), CLAUSE)


def test_delete_leaves_nothing_to_read(
    modem: Modem, profile: Profile, pki: Pki, enabled: int, observe: Callable[[str], None]
) -> None:
    pem = pem_lf(pki.roots["rsa"].pem)
    expect_ok(store(modem, profile, CA_CERT, pem), CLAUSE)
    expect_ok(modem.command(f"AT#SSLSECDATA=1,{DELETE},{CA_CERT}"), CLAUSE)
    # errata TSU-34: how a read of an empty slot answers is not printed (an error, or nothing): the deleted
    # certificate must not be in it.
    r = read_answer(modem, CA_CERT, observe)
    assert not holds(r, pem), f"{CLAUSE}: <Action> 0 deletes: the read no longer shows the certificate; {r.describe()}"


def test_backspace_deletes_the_previous_byte(
    modem: Modem, profile: Profile, pki: Pki, enabled: int, observe: Callable[[str], None]
) -> None:
    # §4.4: "backspace and escape are interpreted as control characters and the corresponding action is
    # immediately executed" (PEM only).
    pem = pem_lf(pki.roots["rsa"].pem)
    cut = pem.index(b"\n") + 10
    typed = pem[:cut] + b"X" + BS + pem[cut:]
    r = modem.command(f"AT#SSLSECDATA=1,{STORE_NVM},{CA_CERT},{len(pem)}", data=typed + CTRL_Z)
    expect_ok(r, CLAUSE)
    read_back(modem, CA_CERT, pem, observe)  # backspace erased the X before it


@pytest.mark.erratum("TSU-36")
def test_backspace_in_a_ram_store_deletes_the_previous_byte(
    modem: Modem, profile: Profile, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    # The same clause, stored in RAM (<Action> 3, §4.4 "stored in NVM or RAM"): no NVM permission needed (errata
    # TSU-36), so it runs on a real module as well. Judged by what the stored root does, not by a read (<Action> 2
    # reads from NVM): with the X erased the farm's root authenticates its server under <auth_mode> 1.
    server = serve("valid")
    pem = pem_lf(server.config.ca.pem)
    cut = pem.index(b"\n") + 10
    typed = pem[:cut] + b"X" + BS + pem[cut:]
    line = f"AT#SSLSECDATA=1,{STORE_RAM},{CA_CERT}"
    expect_ok(modem.command(f"{line},{len(pem)}", data=typed + CTRL_Z), CLAUSE)
    configure(modem, profile, auth=1)
    expect_ok(dial(modem, server.config), f"{CLAUSE}: backspace erased the X, the stored root authenticates")
    expect_ok(modem.command("AT#SSLH=1"), "telit-ssl-ug §5.2")
    # The negative control: the X kept (no backspace), the stored bytes are no certificate: no authentication.
    # Whether a store checks what it is given is not said: a refusal there is an observation, not a verdict.
    stored = modem.command(f"{line},{len(pem) + 1}", data=pem[:cut] + b"X" + pem[cut:] + CTRL_Z)
    try:
        if not stored.ok:
            observe(f"#SSLSECDATA <Action> 3 of a corrupted root (one byte more, no backspace): {stored.describe()}")
            return
        r = dial(modem, server.config)
        assert not r.ok, f"{CLAUSE}: a root corrupted by one byte cannot authenticate the server; {r.describe()}"
    finally:
        modem.command("AT#SSLH=1")  # whatever the dial did
        modem.command(f"{line},{len(pem)}", data=pem + CTRL_Z)  # no corrupt root left in force for later tests


def test_escape_abandons_the_store(
    modem: Modem, profile: Profile, pki: Pki, enabled: int, observe: Callable[[str], None]
) -> None:
    modem.command(f"AT#SSLSECDATA=1,{DELETE},{CA_CERT}")
    pem = pem_lf(pki.roots["rsa"].pem)
    modem.command(f"AT#SSLSECDATA=1,{STORE_NVM},{CA_CERT},{len(pem)}", data=pem[:40] + ESC)
    r = read_answer(modem, CA_CERT, observe)
    assert not holds(r, pem[:40]), f"{CLAUSE}: escape stores nothing; {r.describe()}"


@pytest.mark.spec("telit-ssl-ug", "4.7.3.2.1")
@pytest.mark.needs("cert_format")
def test_der_is_stored_by_exact_size(
    modem: Modem, profile: Profile, pki: Pki, enabled: int, observe: Callable[[str], None]
) -> None:
    der = pki.roots["rsa"].der.read_bytes()
    configure(modem, profile, auth=1, der=True)
    # DER is binary: 0x1A, BS and ESC are data (§4.4 "not interpreted as control characters").
    expect_ok(store(modem, profile, CA_CERT, der, der=True), "telit-ssl-ug §4.7.3.2.1")
    read_back(modem, CA_CERT, der, observe)  # §4.4: DER is stored byte for byte
