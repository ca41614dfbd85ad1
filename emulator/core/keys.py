"""Private keys the module holds, parsed once per distinct stored bytes.

A module loads its client key for every handshake; parsing an RSA key (its consistency checks) costs ~35 ms of
CPU, which a suite of hundreds of handshakes per run, and the kill matrix's ~130 runs, paid again and again for
the same bytes. Keys are immutable: the same bytes give the same key, and the same error for bad bytes.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

__all__ = ["load_private_key"]


@lru_cache(maxsize=64)
def load_private_key(data: bytes, *, pem: bool) -> PrivateKeyTypes:
    """An unencrypted private key, PEM (any ``BEGIN`` form) when ``pem``, else DER (PKCS#1, PKCS#8, SEC 1): each
    dialect decides which it takes a stored item for. The ``ValueError`` or ``TypeError`` of
    :mod:`cryptography` for anything else (not cached: raised each time)."""
    if pem:
        return serialization.load_pem_private_key(data, password=None)
    return serialization.load_der_private_key(data, password=None)
