"""The files of +QSECWRITE / +QSECREAD / +QSECDEL (quectel-gsm-ssl §2.2.7-§2.2.9) and their use.

A <filename> is ``"RAM:<name>"`` (any non-empty name, up to 32768 bytes) or ``"NVRAM:<name>"``
with ``<name>`` one of CA0, CA1 (CA certificates), CC0 (client certificate), CK0 (client key),
up to 2025 bytes. The document never gives the checksum's algorithm (the examples print 4039,
618, 83a7: at most four hex digits); the emulator's is in
:func:`emulator.quectel.common.pem.checksum` and emulator/README.md. ``BadFile`` (a name that is not
``RAM:<name>`` / ``NVRAM:CA0|CA1|CC0|CK0``, or unusable data) and the certificate and key parsers
are shared with quectel-ec200-ssl (``emulator.quectel.common.pem``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from emulator.quectel.common.pem import BadFile, certificates, checksum, format_checksum, private_key
from emulator.quectel.gsm.state import QuectelGsmState, StoredFile

__all__ = ["CA_NAMES", "CLIENT_CERT_NAMES", "CLIENT_KEY_NAMES", "NVRAM_NAMES", "BadFile", "FileName",
           "certificates", "checksum", "format_checksum", "lookup", "parse_name", "private_key"]

RAM_LIMIT: Final = 32768
NVRAM_LIMIT: Final = 2025
CA_NAMES: Final = frozenset({"CA0", "CA1"})
CLIENT_CERT_NAMES: Final = frozenset({"CC0"})
CLIENT_KEY_NAMES: Final = frozenset({"CK0"})
NVRAM_NAMES: Final = CA_NAMES | CLIENT_CERT_NAMES | CLIENT_KEY_NAMES
# Longest RAM file name the emulator takes (the document gives none).
NAME_LIMIT: Final = 64


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


def lookup(state: QuectelGsmState, text: str) -> StoredFile | None:
    """The stored file a "+QSSLCFG" name refers to, ``None`` when absent or malformed."""
    try:
        name = parse_name(text)
    except BadFile:
        return None
    return state.files(name.ram).get(name.name)
