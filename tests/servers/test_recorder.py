"""What the recorder captured matches what known clients were configured to offer."""

from __future__ import annotations

import dataclasses
import ssl

import pytest
from tls_clients import python_client, python_context, s_client, tlslite_client

from servers.endpoint import TlsEndpoint, UnservableScenario
from servers.endpoint_openssl import OpenSslBackend
from servers.endpoint_tlslite import TlsliteBackend
from servers.farm import Farm
from servers.pki import Pki
from servers.protocol import Backend
from servers.recorder import ConnectionRecord, Outcome
from servers.scenarios import by_id

pytestmark = pytest.mark.timeout(60)


def _one(endpoint: TlsEndpoint) -> ConnectionRecord:
    return endpoint.recorder.last(timeout=10)


def test_python_client_restricted_to_one_suite(farm_pki: Pki) -> None:
    with TlsEndpoint(by_id("version-tls1.2"), farm_pki) as ep:
        ctx = python_context(ep.config, verify=True, ciphers="AES128-SHA", max_version=None)
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        assert python_client(ep.config, verify=True, context=ctx).accepted
        rec = _one(ep)
    assert rec.client_hello is not None
    assert rec.client_hello.offered_suite_names == ("TLS_RSA_WITH_AES_128_CBC_SHA",)
    assert 0x00FF in rec.client_hello.cipher_suites  # OpenSSL adds the renegotiation SCSV
    assert rec.cipher == "TLS_RSA_WITH_AES_128_CBC_SHA" and rec.version == "TLSv1.2"


def test_python_client_default_offers_many_suites(farm_pki: Pki) -> None:
    """Control for the test above: unrestricted, the same client offers far more."""
    with TlsEndpoint(by_id("version-tls1.2"), farm_pki) as ep:
        assert python_client(ep.config, verify=True).accepted
        rec = _one(ep)
    assert rec.client_hello is not None and len(rec.client_hello.offered_suites) > 5


def test_python_tls13_client_hello(farm_pki: Pki) -> None:
    with TlsEndpoint(by_id("version-tls1.3"), farm_pki) as ep:
        assert python_client(ep.config, verify=True).accepted
        rec = _one(ep)
    ch = rec.client_hello
    assert ch is not None
    # RFC 8446 §4.1.2 / §4.2.1: legacy_version 0x0303, real versions in supported_versions.
    assert ch.legacy_version == (3, 3) and (3, 4) in ch.supported_versions and ch.max_version == (3, 4)
    assert ch.record_version in ((3, 1), (3, 3))
    assert "TLS_AES_128_GCM_SHA256" in ch.offered_suite_names
    assert 51 in ch.extensions and 43 in ch.extensions  # key_share, supported_versions
    assert ch.compression_methods == (0,)
    assert ch.sni == "localhost"
    assert rec.version == "TLSv1.3" and rec.cipher is not None and rec.cipher.startswith("TLS_")
    assert rec.bytes_received == 4 and rec.bytes_sent == 4  # b"ping" echoed


def test_tlslite_client_rc4_over_sslv3(farm: Farm) -> None:
    cfg = farm["version-ssl3"].config
    before = len(farm["version-ssl3"].recorder.records)
    result = tlslite_client(
        cfg,
        verify=False,
        min_version=(3, 0),
        max_version=(3, 0),
        suites=("TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA"),
    )
    assert result.accepted and result.version == "SSLv3"
    rec = farm["version-ssl3"].recorder.wait_for(before + 1)[before]
    ch = rec.client_hello
    assert ch is not None
    assert ch.record_version == (3, 0) and ch.legacy_version == (3, 0) and ch.supported_versions == ()
    assert set(ch.offered_suite_names) == {"TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA"}
    assert rec.version == "SSLv3" and rec.cipher in ch.offered_suite_names


def test_sslv3_endpoint_refuses_a_tls12_only_client(farm: Farm) -> None:
    """Control: the SSLv3 endpoint does not talk TLS 1.2, and the refusal is recorded."""
    server = farm["version-ssl3"]
    before = len(server.recorder.records)
    assert not tlslite_client(server.config, verify=False, min_version=(3, 3), max_version=(3, 3)).accepted
    rec = server.recorder.wait_for(before + 1)[before]
    # The server answers in SSLv3; the TLS 1.2-only client refuses it (RFC 5246 Appendix E.1).
    assert rec.outcome is Outcome.HANDSHAKE_FAILED
    assert [a.name for a in rec.alerts_received] == ["fatal:protocol_version"]


@pytest.mark.parametrize("sni", [True, False])
def test_sni_recorded_as_configured(farm_pki: Pki, sni: bool) -> None:
    with TlsEndpoint(by_id("valid"), farm_pki) as ep:
        assert python_client(ep.config, verify=False, sni=sni).accepted
        rec = _one(ep)
    assert rec.client_hello is not None
    assert rec.client_hello.sni == ("localhost" if sni else None)
    assert (0 in rec.client_hello.extensions) is sni


