"""The scapy backend proven against a second, independent implementation: OpenSSL 1.0.2 (nassl's legacy client).

For every suite the backend serves (servers/suites.py rows on ``Backend.SCAPY``): one handshake with a client
restricted to that suite, at a version chosen so that SSLv3, TLS 1.0, 1.1 and 1.2 are all crossed; the suite as
OpenSSL 1.0.2 names it, the chain verified by OpenSSL to the scenario's root (and the host name by ``openssl
verify``), an echo round trip through the scenario's app, close_notify both ways, and the server's record
(version, suite, handshake done, no resumption). Negative controls beside it: a client offering only another suite,
or a version below the scenario's, is refused with the alert RFC 5246 §7.4.1.3 / §E.1 call for and gets no session;
a client whose Finished does not match the transcript the server saw is refused with decrypt_error, one whose
Finished record was altered with bad_record_mac (RFC 5246 §7.4.9, §6.2.3); a DSS ServerKeyExchange signed by
another key is refused by the client; a client that trusts another root refuses the chain; a client that goes
quiet mid-handshake is timed out; what the backend cannot serve is refused when the endpoint is built.
"""

from __future__ import annotations

import dataclasses
import socket
import struct
import time

import pytest
from cryptography.hazmat.primitives.asymmetric import dsa
from tls_clients import NASSL_MISSING, NASSL_NAMES, ClientResult, nassl_client

from servers.endpoint import Timeouts, TlsEndpoint, UnservableScenario
from servers.endpoint_scapy import ScapyBackend
from servers.pki import Pki
from servers.protocol import Backend, TlsVersion
from servers.recorder import ConnectionRecord, Outcome
from servers.scapy_tls import TLS, TLSClientHello
from servers.scenarios import ClientAuth, by_id
from servers.suites import SUITES

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(NASSL_MISSING is not None, reason=f"not run: {NASSL_MISSING}"),
]

SERVED = [i.iana for i in SUITES if i.backend is Backend.SCAPY]

#: The version each suite's handshake is forced to (None: the highest both speak), so that every version is
#: crossed: SSLv3 and TLS 1.0 for EXPORT (RFC 4346 §A.5), 1.0-1.2 for the CBC/RC4 suites, 1.2 where the suite's
#: MAC or AEAD needs it (RFC 5246 §1.2, RFC 5289).
FORCED = {
    "TLS_RSA_EXPORT_WITH_RC4_40_MD5": TlsVersion.SSL3,
    "TLS_RSA_WITH_DES_CBC_SHA": TlsVersion.TLS1_1,
    "TLS_DHE_RSA_WITH_DES_CBC_SHA": TlsVersion.TLS1_0,
    "TLS_RSA_WITH_SEED_CBC_SHA": TlsVersion.TLS1_0,
    "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA": TlsVersion.SSL3,
    "TLS_DHE_DSS_WITH_SEED_CBC_SHA": TlsVersion.TLS1_1,
    "TLS_ECDH_ECDSA_WITH_RC4_128_SHA": TlsVersion.TLS1_0,
    "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA": TlsVersion.TLS1_1,
    "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA": TlsVersion.TLS1_0,
    "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA": TlsVersion.TLS1_1,
}


def _record(endpoint: TlsEndpoint) -> ConnectionRecord:
    (record,) = endpoint.recorder.wait_for(1, timeout=5)
    return record


def _expected_version(iana: str) -> TlsVersion:
    forced = FORCED.get(iana)
    if forced is not None:
        return forced
    return TlsVersion.TLS1_0 if "_EXPORT_" in iana else TlsVersion.TLS1_2


def test_every_served_suite_has_an_openssl_1_0_2_name() -> None:
    assert len(SERVED) == 27, SERVED  # EXPORT 5, DES 3, SEED 3 (RSA, DHE_RSA, DHE_DSS), static ECDH 16
    assert set(SERVED) <= set(NASSL_NAMES)


