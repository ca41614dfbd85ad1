"""A small certificate builder on ``cryptography`` for what trustme cannot make.

trustme fixes a CA's validity and always writes a SAN, SHA-256 signatures and the server+client
EKU (trustme ``src/trustme/__init__.py``). The negative scenarios need the opposite: expired and
not-yet-valid certificates at every level, no SAN, IP-only SAN, SHA-1, a wrong EKU, and a
certificate over the 2047-byte limit of telit-gsm-ssl §2.2.2. Each is one call of :func:`issue`
with an explicit parameter; nothing here is random except keys and serial numbers.
"""

from __future__ import annotations

import datetime
import enum
import ipaddress
import os
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
    PrivateKeyTypes,
)
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

__all__ = ["ORGANIZATION", "Issued", "KeyKind", "issue", "new_key", "utcnow"]

ORGANIZATION = "modem-tls-conformance"

# Netscape comment (2.16.840.1.113730.1.13): a non-critical extension every verifier ignores,
# so padding there grows a certificate without changing its meaning (RFC 5280 §4.2: a
# non-critical extension that is not recognised may be ignored).
_NETSCAPE_COMMENT = ObjectIdentifier("2.16.840.1.113730.1.13")


class KeyKind(enum.Enum):
    """Key algorithms the scenarios need: RSA for RSA key exchange, ECDSA and DSA for the rest."""

    RSA = "rsa"
    ECDSA = "ecdsa"
    DSA = "dsa"



#: Bytes every CA certificate's DER carries in its serial number: backspace, Ctrl-Z and ESC, which a text-mode
#: AT upload would edit, end or cancel. A DER upload must pass them through (telit-ssl-ug §4.4, §4.7.3.2.1);
#: with random serials a root held all three by chance only (a test then failed on some sessions).
CA_SERIAL_PREFIX = b"\x08\x1a\x1b"


def _ca_serial() -> int:
    """A positive serial of 19 bytes (RFC 5280 §4.1.2.2: at most 20) starting with :data:`CA_SERIAL_PREFIX`."""
    return int.from_bytes(CA_SERIAL_PREFIX + os.urandom(16), "big")

#: Three '+' end a Quectel file upload wherever they come (quectel-gsm-ssl §2.2.7: "module receives '+++'"): a key
#: whose PEM text holds them cannot be uploaded whole (about one RSA key in 16), so no key of the PKI does.
UPLOAD_ESCAPE = b"+++"


def uploadable(key: PrivateKeyTypes) -> bool:
    """Whether none of the key's PEM texts (PKCS#8, the traditional PKCS#1 or SEC 1) holds :data:`UPLOAD_ESCAPE`."""
    texts = (
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        ),
    )
    return not any(UPLOAD_ESCAPE in text for text in texts)


def new_key(kind: KeyKind) -> PrivateKeyTypes:
    """A fresh private key: RSA-2048, ECDSA P-256 or DSA-2048 (FIPS 186-4 §4.2, L=2048), drawn again until
    :func:`uploadable`."""
    while True:
        key: PrivateKeyTypes
        if kind is KeyKind.RSA:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        elif kind is KeyKind.ECDSA:
            key = ec.generate_private_key(ec.SECP256R1())
        else:
            key = dsa.generate_private_key(key_size=2048)
        if uploadable(key):
            return key


def utcnow() -> datetime.datetime:
    """Aware UTC now, second resolution (X.509 times carry whole seconds, RFC 5280 §4.1.2.5)."""
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


@dataclass(frozen=True, kw_only=True)
class Issued:
    """A certificate, its private key, and the issuer it chains to (``None`` if self-signed)."""

    cert: x509.Certificate
    key: PrivateKeyTypes
    parent: Issued | None = field(default=None, repr=False)

    def chain_to_root(self) -> tuple[x509.Certificate, ...]:
        """This certificate followed by each issuer up to and including the self-signed root."""
        out: list[x509.Certificate] = []
        node: Issued | None = self
        while node is not None:
            out.append(node.cert)
            node = node.parent
        return tuple(out)

    @classmethod
    def from_pem(cls, cert_pem: bytes, key_pem: bytes, parent: Issued | None = None) -> Issued:
        """Load a certificate and key from PEM, e.g. a trustme CA's ``cert_pem``/``private_key_pem``."""
        return cls(
            cert=x509.load_pem_x509_certificate(cert_pem),
            # trustme made the key: RSA's consistency checks, most of the cost of a load, would only repeat its own.
            key=serialization.load_pem_private_key(key_pem, password=None, unsafe_skip_rsa_key_validation=True),
            parent=parent,
        )


def _der_ia5(text: str) -> bytes:
    """DER IA5String (X.690 §8.21): tag 0x16, definite length, ASCII bytes."""
    raw = text.encode("ascii")
    n = len(raw)
    if n < 0x80:
        length = bytes([n])
    else:
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(size)]) + size
    return b"\x16" + length + raw


