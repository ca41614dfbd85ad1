"""+QSECREAD: the checksum of a stored certificate or key (quectel-gsm-ssl §2.2.8)."""

from __future__ import annotations

import pytest

from conformance.quectel_gsm.common import checksum_value, clause, upload
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


@pytest.mark.erratum("QGS-11")
def test_a_missing_file_is_an_error(modem: Modem) -> None:
    expect_error(modem.command('AT+QSECREAD="RAM:never_written.pem"'), f"{CLAUSE}: no such file")
    upload(modem, "RAM:now_written.pem", b"data\n")
    expect_ok(modem.command('AT+QSECREAD="RAM:now_written.pem"'), CLAUSE)  # control
