"""+GTSSLFILE: load certificates and keys through the ``>`` prompt, count them, refuse what the document
excludes (fibocom-l610-ssl §1.1.2, §1.1.4; errata FIB-04, FIB-12)."""

from __future__ import annotations

import time

import pytest

from conformance.fibocom_l610.common import COMMANDS, DOC, FILE_LEN, INPUT_TIMEOUT, file_counts, upload
from conformance.shared.pem import pem_lf
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from servers.pki import Pki

pytestmark = pytest.mark.spec(DOC, "1.1.2")
TYPES: list[str] = COMMANDS["gtsslfile"]["file_types"]
MAX_TRUST = int(COMMANDS["gtsslfile"]["max_files"]["TRUSTFILE"])


def root(pki: Pki, name: str = "rsa") -> bytes:
    """A root certificate of the farm as +GTSSLFILE takes it (PEM, LF line ends; errata FIB-04)."""
    return pem_lf(pki.roots[name].pem)


@pytest.mark.needs("fresh_power_on")
@pytest.mark.spec(DOC, "1.1.4")
def test_read_form_counts_nothing_at_power_on(modem: Modem) -> None:
    # §1.1.2 e.g. "+GTSSLFILE: CERTFILE,0 / KEYFILE,0 / TRUSTFILE,1"; §1.1.4 Note: lost at power-down.
    assert file_counts(modem) == dict.fromkeys(TYPES, 0), f"{DOC} §1.1.2: one line per <file_type>, all 0"


