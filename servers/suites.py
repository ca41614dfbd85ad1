"""Cipher suites the modules offer, as reference data: IANA name and code, OpenSSL name, backend.

The rows are the union of the cipher tables of the five documents, each row naming the tables it
comes from: telit-ssl-ug §8.1.1-§8.1.3, telit-gsm-ssl §2.2.1, quectel-gsm-ssl §1.1 Tab. 2,
quectel-ec200-ssl Tab. 3 and fibocom-l610-ssl §1.5.4 (whose dashed names are the IANA ones).
Codes are IANA's (TLS Cipher Suites registry); OpenSSL names are those of OpenSSL 3.0's
``get_ciphers()``. The backend is the one that serves the suite here, measured on this machine
(ARCHITECTURE.md "TLS servers"): OpenSSL through ``ssl`` wherever it can, tlslite-ng for what
OpenSSL 3.0 dropped (RC4, 3DES) and for SRP (``ssl`` has no SRP verifier API), and ``REFUSE``
with the reason for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from .certbuilder import KeyKind
from .protocol import Backend, TlsVersion

__all__ = ["SUITES", "SuiteInfo", "suite", "suite_by_code"]

_STATIC_ECDH = (
    "static ECDH: OpenSSL 3.0 removed the ECDH_RSA/ECDH_ECDSA suites and tlslite-ng silently "
    'negotiates another suite when asked for one (ARCHITECTURE.md "TLS servers")'
)
_SEED = (
    "SEED: OpenSSL 3.0 has it only in the legacy provider, which the ssl module cannot load "
    "per context; tlslite-ng has no SEED"
)
_SRP_DSS = (
    "SRP with DSS: tlslite-ng lists these suites but marks them unsupported "
    "(tlslite/constants.py srpDsaSuites), and the ssl module has no SRP verifier API"
)
_DES = "single DES (RFC 5469 deprecated it): OpenSSL 3.0 keeps it only in the legacy provider; tlslite-ng has no DES"
_EXPORT = "EXPORT suites (RFC 4346 forbids negotiating them): neither OpenSSL 3.0 nor tlslite-ng offers them"
_CAMELLIA_GCM = "CAMELLIA-GCM (RFC 6367): neither OpenSSL 3.0 nor tlslite-ng implements it"


@dataclass(frozen=True, kw_only=True)
class SuiteInfo:
    """One cipher suite: how it is named, who serves it, what key its server needs."""

    iana: str
    code: int
    #: OpenSSL's name, ``None`` when the ``ssl`` module cannot serve or offer it
    openssl: str | None
    backend: Backend
    #: the server key type the suite authenticates with (RSA, ECDSA, DSA for DSS)
    key: KeyKind
    sources: tuple[str, ...]
    #: why no backend serves it; set exactly when ``backend`` is ``REFUSE``
    unservable: str | None

    def __post_init__(self) -> None:
        if (self.backend is Backend.REFUSE) != (self.unservable is not None):
            raise ValueError(f"{self.iana}: a REFUSE suite needs a reason, and only it")
        if self.backend is Backend.OPENSSL and self.openssl is None:
            raise ValueError(f"{self.iana}: OpenSSL backend without an OpenSSL name")

    @property
    def min_version(self) -> TlsVersion:
        """Lowest version the suite is defined for.

        SHA-256/384 MACs, GCM, CCM and ChaCha20-Poly1305 suites are TLS 1.2 only (RFC 5246
        §1.2, RFC 5288 §4, RFC 6655 §3, RFC 7905 §2); ECC suites start at TLS 1.0 (RFC 4492 §1),
        SRP at TLS 1.0 (RFC 5054 §2.7); the rest at SSL 3.0 (RFC 6101 Appendix A.6).
        """
        tls12 = ("_SHA256", "_SHA384", "_GCM", "_CCM", "_CCM_8", "POLY1305_SHA256")
        if any(part in self.iana for part in tls12):
            return TlsVersion.TLS1_2
        if "_EC" in self.iana or "_SRP_" in self.iana:
            return TlsVersion.TLS1_0
        return TlsVersion.SSL3

    @property
    def srp(self) -> bool:
        """An SRP suite (RFC 5054): the client needs a user name and password."""
        return "_SRP_" in self.iana


def _s(
    iana: str,
    code: int,
    openssl: str | None,
    backend: Backend,
    key: KeyKind,
    sources: tuple[str, ...],
    unservable: str | None,
) -> SuiteInfo:
    return SuiteInfo(
        iana=iana, code=code, openssl=openssl, backend=backend, key=key, sources=sources, unservable=unservable
    )


# fmt: off
#: Every suite of the five documents, by IANA code.
SUITES: tuple[SuiteInfo, ...] = (
    _s("TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0x0003, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _EXPORT),
    _s("TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", 0x0006, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _EXPORT),
    _s("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x0008, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _EXPORT),
    _s("TLS_RSA_WITH_DES_CBC_SHA", 0x0009, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _DES),
    _s("TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", 0x0011, None, Backend.REFUSE, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), _EXPORT),
    _s("TLS_DHE_DSS_WITH_DES_CBC_SHA", 0x0012, None, Backend.REFUSE, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), _DES),
    _s("TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x0014, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _EXPORT),
    _s("TLS_DHE_RSA_WITH_DES_CBC_SHA", 0x0015, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _DES),
    _s("TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", 0x0041, 'CAMELLIA128-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_SEED_CBC_SHA", 0x0096, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _SEED),
    _s("TLS_RSA_WITH_RC4_128_MD5", 0x0004, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-gsm-ssl §2.2.1', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_RSA_WITH_RC4_128_SHA", 0x0005, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-gsm-ssl §2.2.1', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x000A, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", 0x0013, None, Backend.TLSLITE, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", 0x0016, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F, 'AES128-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.2', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", 0x0032, 'DHE-DSS-AES128-SHA', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0033, 'DHE-RSA-AES128-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035, 'AES256-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'telit-gsm-ssl §2.2.1', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", 0x0038, 'DHE-DSS-AES256-SHA', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 0x0039, 'DHE-RSA-AES256-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003C, 'AES128-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2'), None),
    _s("TLS_RSA_WITH_AES_256_CBC_SHA256", 0x003D, 'AES256-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", 0x0040, 'DHE-DSS-AES128-SHA256', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", 0x0044, 'DHE-DSS-CAMELLIA128-SHA', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", 0x0045, 'DHE-RSA-CAMELLIA128-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 0x0067, 'DHE-RSA-AES128-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", 0x006A, 'DHE-DSS-AES256-SHA256', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 0x006B, 'DHE-RSA-AES256-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", 0x0084, 'CAMELLIA256-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", 0x0087, 'DHE-DSS-CAMELLIA256-SHA', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", 0x0088, 'DHE-RSA-CAMELLIA256-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_DSS_WITH_SEED_CBC_SHA", 0x0099, None, Backend.REFUSE, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), _SEED),
    _s("TLS_DHE_RSA_WITH_SEED_CBC_SHA", 0x009A, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _SEED),
    _s("TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C, 'AES128-GCM-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2'), None),
    _s("TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009D, 'AES256-GCM-SHA384', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009E, 'DHE-RSA-AES128-GCM-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 0x009F, 'DHE-RSA-AES256-GCM-SHA384', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", 0x00A2, 'DHE-DSS-AES128-GCM-SHA256', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", 0x00A3, 'DHE-DSS-AES256-GCM-SHA384', Backend.OPENSSL, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", 0x00C4, 'DHE-RSA-CAMELLIA256-SHA256', Backend.OPENSSL, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDH_ECDSA_WITH_RC4_128_SHA", 0xC002, None, Backend.REFUSE, KeyKind.ECDSA, ('quectel-ec200-ssl Tab. 3',), _STATIC_ECDH),
    _s("TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", 0xC003, None, Backend.REFUSE, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", 0xC004, None, Backend.REFUSE, KeyKind.ECDSA, ('quectel-ec200-ssl Tab. 3',), _STATIC_ECDH),
    _s("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", 0xC005, None, Backend.REFUSE, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", 0xC007, None, Backend.TLSLITE, KeyKind.ECDSA, ('quectel-ec200-ssl Tab. 3',), None),
    _s("TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", 0xC008, None, Backend.TLSLITE, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC009, 'ECDHE-ECDSA-AES128-SHA', Backend.OPENSSL, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0xC00A, 'ECDHE-ECDSA-AES256-SHA', Backend.OPENSSL, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_RSA_WITH_RC4_128_SHA", 0xC00C, None, Backend.REFUSE, KeyKind.RSA, ('quectel-ec200-ssl Tab. 3',), _STATIC_ECDH),
    _s("TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", 0xC00D, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", 0xC00E, None, Backend.REFUSE, KeyKind.RSA, ('quectel-ec200-ssl Tab. 3',), _STATIC_ECDH),
    _s("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", 0xC00F, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDHE_RSA_WITH_RC4_128_SHA", 0xC011, None, Backend.TLSLITE, KeyKind.RSA, ('quectel-ec200-ssl Tab. 3',), None),
    _s("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", 0xC012, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013, 'ECDHE-RSA-AES128-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014, 'ECDHE-RSA-AES256-SHA', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", 0xC01B, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", 0xC01C, None, Backend.REFUSE, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), _SRP_DSS),
    _s("TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", 0xC01E, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", 0xC01F, None, Backend.REFUSE, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), _SRP_DSS),
    _s("TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", 0xC021, None, Backend.TLSLITE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", 0xC022, None, Backend.REFUSE, KeyKind.DSA, ('telit-ssl-ug §8.1.3',), _SRP_DSS),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023, 'ECDHE-ECDSA-AES128-SHA256', Backend.OPENSSL, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xC024, 'ECDHE-ECDSA-AES256-SHA384', Backend.OPENSSL, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", 0xC025, None, Backend.REFUSE, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", 0xC026, None, Backend.REFUSE, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 0xC027, 'ECDHE-RSA-AES128-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 0xC028, 'ECDHE-RSA-AES256-SHA384', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", 0xC029, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", 0xC02A, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), _STATIC_ECDH),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B, 'ECDHE-ECDSA-AES128-GCM-SHA256', Backend.OPENSSL, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C, 'ECDHE-ECDSA-AES256-GCM-SHA384', Backend.OPENSSL, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02D, None, Backend.REFUSE, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3',), _STATIC_ECDH),
    _s("TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02E, None, Backend.REFUSE, KeyKind.ECDSA, ('telit-ssl-ug §8.1.3',), _STATIC_ECDH),
    _s("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F, 'ECDHE-RSA-AES128-GCM-SHA256', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030, 'ECDHE-RSA-AES256-GCM-SHA384', Backend.OPENSSL, KeyKind.RSA, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", 0xC031, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _STATIC_ECDH),
    _s("TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", 0xC032, None, Backend.REFUSE, KeyKind.RSA, ('telit-ssl-ug §8.1.3',), _STATIC_ECDH),
    _s("TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", 0xC073, 'ECDHE-ECDSA-CAMELLIA256-SHA384', Backend.OPENSSL, KeyKind.ECDSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", 0xC077, 'ECDHE-RSA-CAMELLIA256-SHA384', Backend.OPENSSL, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", 0xC07D, None, Backend.REFUSE, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), _CAMELLIA_GCM),
    _s("TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", 0xC087, None, Backend.REFUSE, KeyKind.ECDSA, ('fibocom-l610-ssl §1.5.4',), _CAMELLIA_GCM),
    _s("TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", 0xC08B, None, Backend.REFUSE, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), _CAMELLIA_GCM),
    _s("TLS_DHE_RSA_WITH_AES_128_CCM", 0xC09E, 'DHE-RSA-AES128-CCM', Backend.OPENSSL, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CCM", 0xC09F, 'DHE-RSA-AES256-CCM', Backend.OPENSSL, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CCM_8", 0xC0A3, 'DHE-RSA-AES256-CCM8', Backend.OPENSSL, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_CCM", 0xC0AC, 'ECDHE-ECDSA-AES128-CCM', Backend.OPENSSL, KeyKind.ECDSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CCM", 0xC0AD, 'ECDHE-ECDSA-AES256-CCM', Backend.OPENSSL, KeyKind.ECDSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", 0xC0AF, 'ECDHE-ECDSA-AES256-CCM8', Backend.OPENSSL, KeyKind.ECDSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8, 'ECDHE-RSA-CHACHA20-POLY1305', Backend.OPENSSL, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9, 'ECDHE-ECDSA-CHACHA20-POLY1305', Backend.OPENSSL, KeyKind.ECDSA, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCAA, 'DHE-RSA-CHACHA20-POLY1305', Backend.OPENSSL, KeyKind.RSA, ('fibocom-l610-ssl §1.5.4',), None),
)
# fmt: on

_BY_NAME = {s.iana: s for s in SUITES}
_BY_CODE = {s.code: s for s in SUITES}


def suite(iana: str) -> SuiteInfo:
    """The row for an IANA name; ``KeyError`` if no document lists it."""
    return _BY_NAME[iana]


def suite_by_code(code: int) -> SuiteInfo | None:
    """The row for an IANA code, ``None`` if no document lists it."""
    return _BY_CODE.get(code)
