"""quectel-gsm-ssl +QSECWRITE / +QSECREAD / +QSECDEL (§2.2.7-§2.2.9): uploads and checksums."""

from __future__ import annotations

import time

import pytest

from emulator.module import Module
from emulator.profiles import get_profile
from emulator.quectel.gsm.secfiles import checksum, format_checksum
from tests.emulator.conftest import ERROR, ModuleFactory, Terminal, cme, ok, terminal

CONNECT = b"\r\nCONNECT\r\n"
DATA = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def quectel() -> Terminal:
    term = terminal("quectel-gsm/m95")
    term.at("ATE0")
    assert term.at("AT+CMEE=1") == ok()
    return term


def write(term: Terminal, name: str, data: bytes, timeout: str = "") -> bytes:
    assert term.at(f'AT+QSECWRITE="{name}",{len(data)}{timeout}') == CONNECT
    return term.send(data)


def answer(data: bytes) -> bytes:
    return ok(f"+QSECWRITE: {len(data)},{format_checksum(checksum(data))}")


def test_checksum_form() -> None:
    """The document's checksums are hex without leading zeros (4039, 618, 83a7)."""
    assert checksum(b"") == 0
    assert checksum(b"\x12\x34\x56") == 0x1234 ^ 0x5600
    assert format_checksum(0x0618) == "618"
    assert checksum(DATA) != checksum(DATA[:-1] + b"\r")


def test_write_read_delete_ram() -> None:
    """§3.1 Step 1 / Step 3 / Step 5: the write's checksum is read back, <good> 1."""
    term = quectel()
    assert write(term, "RAM:ca_cert.pem", DATA, ",100") == answer(DATA)
    value = format_checksum(checksum(DATA))
    assert term.at('AT+QSECREAD="RAM:ca_cert.pem"') == ok(f"+QSECREAD: 1,{value}")
    assert term.at('AT+QSECDEL="RAM:ca_cert.pem"') == ok()
    assert term.at('AT+QSECREAD="RAM:ca_cert.pem"') == cme(22)
    assert term.at('AT+QSECDEL="RAM:ca_cert.pem"') == cme(22)


def test_a_file_must_be_deleted_before_it_is_written_again() -> None:
    """§2.2.7 "it should not exist in the corresponding storage"."""
    term = quectel()
    assert write(term, "RAM:a", b"one") == answer(b"one")
    assert term.at('AT+QSECWRITE="RAM:a",3') == cme(3)
    assert term.at('AT+QSECREAD="RAM:a"') == ok(f"+QSECREAD: 1,{format_checksum(checksum(b'one'))}")
    assert term.at('AT+QSECDEL="RAM:a"') == ok()
    assert write(term, "RAM:a", b"two") == answer(b"two")


def test_plus_plus_plus_ends_the_upload() -> None:
    """§2.2.7: "+++" returns to command mode with what came before it."""
    term = quectel()
    assert term.at('AT+QSECWRITE="RAM:short",100') == CONNECT
    assert term.send(b"abc+") == b""
    assert term.send(b"+d++") == b""  # "++d" is data: not an escape
    assert term.send(b"+AT\r") == answer(b"abc++d") + ok()
    assert term.at('AT+QSECREAD="RAM:short"') == ok(
        f"+QSECREAD: 1,{format_checksum(checksum(b'abc++d'))}")


def test_bytes_after_the_file_are_commands() -> None:
    term = quectel()
    assert term.at('AT+QSECWRITE="RAM:x",4') == CONNECT
    assert term.send(b"\x00\x1a\x1b+AT\r") == answer(b"\x00\x1a\x1b+") + ok()


@pytest.mark.timeout(10)
def test_the_timeout_ends_the_upload(make_module: ModuleFactory) -> None:
    """<timeout> 3-200 s: the least, 3 s, ends an upload cut short (emulator/README.md)."""
    _, (dte,) = make_module("quectel-gsm/m95")
    assert dte.at('AT+QSECWRITE="RAM:cut",50,3') == CONNECT
    started = time.monotonic()
    assert dte.send(b"12345") == b""
    assert dte.out.wait_for(b"OK\r\n", 5.0, take=True) == answer(b"12345")
    assert 2.9 <= time.monotonic() - started < 4.5
    assert dte.at("AT") == ok()  # command state again
    assert dte.at('AT+QSECREAD="RAM:cut"') == ok(f"+QSECREAD: 1,{format_checksum(checksum(b'12345'))}")


@pytest.mark.parametrize("args", ['"RAM:a",0', '"RAM:a",32769', '"NVRAM:CA0",2026', '"NVRAM:CA2",10',
                                  '"NVRAM:ca.pem",10', '"RAM:",10', '"FLASH:a",10', "RAM:a,10",
                                  '"RAM:a",10,2', '"RAM:a",10,201', '"RAM:a"', '"RAM:a",1,3,4'])
def test_write_refusals(args: str) -> None:
    """§2.2.7 sizes (RAM 1-32768, NVRAM 1-2025), names, <timeout> 3-200."""
    assert quectel().at(f"AT+QSECWRITE={args}") == cme(4)


@pytest.mark.parametrize(("name", "size"), [("RAM:big", 32768), ("NVRAM:CA1", 2025), ("NVRAM:CK0", 1)])
def test_write_limits_accepted(name: str, size: int) -> None:
    term = quectel()
    data = bytes(range(256)) * (size // 256) + b"z" * (size % 256)
    assert write(term, name, data) == answer(data)


def test_nvram_survives_power_off_and_ram_does_not() -> None:
    """RAM versus NVRAM (§2.2.7)."""
    module = Module(get_profile("quectel-gsm/m10"))
    term = Terminal(module.instances[0])
    term.at("ATE0")
    term.at("AT+CMEE=1")
    assert write(term, "NVRAM:CC0", b"cert") == answer(b"cert")
    assert write(term, "RAM:cert", b"cert") == answer(b"cert")
    module.power_cycle()
    term.at("ATE0")
    term.at("AT+CMEE=1")
    assert term.at('AT+QSECREAD="NVRAM:CC0"').startswith(b"\r\n+QSECREAD: 1,")
    assert term.at('AT+QSECREAD="RAM:cert"') == cme(22)
    module.close()


def test_test_and_read_forms() -> None:
    """§2.2.7-§2.2.9 test forms as printed; read forms answer OK."""
    term = quectel()
    assert term.at("AT+QSECWRITE=?") == ok("+QSECWRITE: <filename>,<filesize>[,(3,200)]")
    assert term.at("AT+QSECREAD=?") == ok("+QSECREAD: <filename>")
    assert term.at("AT+QSECDEL=?") == ok("+QSECDEL: <filename>")
    for command in ("+QSECWRITE", "+QSECREAD", "+QSECDEL"):
        assert term.at(f"AT{command}?") == ok()
        assert term.at(f"AT{command}") == ERROR