def test_test_form_names_the_types_and_length(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+GTSSLFILE=?"), f"{DOC} §1.1.2")
    text = " ".join(line for line in r.lines if line.startswith("+GTSSLFILE:"))
    missing = [t for t in TYPES if t not in text] + [str(b) for b in FILE_LEN if str(b) not in text]
    assert text and not missing, f"{DOC} §1.1.2 'the type and length': {missing} missing from {r.describe()}"


@pytest.mark.spec(DOC, "1.1.4")
@pytest.mark.erratum("FIB-04")
def test_trustfile_loads_through_the_prompt(modem: Modem, pki: Pki) -> None:
    # Negative control of the count: the read form before the load is compared with it after.
    before = file_counts(modem)["TRUSTFILE"]
    r = expect_ok(upload(modem, "TRUSTFILE", root(pki)), f"{DOC} §1.1.2")
    assert r.prompted, f"{DOC} §1.1.4 Note: the module asks for the file with '>'; {r.describe()}"
    assert file_counts(modem)["TRUSTFILE"] == before + 1, f"{DOC} §1.1.2: the read form counts the new TRUSTFILE"


@pytest.mark.needs("fresh_power_on")
@pytest.mark.spec(DOC, "1.1.4")
@pytest.mark.erratum("FIB-04")
def test_certfile_and_keyfile_count_one_each(modem: Modem, pki: Pki) -> None:
    client = pki.credentials["client"]
    key = client.key_files.pkcs1_pem or client.key_files.pkcs8_pem
    expect_ok(upload(modem, "CERTFILE", pem_lf(client.leaf_files.pem)), f"{DOC} §1.1.2 CERTFILE")
    assert file_counts(modem)["KEYFILE"] == 0, f"{DOC} §1.1.2: a CERTFILE is not counted as a KEYFILE"
    expect_ok(upload(modem, "KEYFILE", pem_lf(key), secret=True), f"{DOC} §1.1.2 KEYFILE")
    counts = file_counts(modem)
    assert (counts["CERTFILE"], counts["KEYFILE"]) == (1, 1), f"{DOC} §1.1.2 'at most 1': {counts}"


@pytest.mark.spec(DOC, "1.1.4")
@pytest.mark.parametrize("length", [FILE_LEN[0] - 1, FILE_LEN[1] + 1], ids=["below", "above"])
def test_length_outside_4_to_8192_is_refused(modem: Modem, pki: Pki, length: int) -> None:
    good = root(pki)
    body = (good * (length // len(good) + 1))[:length]
    before = file_counts(modem)
    expect_error(upload(modem, "TRUSTFILE", body), f"{DOC} §1.1.4: <file_len> {length} is outside 4-8192")
    assert file_counts(modem) == before, f"{DOC} §1.1.4 (errata FIB-12): nothing is loaded"
    # Negative control: the same file at its own length, inside the range, loads.
    expect_ok(upload(modem, "TRUSTFILE", good), f"{DOC} §1.1.4: {len(good)} bytes is inside 4-8192")


def test_unknown_file_type_is_refused(modem: Modem, pki: Pki) -> None:
    before = file_counts(modem)
    expect_error(upload(modem, "ROOTFILE", root(pki)), f"{DOC} §1.1.4: <file_type> is one of {TYPES}")
    assert file_counts(modem) == before, f"{DOC} §1.1.4 (errata FIB-12): nothing is loaded, nothing lost"
    expect_ok(upload(modem, "TRUSTFILE", root(pki)), f"{DOC} §1.1.4 (negative control: a listed <file_type>)")


@pytest.mark.spec(DOC, "1.1.4")
@pytest.mark.erratum("FIB-12")
def test_content_that_is_not_base64_is_refused(modem: Modem, pki: Pki) -> None:
    expect_ok(upload(modem, "TRUSTFILE", root(pki)), f"{DOC} §1.1.2 (one TRUSTFILE before)")
    before = file_counts(modem)
    junk = b"\x00\x01 not base64 at all! \xff" * 4
    expect_error(upload(modem, "TRUSTFILE", junk), f"{DOC} §1.1.4 Note: 'must be encoded through base64 format'")
    assert file_counts(modem) == before, f"{DOC} §1.1.4 (errata FIB-12): what was loaded before stays"


@pytest.mark.spec(DOC, "1.1.4")
@pytest.mark.erratum("FIB-12")
@pytest.mark.needs("fresh_power_on")  # it fills the module: no file can be deleted until power-off (§1.1.4 Note)
def test_a_41st_trustfile_is_refused(modem: Modem, pki: Pki) -> None:
    data = root(pki)
    for n in range(file_counts(modem)["TRUSTFILE"] + 1, MAX_TRUST + 1):
        expect_ok(upload(modem, "TRUSTFILE", data), f"{DOC} §1.1.2: TRUSTFILE {n} of 'up to 40'")
    assert file_counts(modem)["TRUSTFILE"] == MAX_TRUST
    expect_error(upload(modem, "TRUSTFILE", data), f"{DOC} §1.1.2 'Loading TRUSTFILE file support up to 40'")
    assert file_counts(modem)["TRUSTFILE"] == MAX_TRUST, f"{DOC} §1.1.4: the 40 loaded stay"


@pytest.mark.spec(DOC, "1.1.4")
@pytest.mark.erratum("FIB-12")
def test_upload_cut_short_ends_in_error_after_12_seconds(modem: Modem, pki: Pki) -> None:
    # The one slow test: the module must wait out its own 12 s (§1.1.4 Note), not the suite.
    data = root(pki)
    before = file_counts(modem)
    started = time.monotonic()
    r = upload(modem, "TRUSTFILE", data[: len(data) // 2], length=len(data))
    waited = time.monotonic() - started
    expect_error(r, f"{DOC} §1.1.4 Note: 'more than 12 seconds ... return ERROR'")
    assert INPUT_TIMEOUT - 1 <= waited <= INPUT_TIMEOUT + 6, f"{DOC} §1.1.4 Note: ERROR after {waited:.1f} s, not ~12 s"
    assert file_counts(modem) == before, f"{DOC} §1.1.4 (errata FIB-12): the half file is not loaded"
    expect_ok(upload(modem, "TRUSTFILE", data), f"{DOC} §1.1.4 (negative control: the whole file loads)")
