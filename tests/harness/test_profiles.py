"""Profiles come from each document's vectors: capabilities and id ranges are data, and a profile of a
vendor that is not Telit needs none of Telit's keys (issue 10, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.profiles import DOCUMENTS, all_profiles, read_profiles

DOCUMENTS_TOML = """
schema = 1
[documents."quectel-ec200-ssl"]
folder = "quectel_ec200"
socket_ids = "client"
[documents."fibocom-l610-ssl"]
"""

# A Quectel-like entry as issue 9 will write it (quectel-ec200-ssl §2.2.1: <SSL_ctxID> 0-5; §2.2.2:
# <clientID> 0-11): no seccfg_form, portcfg, sslcfg_test or platform.
QUECTEL_PROFILES = """
schema = 1
[profiles."quectel/ec200m"]
dialect = "quectel-ec200"
technology = "4G"
model = "EC200M-CN"
ids = { ssl_context = [0, 5], client = [0, 11] }
capabilities = ["sni", "several_sockets"]
source = "quectel-ec200-ssl §2.2.1, §2.2.2"
"""


def vectors(tmp_path: Path, profiles: str, documents: str = DOCUMENTS_TOML) -> Path:
    (tmp_path / "documents.toml").write_text(documents)
    (tmp_path / "quectel_ec200").mkdir()
    (tmp_path / "quectel_ec200" / "profiles.toml").write_text(profiles)
    return tmp_path


def test_a_profile_without_telit_keys_loads_with_its_own_ids(tmp_path: Path) -> None:
    (p,) = read_profiles(vectors(tmp_path, QUECTEL_PROFILES)).values()
    assert (p.name, p.document, p.dialect.name, p.model) == (
        "quectel/ec200m",
        "quectel-ec200-ssl",
        "quectel-ec200",
        "EC200M-CN",
    )
    assert p.ids("ssl_context") == range(0, 6) and p.ids("client") == range(0, 12)  # 0-based, apart
    assert p.ssid_range == range(0, 12) and p.ssids == 12  # the document's socket ids: <clientID>
    assert p.has("sni") and p.has("several_sockets") and not p.has("seccfg_2g")
    assert p.platform is None and p["source"].startswith("quectel-ec200-ssl")
    with pytest.raises(KeyError):
        p["seccfg_form"]


def test_an_unknown_id_range_names_the_known_ones(tmp_path: Path) -> None:
    (p,) = read_profiles(vectors(tmp_path, QUECTEL_PROFILES)).values()
    with pytest.raises(KeyError, match="no id range 'ssid'; it has: ssl_context, client"):
        p.ids("ssid")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (('model = "EC200M-CN"\n', ""), "lacks model; every profile has dialect, model, technology, ids"),
        (('dialect = "quectel-ec200"', 'dialect = "quectel"'), "unknown dialect 'quectel'; known: fibocom"),
        (("client = [0, 11]", "client = [11, 0]"), r"id range 'client' must be \[first, last\]"),
        (
            ("ids = { ssl_context = [0, 5], client = [0, 11] }", "ids = { ssl_context = [0, 5] }"),
            "lacks the id range 'client' that numbers quectel-ec200-ssl's sockets",
        ),
        (('capabilities = ["sni", "several_sockets"]', 'capabilities = "sni"'), "capabilities must be a list"),
        (('technology = "4G"', 'technology = "4G"\ndocument = "telit-ssl-ug"'), "says document 'telit-ssl-ug'"),
    ],
)
def test_a_bad_entry_is_refused_naming_what_is_wrong(tmp_path: Path, change: tuple[str, str], error: str) -> None:
    old, new = change
    assert old in QUECTEL_PROFILES
    with pytest.raises(ValueError, match=error):
        read_profiles(vectors(tmp_path, QUECTEL_PROFILES.replace(old, new)))


def test_a_registered_document_without_a_folder_has_no_profiles_yet(tmp_path: Path) -> None:
    profiles = read_profiles(vectors(tmp_path, QUECTEL_PROFILES))
    assert {p.document for p in profiles.values()} == {"quectel-ec200-ssl"}  # fibocom-l610-ssl: none


def test_every_document_of_the_index_is_registered() -> None:
    assert DOCUMENTS == ("telit-ssl-ug", "telit-gsm-ssl", "quectel-gsm-ssl", "quectel-ec200-ssl", "fibocom-l610-ssl")


def test_telit_capabilities_agree_with_the_profiles_own_data() -> None:
    # The capabilities are listed by hand in vectors/telit*/profiles.toml: each must follow from the entry's
    # values as the documents define them (one SSId or more: telit-ssl-ug §4.2.1, §4.3.2; the #SSLSECCFG
    # form; the platform id of the Applicability table), so that a slip in either is caught.
    telit = [p for p in all_profiles().values() if p.document in ("telit-ssl-ug", "telit-gsm-ssl")]
    assert len(telit) == 7
    for p in telit:
        derived = {"one_socket" if p.ssids == 1 else "several_sockets", f"seccfg_{p['seccfg_form']}"}
        derived |= {"six_sockets"} if p.ssid_range == range(1, 7) else set()
        derived |= {f"platform_{p.platform}"} if p.platform is not None else set()
        assert derived <= p.capabilities, p.name
        assert not {c for c in p.capabilities if c.startswith(("platform_", "seccfg_"))} - derived, p.name
        assert {"one_socket", "several_sockets", "six_sockets"} & p.capabilities <= derived, p.name
        assert p.ssid_range.start == 1  # telit-ssl-ug §4.1: SSIds count from 1
