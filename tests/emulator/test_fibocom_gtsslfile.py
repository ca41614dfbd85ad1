"""+GTSSLFILE (fibocom-l610-ssl §1.1): the ``>`` prompt, exactly <file_len> bytes, the limits,
the read and test forms, content that is not Base64, and the 12 s input timeout."""

from __future__ import annotations

import base64
import time

import pytest

import emulator.fibocom.upload as upload
from tests.emulator.conftest import ERROR, Dte, ModuleFactory, ok

PRODUCT = "fibocom/l610"
PROMPT = b"\r\n>"
SMALL = b"QUJDRA=="  # Base64 of "ABCD"


def counts(cert: int, key: int, trust: int) -> bytes:
    return ok(f"+GTSSLFILE: CERTFILE,{cert}", f"+GTSSLFILE: KEYFILE,{key}",
              f"+GTSSLFILE: TRUSTFILE,{trust}")


def load(dte: Dte, kind: str, data: bytes) -> bytes:
    """The prompt, then the data; the answer to the data."""
    assert dte.at(f'AT+GTSSLFILE="{kind}",{len(data)}') == PROMPT
    return dte.send(data)


@pytest.fixture
def dte(make_module: ModuleFactory) -> Dte:
    return make_module(PRODUCT)[1][0]


def test_read_and_test_forms(dte: Dte) -> None:
    """§1.1.2: three counts, zero at power on; the test form (not printed by §1.1.2) gives
    the types and the length range."""
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 0)
    assert dte.at("AT+GTSSLFILE=?") == ok('+GTSSLFILE: ("CERTFILE","KEYFILE","TRUSTFILE"),(4-8192)')


def test_loading_each_type(dte: Dte) -> None:
    """Example 3: ``>``, exactly <file_len> bytes, OK; the read form counts them."""
    assert load(dte, "TRUSTFILE", SMALL) == ok()
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 1)
    assert load(dte, "CERTFILE", SMALL) == ok()
    assert load(dte, "KEYFILE", SMALL) == ok()
    assert dte.at("AT+GTSSLFILE?") == counts(1, 1, 1)


def test_pem_text_is_base64(dte: Dte, pki: object) -> None:
    """The Appendix: a PEM certificate is "Base64 encoding format", sent as it is."""
    pem = pki.roots["rsa"].pem.read_bytes()  # type: ignore[attr-defined]
    assert load(dte, "TRUSTFILE", pem) == ok()
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 1)


def test_exactly_file_len_bytes_then_commands_again(dte: Dte) -> None:
    """The bytes after <file_len> are command input again (CR and LF inside are data)."""
    data = b"QUJD\r\nRA=="
    assert dte.at(f'AT+GTSSLFILE="TRUSTFILE",{len(data)}') == PROMPT
    assert dte.send(data[:5]) == b""
    assert dte.send(data[5:] + b"AT\r") == ok() + ok()
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 1)


@pytest.mark.parametrize("line", [
    'AT+GTSSLFILE="TRUSTFILE",3', 'AT+GTSSLFILE="TRUSTFILE",8193', 'AT+GTSSLFILE="TRUSTFILE",0',
    'AT+GTSSLFILE="CAFILE",100', 'AT+GTSSLFILE=" CERTFILE",100', 'AT+GTSSLFILE="TRUSTFILE"',
    'AT+GTSSLFILE="TRUSTFILE",100,1', "AT+GTSSLFILE=1,100",
])
def test_refused_before_the_prompt(dte: Dte, line: str) -> None:
    """A length outside 4-8192 or an unknown <file_type> (Example 5's leading blank too)."""
    assert dte.at(line) == ERROR
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 0)


def test_length_bounds_accepted(dte: Dte) -> None:
    assert load(dte, "TRUSTFILE", b"QUJD") == ok()
    big = base64.b64encode(bytes(6144))
    assert len(big) == 8192
    assert load(dte, "TRUSTFILE", big) == ok()
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 2)


