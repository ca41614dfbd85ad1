"""The emulator's TLS client against the farm's real servers, checked from the server side."""

from __future__ import annotations

import datetime
import socket
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, load_pem_private_key
from tlslite.constants import CipherSuite

from emulator.tls.client import (
    SSL3,
    TLS1_0,
    TLS1_2,
    ClientConfig,
    ClientCredentials,
    ConnectError,
    HandshakeError,
    TlsLink,
    connect,
)
from emulator.tls.suites import CODES, COMPLETABLE
from servers.endpoint import TlsEndpoint
from servers.pki import Pki
from servers.recorder import ConnectionRecord, Outcome
from servers.scenarios import by_id

TIMEOUT = 3.0
RSA_SUITES = (CODES["TLS_RSA_WITH_AES_128_CBC_SHA"], CODES["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])


def root(pki: Pki, name: str = "rsa") -> x509.Certificate:
    return x509.load_pem_x509_certificate(pki.roots[name].pem.read_bytes())


def dial(endpoint: TlsEndpoint, config: ClientConfig, session: object | None = None) -> TlsLink:
    return connect("localhost", endpoint.config.port, config, timeout=TIMEOUT, session=session)


def echo(link: TlsLink, data: bytes) -> bytes:
    got = bytearray()
    done = threading.Event()

    def on_data(chunk: bytes) -> None:
        got.extend(chunk)
        if len(got) >= len(data):
            done.set()

    link.start(on_data, lambda reason: done.set())
    link.send(data)
    assert done.wait(TIMEOUT)
    return bytes(got)


def serve(pki: Pki, scenario: str) -> TlsEndpoint:
    return TlsEndpoint(by_id(scenario), pki).start()


def record(endpoint: TlsEndpoint) -> ConnectionRecord:
    return endpoint.recorder.last(timeout=TIMEOUT)


def test_codes_agree_with_tlslite_where_it_names_them() -> None:
    for name, value in CODES.items():
        assert getattr(CipherSuite, name, value) == value, name


def test_completable_excludes_what_no_library_here_speaks() -> None:
    for name in ("TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", "TLS_RSA_WITH_SEED_CBC_SHA",
                 "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA",
                 "TLS_RSA_WITH_DES_CBC_SHA", "TLS_RSA_EXPORT_WITH_RC4_40_MD5"):
        assert CODES[name] not in COMPLETABLE, name
    for name in ("TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_NULL_SHA", "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",
                 "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"):
        assert CODES[name] in COMPLETABLE, name


def test_exact_suite_list_and_data_both_ways(pki: Pki) -> None:
    suites = (CODES["TLS_RSA_WITH_RC4_128_MD5"], CODES["TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA"],
              CODES["TLS_RSA_WITH_AES_128_CBC_SHA"])
    with serve(pki, "valid") as endpoint:
        link = dial(endpoint, ClientConfig(suites=suites, min_version=TLS1_0, max_version=TLS1_2,
                                           anchors=(root(pki),), server_name="localhost"))
        assert echo(link, b"hello") == b"hello"
        link.close()
        seen = record(endpoint)
    assert seen.client_hello is not None
    assert seen.client_hello.cipher_suites == suites
    assert seen.client_hello.sni == "localhost"
    # D22: session IDs only, no SessionTicket extension (35).
    assert 35 not in seen.client_hello.extensions
    assert seen.cipher == "TLS_RSA_WITH_AES_128_CBC_SHA"
    assert seen.outcome is Outcome.COMPLETED


@pytest.mark.parametrize("scenario", ["expired-leaf", "untrusted-root", "expired-root", "self-signed",
                                      "incomplete-chain"])
def test_verification_refuses_with_an_alert(pki: Pki, scenario: str) -> None:
    trust = by_id(scenario).trust
    with serve(pki, scenario) as endpoint:
        with pytest.raises(HandshakeError) as caught:
            dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2,
                                        anchors=(root(pki, trust),)))
        assert caught.value.verify
        seen = record(endpoint)
    assert seen.outcome is Outcome.HANDSHAKE_FAILED
    assert not seen.handshake_done


@pytest.mark.parametrize("scenario", ["valid", "valid-root-sent", "wrong-host", "ip-san"])
def test_verification_accepts_without_a_host_name_check(pki: Pki, scenario: str) -> None:
    with serve(pki, scenario) as endpoint:
        link = dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2,
                                           anchors=(root(pki),)))
        link.close()


