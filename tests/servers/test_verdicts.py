"""Every scenario, verifying and non-verifying, against real clients: the catalog's verdict holds.

The client is CPython's ``ssl`` where it can offer the scenario, else OpenSSL 1.0.2 (nassl) for the
suites only the scapy backend serves, else tlslite-ng's (SSLv3, RC4, 3DES, SRP), and separately
``openssl s_client`` wherever it can offer the scenario. Beside the
catalog-wide checks, the negative controls prove the checks can fail: the valid chain is refused
with the wrong root, the wrong name, or by a stricter client.
"""

from __future__ import annotations

import ssl

import pytest
from tls_clients import (
    NASSL_MISSING,
    ClientResult,
    nassl_can_offer,
    nassl_client,
    python_can_offer,
    python_client,
    python_context,
    s_client,
    s_client_can_offer,
    tlslite_client,
)

from servers.farm import Farm
from servers.protocol import Backend
from servers.recorder import ConnectionRecord, Outcome
from servers.scenarios import CATALOG, Verdict, by_id

pytestmark = pytest.mark.timeout(60)

CASES = [
    pytest.param(s.id, verify, id=f"{s.id}-{'verifying' if verify else 'nonverifying'}")
    for s in CATALOG
    if not s.stalls  # no answer to judge: tests/servers/test_stalls.py
    for verify in (True, False)
]


def _record_after(farm: Farm, scenario_id: str, before: int) -> ConnectionRecord:
    return farm[scenario_id].recorder.wait_for(before + 1, timeout=10)[before]


def _check(result: ClientResult, scenario_id: str, verify: bool, client: str) -> None:
    s = by_id(scenario_id)
    want = (s.verifying if verify else s.nonverifying) is Verdict.ACCEPT
    assert result.accepted is want, (
        f"{client} on {scenario_id}: expected {'accept' if want else 'reject'}, got {result.error or 'accept'}"
    )
    if verify and not want and s.expected_error and client != "tlslite-ng":
        assert s.expected_error.lower() in (result.error + result.output).lower(), result.error


@pytest.mark.parametrize(("scenario_id", "verify"), CASES)
def test_real_client_reaches_the_catalog_verdict(farm: Farm, scenario_id: str, verify: bool) -> None:
    server = farm[scenario_id]
    cfg = server.config
    before = len(server.recorder.records)
    if python_can_offer(cfg):
        result, client = python_client(cfg, verify=verify), "python-ssl"
    elif cfg.scenario.backend is Backend.SCAPY:
        if NASSL_MISSING is not None:
            pytest.skip(f"not run: {NASSL_MISSING}")
        assert nassl_can_offer(cfg), f"{scenario_id}: OpenSSL 1.0.2 has a name for every suite the scapy backend serves"
        result, client = nassl_client(cfg, verify=verify), "nassl"
    else:
        result, client = tlslite_client(cfg, verify=verify), "tlslite-ng"
    _check(result, scenario_id, verify, client)
    record = _record_after(farm, scenario_id, before)
    if cfg.scenario.backend is Backend.REFUSE:
        assert record.outcome is Outcome.REFUSED and record.client_hello is not None
    elif result.accepted:
        assert record.outcome is Outcome.COMPLETED and record.version is not None, record
    elif not (client == "tlslite-ng" and verify):
        # tlslite-ng verifies after a completed handshake; every other rejection aborts it.
        assert (
            record.outcome is not Outcome.COMPLETED
            or record.version is None
            or cfg.scenario.client_auth.value != "none"
        ), record


@pytest.mark.parametrize(("scenario_id", "verify"), CASES)
def test_openssl_s_client_reaches_the_catalog_verdict(farm: Farm, scenario_id: str, verify: bool) -> None:
    cfg = farm[scenario_id].config
    if not s_client_can_offer(cfg):
        pytest.skip("OpenSSL 3.0 cannot offer this scenario (SSLv3, RC4, 3DES or SRP): tlslite-ng checks it")
    _check(s_client(cfg, verify=verify), scenario_id, verify, "s_client")


# --- negative controls: the same server, a client that must now refuse ---------------------


def test_valid_is_refused_with_another_root(farm: Farm) -> None:
    cfg = farm["valid"].config
    other = str(farm.pki.roots["untrusted"].pem)
    assert python_client(cfg, verify=True).accepted
    refused = python_client(cfg, verify=True, trust=other)
    assert not refused.accepted and "unable to get local issuer certificate" in refused.error
    assert s_client(cfg, verify=True).accepted
    assert not s_client(cfg, verify=True, ca=other).accepted


def test_valid_is_refused_for_another_name(farm: Farm) -> None:
    cfg = farm["valid"].config
    refused = python_client(cfg, verify=True, host="other.invalid")
    assert not refused.accepted and "Hostname mismatch" in refused.error
    assert not s_client(cfg, verify=True, host="other.invalid").accepted


def test_ip_san_is_refused_when_dialled_by_name(farm: Farm) -> None:
    cfg = farm["ip-san"].config
    assert cfg.host == "127.0.0.1" and python_client(cfg, verify=True).accepted
    assert not python_client(cfg, verify=True, host="localhost").accepted
    assert not s_client(cfg, verify=True, host="localhost").accepted


def test_no_san_is_refused_by_a_client_that_ignores_the_cn(farm: Farm) -> None:
    """RFC 6125 §6.4.4 allows the CN fallback the catalog assumes; a strict client refuses."""
    cfg = farm["no-san"].config
    ctx = python_context(cfg, verify=True)
    assert python_client(cfg, verify=True, context=ctx).accepted
    ctx.hostname_checks_common_name = False
    assert not python_client(cfg, verify=True, context=ctx).accepted


def test_sha1_leaf_verdict_depends_on_the_security_level(farm: Farm) -> None:
    """Refused at the default level (as the catalog says), accepted at @SECLEVEL=0."""
    cfg = farm["sha1-leaf"].config
    assert not python_client(cfg, verify=True).accepted
    assert python_client(cfg, verify=True, ciphers="DEFAULT").accepted


def test_client_certificate_scenario_needs_the_certificate(farm: Farm) -> None:
    cfg = farm["client-cert-required"].config
    assert python_client(cfg, verify=True).accepted
    refused = python_client(cfg, verify=True, client_cert=False)
    assert not refused.accepted
    assert not s_client(cfg, verify=True, client_cert=False).accepted


def test_expired_leaf_is_refused_with_the_documented_text(farm: Farm) -> None:
    cfg = farm["expired-leaf"].config
    refused = python_client(cfg, verify=True)
    assert isinstance(refused, ClientResult) and not refused.accepted
    assert "certificate has expired" in refused.error
    assert "certificate has expired" in s_client(cfg, verify=True).output
    assert python_client(cfg, verify=False).accepted  # control: only verification refuses it


def test_tlslite_verifying_client_refuses_a_bad_chain(farm: Farm) -> None:
    """Control for the tlslite-ng verifying path: it refuses what openssl verify refuses."""
    cfg = farm["expired-leaf"].config
    assert not tlslite_client(cfg, verify=True, max_version=(3, 3)).accepted
    assert tlslite_client(farm["valid"].config, verify=True, max_version=(3, 3)).accepted


def test_ssl_module_refuses_legacy_versions_by_default(farm: Farm) -> None:
    """The TLS 1.0 endpoint needs the client's consent: a default context refuses it."""
    cfg = farm["version-tls1.0"].config
    assert python_client(cfg, verify=True).accepted
    assert not python_client(cfg, verify=True, context=ssl.create_default_context(cafile=str(cfg.ca_pem))).accepted
