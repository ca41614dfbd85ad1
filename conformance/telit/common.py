"""What several Telit test modules share: the vectors they read, and setup that leaves a module as
it found it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harness.checks import expect_cme_text, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from harness.ranges import parse_ranges
from harness.replay import parse, replay, run_setup
from harness.vectors import load

COMMANDS: dict[str, Any] = load("telit/commands")
ERRORS: dict[str, Any] = load("telit/errors")
EXAMPLES: dict[str, Any] = load("telit/examples")
OWNED = ERRORS["ownership"]["text"]


def seccfg_form(profile: Profile) -> dict[str, Any]:
    """The #SSLSECCFG form of this profile's platform (telit-ssl-ug §4.2.1 / §4.2.2, telit-gsm-ssl §3.2)."""
    return dict(COMMANDS["sslseccfg"]["forms"][profile["seccfg_form"]])


def seccfg2_platform(profile: Profile) -> dict[str, Any]:
    """Tab. 1 of telit-ssl-ug §3 for this profile's platform."""
    return dict(COMMANDS["sslseccfg2"]["platforms"][str(profile.platform)])


def ranges_of_test_form(modem: Modem, command: str, prefix: str, clause: str) -> list[frozenset[int]]:
    """Send ``AT<command>=?`` and parse the ranges of its one information line."""
    r = expect_ok(modem.command(f"AT{command}=?"), clause)
    lines = [line for line in r.lines if line.startswith(prefix + ":")]
    assert len(lines) == 1, f"{clause}: expected one {prefix} line, got {r.describe()}"
    try:
        return parse_ranges(lines[0][len(prefix) + 1 :].strip())
    except ValueError as e:
        raise AssertionError(f"{clause}: the test form is not a list of ranges: {r.describe()}") from e


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


def run_example(key: str, profile: Profile, modems: dict[int, Modem]) -> None:
    """Bring the module to the example's starting state, then replay the example line for line."""
    example = EXAMPLES[key]
    values = placeholders(profile)
    run_setup(parse(example.get("setup", ""), values), modems)
    steps = parse(example["transcript"], values)
    try:
        replay(steps, modems, example["source"], tolerate_period="TSU-05" in example.get("errata", []))
    finally:
        run_setup(parse(example.get("teardown", ""), values), modems)
