"""+QSECDEL: deleting a certificate or key (quectel-gsm-ssl §2.2.9)."""

from __future__ import annotations

import pytest

from conformance.quectel_gsm.common import clause, upload
from harness.checks import expect_error, expect_ok
from harness.modem import Modem

pytestmark = [pytest.mark.spec("quectel-gsm-ssl", "2.2.9"), pytest.mark.erratum("QGS-11")]
CLAUSE = clause("2.2.9")


def test_test_and_read_forms(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSECDEL=?"), CLAUSE)
    assert r.lines == ("+QSECDEL: <filename>",), f"{CLAUSE}: +QSECDEL: <filename>; {r.describe()}"
    assert not expect_ok(modem.command("AT+QSECDEL?"), CLAUSE).lines, f"{CLAUSE}: AT+QSECDEL? answers OK alone"


def test_a_deleted_file_is_gone(modem: Modem) -> None:
    upload(modem, "RAM:gone.pem", b"to be deleted\n")
    expect_ok(modem.command('AT+QSECDEL="RAM:gone.pem"'), CLAUSE)
    expect_error(modem.command('AT+QSECREAD="RAM:gone.pem"'), "quectel-gsm-ssl §2.2.8: a deleted file has no checksum")
    expect_error(modem.command('AT+QSECDEL="RAM:gone.pem"'), f"{CLAUSE}: nothing left to delete")  # control


@pytest.mark.needs("nvram_store")
def test_nvram_file_is_deleted(modem: Modem) -> None:
    modem.command('AT+QSECDEL="NVRAM:CC0"')
    upload(modem, "NVRAM:CC0", b"client certificate\n")
    expect_ok(modem.command('AT+QSECDEL="NVRAM:CC0"'), CLAUSE)
    expect_error(modem.command('AT+QSECREAD="NVRAM:CC0"'), "quectel-gsm-ssl §2.2.8: a deleted file has no checksum")
