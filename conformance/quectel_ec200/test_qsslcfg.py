"""+QSSLCFG: the settings of the six SSL contexts, every keyword's set, query and test form (quectel-ec200-ssl
§2.2.1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from conformance.quectel_ec200.common import COMMANDS, clause, qsslcfg, query, unquote, upload
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from harness.plugin.fixtures import Observe
from harness.profiles import Profile
from harness.ranges import parse_ranges
from servers.pki import Pki

pytestmark = pytest.mark.spec("quectel-ec200-ssl", "2.2.1")
CLAUSE = clause("2.2.1")
CFG: dict[str, Any] = COMMANDS["qsslcfg"]
KEYWORDS: dict[str, dict[str, Any]] = CFG["keyword"]
_LINE = re.compile(r'\+QSSLCFG: "(?P<kw>[^"]+)",(?P<ctx>\([^()]*\))(?:,(?P<rest>.*))?$')


def values_of(spec: dict[str, Any]) -> list[str]:
    """The values a keyword is set to: a [low, high] range (or its ``sample``), Table 3 codes, or paths."""
    if "sample" in spec:
        return [str(v) for v in spec["sample"]]
    if "values" in spec:
        low, high = spec["values"]
        return [str(v) for v in range(low, high + 1)]
    if "codes" in spec:
        return [str(code) for code in spec["codes"]]  # unquoted hex, as §3.2 writes 0X0035
    return [str(path) for path in spec["paths"]]


def same(got: str, want: str) -> bool:
    """Values compared without quotes, codes without case ("0XFFFF" / "0xffff")."""
    return unquote(got).upper() == unquote(want).upper()


def store_files(modem: Modem, pki: Pki, spec: dict[str, Any]) -> None:
    """Upload the files a path keyword's values name (a certificate's PEM: the content is not what the
    setting is about)."""
    data = pki.credentials["client"].leaf_files.pem.read_bytes()
    for path in spec.get("paths", []):
        upload(modem, unquote(path), data)


@pytest.mark.erratum("QEC-01", "QEC-06")
def test_test_form_lists_every_keyword_with_its_ranges(
    modem: Modem, profile: Profile, observe: Callable[[str], None]
) -> None:
    r = expect_ok(modem.command(CFG["test_command"]), CLAUSE)
    seen: dict[str, str | None] = {}
    for line in r.lines:
        m = _LINE.match(line)
        assert m, f'{CLAUSE}: each line is +QSSLCFG: "<keyword>",(range of <SSL_ctxID>s),...; got {line!r}'
        assert m["kw"] not in seen, f"{CLAUSE}: {m['kw']} is listed once; {r.describe()}"
        seen[m["kw"]] = m["rest"]
        assert parse_ranges(m["ctx"]) == [frozenset(profile.ids("ssl_context"))], f"{CLAUSE}: <SSL_ctxID> 0-5: {line}"
    missing = [kw for kw in CFG["keywords"] if kw not in seen]
    assert not missing, f"{CLAUSE}: the test form lists the fourteen keywords; missing {missing}: {r.describe()}"
    extra = [kw for kw in seen if kw not in CFG["keywords"]]
    if extra or [kw for kw in seen if kw in CFG["keywords"]] != CFG["keywords"]:
        observe(f"{CLAUSE}: the test form lists {list(seen)} (the document's order: {CFG['keywords']})")
    for keyword in CFG["listed"]:
        low, high = KEYWORDS[keyword]["values"]
        rest = seen[keyword] or ""
        assert parse_ranges(rest) == [frozenset(range(low, high + 1))], (
            f'{CLAUSE}: "{keyword}" lists {low}-{high}; got {rest!r}'
        )


def test_test_form_lists_the_table_3_suites(modem: Modem, observe: Observe) -> None:
    r = expect_ok(modem.command(CFG["test_command"]), CLAUSE)
    (line,) = [x for x in r.lines if x.startswith('+QSSLCFG: "ciphersuite"')]
    rest = _LINE.match(line)
    listed = (rest["rest"] if rest else None) or ""
    try:
        codes = set().union(*parse_ranges(listed))
    except ValueError:
        # "(list of supported <cipher_suites>s)" does not say how a hex list is printed: recorded, not judged.
        observe(
            f'{CLAUSE}: the "ciphersuite" test form is not a parenthesised list: {listed!r}', instead_of_verdict=True
        )
    want = {int(code, 16) for code in KEYWORDS["ciphersuite"]["codes"]}
    missing = sorted(f"0X{c:04X}" for c in want - codes if c != 0xFFFF)
    assert not missing, f"{CLAUSE}: the test form lists every suite of Table 3; missing {missing}: {line}"


@pytest.mark.parametrize("keyword", sorted(KEYWORDS))
def test_keyword_reads_back_every_value(modem: Modem, profile: Profile, pki: Pki, keyword: str) -> None:
    ctx = profile.ids("ssl_context")[-1]
    spec = KEYWORDS[keyword]
    store_files(modem, pki, spec)
    for value in values_of(spec):
        expect_ok(qsslcfg(modem, keyword, ctx, value), f"{CLAUSE}: {keyword} {value}")
        got = query(modem, keyword, ctx)
        assert same(got, value), f'{CLAUSE}: "{keyword}",{ctx} reads {got!r} after setting {value}'
    # Negative control: a value outside the range is refused and leaves the setting as it was.
    for bad in spec.get("invalid", []):
        expect_error(qsslcfg(modem, keyword, ctx, bad), f"{CLAUSE}: {keyword} {bad} is out of range")
        got = query(modem, keyword, ctx)
        assert same(got, values_of(spec)[-1]), f"{CLAUSE}: a refused {keyword} {bad} changed the setting to {got!r}"


def test_contexts_are_separate_and_numbered_0_to_5(modem: Modem, profile: Profile) -> None:
    contexts = profile.ids("ssl_context")
    for ctx in contexts:
        expect_ok(qsslcfg(modem, "sslversion", ctx, ctx % 5), f"{CLAUSE}: <SSL_ctxID> {ctx}")
    for ctx in contexts:
        assert query(modem, "sslversion", ctx) == str(ctx % 5), f"{CLAUSE}: context {ctx} keeps its own sslversion"
    expect_error(qsslcfg(modem, "sslversion", contexts[-1] + 1, 1), f"{CLAUSE}: <SSL_ctxID> 0-5")  # control


def test_cacertex_reads_every_context_at_once(modem: Modem, profile: Profile, pki: Pki) -> None:
    spec = KEYWORDS["cacertex"]
    store_files(modem, pki, spec)
    path = spec["paths"][0]
    expect_ok(qsslcfg(modem, "cacertex", 2, path), CLAUSE)
    r = expect_ok(modem.command('AT+QSSLCFG="cacertex"'), CLAUSE)
    rows = [row for row in r.fields("+QSSLCFG") if row and unquote(row[0]) == "cacertex"]
    contexts = [str(c) for c in profile.ids("ssl_context")]
    assert [row[1] for row in rows] == contexts, f'{CLAUSE}: "cacertex" alone answers contexts 0-5; {r.describe()}'
    assert same(rows[2][2], path), f"{CLAUSE}: context 2 reads {path}; {r.describe()}"
    # Control: the other contexts do not carry context 2's path.
    assert not any(same(row[2], path) for row in rows if row[1] != "2"), f"{CLAUSE}: only context 2; {r.describe()}"
    assert same(query(modem, "cacertex", 2), path), f'{CLAUSE}: "cacertex",2 reads the same path'


def test_cacert_and_cacertex_name_the_same_setting(modem: Modem, pki: Pki, observe: Callable[[str], None]) -> None:
    # Both are "the path of trusted CA certificate for the specified SSL context": whether one is the other is
    # not said, so the relation is recorded.
    store_files(modem, pki, KEYWORDS["cacert"])
    path = KEYWORDS["cacert"]["paths"][1]
    expect_ok(qsslcfg(modem, "cacert", 3, path), CLAUSE)
    observe(f'{CLAUSE}: after "cacert",3,{path}, "cacertex",3 reads {query(modem, "cacertex", 3)!r}')


@pytest.mark.needs("fresh_power_on")
def test_stated_defaults_after_power_on(modem: Modem, profile: Profile, observe: Callable[[str], None]) -> None:
    # §2.2.1: 0xFFFF is underlined; <negotiate_time> "Default value: 300". The other defaults are not stated
    # (errata QEC-17, QEC-20): recorded.
    for ctx in profile.ids("ssl_context"):
        for keyword, spec in KEYWORDS.items():
            got = query(modem, keyword, ctx)
            if "default" in spec:
                assert same(got, str(spec["default"])), f'{CLAUSE}: "{keyword}",{ctx} is {spec["default"]}; got {got}'
            elif ctx == 0:
                observe(f'{CLAUSE}: "{keyword}" reads {got!r} after power-on (no default stated)')


def test_a_misspelt_keyword_is_refused_and_changes_nothing(modem: Modem) -> None:
    expect_ok(qsslcfg(modem, "sslversion", 0, 2), CLAUSE)
    expect_error(qsslcfg(modem, CFG["misspelt"], 0, 1), f"{CLAUSE}: only the documented keywords")
    assert query(modem, "sslversion", 0) == "2", f"{CLAUSE}: the refused command changed nothing"
    expect_ok(qsslcfg(modem, "sslversion", 0, 1), f"{CLAUSE}: the same command, spelt right")  # control
    assert query(modem, "sslversion", 0) == "1", f"{CLAUSE}: spelt right, it sets the value"


@pytest.mark.erratum("QEC-02", "QEC-06")
def test_spellings_outside_the_document_are_observed(modem: Modem, observe: Callable[[str], None]) -> None:
    # QEC-06: the older note's "seclevel"; QEC-02: Table 3's five-F 0xFFFFF. Either answer passes.
    observe(f'{CLAUSE}: AT+QSSLCFG="seclevel",0 answers {qsslcfg(modem, "seclevel", 0).final.text}')
    observe(
        f'{CLAUSE}: AT+QSSLCFG="ciphersuite",0,0XFFFFF answers {qsslcfg(modem, "ciphersuite", 0, "0XFFFFF").final.text}'
    )
    expect_ok(qsslcfg(modem, "secllevel", 0), f"{CLAUSE}: the document's spelling is understood")  # control
