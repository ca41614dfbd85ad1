"""+QSECWRITE: uploading a certificate or key to RAM or NVRAM (quectel-gsm-ssl §2.2.7)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conformance.quectel_gsm.common import COMMANDS, checksum_value, clause, upload, write_file
from harness.checks import expect_error, expect_ok, single
from harness.modem import Modem
from servers.pki import Pki

pytestmark = pytest.mark.spec("quectel-gsm-ssl", "2.2.7")
CLAUSE = clause("2.2.7")
W: dict[str, Any] = COMMANDS["qsecwrite"]
NAME = "RAM:suite_file.pem"
#: The RAM files these tests write, deleted before and after each (a module kept for the session keeps them).
WRITTEN = (NAME, "RAM:t0.pem", "RAM:t1.pem")


@pytest.fixture(autouse=True)
def no_files_left(modem: Modem) -> Iterator[None]:
    """§2.2.7: "before adding a certificate or key ... it should not exist": delete (not judged) around each test."""
    for name in WRITTEN:
        modem.command(f'AT+QSECDEL="{name}"')
    yield
    for name in WRITTEN:
        modem.command(f'AT+QSECDEL="{name}"')


def test_test_and_read_forms(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSECWRITE=?"), CLAUSE)
    assert [x for x in r.lines if x.startswith("+QSECWRITE:")], f"{CLAUSE}: one +QSECWRITE: line; {r.describe()}"
    assert len(r.lines) == 1, f"{CLAUSE}: one +QSECWRITE: line; {r.describe()}"
    r = expect_ok(modem.command("AT+QSECWRITE?"), CLAUSE)
    assert not r.lines, f"{CLAUSE}: AT+QSECWRITE? answers OK alone; {r.describe()}"


@pytest.mark.erratum("QGS-10")
def test_upload_answers_its_size_and_a_checksum(modem: Modem, pki: Pki) -> None:
    data = pki.roots["rsa"].pem.read_bytes()
    r = expect_ok(write_file(modem, NAME, data, timeout=W["default_timeout"]), CLAUSE)
    assert r.prompted, f"{CLAUSE}: the module answers CONNECT before taking the file; {r.describe()}"
    size, checksum = single(r, "+QSECWRITE", CLAUSE)
    assert size == str(len(data)), f"{CLAUSE}: <uploadsize> {len(data)}; {r.describe()}"
    checksum_value(checksum)


@pytest.mark.erratum("QGS-11")
def test_a_file_must_be_deleted_before_it_is_written_again(modem: Modem) -> None:
    upload(modem, NAME, b"first version of the file\n")
    expect_error(write_file(modem, NAME, b"second version\n"), f"{CLAUSE}: 'it should not exist in the storage'")
    expect_ok(modem.command(f'AT+QSECDEL="{NAME}"'), "quectel-gsm-ssl §2.2.9")
    expect_ok(write_file(modem, NAME, b"second version\n"), f"{CLAUSE}: written again once deleted")  # control


@pytest.mark.erratum("QGS-11")
def test_ram_size_limits(modem: Modem) -> None:
    expect_error(modem.command(f'AT+QSECWRITE="{NAME}",0'), f"{CLAUSE}: 'The minimum size is 1'")
    expect_error(modem.command(f'AT+QSECWRITE="{NAME}",{W["ram_max"] + 1}'), f"{CLAUSE}: RAM 'maximum size is 32768'")
    expect_ok(write_file(modem, NAME, b"\x30" * W["ram_max"]), f"{CLAUSE}: 32768 bytes fit in RAM")  # control


@pytest.mark.erratum("QGS-07", "QGS-11")
def test_timeout_range_in_seconds(modem: Modem) -> None:
    low, high = W["timeout"]
    for bad in (low - 1, high + 1):
        expect_error(modem.command(f'AT+QSECWRITE="{NAME}",10,{bad}'), f"{CLAUSE}: <timeout> {low}-{high}")
    for n, good in enumerate((low, high)):  # control: the bounds are accepted
        expect_ok(write_file(modem, f"RAM:t{n}.pem", b"0123456789", timeout=good), f"{CLAUSE}: <timeout> {good}")


def test_an_upload_cut_short_by_plus_plus_plus_keeps_what_came(modem: Modem) -> None:
    data = b"-----BEGIN CERTIFICATE-----\nMIIB" + b"A" * 200
    r = expect_ok(write_file(modem, NAME, data, cut_after=50), f"{CLAUSE}: '+++' returns to command mode")
    size, _ = single(r, "+QSECWRITE", CLAUSE)
    assert size == "50", f"{CLAUSE}: <uploadsize> is what was actually uploaded (50 of {len(data)}); {r.describe()}"


@pytest.mark.erratum("QGS-11")
@pytest.mark.needs("nvram_store")
def test_nvram_names_are_the_four(modem: Modem) -> None:
    expect_error(modem.command('AT+QSECWRITE="NVRAM:CA2",10'), f"{CLAUSE}: NVRAM names are CA0, CA1, CC0, CK0")
    modem.command('AT+QSECDEL="NVRAM:CA1"')
    expect_ok(write_file(modem, "NVRAM:CA1", b"0123456789"), f"{CLAUSE}: CA1 is one of them")  # control
    expect_ok(modem.command('AT+QSECDEL="NVRAM:CA1"'), "quectel-gsm-ssl §2.2.9")


@pytest.mark.erratum("QGS-11")
@pytest.mark.needs("nvram_store")
def test_nvram_size_limit(modem: Modem) -> None:
    too_big = W["nvram_max"] + 1
    expect_error(modem.command(f'AT+QSECWRITE="NVRAM:CA1",{too_big}'), f"{CLAUSE}: NVRAM 'maximum size is 2025'")
    modem.command('AT+QSECDEL="NVRAM:CA1"')
    expect_ok(write_file(modem, "NVRAM:CA1", b"\x30" * W["nvram_max"]), f"{CLAUSE}: 2025 bytes fit in NVRAM")  # control
    expect_ok(modem.command('AT+QSECDEL="NVRAM:CA1"'), "quectel-gsm-ssl §2.2.9")