def test_s_client_without_sni_and_one_suite(farm_pki: Pki) -> None:
    with TlsEndpoint(by_id("version-tls1.2"), farm_pki) as ep:
        cfg = ep.config
        assert s_client(cfg, verify=True, sni=False, cipher="ECDHE-RSA-AES128-GCM-SHA256").accepted
        rec = _one(ep)
    assert rec.client_hello is not None and rec.client_hello.sni is None
    assert rec.client_hello.offered_suite_names == ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",)


@pytest.mark.parametrize(
    ("scenario_id", "version"),
    [("resumption-tls1.2", ssl.TLSVersion.TLSv1_2), ("resumption-tls1.3", ssl.TLSVersion.TLSv1_3)],
)
def test_resumed_session_recorded_as_resumed(farm_pki: Pki, scenario_id: str, version: ssl.TLSVersion) -> None:
    with TlsEndpoint(by_id(scenario_id), farm_pki) as ep:
        ctx = python_context(ep.config, verify=True)
        ctx.maximum_version = version
        first = python_client(ep.config, verify=True, context=ctx)
        assert first.accepted and first.session is not None
        second = python_client(ep.config, verify=True, context=ctx, session=first.session)
        assert second.accepted and second.resumed
        full, resumed = ep.recorder.wait_for(2)
    assert full.resumed is False and resumed.resumed is True
    assert resumed.client_hello is not None
    if version is ssl.TLSVersion.TLSv1_3:
        assert resumed.client_hello.offers_psk and not full.client_hello.offers_psk  # type: ignore[union-attr]
    else:
        assert resumed.client_hello.session_id or resumed.client_hello.offers_session_ticket


def test_resumption_off_records_full_handshakes(farm_pki: Pki) -> None:
    """The same client procedure that resumes above gets two full handshakes here."""
    with TlsEndpoint(by_id("resumption-off"), farm_pki) as ep:
        ctx = python_context(ep.config, verify=True)
        first = python_client(ep.config, verify=True, context=ctx)
        second = python_client(ep.config, verify=True, context=ctx, session=first.session)
        assert first.accepted and second.accepted and not second.resumed
        recs = ep.recorder.wait_for(2)
    assert [r.resumed for r in recs] == [False, False]
    assert all(r.version == "TLSv1.2" for r in recs)


def test_client_chain_and_alerts_recorded(farm: Farm) -> None:
    ok = farm["client-cert-required"]
    before = len(ok.recorder.records)
    assert python_client(ok.config, verify=True).accepted
    rec = ok.recorder.wait_for(before + 1)[before]
    assert len(rec.client_chain) == 1
    leaf = farm.pki.credentials["client"].leaf_files.der.read_bytes()
    assert rec.client_chain[0] == leaf
    bad = farm["client-cert-required-untrusted"]
    before = len(bad.recorder.records)
    assert not python_client(bad.config, verify=True).accepted
    rec = bad.recorder.wait_for(before + 1)[before]
    assert rec.outcome is Outcome.HANDSHAKE_FAILED
    assert [a.name for a in rec.alerts_sent] == ["fatal:unknown_ca"]


def test_client_alert_recorded_when_it_refuses_our_chain(farm: Farm) -> None:
    server = farm["expired-leaf"]
    before = len(server.recorder.records)
    assert not python_client(server.config, verify=True).accepted
    rec = server.recorder.wait_for(before + 1)[before]
    assert [a.name for a in rec.alerts_received] == ["fatal:certificate_expired"]
    assert rec.version is None and rec.outcome is Outcome.HANDSHAKE_FAILED


def test_refused_suite_is_recorded_with_the_offer(farm: Farm) -> None:
    """A CAMELLIA-GCM endpoint (no backend here serves it) records what was offered and answers handshake_failure."""
    sid = "suite-tls-dhe-rsa-with-camellia-256-gcm-sha384"
    server = farm[sid]
    before = len(server.recorder.records)
    result = python_client(server.config, verify=False)
    assert not result.accepted and "HANDSHAKE_FAILURE" in result.error
    rec = server.recorder.wait_for(before + 1)[before]
    assert rec.outcome is Outcome.REFUSED and "CAMELLIA-GCM" in (rec.error or "")
    assert [a.name for a in rec.alerts_sent] == ["fatal:handshake_failure"]
    assert rec.client_hello is not None and rec.client_hello.offered_suites


def test_tlslite_never_serves_another_suite(farm_pki: Pki) -> None:
    """The endpoint refuses (rather than serves) a suite outside the scenario."""
    scenario = dataclasses.replace(
        by_id("suite-tls-ecdh-rsa-with-aes-128-cbc-sha"), backend=Backend.TLSLITE, unservable=None
    )
    with pytest.raises(UnservableScenario, match="static ECDH"):
        TlsliteBackend(scenario, farm_pki)
    assert TlsliteBackend(by_id("suite-tls-rsa-with-rc4-128-sha"), farm_pki) is not None  # control


def test_openssl_backend_refuses_what_it_cannot_turn_off(farm_pki: Pki) -> None:
    with pytest.raises(UnservableScenario, match="resumption"):
        OpenSslBackend(dataclasses.replace(by_id("valid"), resumption=False), farm_pki)
    assert OpenSslBackend(by_id("valid"), farm_pki).context is not None  # control