@pytest.mark.parametrize("iana", SERVED)
def test_suite_is_served_to_openssl_1_0_2(farm_pki: Pki, iana: str) -> None:
    scenario = by_id("suite-" + iana.lower().replace("_", "-"))
    assert scenario.backend is Backend.SCAPY
    version = _expected_version(iana)
    payload = f"ping {iana}\n".encode()
    with TlsEndpoint(scenario, farm_pki) as endpoint:
        result = nassl_client(endpoint.config, verify=True, version=FORCED.get(iana), payload=payload)
        record = _record(endpoint)
    assert result.accepted, f"{iana}: {result.error}\n{record.describe()}"
    assert result.cipher == NASSL_NAMES[iana]
    assert result.echoed == payload
    assert record.outcome is Outcome.COMPLETED and record.handshake_done, record.describe()
    assert (record.version, record.cipher, record.cipher_code) == (version.value, iana, scenario.suite_infos[0].code)
    assert record.resumed is False
    assert [a.name for a in record.alerts_received] == ["warning:close_notify"], record.describe()
    assert [a.name for a in record.alerts_sent] == ["warning:close_notify"], record.describe()


def test_export_is_capped_at_tls_1_0_when_the_client_offers_more(farm_pki: Pki) -> None:
    # RFC 4346 §A.5: EXPORT suites MUST NOT be negotiated in TLS 1.1 or later. The client offers up to TLS 1.2
    # with an EXPORT suite and a TLS 1.2-capable one the scenario does not serve: TLS 1.0 and EXPORT it is.
    scenario = by_id("suite-tls-rsa-export-with-des40-cbc-sha")
    with TlsEndpoint(scenario, farm_pki) as endpoint:
        result = nassl_client(endpoint.config, verify=False, ciphers="EXP-DES-CBC-SHA:AES128-SHA256")
        record = _record(endpoint)
    assert result.accepted and result.cipher == "EXP-DES-CBC-SHA", result.error
    assert (record.version, record.cipher) == ("TLSv1", "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA"), record.describe()


def test_large_application_data_crosses_several_records(farm_pki: Pki) -> None:
    # RFC 5246 §6.2: 40 000 bytes go both ways in ten records each (the client writes 4 KiB at a time), each
    # record's sequence number and AEAD nonce moving on (RFC 5288 §3).
    payload = bytes(range(256)) * 156 + b"end\n"
    with TlsEndpoint(by_id("suite-tls-ecdh-rsa-with-aes-128-gcm-sha256"), farm_pki) as endpoint:
        result = nassl_client(endpoint.config, verify=False, payload=payload)
        record = _record(endpoint)
    assert result.accepted and result.echoed == payload, f"{result.error}\n{record.describe()}"
    assert record.bytes_received == len(payload) and record.bytes_sent == len(payload), record.describe()


# --- negative controls ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario_id", "ciphers", "version", "alert"),
    [
        ("suite-tls-rsa-with-des-cbc-sha", "AES128-SHA", None, "fatal:handshake_failure"),
        (
            "suite-tls-ecdh-rsa-with-aes-128-cbc-sha",
            "ECDHE-RSA-AES128-SHA:ECDH-ECDSA-AES128-SHA",
            None,
            "fatal:handshake_failure",
        ),
        ("suite-tls-rsa-with-des-cbc-sha", "DES-CBC-SHA", TlsVersion.TLS1_0, "fatal:protocol_version"),
    ],
    ids=["other-suite", "other-ecdh", "version-below-the-scenario"],
)
def test_a_client_without_a_servable_offer_gets_no_session(
    farm_pki: Pki, scenario_id: str, ciphers: str, version: TlsVersion | None, alert: str
) -> None:
    # RFC 5246 §7.4.1.3: no suite in common, handshake_failure; §E.1: a client whose highest version is below
    # the server's lowest (here the scenario made TLS 1.2 only), protocol_version. The control:
    # test_suite_is_served_to_openssl_1_0_2.
    scenario = by_id(scenario_id)
    if version is not None:
        scenario = dataclasses.replace(scenario, min_version=TlsVersion.TLS1_2)
    with TlsEndpoint(scenario, farm_pki) as endpoint:
        result = nassl_client(endpoint.config, verify=False, ciphers=ciphers, version=version)
        record = _record(endpoint)
    assert not result.accepted
    assert record.outcome is Outcome.HANDSHAKE_FAILED and not record.handshake_done, record.describe()
    assert [a.name for a in record.alerts_sent] == [alert], record.describe()
    assert record.client_hello is not None and record.client_hello.offered_suites