@pytest.mark.parametrize("content", [
    b"not base64!!", b"QUJDRA=", b"----BEGIN CERTIFICATE----\nQUJD\n----END CERTIFICATE----\n"])
def test_not_base64_is_refused_after_the_data(dte: Dte, content: bytes) -> None:
    """§1.1.4 "must be encoded through base64 format": ERROR once read, nothing kept
    (the Appendix's four-dash armour is not PEM)."""
    assert load(dte, "TRUSTFILE", content) == ERROR
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 0)


def test_one_certfile_and_one_keyfile(dte: Dte) -> None:
    """§1.1.4: "can only load one of them", no modify: the second load is refused."""
    assert load(dte, "CERTFILE", SMALL) == ok()
    assert load(dte, "KEYFILE", SMALL) == ok()
    assert dte.at(f'AT+GTSSLFILE="CERTFILE",{len(SMALL)}') == ERROR
    assert dte.at(f'AT+GTSSLFILE="KEYFILE",{len(SMALL)}') == ERROR
    assert dte.at("AT+GTSSLFILE?") == counts(1, 1, 0)


def test_forty_trustfiles_and_not_one_more(dte: Dte) -> None:
    """§1.1.2, §1.1.4: up to 40 TRUSTFILEs; the 41st is refused, the 40 kept."""
    for _ in range(40):
        assert load(dte, "TRUSTFILE", SMALL) == ok()
    assert dte.at(f'AT+GTSSLFILE="TRUSTFILE",{len(SMALL)}') == ERROR
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 40)


def test_no_delete_form(dte: Dte) -> None:
    """§1.1.4: "not support to delete": there is no form that removes a file."""
    assert load(dte, "TRUSTFILE", SMALL) == ok()
    assert dte.at('AT+GTSSLFILE="TRUSTFILE",0') == ERROR
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 1)


def test_cut_short_upload_ends_with_error(dte: Dte, monkeypatch: pytest.MonkeyPatch) -> None:
    """§1.1.4: no byte for the timeout (shortened here): ERROR, nothing kept, commands again."""
    monkeypatch.setattr(upload, "INPUT_TIMEOUT", 0.3)
    assert dte.at('AT+GTSSLFILE="TRUSTFILE",8') == PROMPT
    started = time.monotonic()
    assert dte.send(b"QUJD") == b""
    assert dte.out.wait_for(ERROR, 3.0, take=True) == ERROR
    assert time.monotonic() - started >= 0.25
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 0)


def test_each_byte_restarts_the_timeout(dte: Dte, monkeypatch: pytest.MonkeyPatch) -> None:
    """"do not receive any data for more than 12 seconds": silence, not the whole upload."""
    monkeypatch.setattr(upload, "INPUT_TIMEOUT", 0.4)
    assert dte.at('AT+GTSSLFILE="TRUSTFILE",8') == PROMPT
    for byte in SMALL[:-1]:
        assert dte.send(bytes([byte])) == b""
        time.sleep(0.1)  # 0.7 s in all, each gap well inside the timeout
    assert dte.send(SMALL[-1:]) == ok()
    time.sleep(0.5)
    assert dte.out.take() == b""  # no late ERROR
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 1)


@pytest.mark.timeout(30)
def test_twelve_seconds_without_input(dte: Dte) -> None:
    """§1.1.4 with the document's own 12 s: ERROR at 12 s, not before."""
    assert upload.INPUT_TIMEOUT == 12.0
    assert dte.at('AT+GTSSLFILE="TRUSTFILE",8') == PROMPT
    started = time.monotonic()
    assert dte.out.wait_for(ERROR, 20.0, take=True) == ERROR
    waited = time.monotonic() - started
    assert 11.9 <= waited < 14.0, waited
    assert dte.at("AT+GTSSLFILE?") == counts(0, 0, 0)
