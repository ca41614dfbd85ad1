"""emulator/core/keys.py: a stored key parsed once per distinct bytes, bad bytes refused every time."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from emulator.core.keys import load_private_key

_PEM = serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
_DER1 = serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()


def test_the_same_bytes_give_the_same_key_once_parsed() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(*_PEM)
    first = load_private_key(pem, pem=True)
    assert load_private_key(bytes(pem), pem=True) is first  # equal bytes, another object: still the parsed key
    assert first.private_numbers() == key.private_numbers()  # type: ignore[union-attr]


def test_pem_and_der_forms_load() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    for data, pem in ((key.private_bytes(*_PEM), True), (key.private_bytes(*_DER1), False)):
        assert load_private_key(data, pem=pem).private_numbers() == key.private_numbers()  # type: ignore[union-attr]


NOT_A_KEY_PEM = b"-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"


@pytest.mark.parametrize(("data", "pem"), [(NOT_A_KEY_PEM, True), (b"\x30\x03", False), (NOT_A_KEY_PEM, False)])
def test_bad_bytes_are_refused_each_time(data: bytes, pem: bool) -> None:
    for _ in range(2):
        with pytest.raises((ValueError, TypeError)):
            load_private_key(data, pem=pem)