def issue(
    *,
    common_name: str,
    key: PrivateKeyTypes,
    issuer: Issued | None,
    not_before: datetime.datetime,
    not_after: datetime.datetime,
    dns_names: tuple[str, ...] = (),
    ip_addresses: tuple[str, ...] = (),
    ca: bool = False,
    eku: tuple[ObjectIdentifier, ...] | None = (ExtendedKeyUsageOID.SERVER_AUTH,),
    hash_algorithm: hashes.SHA1 | hashes.SHA256 | hashes.SHA384 | hashes.SHA512 | None = None,
    padding: int = 0,
    key_agreement: bool = False,
) -> Issued:
    """Issue one certificate for ``key``; ``issuer=None`` makes it self-signed.

    ``dns_names`` and ``ip_addresses`` both empty means no subjectAltName at all (the CN-only
    certificate of RFC 6125 §6.4.4). ``eku=None`` omits extendedKeyUsage. ``padding`` adds that
    many characters in a non-critical comment extension, to exceed size limits.
    ``hash_algorithm`` defaults to SHA-256; DSA and ECDSA issuers use it too. ``key_agreement`` sets that
    keyUsage bit: a static-ECDH server's EC key (RFC 4492 §2.1/§2.3, RFC 5480 §3).
    """
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    signer: Issued | None = issuer
    issuer_name = subject if signer is None else signer.cert.subject
    signing_key = key if signer is None else signer.key
    public_key = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)  # type: ignore[arg-type]
        .serial_number(_ca_serial() if ca else x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        # RFC 5280 §4.2.1.9: basicConstraints critical in CA certificates.
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)  # type: ignore[arg-type]
    )
    if signer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.key.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    if ca:
        usage = dict(digital_signature=True, key_cert_sign=True, crl_sign=True, key_encipherment=False)
    else:
        # RFC 5246 §7.4.2: an RSA key-exchange certificate must allow keyEncipherment; ECDHE
        # and DHE sign with it (digitalSignature).
        usage = dict(
            digital_signature=True,
            key_cert_sign=False,
            crl_sign=False,
            key_encipherment=isinstance(key, rsa.RSAPrivateKey),
        )
    builder = builder.add_extension(
        x509.KeyUsage(
            content_commitment=False,
            data_encipherment=False,
            key_agreement=key_agreement and not ca,
            encipher_only=False,
            decipher_only=False,
            **usage,
        ),
        critical=True,
    )
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in dns_names]
    names += [x509.IPAddress(ipaddress.ip_address(a)) for a in ip_addresses]
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    if eku is not None and not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=False)
    if padding:
        builder = builder.add_extension(
            x509.UnrecognizedExtension(_NETSCAPE_COMMENT, _der_ia5("x" * padding)), critical=False
        )
    if not isinstance(signing_key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, dsa.DSAPrivateKey)):
        raise TypeError(f"cannot sign with {type(signing_key).__name__}")
    signing: CertificateIssuerPrivateKeyTypes = signing_key
    if isinstance(hash_algorithm, hashes.SHA1):
        cert = _sign_sha1_rsa(builder, signing)
    else:
        cert = builder.sign(signing, hash_algorithm if hash_algorithm is not None else hashes.SHA256())
    return Issued(cert=cert, key=key, parent=signer)


# DER AlgorithmIdentifiers (RFC 4055 §5 / RFC 3279 §2.2.1), both with NULL parameters and the
# same length, so one can replace the other in place.
_SHA256_RSA = bytes.fromhex("300d06092a864886f70d01010b0500")
_SHA1_RSA = bytes.fromhex("300d06092a864886f70d0101050500")


def _sign_sha1_rsa(builder: x509.CertificateBuilder, signing_key: CertificateIssuerPrivateKeyTypes) -> x509.Certificate:
    """Sign with sha1WithRSAEncryption, which cryptography >= 43 refuses to produce.

    Sign with SHA-256 first, swap the two AlgorithmIdentifiers (TBS ``signature`` and the outer
    ``signatureAlgorithm``, RFC 5280 §4.1.1.2) for SHA-1's, and replace the signature value, which
    is the last ``key_size/8`` bytes of the DER since the BIT STRING ends the certificate.
    """
    if not isinstance(signing_key, rsa.RSAPrivateKey):
        raise TypeError("SHA-1 signatures are produced for RSA issuers only")
    draft = builder.sign(signing_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    if draft.count(_SHA256_RSA) != 2:
        raise ValueError("unexpected DER layout: sha256WithRSAEncryption should appear twice")
    tbs_draft = x509.load_der_x509_certificate(draft).tbs_certificate_bytes
    tbs = tbs_draft.replace(_SHA256_RSA, _SHA1_RSA)
    signature = signing_key.sign(tbs, asym_padding.PKCS1v15(), hashes.SHA1())
    size = signing_key.key_size // 8
    if len(signature) != size:
        raise ValueError("RSA signature length differs from the key size")
    body = draft[:-size].replace(_SHA256_RSA, _SHA1_RSA)
    return x509.load_der_x509_certificate(body + signature)