class _Tampered:
    """A socket for nassl that changes one of its sends on the way: the first (the ClientHello: one extension's
    type renamed, so that the server's transcript differs from the client's and nothing else does, RFC 5246
    §7.4.9), or the second (ClientKeyExchange, ChangeCipherSpec, Finished: the last byte of the encrypted
    Finished flipped, RFC 5246 §6.2.3)."""

    def __init__(self, sock: socket.socket, which: int) -> None:
        self.sock = sock
        self.which = which
        self.sends = 0
        self.tampered = False

    def send(self, data: bytes) -> int:
        self.sends += 1
        if self.sends == self.which == 1:
            data, self.tampered = _retype_an_extension(data), True
        elif self.sends == self.which == 2:
            data, self.tampered = data[:-1] + bytes([data[-1] ^ 0x01]), True
        self.sock.sendall(data)
        return len(data)

    def recv(self, size: int) -> bytes:
        return self.sock.recv(size)

    def settimeout(self, seconds: float | None) -> None:
        self.sock.settimeout(seconds)

    def close(self) -> None:
        self.sock.close()


def _retype_an_extension(hello: bytes) -> bytes:
    """The ClientHello record with its SessionTicket (35) or heartbeat (15) extension renamed 0x0A0A (a GREASE
    value, RFC 8701, which a server ignores): RFC 5246 §7.4.1.2 layout."""
    pos = 5 + 4 + 2 + 32
    pos += 1 + hello[pos]
    pos += 2 + struct.unpack("!H", hello[pos : pos + 2])[0]
    pos += 1 + hello[pos]
    end = pos + 2 + struct.unpack("!H", hello[pos : pos + 2])[0]
    pos += 2
    while pos < end:
        ext_type, length = struct.unpack("!HH", hello[pos : pos + 4])
        if ext_type in (15, 35):
            return hello[:pos] + b"\x0a\x0a" + hello[pos + 2 :]
        pos += 4 + length
    raise AssertionError("no SessionTicket or heartbeat extension to rename in the ClientHello")


@pytest.mark.parametrize(
    ("scenario_id", "which", "alert"),
    [
        ("suite-tls-rsa-with-seed-cbc-sha", 1, "fatal:decrypt_error"),
        ("suite-tls-ecdh-ecdsa-with-aes-128-gcm-sha256", 2, "fatal:bad_record_mac"),
    ],
    ids=["finished-over-another-transcript", "finished-record-altered"],
)
def test_a_client_whose_finished_does_not_verify_gets_no_session(
    farm_pki: Pki, scenario_id: str, which: int, alert: str
) -> None:
    # RFC 5246 §7.4.9: a Finished that does not verify is answered decrypt_error; §6.2.3.3 / RFC 5288 §3: a record
    # whose authentication fails, bad_record_mac. Either way, no session.
    with TlsEndpoint(by_id(scenario_id), farm_pki) as endpoint:
        cfg = endpoint.config
        tampered = _Tampered(socket.create_connection(cfg.address, timeout=5), which)
        result = nassl_client(cfg, verify=False, sock=tampered)  # type: ignore[arg-type]
        record = _record(endpoint)
        control = nassl_client(cfg, verify=False)  # the same client, untampered: served
    assert tampered.tampered and not result.accepted
    assert record.outcome is Outcome.HANDSHAKE_FAILED and not record.handshake_done, record.describe()
    assert [a.name for a in record.alerts_sent] == [alert], record.describe()
    assert control.accepted, control.error


