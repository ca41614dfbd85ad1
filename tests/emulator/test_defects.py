"""Each named defect changes exactly what it says, and nothing else.

A fixed script runs on a clean module and on a module with one defect; the steps whose answers
differ must be exactly the ones listed for that defect, with the listed answers.
"""

from __future__ import annotations

import pytest

from emulator.defects import DEFECTS, check_defects
from harness.profiles import documents
from tests.emulator.conftest import cme, ok, terminals

RESOURCE = cme("Resource used by another instance")

# (label, instance, command); labels name the steps a defect may change.
SCRIPT: list[tuple[str, int, str]] = [
    ("cmee1", 1, "AT+CMEE=1"),
    ("cfg-read-early", 1, "AT#SSLCFG?"),
    ("cfg-set-early", 1, "AT#SSLCFG=1,1,300,90,100,50"),
    ("seccfg-read-early", 1, "AT#SSLSECCFG?"),
    ("cmee2", 1, "AT+CMEE=2"),
    ("seccfg-read-early-text", 1, "AT#SSLSECCFG?"),
    ("enable", 1, "AT#SSLEN=1,1"),
    ("seccfg-read", 1, "AT#SSLSECCFG?"),
    ("seccfg2-read", 1, "AT#SSLSECCFG2?"),
    ("cfg-read", 1, "AT#SSLCFG?"),
    ("other-cmee2", 2, "AT+CMEE=2"),
    ("other-seccfg-set", 2, "AT#SSLSECCFG=1,1,1"),
    ("seccfg-read-again", 1, "AT#SSLSECCFG?"),
    ("other-enable", 2, "AT#SSLEN=1,1"),
    ("other-disable", 2, "AT#SSLEN=1,0"),
    ("sslen-read", 1, "AT#SSLEN?"),
]

# defect -> {label: answer with the defect} on telit/he910.
EXPECTED_HE910: dict[str, dict[str, bytes]] = {
    "telit-wrong-cme-code": {
        "cfg-read-early": cme(835),
        "cfg-set-early": cme(835),
        "seccfg-read-early": cme(835),
    },
    "telit-ownership-not-enforced": {
        "other-seccfg-set": ok(),
        "seccfg-read-again": ok("#SSLSECCFG: 1,1,1"),
        "other-disable": ok(),
        "sslen-read": ok("#SSLEN: 1,0"),
    },
    "telit-cert-format-always-reported": {
        "seccfg-read": ok("#SSLSECCFG: 1,0,0,1"),
        "seccfg-read-again": ok("#SSLSECCFG: 1,0,0,1"),
    },
    "telit-config-before-enable": {
        "cfg-read-early": ok("#SSLCFG: 1,1,300,90,100,50,0,0,0,0"),
        "cfg-set-early": ok(),
    },
    "telit-seccfg2-wrong-default": {
        "seccfg2-read": ok("#SSLSECCFG2: 1,2,0,0,0,0"),
    },
    "telit-resource-text-period": {
        "other-seccfg-set": cme("Resource used by another instance."),
        "other-enable": cme("Resource used by another instance."),
        "other-disable": cme("Resource used by another instance."),
    },
}


def run_script(profile_name: str, defects: tuple[str, ...]) -> dict[str, bytes]:
    first, second = terminals(profile_name, defects=defects)
    by_number = {1: first, 2: second}
    return {label: by_number[n].at(command) for label, n, command in SCRIPT}


def test_clean_answers() -> None:
    clean = run_script("telit/he910", ())
    assert clean["cfg-read-early"] == cme(836)
    assert clean["seccfg-read-early-text"] == cme("SSL not activated")
    assert clean["seccfg-read"] == ok("#SSLSECCFG: 1,0,0")
    assert clean["seccfg2-read"] == ok("#SSLSECCFG2: 1,3,0,0,0,0")
    assert clean["other-seccfg-set"] == RESOURCE
    assert clean["other-enable"] == RESOURCE
    assert clean["other-disable"] == RESOURCE
    assert clean["sslen-read"] == ok("#SSLEN: 1,1")


