"""#SSLSECCFG2: the SSL/TLS protocol version (telit-ssl-ug §3, Tab. 1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.shared.testform import ranges_of_test_form
from conformance.telit.common import COMMANDS, OWNED, expect_not_activated, seccfg2_platform
from harness.checks import expect_cme_text, expect_error, expect_ok, line_for
from harness.modem import Modem
from harness.profiles import Profile

CLAUSE = "telit-ssl-ug §3 Tab. 1"
pytestmark = pytest.mark.spec("telit-ssl-ug", "3")
UNUSED = ["0"] * COMMANDS["sslseccfg2"]["unused"]


def read_line(modem: Modem, ssid: int) -> list[str]:
    r = expect_ok(modem.command("AT#SSLSECCFG2?"), CLAUSE)
    return line_for(r, "#SSLSECCFG2", str(ssid), CLAUSE)


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.needs("seccfg_2g")
@pytest.mark.parametrize("line", ["AT#SSLSECCFG2=?", "AT#SSLSECCFG2?", "AT#SSLSECCFG2=1,1"])
def test_absent_on_2g(modem: Modem, line: str) -> None:
    # §3 warning and §4.7.1.1: platforms 10, 13, 16 do not support #SSLSECCFG2.
    expect_error(modem.command(line), "telit-ssl-ug §3")


@pytest.mark.needs("sslseccfg2")
def test_test_form_lists_the_platforms_versions(modem: Modem, profile: Profile) -> None:
    got = ranges_of_test_form(modem, "#SSLSECCFG2", "#SSLSECCFG2", CLAUSE)
    supported = frozenset(seccfg2_platform(profile)["supported"])
    assert got[:2] == [frozenset(profile.ssid_range), supported], (
        f"{CLAUSE}: platform {profile.platform} supports <version> {sorted(supported)}; #SSLSECCFG2=? gave {got}"
    )


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.needs("sslseccfg2")
def test_refused_before_sslen_with_ssl_not_activated(modem: Modem, profile: Profile) -> None:
    expect_not_activated(modem, profile, ("AT#SSLSECCFG2?", "AT#SSLSECCFG2=1,1"))


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.erratum("TSU-01", "TSU-37")
@pytest.mark.needs("sslseccfg2", "fresh_power_on")
def test_default_version_after_power_on(
    modem: Modem, profile: Profile, enabled: int, observe: Callable[[str], None]
) -> None:
    platform = seccfg2_platform(profile)
    # errata TSU-37: on platform 12 Tab. 1 (3) and the HE910 capture of §4.7.1.1 (1) disagree: either is
    # accepted until a module answers; platforms 20 and 23 have Tab. 1's value only.
    accepted = [str(v) for v in platform.get("accepted_defaults", [platform["default"]])]
    line = read_line(modem, 1)
    assert len(line) == 2 + len(UNUSED) and line[0] == "1" and line[2:] == UNUSED and line[1] in accepted, (
        f"{CLAUSE}: platform {profile.platform} powers on with <version> {' or '.join(accepted)} "
        f"(#SSLSECCFG2: 1,<version>,0,0,0,0); got {','.join(line)}"
    )
    if len(accepted) > 1:
        observe(f"#SSLSECCFG2 power-on <version> on platform {profile.platform}: {line[1]} "
                f"(Tab. 1 gives {platform['default']}; errata TSU-37)")


@pytest.mark.needs("sslseccfg2")
def test_each_supported_version_is_accepted(modem: Modem, profile: Profile, enabled: int) -> None:
    for version in seccfg2_platform(profile)["supported"]:
        expect_ok(modem.command(f"AT#SSLSECCFG2=1,{version}"), CLAUSE)
        assert read_line(modem, 1) == ["1", str(version), *UNUSED], f"{CLAUSE}: set <version> {version}"
    # §3: AT#SSLSECCFG2=<SSId>,<version>[,<unused_A>[,<unused_B>[,<unused_C>[,<unused_D>]]]]: the full form read back.
    # Control: <version> is set to another supported value first, so a form that is not applied fails.
    supported = seccfg2_platform(profile)["supported"]
    other = next((v for v in supported if v != 1), None)
    if other is not None:
        expect_ok(modem.command(f"AT#SSLSECCFG2=1,{other}"), CLAUSE)
        assert read_line(modem, 1) == ["1", str(other), *UNUSED], f"{CLAUSE}: set <version> {other}"
    expect_ok(modem.command("AT#SSLSECCFG2=1,1,0,0,0,0"), "telit-ssl-ug §3 (<unused_A>..<unused_D>)")
    assert read_line(modem, 1) == ["1", "1", *UNUSED], (
        "telit-ssl-ug §3: AT#SSLSECCFG2=1,1,0,0,0,0 sets <version> 1, read back as #SSLSECCFG2: 1,1,0,0,0,0"
    )


@pytest.mark.needs("sslseccfg2")
def test_unsupported_and_out_of_range_versions_are_refused(modem: Modem, profile: Profile, enabled: int) -> None:
    low, high = COMMANDS["sslseccfg2"]["versions"]
    supported = set(seccfg2_platform(profile)["supported"])
    refused = [v for v in range(low, high + 1) if v not in supported] + [high + 1, -1]
    for version in refused:
        expect_error(modem.command(f"AT#SSLSECCFG2=1,{version}"), f"{CLAUSE} (platform {profile.platform})")
    expect_error(modem.command("AT#SSLSECCFG2=1"), f"{CLAUSE}: <version> is mandatory")


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.erratum("TSU-05", "TSU-06")
@pytest.mark.needs("sslseccfg2", "second_instance")
def test_other_instance_cannot_configure_an_owned_socket(modem2: Modem, owned: int) -> None:
    expect_cme_text(modem2.command("AT#SSLSECCFG2=1,1"), OWNED, "telit-ssl-ug §4.2.2", tolerate_period=True)
