"""The encodings the three vendors store: PEM, DER and base64; PKCS#1 and PKCS#8 keys.

telit-ssl-ug §4.4 (#SSLSECDATA) stores PEM or DER; fibocom-l610-ssl §1.1 (+GTSSLFILE) uploads
base64; quectel-gsm-ssl §2.2.6 (+QSECWRITE) and quectel-ec200-ssl store PEM files. Keys come as
PKCS#1 (``BEGIN RSA PRIVATE KEY``, RFC 8017 Appendix A.1.2) or PKCS#8 (``BEGIN PRIVATE KEY``,
RFC 5208 §5). This module converts, it does not decide which a vendor wants.
"""

from __future__ import annotations

import base64
import re

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

__all__ = [
    "cert_der",
    "cert_pem",
    "der_to_pem",
    "key_pkcs1_der",
    "key_pkcs1_pem",
    "key_pkcs8_der",
    "key_pkcs8_pem",
    "key_traditional_pem",
    "pem_blocks",
    "pem_to_der",
    "to_base64",
]

# RFC 7468 §2: "-----BEGIN label-----", base64 body, "-----END label-----".
_PEM_BLOCK = re.compile(
    rb"-----BEGIN (?P<label>[A-Z0-9 ]+)-----\r?\n(?P<body>.*?)-----END (?P=label)-----",
    re.DOTALL,
)


def pem_blocks(pem: bytes, label: str = "CERTIFICATE") -> list[bytes]:
    """Return the DER payload of every PEM block with ``label``, in file order."""
    found = [
        base64.b64decode(m.group("body")) for m in _PEM_BLOCK.finditer(pem) if m.group("label").decode("ascii") == label
    ]
    return found


def pem_to_der(pem: bytes, label: str = "CERTIFICATE") -> bytes:
    """Return the DER of the single PEM block in ``pem``; raise if there is not exactly one."""
    blocks = pem_blocks(pem, label)
    if len(blocks) != 1:
        raise ValueError(f"expected one PEM {label!r} block, found {len(blocks)}")
    return blocks[0]


def der_to_pem(der: bytes, label: str = "CERTIFICATE") -> bytes:
    """Armour ``der`` as PEM with 64-character lines (RFC 7468 §2)."""
    body = base64.b64encode(der)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return (
        f"-----BEGIN {label}-----\n".encode("ascii") + b"\n".join(lines) + f"\n-----END {label}-----\n".encode("ascii")
    )


def to_base64(der: bytes) -> bytes:
    """One line of base64 of ``der``, no armour: what +GTSSLFILE takes (fibocom-l610-ssl §1.1)."""
    return base64.b64encode(der)


def cert_der(cert: x509.Certificate) -> bytes:
    """DER of a certificate."""
    return cert.public_bytes(serialization.Encoding.DER)


def cert_pem(cert: x509.Certificate) -> bytes:
    """PEM of a certificate."""
    return cert.public_bytes(serialization.Encoding.PEM)


def _private(key: PrivateKeyTypes, encoding: serialization.Encoding, fmt: serialization.PrivateFormat) -> bytes:
    return key.private_bytes(encoding, fmt, serialization.NoEncryption())


def key_pkcs8_pem(key: PrivateKeyTypes) -> bytes:
    """``BEGIN PRIVATE KEY`` (RFC 5208 §5), any key type."""
    return _private(key, serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8)


def key_pkcs8_der(key: PrivateKeyTypes) -> bytes:
    """DER PKCS#8 PrivateKeyInfo (RFC 5208 §5)."""
    return _private(key, serialization.Encoding.DER, serialization.PrivateFormat.PKCS8)


def key_pkcs1_pem(key: PrivateKeyTypes) -> bytes:
    """``BEGIN RSA PRIVATE KEY`` (RFC 8017 Appendix A.1.2). RSA only: PKCS#1 is RSA's format."""
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("PKCS#1 is defined for RSA keys only (RFC 8017 Appendix A.1.2)")
    return _private(key, serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL)


def key_pkcs1_der(key: PrivateKeyTypes) -> bytes:
    """DER RSAPrivateKey (RFC 8017 Appendix A.1.2). RSA only."""
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("PKCS#1 is defined for RSA keys only (RFC 8017 Appendix A.1.2)")
    return _private(key, serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL)


def key_traditional_pem(key: PrivateKeyTypes) -> bytes:
    """The key type's own PEM form: PKCS#1 for RSA, SEC 1 (RFC 5915) for EC, DSA's OpenSSL form.

    tlslite-ng's ``parsePEMKey`` reads these and PKCS#8 alike; OpenSSL reads both too.
    """
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, dsa.DSAPrivateKey)):
        raise TypeError(f"no traditional PEM form for {type(key).__name__}")
    return _private(key, serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL)
