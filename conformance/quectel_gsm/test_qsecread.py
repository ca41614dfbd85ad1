"""+QSECREAD: the checksum of a stored certificate or key (quectel-gsm-ssl §2.2.8)."""

from __future__ import annotations

import pytest

from conformance.quectel_gsm.common import checksum_value, clause, upload, write_file
from harness.checks import expect_error, expect_ok, single
from harness.modem import Modem
from servers.pki import Pki

pytestmark = [pytest.mark.spec("quectel-gsm-ssl", "2.2.8"), pytest.mark.erratum("QGS-10")]
CLAUSE = clause("2.2.8")


def read(modem: Modem, name: str) -> tuple[str, int]:
    """``+QSECREAD: <good>,<checksum>`` of ``name``."""
    good, checksum = single(expect_ok(modem.command(f'AT+QSECREAD="{name}"'), CLAUSE), "+QSECREAD", CLAUSE)
    return good, checksum_value(checksum)


def test_test_and_read_forms(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSECREAD=?"), CLAUSE)
    assert r.lines == ("+QSECREAD: <filename>",), f"{CLAUSE}: +QSECREAD: <filename>; {r.describe()}"
    assert not expect_ok(modem.command("AT+QSECREAD?"), CLAUSE).lines, f"{CLAUSE}: AT+QSECREAD? answers OK alone"


def test_the_checksum_is_the_one_written_and_tells_files_apart(modem: Modem, pki: Pki) -> None:
    data = pki.roots["rsa"].pem.read_bytes()
    written = upload(modem, "RAM:a.pem", data)
    assert read(modem, "RAM:a.pem") == ("1", written), f"{CLAUSE}: <good> 1 and the checksum +QSECWRITE gave"
    # Negative control: one byte changed makes another checksum (errata QGS-10), and each file keeps its own.
    changed = data[:100] + bytes([data[100] ^ 0x01]) + data[101:]
    other = upload(modem, "RAM:b.pem", changed)
    assert other != written, f"{CLAUSE}: files differing in one byte got the same checksum {written:x}"
    assert read(modem, "RAM:b.pem") == ("1", other) and read(modem, "RAM:a.pem") == ("1", written)


@pytest.mark.spec("quectel-gsm-ssl", "3.1")
def test_ca_certificate_client_certificate_and_key_each_read_back_their_own(modem: Modem, pki: Pki) -> None:
    # §3.1 steps 1 and 3: the three RAM files, each checked with +QSECREAD ("Check ... is correct or not").
    client = pki.credentials["client"]
    key = client.key_files.pkcs1_pem or client.key_files.pkcs8_pem
    files = {
        "RAM:ca_cert.pem": (pki.roots["rsa"].pem.read_bytes(), False),
        "RAM:client_cert.pem": (client.leaf_pem.read_bytes(), False),
        "RAM:client_key.pem": (key.read_bytes(), True),
    }
    sums = {name: upload(modem, name, data, secret=secret) for name, (data, secret) in files.items()}
    for name in files:
        assert read(modem, name) == ("1", sums[name]), f"{CLAUSE}: {name}: <good> 1 and its own checksum"
    # Negative controls: three different files have three checksums, so a read-back of the wrong file shows ...
    assert len(set(sums.values())) == 3, f"{CLAUSE}: different files, different checksums (QGS-10): {sums}"
    # ... and a key cut short by +++ (§2.2.7) is not the key: its checksum is not the whole key's.
    data, _ = files["RAM:client_key.pem"]
    modem.command('AT+QSECDEL="RAM:cut_key.pem"')
    # Cut where the key's last byte sent is not a '+' (base64 has them): '+' then '+++' would be an ambiguous
    # '++++', and the farm's key is random. No '+++' comes before the cut either: it would end the upload there.
    half = len(data) // 2
    while data[half - 1 : half] == b"+" or b"+++" in data[:half]:
        half -= 1
    r = expect_ok(write_file(modem, "RAM:cut_key.pem", data, cut_after=half, secret=True), CLAUSE)
    size, cut = single(r, "+QSECWRITE", CLAUSE)
    assert size == str(half), f"quectel-gsm-ssl §2.2.7: <uploadsize> of what came; {r.describe()}"
    got = read(modem, "RAM:cut_key.pem")
    assert got == ("1", checksum_value(cut)), f"{CLAUSE}: the bytes stored, checked: {got}"
    assert got[1] != sums["RAM:client_key.pem"], f"{CLAUSE}: half a key must not read as the whole key"
    for name in [*files, "RAM:cut_key.pem"]:
        modem.command(f'AT+QSECDEL="{name}"')  # not judged: §3.1 step 5


@pytest.mark.erratum("QGS-11")
def test_a_missing_file_is_an_error(modem: Modem) -> None:
    expect_error(modem.command('AT+QSECREAD="RAM:never_written.pem"'), f"{CLAUSE}: no such file")
    upload(modem, "RAM:now_written.pem", b"data\n")
    expect_ok(modem.command('AT+QSECREAD="RAM:now_written.pem"'), CLAUSE)  # control
