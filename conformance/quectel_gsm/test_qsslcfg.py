"""+QSSLCFG: the SSL contexts' settings and the global keywords (quectel-gsm-ssl §2.2.1)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.quectel_gsm.common import COMMANDS, clause, qsslcfg, query, unquote
from harness.checks import expect_error, expect_ok, single
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = pytest.mark.spec("quectel-gsm-ssl", "2.2.1")
CLAUSE = clause("2.2.1")
CFG: dict[str, Any] = COMMANDS["qsslcfg"]


def values_of(spec: dict[str, Any]) -> list[str]:
    """Every valid value of a keyword's table: a [low, high] range, Table 2 codes, or names."""
    if "values" in spec:
        low, high = spec["values"]
        return [str(v) for v in range(low, high + 1)]
    if "codes" in spec:
        return [f'"{code}"' for code in spec["codes"]]  # a string, as §3.1 writes "0XFFFF"
    return [str(name) for name in spec["names"]]


def same(got: str, want: str) -> bool:
    """Values compared without quotes, codes without case ("0XFFFF" / "0xffff")."""
    return unquote(got).upper() == unquote(want).upper()


def test_test_form(modem: Modem) -> None:
    r = expect_ok(modem.command("AT+QSSLCFG=?"), CLAUSE)
    assert r.lines == (CFG["test_form"],), f"{CLAUSE}: AT+QSSLCFG=? answers {CFG['test_form']!r}; {r.describe()}"


@pytest.mark.parametrize("keyword", sorted(CFG["per_context"]))
def test_per_context_keyword_reads_back_every_value(modem: Modem, profile: Profile, keyword: str) -> None:
    ctx = profile.ids("ssl_context")[-1]
    spec = CFG["per_context"][keyword]
    for value in values_of(spec):
        expect_ok(qsslcfg(modem, keyword, ctx, value), f"{CLAUSE}: {keyword} {value}")
        (got,) = query(modem, keyword, ctx)
        assert same(got, value), f'{CLAUSE}: "{keyword}",{ctx} reads {got!r} after setting {value}'
    # Negative control: a value outside the table is refused and leaves the setting as it was.
    for bad in spec.get("invalid", []):
        expect_error(qsslcfg(modem, keyword, ctx, f'"{bad}"' if isinstance(bad, str) else bad), f"{CLAUSE}: {bad}")
        (got,) = query(modem, keyword, ctx)
        assert same(got, values_of(spec)[-1]), f"{CLAUSE}: a refused {keyword} {bad} changed the setting to {got!r}"


def test_contexts_are_separate_and_numbered_0_to_5(modem: Modem, profile: Profile) -> None:
    contexts = profile.ids("ssl_context")
    for ctx in contexts:
        expect_ok(qsslcfg(modem, "sslversion", ctx, ctx % 4), f"{CLAUSE}: <ctxindex> {ctx}")
    for ctx in contexts:
        assert query(modem, "sslversion", ctx) == [str(ctx % 4)], f"{CLAUSE}: context {ctx} keeps its own sslversion"
    expect_error(qsslcfg(modem, "sslversion", contexts[-1] + 1, 1), f"{CLAUSE}: <ctxindex> 0-5")


def test_ctxindex_reads_the_whole_context(modem: Modem) -> None:
    settings = {"sslversion": "3", "seclevel": "1", "ciphersuite": '"0X002F"', "cacert": '"RAM:ca_cert.pem"',
                "clientcert": '"RAM:client_cert.pem"', "clientkey": '"RAM:client_key.pem"'}  # fmt: skip
    for keyword, value in settings.items():
        expect_ok(qsslcfg(modem, keyword, 2, value), CLAUSE)
    got = single(expect_ok(qsslcfg(modem, "ctxindex", 2), CLAUSE), "+QSSLCFG", CLAUSE)
    want = ["2", *(settings[f] for f in CFG["ctxindex_fields"][1:])]
    assert len(got) == len(want) and all(same(g, w) for g, w in zip(got, want, strict=True)), (
        f'{CLAUSE}: "ctxindex",2 answers {",".join(want)}; got {",".join(got)}'
    )
    expect_error(qsslcfg(modem, "ctxindex", 6), f"{CLAUSE}: <ctxindex> 0-5")  # negative control


@pytest.mark.parametrize("keyword", sorted(CFG["global"]))
def test_global_keyword_reads_back_every_value(modem: Modem, profile: Profile, keyword: str) -> None:
    spec = CFG["global"][keyword]
    if keyword in ("smtpstyle", "smtpsctxi") and not profile.has("smtps"):
        pytest.skip(f"not applicable ({CLAUSE}): profile {profile.name} lacks 'smtps'")
    names = (spec.get("answer", keyword), spec.get("answer_also", keyword))  # errata QGS-03 for "smtpsctxi"
    for value in values_of(spec):
        expect_ok(qsslcfg(modem, keyword, value), f"{CLAUSE}: {keyword} {value}")
        assert query(modem, keyword, answer=names) == [value], f'{CLAUSE}: "{keyword}" reads back {value}'
    for bad in spec["invalid"]:  # negative control
        expect_error(qsslcfg(modem, keyword, bad), f"{CLAUSE}: {keyword} {bad}")
        assert query(modem, keyword, answer=names) == [values_of(spec)[-1]], f"{CLAUSE}: a refused {bad} changed it"


@pytest.mark.erratum("QGS-15", "QGS-03")
@pytest.mark.needs("fresh_power_on")
def test_stated_defaults_after_power_on(modem: Modem) -> None:
    for keyword, spec in CFG["global"].items():
        if "default" in spec:
            names = (spec.get("answer", keyword), spec.get("answer_also", keyword))
            got = query(modem, keyword, answer=names)
            assert got == [str(spec["default"])], f'{CLAUSE}: "{keyword}" is {spec["default"]} until set; got {got}'


def test_a_misspelt_keyword_is_refused(modem: Modem) -> None:
    expect_error(qsslcfg(modem, "sslversoin", 0, 1), f"{CLAUSE}: only the documented keywords")
    expect_ok(qsslcfg(modem, "sslversion", 0, 1), f"{CLAUSE}: the same command, spelt right")  # control
