"""Cipher-suite names and codes (neutral reference data), and what this client can complete.

The codes are IANA's (TLS Cipher Suites registry; RFC 2246, 4346, 4492, 5054, 5246, 5288,
5289, 5469, 5746, 4132, 4162); only the suites the Telit documents name are listed. Which
table offers which suite lives in the dialect (``emulator/telit/ciphers.py``), not here.

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

# fmt: off
_CODES: Final[dict[str, int]] = {
    "TLS_RSA_EXPORT_WITH_RC4_40_MD5": 0x0003,
    "TLS_RSA_WITH_RC4_128_MD5": 0x0004,
    "TLS_RSA_WITH_RC4_128_SHA": 0x0005,
    "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5": 0x0006,
    "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA": 0x0008,
    "TLS_RSA_WITH_DES_CBC_SHA": 0x0009,
    "TLS_RSA_WITH_3DES_EDE_CBC_SHA": 0x000A,
    "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA": 0x0011,
    "TLS_DHE_DSS_WITH_DES_CBC_SHA": 0x0012,
    "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA": 0x0013,
    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA": 0x0014,
    "TLS_DHE_RSA_WITH_DES_CBC_SHA": 0x0015,
    "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA": 0x0016,
    "TLS_RSA_WITH_NULL_SHA": 0x0002,
    "TLS_RSA_WITH_AES_128_CBC_SHA": 0x002F,
    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA": 0x0032,
    "TLS_DHE_RSA_WITH_AES_128_CBC_SHA": 0x0033,
    "TLS_RSA_WITH_AES_256_CBC_SHA": 0x0035,
    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA": 0x0038,
    "TLS_DHE_RSA_WITH_AES_256_CBC_SHA": 0x0039,
    "TLS_RSA_WITH_AES_128_CBC_SHA256": 0x003C,
    "TLS_RSA_WITH_AES_256_CBC_SHA256": 0x003D,
    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256": 0x0040,
    "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA": 0x0041,
    "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA": 0x0044,
    "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA": 0x0045,
    "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256": 0x0067,
    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256": 0x006A,
    "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256": 0x006B,
    "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA": 0x0084,
    "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA": 0x0087,
    "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA": 0x0088,
    "TLS_RSA_WITH_SEED_CBC_SHA": 0x0096,
    "TLS_DHE_DSS_WITH_SEED_CBC_SHA": 0x0099,
    "TLS_DHE_RSA_WITH_SEED_CBC_SHA": 0x009A,
    "TLS_RSA_WITH_AES_128_GCM_SHA256": 0x009C,
    "TLS_RSA_WITH_AES_256_GCM_SHA384": 0x009D,
    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256": 0x009E,
    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384": 0x009F,
    "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256": 0x00A2,
    "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384": 0x00A3,
    "TLS_EMPTY_RENEGOTIATION_INFO_SCSV": 0x00FF,
    "TLS_ECDH_ECDSA_WITH_RC4_128_SHA": 0xC002,
    "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA": 0xC003,
    "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA": 0xC004,
    "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA": 0xC005,
    "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA": 0xC007,
    "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA": 0xC008,
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA": 0xC009,
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA": 0xC00A,
    "TLS_ECDH_RSA_WITH_RC4_128_SHA": 0xC00C,
    "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA": 0xC00D,
    "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA": 0xC00E,
    "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA": 0xC00F,
    "TLS_ECDHE_RSA_WITH_RC4_128_SHA": 0xC011,
    "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA": 0xC012,
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": 0xC013,
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA": 0xC014,
    "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA": 0xC01B,
    "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA": 0xC01C,
    "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA": 0xC01E,
    "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA": 0xC01F,
    "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA": 0xC021,
    "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA": 0xC022,
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256": 0xC023,
    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384": 0xC024,
    "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256": 0xC025,
    "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384": 0xC026,
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256": 0xC027,
    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384": 0xC028,
    "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256": 0xC029,
    "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384": 0xC02A,
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": 0xC02B,
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384": 0xC02C,
    "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256": 0xC02D,
    "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384": 0xC02E,
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": 0xC02F,
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": 0xC030,
    "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256": 0xC031,
    "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384": 0xC032,
}
# fmt: on

CODES: Final[Mapping[str, int]] = MappingProxyType(_CODES)
"""IANA name -> code."""

NAMES: Final[Mapping[int, str]] = MappingProxyType({code: name for name, code in _CODES.items()})
"""Code -> IANA name."""

SCSV: Final = frozenset({CODES["TLS_EMPTY_RENEGOTIATION_INFO_SCSV"]})
"""Signalling values that travel in the suite list but are no suites (RFC 5746 §3.3)."""


def code(name: str) -> int:
    """The IANA code of ``name``; ``KeyError`` naming it if the documents never name it."""
    try:
        return CODES[name]
    except KeyError:
        raise KeyError(f"{name} is not a suite of the Telit documents") from None


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

EC_SUITES: Final = frozenset(c for name, c in _CODES.items() if "_ECDH" in name)
"""Suites that need the supported_groups / ec_point_formats extensions (RFC 4492 §5.1)."""

DHE_SUITES: Final = frozenset(c for name, c in _CODES.items() if "_DHE_" in name)
"""Finite-field DHE suites (RFC 7919 groups in supported_groups)."""