def test_no_verification_and_the_leaf_dates_switch(pki: Pki) -> None:
    with serve(pki, "self-signed") as endpoint:
        dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2)).close()
    with serve(pki, "expired-leaf") as endpoint:
        dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2,
                                    anchors=(root(pki),), check_leaf_dates=False)).close()


@pytest.mark.parametrize("year", [1990, 3001])  # trustme certificates run 2000-3000
def test_validity_dates_follow_the_module_clock_when_given(pki: Pki, year: int) -> None:
    # emulator.core.clock: a dialect whose documents check against the module's clock passes it.
    module_time = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    with serve(pki, "valid") as endpoint:
        with pytest.raises(HandshakeError) as caught:
            dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2,
                                        anchors=(root(pki),), clock=lambda: module_time))
        assert caught.value.verify
        # control: the host's time accepts the same chain
        dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2,
                                    anchors=(root(pki),))).close()


def test_client_certificate_is_presented(pki: Pki) -> None:
    client = pki.credentials["client"]
    key = load_pem_private_key(client.key_files.pkcs8_pem.read_bytes(), None)
    chain = tuple(c.public_bytes(Encoding.DER) for c in client.chain)
    with serve(pki, "client-cert-required") as endpoint:
        link = dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2,
                                           anchors=(root(pki),),
                                           credentials=ClientCredentials(chain=chain, key=key)))
        assert echo(link, b"x") == b"x"
        link.close()
        seen = record(endpoint)
    assert seen.client_chain[:1] == chain[:1]


def test_session_id_resumption(pki: Pki) -> None:
    config = ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2)
    with serve(pki, "resumption-tls1.2") as endpoint:
        first = dial(endpoint, config)
        assert not first.resumed
        first.close()
        second = dial(endpoint, config, session=first.session)
        assert second.resumed
        second.close()
        records = endpoint.recorder.wait_for(2, TIMEOUT)
    assert [r.resumed for r in records] == [False, True]


def test_ssl3_and_legacy_suites(pki: Pki) -> None:
    with serve(pki, "version-ssl3") as endpoint:
        link = dial(endpoint, ClientConfig(suites=(CODES["TLS_RSA_WITH_RC4_128_SHA"],),
                                           min_version=SSL3, max_version=TLS1_2))
        assert link.version == SSL3
        link.close()
    with serve(pki, "suite-tls-rsa-with-3des-ede-cbc-sha") as endpoint:
        link = dial(endpoint, ClientConfig(suites=(CODES["TLS_RSA_WITH_3DES_EDE_CBC_SHA"],),
                                           min_version=SSL3, max_version=TLS1_2))
        assert echo(link, b"3des") == b"3des"
        link.close()


@pytest.mark.parametrize("scenario", ["suite-tls-dhe-rsa-with-camellia-128-cbc-sha",
                                      "suite-tls-ecdh-rsa-with-aes-128-cbc-sha"])
def test_a_suite_the_emulator_cannot_complete_fails_cleanly(pki: Pki, scenario: str) -> None:
    # The farm serves both (OpenSSL: CAMELLIA; scapy: static ECDH) and picks the one suite offered; the emulator's
    # tlslite-ng client offers it but cannot complete it, and must end the handshake, never negotiate another.
    suite = CODES[by_id(scenario).suites[0]]
    with serve(pki, scenario) as endpoint:
        with pytest.raises(HandshakeError):
            dial(endpoint, ClientConfig(suites=(suite,), min_version=TLS1_0, max_version=TLS1_2))
        seen = record(endpoint)
    assert seen.client_hello is not None and seen.client_hello.cipher_suites == (suite,)
    assert not seen.handshake_done


def test_connect_errors() -> None:
    config = ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2)
    with pytest.raises(ConnectError):
        connect("name.invalid", 443, config, timeout=TIMEOUT)
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(ConnectError):
        connect("127.0.0.1", port, config, timeout=TIMEOUT)


def test_peer_close_is_reported_once(pki: Pki) -> None:
    with serve(pki, "push-then-close") as endpoint:
        link = dial(endpoint, ClientConfig(suites=RSA_SUITES, min_version=TLS1_0, max_version=TLS1_2))
        got = bytearray()
        ended: list[str] = []
        done = threading.Event()
        link.start(got.extend, lambda reason: (ended.append(reason), done.set()))
        assert done.wait(TIMEOUT)
        link.close()
    assert bytes(got) == b"chunk-1\r\nchunk-2\r\nchunk-3\r\n"
    assert len(ended) == 1
