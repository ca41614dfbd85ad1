"""``python -m servers --versions MIN-MAX``: a lab farm for modules that speak older versions, and the manifest
entries that hand its scenarios to the suite as they are served."""

from __future__ import annotations

import argparse
import dataclasses

import pytest

from servers.__main__ import _scenarios, _versions
from servers.manifest import ManifestEntry
from servers.pki import CertFiles
from servers.protocol import Backend, TlsVersion
from servers.scenarios import CATALOG, Verdict, by_id

OLDER = (TlsVersion.TLS1_0, TlsVersion.TLS1_2)


def test_versions_option_parses_and_refuses() -> None:
    assert _versions("TLSv1-TLSv1.2") == OLDER
    with pytest.raises(argparse.ArgumentTypeError, match="MIN-MAX"):
        _versions("1.0-1.2")


def test_every_scenario_but_the_version_ones_gets_the_versions() -> None:
    assert _scenarios(None) == CATALOG
    served = {s.id: s for s in _scenarios(OLDER)}
    assert set(served) == {s.id for s in CATALOG}
    for scenario in CATALOG:
        got = served[scenario.id]
        if scenario.id.startswith("version-"):
            assert got == scenario  # about versions: served as catalogued
            continue
        assert (got.min_version, got.max_version) == OLDER, scenario.id
        if scenario.backend is not Backend.OPENSSL:
            assert got.backend is scenario.backend, f"{scenario.id}: tlslite-ng serves what OpenSSL will not"
    assert served["wrong-key"].backend is Backend.TLSLITE


def _entry(scenario_id: str, versions: tuple[TlsVersion, TlsVersion], backend: str) -> ManifestEntry:
    ca = CertFiles(pem=__file__, der=__file__, b64=__file__)  # type: ignore[arg-type]
    return ManifestEntry(
        id=scenario_id,
        host="localhost",
        port=1,
        ca=ca,
        verifying=Verdict.ACCEPT,
        nonverifying=Verdict.ACCEPT,
        expected_error=None,
        min_version=versions[0],
        max_version=versions[1],
        suites=(),
        openssl_ciphers=None,
        client_cert=None,
        client_chain=None,
        client_key=None,
        srp=None,
        starttls=None,
        raw={"backend": backend, "unservable": None},
    )


def test_server_config_describes_the_scenario_as_served() -> None:
    valid = by_id("valid")
    same = _entry("valid", (valid.min_version, valid.max_version), valid.backend.value).server_config()
    assert same.scenario == valid  # the negative control: a farm serving the catalog hands it out unchanged
    older = _entry("wrong-key", OLDER, "tlslite").server_config().scenario
    assert (older.min_version, older.max_version, older.backend) == (*OLDER, Backend.TLSLITE)
    assert dataclasses.replace(
        older, min_version=by_id("wrong-key").min_version, max_version=by_id("wrong-key").max_version
    ) == by_id("wrong-key")
