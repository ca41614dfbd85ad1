"""The files of +QSECWRITE / +QSECREAD / +QSECDEL (quectel-gsm-ssl §2.2.7-§2.2.9) and their use.

A <filename> is ``"RAM:<name>"`` (any non-empty name, up to 32768 bytes) or ``"NVRAM:<name>"``
with ``<name>`` one of CA0, CA1 (CA certificates), CC0 (client certificate), CK0 (client key),
up to 2025 bytes. The document never gives the checksum's algorithm (the examples print 4039,
618, 83a7: at most four hex digits); the emulator's is in :func:`checksum` and
emulator/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from emulator.quectel.gsm.state import QuectelGsmState, StoredFile

RAM_LIMIT: Final = 32768
NVRAM_LIMIT: Final = 2025
CA_NAMES: Final = frozenset({"CA0", "CA1"})
CLIENT_CERT_NAMES: Final = frozenset({"CC0"})
CLIENT_KEY_NAMES: Final = frozenset({"CK0"})
NVRAM_NAMES: Final = CA_NAMES | CLIENT_CERT_NAMES | CLIENT_KEY_NAMES
# Longest RAM file name the emulator takes (the document gives none).
NAME_LIMIT: Final = 64


class BadFile(Exception):
    """A file name that is not ``RAM:<name>`` / ``NVRAM:CA0|CA1|CC0|CK0``, or unusable data."""


@dataclass(frozen=True, kw_only=True)
class FileName:
    """A parsed <filename>: which store, and the name within it."""

    ram: bool
    name: str

    @property
    def limit(self) -> int:
        """The largest <filesize> of the store (§2.2.7)."""
        return RAM_LIMIT if self.ram else NVRAM_LIMIT

    def __str__(self) -> str:
        return f"{'RAM' if self.ram else 'NVRAM'}:{self.name}"


def parse_name(text: str, nvram_names: frozenset[str] = NVRAM_NAMES) -> FileName:
    """Parse a <filename>; :class:`BadFile` if it names no file the module can store.

    The store prefix is case-insensitive; RAM names keep their case; NVRAM names are upper case.
    """
    store, colon, name = text.partition(":")
    if not colon or not name:
        raise BadFile(f"{text!r} is not RAM:<name> or NVRAM:<name>")
    if store.upper() == "RAM":
        if len(name) > NAME_LIMIT or any(c in name for c in '\r\n"'):
            raise BadFile(f"{name!r} is not a usable RAM file name")
        return FileName(ram=True, name=name)
    if store.upper() == "NVRAM" and name.upper() in nvram_names:
        return FileName(ram=False, name=name.upper())
    raise BadFile(f"{text!r}: NVRAM names are {', '.join(sorted(nvram_names))}")


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


def lookup(state: QuectelGsmState, text: str) -> StoredFile | None:
    """The stored file a "+QSSLCFG" name refers to, ``None`` when absent or malformed."""
    try:
        name = parse_name(text)
    except BadFile:
        return None
    return state.files(name.ram).get(name.name)


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
        if b"-----BEGIN" in data:
            return serialization.load_pem_private_key(data, password=None)
        return serialization.load_der_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise BadFile("not a private key") from error
