"""The scenario catalog is data that covers issue 3's list and explains every refusal."""

from __future__ import annotations

import pytest

from servers.protocol import Backend, TlsVersion
from servers.scenarios import CATALOG, ClientAuth, Scenario, Verdict, backend_for, by_id
from servers.suites import SUITES

pytestmark = pytest.mark.timeout(30)

REQUIRED = [
    "valid",
    "valid-root-sent",
    "incomplete-chain",
    "untrusted-root",
    "self-signed",
    "expired-leaf",
    "not-yet-valid-leaf",
    "expired-intermediate",
    "wrong-host",
    "ip-san",
    "no-san",
    "wrong-key",
    "client-cert-required",
    "client-cert-required-untrusted",
    "client-cert-required-none",
    "client-cert-optional-none",
    "version-ssl3",
    "version-tls1.0",
    "version-tls1.1",
    "version-tls1.2",
    "version-tls1.3",
    "resumption-tls1.2",
    "resumption-off",
    "https",
    "ftps",
]


def test_issue_3_scenarios_are_present() -> None:
    ids = {s.id for s in CATALOG}
    assert not [r for r in REQUIRED if r not in ids]
    with pytest.raises(KeyError, match="no-such"):  # control: a missing id is named
        by_id("no-such")


def test_one_scenario_per_suite_with_its_backend() -> None:
    for info in SUITES:
        scenario = by_id("suite-" + info.iana.lower().replace("_", "-"))
        assert scenario.suites == (info.iana,)
        assert scenario.backend is info.backend
        assert scenario.unservable == info.unservable


def test_every_scenario_has_a_source_and_refusals_a_reason() -> None:
    for s in CATALOG:
        assert s.source and s.description, s.id
        assert (s.backend is Backend.REFUSE) == (s.unservable is not None), s.id
        if s.backend is Backend.REFUSE:
            assert s.verifying is s.nonverifying is Verdict.REJECT, s.id


def test_refusals_name_the_reason_of_the_architecture() -> None:
    reasons = {s.unservable for s in CATALOG if s.unservable}
    assert any("SRP with DSS" in r for r in reasons)
    assert any("CAMELLIA-GCM" in r for r in reasons)


def test_scenario_validation_rejects_inconsistent_data() -> None:
    with pytest.raises(ValueError, match="unservable"):
        Scenario(id="x", description="d", source="s", backend=Backend.REFUSE)
    with pytest.raises(ValueError, match="SSLv3"):
        Scenario(id="x", description="d", source="s", min_version=TlsVersion.SSL3)
    with pytest.raises(ValueError, match="stricter"):
        Scenario(id="x", description="d", source="s", verifying=Verdict.ACCEPT, nonverifying=Verdict.REJECT)
    with pytest.raises(ValueError, match="slug"):
        Scenario(id="Not A Slug", description="d", source="s")
    # control: a consistent one builds
    assert Scenario(id="x", description="d", source="s").client_auth is ClientAuth.NONE


def test_backend_for() -> None:
    assert backend_for(("TLS_RSA_WITH_AES_128_CBC_SHA",), TlsVersion.TLS1_0) == (Backend.OPENSSL, None)
    assert backend_for(("TLS_RSA_WITH_AES_128_CBC_SHA",), TlsVersion.SSL3) == (Backend.TLSLITE, None)
    assert backend_for(("TLS_RSA_WITH_RC4_128_MD5",), TlsVersion.TLS1_0) == (Backend.TLSLITE, None)
    # static ECDH moved from REFUSE to the scapy backend (servers/endpoint_scapy.py), and takes the others along
    assert backend_for(("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA",), TlsVersion.TLS1_2) == (Backend.SCAPY, None)
    assert backend_for(("TLS_RSA_WITH_DES_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"), TlsVersion.SSL3) == (
        Backend.SCAPY,
        None,
    )
    backend, reason = backend_for(("TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384",), TlsVersion.TLS1_2)
    assert backend is Backend.REFUSE and reason is not None and "CAMELLIA-GCM" in reason
