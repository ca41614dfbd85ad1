"""#SSLEN (telit-ssl-ug §4.1, §4.3; D6, D7)."""

from __future__ import annotations

import pytest

from tests.emulator.conftest import ERROR, cme, ok, terminal, terminals

RESOURCE = cme("Resource used by another instance")


@pytest.mark.parametrize(("profile_name", "line"), [
    ("telit/ge865", "#SSLEN: (1),(0,1)"),
    ("telit/ge910", "#SSLEN: (1),(0,1)"),
    ("telit/gl865-v3", "#SSLEN: (1),(0,1)"),
    ("telit/he910", "#SSLEN: (1),(0,1)"),
    ("telit/le910-v2", "#SSLEN: (1-6),(0,1)"),
    ("telit/le866", "#SSLEN: (1-6),(0,1)"),
    ("telit-gsm/gc864", "#SSLEN: (1),(0,1)"),
])
def test_test_form(profile_name: str, line: str) -> None:
    assert terminal(profile_name).at("AT#SSLEN=?") == ok(line)


def test_set_and_read_one_socket() -> None:
    term = terminal("telit/he910")
    assert term.at("AT#SSLEN?") == ok("#SSLEN: 1,0")
    assert term.at("AT#SSLEN=1,1") == ok()
    assert term.at("AT#SSLEN?") == ok("#SSLEN: 1,1")
    assert term.at("AT#SSLEN=1,0") == ok()
    assert term.at("AT#SSLEN=1,0") == ok()  # disabling a disabled socket is harmless
    assert term.at("AT#SSLEN?") == ok("#SSLEN: 1,0")


def test_enabling_twice_on_the_same_instance_is_already_activated() -> None:
    term = terminal("telit/he910")
    term.at("AT+CMEE=1")
    term.at("AT#SSLEN=1,1")
    assert term.at("AT#SSLEN=1,1") == cme(835)


def test_ownership_between_instances() -> None:
    first, second = terminals("telit/le866")
    for term in (first, second):
        term.at("AT+CMEE=2")
    assert first.at("AT#SSLEN=1,1") == ok()
    assert second.at("AT#SSLEN=1,0") == RESOURCE
    assert second.at("AT#SSLEN=1,1") == RESOURCE  # D6: enabling someone else's socket too
    assert second.at("AT#SSLEN=2,1") == ok()
    assert first.at("AT#SSLEN=2,0") == RESOURCE
    assert first.at("AT#SSLEN=1,0") == ok()
    assert second.at("AT#SSLEN=1,1") == ok()


def test_resource_used_numeric_and_plain() -> None:
    first, second = terminals("telit/he910")
    first.at("AT#SSLEN=1,1")
    assert second.at("AT#SSLEN=1,0") == ERROR
    second.at("AT+CMEE=1")
    assert second.at("AT#SSLEN=1,0") == cme(3)  # undocumented number (D5): see telit/errors.py


@pytest.mark.parametrize("args", ["0,1", "7,1", "1,2", "1", "1,1,0", "", ",1", "1,"])
def test_bad_parameters(args: str) -> None:
    term = terminals("telit/le866", instances=1)[0]
    term.at("AT+CMEE=1")
    assert term.at(f"AT#SSLEN={args}") == cme(4)
