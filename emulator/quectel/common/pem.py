"""Certificates, keys and checksums of the files both Quectel documents store.

The certificate and key parsers serve quectel-gsm-ssl's +QSECWRITE files and quectel-ec200-ssl's
UFS files alike. The checksum is the one quectel-gsm-ssl §2.2.7 prints without naming its
algorithm and the EC200x file application note's +QFUPL prints (emulator/README.md).
"""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from emulator.core.keys import load_private_key


class BadFile(Exception):
    """A file name the module cannot store, or data that is no usable certificate or key."""


def checksum(data: bytes) -> int:
    """The emulator's checksum: the XOR of the data's big-endian 16-bit words (an odd last byte
    is the high byte of a word whose low byte is 0). The document never says (emulator/README.md)."""
    value = 0
    for index in range(0, len(data) - 1, 2):
        value ^= (data[index] << 8) | data[index + 1]
    if len(data) % 2:
        value ^= data[-1] << 8
    return value


def format_checksum(value: int) -> str:
    """As the examples print it: lower-case hex without leading zeros (``4039``, ``618``, ``83a7``)."""
    return f"{value:x}"


def certificates(data: bytes) -> list[x509.Certificate]:
    """The certificates of a stored PEM (or DER) file; :class:`BadFile` if none."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise BadFile(f"not a certificate: {error}") from error


def private_key(data: bytes) -> PrivateKeyTypes:
    """The stored client key (PKCS#1 or PKCS#8, PEM or DER, unencrypted); :class:`BadFile`."""
    try:
        return load_private_key(data, pem=b"-----BEGIN" in data)
    except (ValueError, TypeError) as error:
        raise BadFile("not a private key") from error
