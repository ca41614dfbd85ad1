"""What several Telit test modules share: the vectors they read, and setup that leaves a module as
it found it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harness.checks import expect_cme_text, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from harness.vectors import load

COMMANDS: dict[str, Any] = load("telit/commands")
ERRORS: dict[str, Any] = load("telit/errors")
OWNED = ERRORS["ownership"]["text"]


def seccfg_form(profile: Profile) -> dict[str, Any]:
    """The #SSLSECCFG form of this profile's platform (telit-ssl-ug §4.2.1 / §4.2.2, telit-gsm-ssl §3.2)."""
    return dict(COMMANDS["sslseccfg"]["forms"][profile["seccfg_form"]])


def seccfg2_platform(profile: Profile) -> dict[str, Any]:
    """Tab. 1 of telit-ssl-ug §3 for this profile's platform."""
    return dict(COMMANDS["sslseccfg2"]["platforms"][str(profile.platform)])


def disable_all(modem: Modem, profile: Profile) -> None:
    """Disable every SSId this instance may own (results not judged: setup, not a check)."""
    for ssid in profile.ssid_range:
        modem.command(f"AT#SSLEN={ssid},0")


def expect_not_activated(modem: Modem, profile: Profile, lines: tuple[str, ...]) -> None:
    """With every socket disabled, each of ``lines`` fails with "SSL not activated" (telit-ssl-ug §4.1,
    §4.7.1.1: "any attempt to work with SSL parameters fails")."""
    disable_all(modem, profile)
    expect_ok(modem.command("AT+CMEE=2"), "telit-ssl-ug §8.2")
    for line in lines:
        expect_cme_text(modem.command(line), "SSL not activated", "telit-ssl-ug §4.1, §4.7.1.1")


def enabled_socket(modem: Modem, ssid: int = 1) -> Iterator[int]:
    """Enable ``ssid`` on ``modem`` for the test, and disable it afterwards."""
    expect_ok(modem.command(f"AT#SSLEN={ssid},1"), "telit-ssl-ug §4.1")
    try:
        yield ssid
    finally:
        if not modem.discarded_after_test:  # powered off after the test: nothing to put back (issue 15)
            modem.command(f"AT#SSLEN={ssid},0")


def placeholders(profile: Profile) -> dict[str, object]:
    """Values the documents leave as placeholders, from the profile."""
    values: dict[str, object] = {
        "model": profile.model,
        "portcfg": profile["portcfg"],
        "sslcfg_test": profile["sslcfg_test"],
    }
    if profile.has("sslseccfg2"):
        values["seccfg2_default"] = seccfg2_platform(profile)["default"]
    return values