def test_a_client_trusting_another_root_refuses_the_chain(farm_pki: Pki) -> None:
    scenario = by_id("suite-tls-ecdh-rsa-with-aes-128-cbc-sha256")
    with TlsEndpoint(scenario, farm_pki) as endpoint:
        refused = nassl_client(endpoint.config, verify=True, trust=farm_pki.roots["ecdsa"].pem)
        record = _record(endpoint)
        control: ClientResult = nassl_client(endpoint.config, verify=True)  # its own root: accepted
    assert not refused.accepted and "certificate verify failed" in refused.error, refused.error
    # (nassl raises before its unknown_ca alert leaves its memory BIO: the server sees the close, no alert)
    assert record.outcome is Outcome.HANDSHAKE_FAILED and not record.handshake_done, record.describe()
    assert record.ended_by == "client-close" and not record.alerts_sent, record.describe()
    assert control.accepted, control.error


def test_a_dss_signature_by_another_key_is_refused(farm_pki: Pki) -> None:
    # RFC 5246 §7.4.3: the client checks the ServerKeyExchange signature with the certificate's key; signed with
    # another DSA key, OpenSSL 1.0.2 refuses it. The control: the same server with the certificate's key.
    scenario = by_id("suite-tls-dhe-dss-with-des-cbc-sha")
    with TlsEndpoint(scenario, farm_pki) as endpoint:
        control = nassl_client(endpoint.config, verify=False)
        endpoint._backend._dsa = dsa.generate_private_key(key_size=1024)  # type: ignore[attr-defined]
        refused = nassl_client(endpoint.config, verify=False)
        first, second = endpoint.recorder.wait_for(2, timeout=5)
    assert control.accepted and first.handshake_done, control.error
    assert not refused.accepted and "bad signature" in refused.error, refused.error
    assert not second.handshake_done, second.describe()


def test_a_client_that_goes_quiet_mid_handshake_is_timed_out(farm_pki: Pki) -> None:
    # Every read has a deadline: a ClientHello and then nothing ends within the handshake timeout.
    hello = TLS(version=0x0301, msg=[TLSClientHello(version=0x0303, ciphers=[0x0009])]).raw_stateful()
    scenario = by_id("suite-tls-rsa-with-des-cbc-sha")
    with TlsEndpoint(scenario, farm_pki, timeouts=Timeouts(handshake=0.5)) as endpoint:
        with socket.create_connection(endpoint.config.address, timeout=5) as sock:
            sock.sendall(hello)
            started = time.monotonic()
            record = _record(endpoint)
            waited = time.monotonic() - started
            flight = sock.recv(65536)
    assert record.outcome is Outcome.TIMEOUT and not record.handshake_done, record.describe()
    assert 0.3 < waited < 3.0, waited
    assert flight[:1] == b"\x16", "the server's first flight came before the deadline"


def test_what_the_backend_does_not_serve_is_refused_at_construction(farm_pki: Pki) -> None:
    scenario = by_id("suite-tls-rsa-with-des-cbc-sha")
    assert ScapyBackend(scenario, farm_pki) is not None  # control
    for change, match in (
        ({"resumption": True}, "session cache"),
        ({"client_auth": ClientAuth.REQUIRED}, "client certificate"),
        ({"suites": ("TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA",)}, "scapy cannot run"),
        ({"suites": ("TLS_DHE_DSS_WITH_DES_CBC_SHA",)}, "needs a DSA certificate key"),
        ({"credential": "ecdh-rsa"}, "needs an RSA certificate key"),
        ({"backend": Backend.TLSLITE}, "backend is tlslite"),
    ):
        with pytest.raises(UnservableScenario, match=match):
            ScapyBackend(dataclasses.replace(scenario, **change), farm_pki)
