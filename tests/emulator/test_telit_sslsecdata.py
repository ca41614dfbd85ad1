"""#SSLSECDATA (telit-ssl-ug §4.4, §4.7.3, §4.7.4; telit-gsm-ssl §3.3; D14, D15), byte-exact."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import ERROR, Dte, ModuleFactory, cme, ok

PEM = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
DER = bytes(range(256)) * 2  # every byte value, 0x08, 0x1A and 0x1B included


def enabled(make_module: ModuleFactory, profile: str = "telit/he910", **kw: object) -> Dte:
    _, (dte,) = make_module(profile, **kw)
    assert dte.at("AT+CMEE=2") == ok()
    assert dte.at("AT#SSLEN=1,1") == ok()
    return dte


def store(dte: Dte, command: str, data: bytes) -> bytes:
    assert dte.at(command) == b"\r\n> "
    return dte.send(data)


def read(ssid: int, kind: int, data: bytes) -> bytes:
    return f"\r\n#SSLSECDATA: {ssid},{kind},{len(data)}\r\n".encode() + data + b"\r\nOK\r\n"


@pytest.mark.parametrize(("profile_name", "answer"), [
    ("telit/he910", "#SSLSECDATA: (1),(0-3),(0-2),(1-8192)"),
    ("telit/le866", "#SSLSECDATA: (1-6),(0-3),(0-2),(1-8192)"),
    ("telit/ge865", "#SSLSECDATA: (1),(0-3),(0-2),(1-2047)"),
    ("telit-gsm/gc864", "#SSLSECDATA: (1),(0-2),(0-2)"),
])
def test_test_form(make_module: ModuleFactory, profile_name: str, answer: str) -> None:
    _, (dte,) = make_module(profile_name)
    assert dte.at("AT#SSLSECDATA=?") == ok(answer)


def test_pem_store_read_delete(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    assert store(dte, f"AT#SSLSECDATA=1,1,1,{len(PEM)}", PEM + b"\x1a") == ok()
    assert dte.at("AT#SSLSECDATA=1,2,1") == read(1, 1, PEM)
    assert dte.at("AT#SSLSECDATA=1,0,1") == ok()
    assert dte.at("AT#SSLSECDATA=1,2,1") == cme("SSL certs and keys wrong or not stored")
    assert dte.at("AT#SSLSECDATA=1,0,1") == ok()  # D15: deleting nothing is fine


def test_pem_backspace_and_size_not_checked(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    assert store(dte, "AT#SSLSECDATA=1,1,0,5", b"-x\x08-BEGIN\x1a") == ok()
    assert dte.at("AT#SSLSECDATA=1,2,0") == read(1, 0, b"--BEGIN")


def test_pem_escape_abandons(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    assert store(dte, "AT#SSLSECDATA=1,1,1", PEM + b"\x1b") == ok()
    assert dte.at("AT#SSLSECDATA=1,2,1") == cme("SSL certs and keys wrong or not stored")


def test_data_split_over_writes_and_echoed(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    dte.at("ATE1")
    assert dte.send(b"AT#SSLSECDATA=1,1,1\r") == b"AT#SSLSECDATA=1,1,1\r\r\n> "
    assert dte.send(PEM[:10]) == PEM[:10]
    assert dte.send(PEM[10:] + b"\x1aAT\r") == PEM[10:] + b"\x1a\r\nOK\r\nAT\r\r\nOK\r\n"


def test_der_exact_size(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    assert dte.at("AT#SSLSECCFG=1,0,1,0") == ok()
    assert store(dte, f"AT#SSLSECDATA=1,1,1,{len(DER)}", DER + b"AT\r") == ok() + ok()
    assert dte.at("AT#SSLSECDATA=1,2,1") == read(1, 1, DER)


def test_der_needs_a_size(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    dte.at("AT#SSLSECCFG=1,0,1,0")
    assert dte.at("AT#SSLSECDATA=1,1,1") == cme("operation not supported")


def test_ram_store_overrides_nvm_until_power_off(make_module: ModuleFactory) -> None:
    module, (dte,) = make_module()
    dte.at("AT#SSLEN=1,1")
    store(dte, "AT#SSLSECDATA=1,1,1", b"nvm\x1a")
    assert store(dte, "AT#SSLSECDATA=1,3,1", b"ram\x1a") == ok()
    assert dte.at("AT#SSLSECDATA=1,2,1") == read(1, 1, b"ram")
    module.power_cycle()
    dte.at("ATE0")
    dte.at("AT#SSLEN=1,1")
    assert dte.at("AT#SSLSECDATA=1,2,1") == read(1, 1, b"nvm")  # NVM survives a power cycle


def test_key_is_never_read(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    store(dte, "AT#SSLSECDATA=1,1,2", b"-----BEGIN PRIVATE KEY-----\n\x1a")
    assert dte.at("AT#SSLSECDATA=1,2,2") == cme("operation not supported")


def test_needs_the_socket_enabled_here(make_module: ModuleFactory) -> None:
    _, (first, second) = make_module("telit/le866", instances=2)
    first.at("AT+CMEE=1")
    assert first.at("AT#SSLSECDATA=2,1,1") == cme(836)
    first.at("AT#SSLEN=2,1")
    second.at("AT+CMEE=2")
    assert second.at("AT#SSLSECDATA=2,1,1") == cme("Resource used by another instance")
    first.at("AT+CMEE=0")
    assert first.at("AT#SSLSECDATA=1,2,1") == ERROR


def test_limits(make_module: ModuleFactory) -> None:
    dte = enabled(make_module)
    assert dte.at("AT#SSLSECDATA=1,1,1,8193") == cme("operation not supported")
    assert store(dte, "AT#SSLSECDATA=1,1,1", b"x" * 8193 + b"\x1a") == cme(
        "SSL certs and keys wrong or not stored")
    assert dte.at("AT#SSLSECDATA=1,2,1") == cme("SSL certs and keys wrong or not stored")


def test_gsm_form_and_2047_limit(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module("telit-gsm/gc864")
    dte.at("AT#SELINT=2;+CMEE=2")
    dte.at("AT#SSLEN=1,1")
    assert dte.at("AT#SSLSECDATA=1,1,1,10") == cme("operation not supported")  # no <Size>
    assert dte.at("AT#SSLSECDATA=1,3,1") == cme("operation not supported")  # no RAM store
    assert store(dte, "AT#SSLSECDATA=1,1,1", b"x" * 2048 + b"\x1a") == cme(
        "SSL certs and keys wrong or not stored")
    assert store(dte, "AT#SSLSECDATA=1,1,1", b"x" * 2047 + b"\x1a") == ok()
    assert dte.at("AT#SSLSECDATA=1,2,1") == read(1, 1, b"x" * 2047)


def test_2g_is_always_pem(make_module: ModuleFactory) -> None:
    dte = enabled(make_module, "telit/ge910")
    assert store(dte, "AT#SSLSECDATA=1,1,1,3", b"a\x1bb") == ok()  # ESC: a control character
    assert dte.at("AT#SSLSECDATA=1,2,1") == cme("SSL certs and keys wrong or not stored")
