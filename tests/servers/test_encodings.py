"""PEM/DER/base64 and PKCS#1/PKCS#8 conversions (servers.encodings)."""

from __future__ import annotations

import base64

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from servers import encodings
from servers.certbuilder import KeyKind, new_key
from servers.pki import Pki

pytestmark = pytest.mark.timeout(30)


def test_pem_der_round_trip(farm_pki: Pki) -> None:
    root = farm_pki.root_certs["rsa"]
    der = encodings.cert_der(root)
    pem = encodings.der_to_pem(der)
    assert encodings.pem_to_der(pem) == der
    assert x509.load_pem_x509_certificate(pem) == root
    # RFC 7468 §2: 64-character lines.
    body = pem.splitlines()[1:-1]
    assert all(len(line) <= 64 for line in body)
    assert len(body[0]) == 64


def test_base64_is_der_without_armour(farm_pki: Pki) -> None:
    der = encodings.cert_der(farm_pki.root_certs["rsa"])
    b64 = encodings.to_base64(der)
    assert base64.b64decode(b64) == der
    assert b"-----" not in b64 and b"\n" not in b64


def test_pem_to_der_refuses_a_bundle(farm_pki: Pki) -> None:
    bundle = farm_pki.credentials["rsa"].chain_pem.read_bytes()
    assert len(encodings.pem_blocks(bundle)) == 2
    with pytest.raises(ValueError, match="expected one PEM"):
        encodings.pem_to_der(bundle)


def test_pkcs1_and_pkcs8_labels_and_round_trip() -> None:
    key = new_key(KeyKind.RSA)
    pk1 = encodings.key_pkcs1_pem(key)
    pk8 = encodings.key_pkcs8_pem(key)
    assert pk1.startswith(b"-----BEGIN RSA PRIVATE KEY-----")
    assert pk8.startswith(b"-----BEGIN PRIVATE KEY-----")
    for blob in (pk1, pk8):
        loaded = serialization.load_pem_private_key(blob, None)
        assert loaded.private_numbers() == key.private_numbers()  # type: ignore[union-attr]
    for der in (encodings.key_pkcs1_der(key), encodings.key_pkcs8_der(key)):
        assert serialization.load_der_private_key(der, None).private_numbers() == key.private_numbers()  # type: ignore[union-attr]


def test_pkcs1_is_refused_for_ec_keys() -> None:
    """Negative control: PKCS#1 is RSA's format (RFC 8017 Appendix A.1.2)."""
    key = new_key(KeyKind.ECDSA)
    assert encodings.key_pkcs8_pem(key).startswith(b"-----BEGIN PRIVATE KEY-----")
    with pytest.raises(TypeError, match="RSA"):
        encodings.key_pkcs1_pem(key)
