"""Identification per profile: ATI, +CGMI, +CGMM, +CGMR (brief's profile table)."""

from __future__ import annotations

import pytest

from emulator.profiles import PROFILES
from tests.emulator.conftest import ok, terminal

IDENTITIES = {
    "telit/ge865": ("GE865-QUAD", "10.00.xx7"),
    "telit/ge910": ("GE910-QUAD", "13.00.xx4"),
    "telit/gl865-v3": ("GL865-QUAD V3", "16.00.xx3"),
    "telit/he910": ("HE910", "12.00.xx4"),
    "telit/le910-v2": ("LE910 V2", "20.00.xx2"),
    "telit/le866": ("LE866-SV1", "23.00.xx3"),
    "telit-gsm/gc864": ("GC864-QUAD", "07.03.xx2"),
}


def test_every_profile_is_listed() -> None:
    # Telit's products (telit-ssl-ug §4.3.1 prints an HE910's answers); other dialects test their own identity.
    assert set(IDENTITIES) == {name for name, p in PROFILES.items() if p.dialect.startswith("telit")}


@pytest.mark.parametrize(("profile_name", "identity"), sorted(IDENTITIES.items()))
def test_identity(profile_name: str, identity: tuple[str, str]) -> None:
    model, firmware = identity
    term = terminal(profile_name)
    assert term.at("ATI") == ok("Telit")
    assert term.at("ATI0") == ok("Telit")
    assert term.at("AT+CGMI") == ok("Telit")
    assert term.at("AT+CGMM") == ok(model)
    assert term.at("AT+CGMR") == ok(firmware)
    assert term.at("AT+CGMM=?") == ok()