#: Defects added for the kill matrix (issue 6) that have no emulator-level check of their own yet: the
#: kill matrix (tests/suite/test_self_validation.py) proves end to end that each changes what the
#: conformance suite sees, and that only the tests of its clause notice.
KILL_MATRIX_ONLY = frozenset({
    "telit-ssls-without-cipher-suite", "telit-send-short", "telit-sslh-closure-type-ignored",
    "telit-closure-type-1-accepted", "telit-sslo-drops-pending", "telit-http-ssl-while-sslen",
    "telit-httpqry-without-tls", "telit-httpring-no-content-type", "telit-httprcv-short",
    "telit-ftpcfg-wrong-default", "telit-ftpopen-without-tls", "telit-ftpget-truncated",
    "telit-ftpclose-keeps-connection", "telit-ftps-data-unverified",
})  # fmt: skip


def test_every_defect_is_covered() -> None:
    # The configuration defects are covered here, the secure-socket ones in
    # test_telit_defects_data.py, the newest by the kill matrix only; together they are all of them.
    from tests.emulator.test_telit_defects_data import COVERED

    telit = {name for name in DEFECTS if name.startswith("telit-")}  # other dialects test their own
    assert set(EXPECTED_HE910) | COVERED | KILL_MATRIX_ONLY == telit
    assert not set(EXPECTED_HE910) & COVERED and not (set(EXPECTED_HE910) | COVERED) & KILL_MATRIX_ONLY


@pytest.mark.parametrize("defect", sorted(EXPECTED_HE910))
def test_defect_changes_exactly_its_steps(defect: str) -> None:
    clean = run_script("telit/he910", ())
    broken = run_script("telit/he910", (defect,))
    changed = {label: answer for label, answer in broken.items() if answer != clean[label]}
    assert changed == EXPECTED_HE910[defect]


def test_wrong_cme_code_keeps_the_verbose_text() -> None:
    broken = run_script("telit/he910", ("telit-wrong-cme-code",))
    assert broken["seccfg-read-early-text"] == cme("SSL not activated")


def test_seccfg2_wrong_default_on_4g() -> None:
    term = terminals("telit/le866", instances=1, defects=("telit-seccfg2-wrong-default",))[0]
    term.at("AT#SSLEN=1,1")
    assert term.at("AT#SSLSECCFG2?") == ok("#SSLSECCFG2: 1,2,0,0,0,0")


def test_wrong_cme_code_on_gsm_needs_selint_2() -> None:
    term = terminals("telit-gsm/gc864", instances=1, defects=("telit-wrong-cme-code",))[0]
    term.at("AT#SELINT=2;+CMEE=1")
    assert term.at("AT#SSLCFG?") == cme(835)


def test_ownership_defect_does_not_let_another_instance_enable() -> None:
    first, second = terminals("telit/le866", defects=("telit-ownership-not-enforced",))
    first.at("AT#SSLEN=3,1")
    second.at("AT+CMEE=2")
    assert second.at("AT#SSLEN=3,1") == RESOURCE
    assert second.at("AT#SSLCFG=3,2,300,90,100,50") == ok()
    assert first.at("AT#SSLCFG?") == ok("#SSLCFG: 3,2,300,90,100,50,0,0,0,0")


def test_config_before_enable_lists_every_socket() -> None:
    term = terminals("telit/le866", instances=1, defects=("telit-config-before-enable",))[0]
    assert term.at("AT#SSLCFG?") == ok(
        *(f"#SSLCFG: {n},1,300,90,100,50,0,0,0,0" for n in range(1, 7)))
    term.at("AT+CMEE=1")
    assert term.at("AT#SSLSECCFG?") == cme(836)  # only #SSLCFG is affected


def test_registry_entries_name_a_clause() -> None:
    for name, defect in DEFECTS.items():
        assert defect.name == name
        assert defect.clause.split()[0] in documents(), defect.clause  # a document of vectors/documents.toml
        assert defect.description


def test_unknown_defect_is_refused() -> None:
    with pytest.raises(ValueError, match="valid defects: telit-wrong-cme-code"):
        check_defects(["no-such-defect"])
