"""Security data as stored by #SSLSECDATA, and what a handshake makes of it.

The store (docs/DECISIONS-issue4.md D15): NVM copies live in the module's non-volatile memory
and survive a power cycle; RAM copies (action 3) replace them until power off. Items are kept as
the bytes the DTE sent: PEM text or DER. Parsing happens when a connection needs them, and a
malformed item is then "SSL certs and keys wrong or not stored" (telit-ssl-ug §8.2, D14 837).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from emulator.core.keys import load_private_key
from emulator.telit.state import TelitState

_PEM_BEGIN: Final = b"-----BEGIN"


class DataType(IntEnum):
    """#SSLSECDATA <DataType> (telit-ssl-ug §4.4, telit-gsm-ssl §3.3)."""

    CLIENT_CERT = 0
    CA_CERT = 1
    CLIENT_KEY = 2


class BadSecurityData(ValueError):
    """A stored item is missing or cannot be parsed."""


def stored(state: TelitState, ssid: int, kind: DataType) -> bytes | None:
    """The item in force: the RAM copy if there is one, else the NVM copy (D15)."""
    key = (ssid, int(kind))
    ram = state.ram_secdata.get(key)
    return ram if ram is not None else state.nvm.secdata.get(key)


def store(state: TelitState, ssid: int, kind: DataType, data: bytes, *, ram: bool) -> None:
    """Keep ``data`` in RAM (action 3) or NVM (action 1); an NVM store ends a RAM override."""
    key = (ssid, int(kind))
    if ram:
        state.ram_secdata[key] = data
    else:
        state.nvm.secdata[key] = data
        state.ram_secdata.pop(key, None)


def delete(state: TelitState, ssid: int, kind: DataType) -> None:
    """Action 0: forget both copies; deleting nothing is fine (D15)."""
    key = (ssid, int(kind))
    state.nvm.secdata.pop(key, None)
    state.ram_secdata.pop(key, None)


def certificates(data: bytes | None, what: str) -> list[x509.Certificate]:
    """Every certificate of a stored item (PEM may hold several; DER holds one)."""
    if not data:
        raise BadSecurityData(f"no {what} stored")
    try:
        if data.lstrip().startswith(_PEM_BEGIN):
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise BadSecurityData(f"stored {what} is not a certificate: {error}") from error


def private_key(data: bytes | None) -> PrivateKeyTypes:
    """The stored client key: PKCS#1 or PKCS#8, PEM or DER, unencrypted."""
    if not data:
        raise BadSecurityData("no client private key stored")
    try:
        return load_private_key(data, pem=data.lstrip().startswith(_PEM_BEGIN))
    except (ValueError, TypeError) as error:
        raise BadSecurityData(f"stored key is not a private key: {error}") from error
