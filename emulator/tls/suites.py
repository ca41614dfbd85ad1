"""Cipher-suite names and codes (neutral reference data), and what this client can complete.

Names and codes come from :mod:`tlsref.suites`, the IANA table the servers read too (neutral
reference data, which ARCHITECTURE.md lets both sides share): every suite one of the documents
names, plus the renegotiation SCSV. Which vendor table offers which suite lives in the dialect
(``emulator/<vendor>/``), not here.

:data:`COMPLETABLE` is computed from tlslite-ng's own lists: the suites it can finish a
handshake with in certificate mode. SRP suites are left out: RFC 5054 §2.8 needs a user name
and password, and no AT command of the documents sets them, so the emulator can only offer
them. tlslite-ng names static-ECDH and SRP-DSS suites but marks them unsupported; they are in
none of the lists below either; nor are the two DHE-DSS CBC-SHA256 suites (see _completable).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from tlslite.constants import CipherSuite

import tlsref.suites as tlsref

_CODES: Final[dict[str, int]] = {**tlsref.CODES, **tlsref.SIGNALLING}

CODES: Final[Mapping[str, int]] = MappingProxyType(_CODES)
"""IANA name -> code."""

NAMES: Final[Mapping[int, str]] = MappingProxyType({code: name for name, code in _CODES.items()})
"""Code -> IANA name."""

SCSV: Final = frozenset({CODES["TLS_EMPTY_RENEGOTIATION_INFO_SCSV"]})
"""Signalling values that travel in the suite list but are no suites (RFC 5746 §3.3)."""


def code(name: str) -> int:
    """The IANA code of ``name``; ``KeyError`` naming it if no document names it."""
    try:
        return CODES[name]
    except KeyError:
        raise KeyError(f"{name} is not a cipher suite named by the documents "
                       "(tlsref.suites lists them)") from None


def _completable() -> frozenset[int]:
    lists = (CipherSuite.certSuites, CipherSuite.dheCertSuites, CipherSuite.ecdheCertSuites,
             CipherSuite.ecdheEcdsaSuites, CipherSuite.dheDsaSuites)
    # tlslite-ng 0.8 lists TLS_DHE_DSS_WITH_AES_{128,256}_CBC_SHA256 as DSS suites but in none
    # of its MAC / version lists, so it refuses a ServerHello that picks them: only suites it
    # knows a version for are completable.
    known = set(CipherSuite.ssl3Suites) | set(CipherSuite.tls12Suites)
    return frozenset(int(suite) for suite_list in lists for suite in suite_list if suite in known)


COMPLETABLE: Final[frozenset[int]] = _completable()
"""Suites tlslite-ng finishes a certificate-based handshake with (SRP excluded, see above)."""

EC_SUITES: Final = frozenset(s.code for s in tlsref.SUITES if s.elliptic)
"""Suites that need the supported_groups / ec_point_formats extensions (RFC 4492 §5.1)."""

DHE_SUITES: Final = frozenset(s.code for s in tlsref.SUITES if s.finite_field_dhe)
"""Finite-field DHE suites (RFC 7919 groups in supported_groups)."""
