"""#SSLCFG: communication parameters of a secure socket (telit-ssl-ug §4.6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.telit.common import COMMANDS, OWNED, expect_not_activated
from harness.checks import expect_cme_text, expect_error, expect_ok, line_for
from harness.modem import Modem
from harness.profiles import Profile
from harness.ranges import parse_ranges, span

CLAUSE = "telit-ssl-ug §4.6"
pytestmark = pytest.mark.spec("telit-ssl-ug", "4.6")
NAMES = COMMANDS["sslcfg"]["parameters"]
DEFAULTS = COMMANDS["sslcfg"]["defaults"]


def ranges(profile: Profile) -> list[frozenset[int]]:
    return parse_ranges(profile["sslcfg_test"])


def set_line(values: list[int]) -> str:
    return "AT#SSLCFG=" + ",".join(str(v) for v in values)


def read_line(modem: Modem, ssid: int) -> list[str]:
    r = expect_ok(modem.command("AT#SSLCFG?"), CLAUSE)
    return line_for(r, "#SSLCFG", str(ssid), CLAUSE)


@pytest.mark.spec("telit-ssl-ug", "4.3.1")
@pytest.mark.spec("telit-ssl-ug", "4.3.2")
@pytest.mark.erratum("TSU-02", "TSU-12")
def test_test_form_as_printed(modem: Modem, profile: Profile, observe: Callable[[str], None]) -> None:
    r = expect_ok(modem.command("AT#SSLCFG=?"), CLAUSE)
    want = f"#SSLCFG: {profile['sslcfg_test']}"
    if not str(profile["sslcfg_test_source"]).startswith("assumed"):
        assert list(r.lines) == [want], f"{profile['sslcfg_test_source']}: expected {want!r}, got {r.describe()}"
        return
    # errata TSU-12: no test form is printed for this module; the assumed one is an observation. What §4.6 and
    # TSU-02 state still holds: one line of nine ranges, the first the module's SSId range ("Use the AT#SSLCFG=?
    # test command to know the <SSId> range").
    observe(f"#SSLCFG=? {'as assumed' if list(r.lines) == [want] else 'differs from the assumed ' + repr(want)}: "
            f"{r.describe()}")
    lines = [line for line in r.lines if line.startswith("#SSLCFG:")]
    assert len(lines) == 1, f"{CLAUSE}: one #SSLCFG line; {r.describe()}"
    try:
        got = parse_ranges(lines[0].split(":", 1)[1].strip())
    except ValueError as e:
        raise AssertionError(f"{CLAUSE}: the test form is not a list of ranges; {r.describe()}") from e
    assert len(got) == 9 and got[0] == frozenset(profile.ssid_range), (
        f"{CLAUSE}, errata TSU-02: nine ranges, the first the SSIds {list(profile.ssid_range)}; {r.describe()}"
    )


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.erratum("TSU-07")
def test_refused_before_sslen_with_ssl_not_activated(modem: Modem, profile: Profile) -> None:
    expect_not_activated(modem, profile, ("AT#SSLCFG?", set_line([1, *DEFAULTS])))


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.erratum("TSU-02")
@pytest.mark.needs("fresh_power_on")
def test_defaults_after_power_on(modem: Modem, enabled: int) -> None:
    got = read_line(modem, 1)
    want = ["1", *(str(v) for v in DEFAULTS)]
    assert got[:8] == want, f"{COMMANDS['sslcfg']['defaults_source']}: got #SSLCFG: {','.join(got)}"
    assert len(got) == COMMANDS["sslcfg"]["read_values"], (
        f"telit-ssl-ug §4.7.1.1: the read form carries {COMMANDS['sslcfg']['read_values']} values; got {got}"
    )


@pytest.mark.erratum("TSU-13")
def test_each_parameter_accepts_its_range_ends(modem: Modem, profile: Profile, enabled: int) -> None:
    rs = ranges(profile)
    for index in range(1, len(NAMES)):
        for value in span(rs[index]):
            values = [1, *DEFAULTS]
            values[index] = value
            expect_ok(modem.command(set_line(values)), f"{CLAUSE} <{NAMES[index]}>={value}")
            got = read_line(modem, 1)
            assert got[:8] == [str(v) for v in values], f"{CLAUSE}: set {values}, read {got}"


def test_optional_parameters_may_be_omitted(modem: Modem, enabled: int, observe: Callable[[str], None]) -> None:
    # §4.6: <sslSRingMode> and <noCarrierMode> are optional ([,<ssISRingMode>[,<noCarrierMode>]]). The six values
    # of the short form are read back; each differs from the full form set first (the control: a read that does
    # not follow the set fails). What the two omitted ones become is not stated: observed.
    mandatory = COMMANDS["sslcfg"]["mandatory"]
    before = [1, *DEFAULTS]
    before[6] = 1  # <sslSRingMode> 1, so that what the omission does to it shows
    expect_ok(modem.command(set_line(before)), CLAUSE)
    six = [1, 1, 200, 60, 50, 20]  # <pktSz>..<txTo> each differ from ``before``'s 300, 90, 100, 50
    expect_ok(modem.command(set_line(six)), CLAUSE)
    got = read_line(modem, 1)
    assert got[:mandatory] == [str(v) for v in six], f"{CLAUSE}: set {six} (the mandatory six), read {got}"
    observe(
        f"{CLAUSE}: #SSLCFG with <sslSRingMode>,<noCarrierMode> omitted after they were {before[6]},{before[7]}:"
        f" read {','.join(got[mandatory:8])}"
    )
    seven = [1, *DEFAULTS][:7]
    expect_ok(modem.command(set_line(seven)), CLAUSE)
    got = read_line(modem, 1)
    assert got[:7] == [str(v) for v in seven], f"{CLAUSE}: set {seven} (<noCarrierMode> omitted), read {got}"


@pytest.mark.erratum("TSU-13")
def test_each_parameter_refuses_values_outside_its_range(
    modem: Modem, profile: Profile, enabled: int, observe: Callable[[str], None]
) -> None:
    rs = ranges(profile)
    good = [1, *DEFAULTS]
    expect_ok(modem.command(set_line(good)), CLAUSE)
    for index in range(len(NAMES)):
        low, high = span(rs[index])
        for value in (low - 1, high + 1):
            values = list(good)
            values[index] = value
            r = modem.command(set_line(values))
            if NAMES[index] == "noCarrierMode" and value == high + 1:
                # errata TSU-13: §4.6 describes "two verbose modes" beside the standard NO CARRIER, while the
                # printed test forms give (0): neither refused nor assumed, the answer is observed.
                observe(f"#SSLCFG <noCarrierMode> {value}: {'accepted' if r.ok else 'refused'} ({r.final.text})")
                expect_ok(modem.command(set_line(good)), CLAUSE)
                continue
            expect_error(r, f"{CLAUSE} <{NAMES[index]}>={value} is outside {sorted(rs[index])[:3]}...")
    assert read_line(modem, 1)[:8] == [str(v) for v in good], f"{CLAUSE}: refused values changed the setting"


def test_mandatory_parameters_are_mandatory(modem: Modem, enabled: int) -> None:
    values = [1, *DEFAULTS][: COMMANDS["sslcfg"]["mandatory"] - 1]
    expect_error(modem.command(set_line(values)), f"{CLAUSE}: <txTo> is mandatory")


@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.erratum("TSU-05", "TSU-06")
@pytest.mark.needs("second_instance")
def test_other_instance_cannot_configure_an_owned_socket(modem2: Modem, owned: int) -> None:
    expect_cme_text(modem2.command(set_line([1, *DEFAULTS])), OWNED, "telit-ssl-ug §4.2.2", tolerate_period=True)
