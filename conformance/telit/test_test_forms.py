"""The test forms (``=?``) of the socket commands whose ranges the document leaves to the module: each says
"Use the test command to know the <SSId> range of the used module", so its first range is the module's SSId
range, the one #SSLEN=? lists (telit-ssl-ug §4.1, §4.3.1, §4.3.2); #SSLSECDATA's <DataType> range is the three
types §4.4 defines, its <Action> range within the four it defines. What the document does not give (the byte
counts, the <Timeout> range) is recorded as an observation, never judged.

#SSLEN=?, #SSLSECCFG=?, #SSLSECCFG2=? and #SSLCFG=? have their own tests beside their commands.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from harness.ranges import parse_ranges

# §4.1: the module's SSId range is the one "AT#SSLEN=? test command" gives; each command below cites its own too.
pytestmark = [pytest.mark.spec("telit-ssl-ug", "4.1"), pytest.mark.erratum("TSU-30")]

#: command -> the clause that defines it and says "Use the test command to know the <SSId> range"
COMMANDS = {
    "#SSLD": "5",
    "#SSLO": "5.1.1",
    "#SSLSEND": "5.1.2.1",
    "#SSLSENDEXT": "5.1.2.1",
    "#SSLRECV": "5.1.2.2.1",
    "#SSLH": "5.2",
    "#SSLFASTD": "5.3",
}
#: §4.4 <Action>: 0 delete, 1 store in NVM, 2 read, 3 store in RAM; <DataType>: 0 client certificate, 1 CA
#: certificate, 2 client private key.
ACTIONS, DATA_TYPES = frozenset({0, 1, 2, 3}), frozenset({0, 1, 2})
_FIELD = re.compile(r"\(([^()]*)\)|([^,]*)")


def fields(text: str) -> list[str]:
    """The comma-separated fields of a test form, a parenthesised range kept whole (``(0,1)`` is one field)."""
    out, pos = [], 0
    while pos <= len(text):
        m = _FIELD.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        out.append(m.group(0).strip())
        pos = m.end() + 1  # past the comma
    return out


def read_test_form(modem: Modem, command: str, clause: str) -> list[str]:
    """``AT<command>=?``: OK and one ``<command>:`` line; its fields."""
    r = expect_ok(modem.command(f"AT{command}=?"), clause)
    lines = [line for line in r.lines if line.startswith(command + ":")]
    assert len(lines) == 1, f"{clause}: one {command} line expected; {r.describe()}"
    return fields(lines[0][len(command) + 1 :].strip())


def values(field: str, clause: str) -> frozenset[int]:
    """The values of one parenthesised range; fails citing ``clause`` when it is not one."""
    try:
        (got,) = parse_ranges(field)
    except ValueError as e:
        raise AssertionError(f"{clause}: {field!r} is not a range") from e
    return got


@pytest.mark.parametrize(
    "command", [pytest.param(c, marks=pytest.mark.spec("telit-ssl-ug", s), id=c) for c, s in sorted(COMMANDS.items())]
)
def test_first_range_is_the_ssid_range(
    modem: Modem, profile: Profile, observe: Callable[[str], None], command: str
) -> None:
    section = COMMANDS[command]
    clause = f"telit-ssl-ug §{section}"
    if command == "#SSLFASTD" and profile.technology != "2G":
        pytest.skip("not applicable: telit-ssl-ug §5 Tab. 3: #SSLFASTD is not supported on 3G/4G")
    got = read_test_form(modem, command, clause)
    ssids = values(got[0], clause)
    assert ssids == frozenset(profile.ssid_range), (
        f"{clause}: <SSId>: 'Use the test command to know the <SSId> range of the used module': "
        f"{command}=? gives {sorted(ssids)}, the module has {list(profile.ssid_range)} (§4.3.1, §4.3.2)"
    )
    observe(f"{command}=? ranges after <SSId>: {','.join(got[1:])}")


@pytest.mark.spec("telit-ssl-ug", "4.4")
def test_sslsecdata_test_form(modem: Modem, profile: Profile, observe: Callable[[str], None]) -> None:
    clause = "telit-ssl-ug §4.4"
    got = read_test_form(modem, "#SSLSECDATA", clause)
    assert len(got) >= 3, f"{clause}: <storeId>, <Action>, <DataType> ranges at least; got {got}"
    actions, data_types = values(got[1], clause), values(got[2], clause)
    assert actions and actions <= ACTIONS, f"{clause}: <Action> within 0-3; got {sorted(actions)}"
    assert 1 in actions, f"{clause}: <Action> 1 (store in NVM) is the one every example uses; got {sorted(actions)}"
    assert data_types == DATA_TYPES, f"{clause}: <DataType> 0, 1, 2; got {sorted(data_types)}"
    observe(f"#SSLSECDATA=? <storeId> {got[0]}, <Size> {got[3] if len(got) > 3 else 'absent'}")
