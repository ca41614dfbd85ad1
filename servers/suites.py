"""Cipher suites the modules offer, as reference data: IANA name and code, OpenSSL name, backend.

Codes, key types and lowest versions come from the IANA table shared with the emulator
(:mod:`tlsref.suites`); what is kept here is the servers' own knowledge: which backend serves a
suite, under which OpenSSL name, and why none can when none can.

The rows are the union of the cipher tables of the five documents, each row naming the tables it
comes from: telit-ssl-ug §8.1.1-§8.1.3, telit-gsm-ssl §2.2.1, quectel-gsm-ssl §1.1 Tab. 2,
quectel-ec200-ssl Tab. 3 and fibocom-l610-ssl §1.5.4 (whose dashed names are the IANA ones).
OpenSSL names are those of OpenSSL 3.0's ``get_ciphers()``. The backend is the one that serves
the suite here, measured on this machine (ARCHITECTURE.md "TLS servers"): OpenSSL through ``ssl``
wherever it can, tlslite-ng for what OpenSSL 3.0 dropped (RC4, 3DES) and for SRP (``ssl`` has no
SRP verifier API), scapy (:mod:`servers.endpoint_scapy`) for what neither has: EXPORT (RFC 2246 §A.5),
single DES (RFC 5469) and SEED (RFC 4162) with RSA, DHE_RSA or DHE_DSS key exchange, and static ECDH
(RFC 4492 §2.1, §2.3), each proven against OpenSSL 1.0.2 in tests/servers/test_endpoint_scapy.py; and
``REFUSE`` with the reason for the rest (SRP with DSS, CAMELLIA-GCM).
"""

from __future__ import annotations

from dataclasses import dataclass

import tlsref.suites as tlsref

from .certbuilder import KeyKind
from .protocol import Backend, TlsVersion

__all__ = ["SUITES", "SuiteInfo", "suite", "suite_by_code"]

_SRP_DSS = (
    "SRP with DSS: tlslite-ng lists these suites but marks them unsupported "
    "(tlslite/constants.py srpDsaSuites), the ssl module has no SRP verifier API, and scapy has no SRP"
)
_CAMELLIA_GCM = "CAMELLIA-GCM (RFC 6367): neither OpenSSL 3.0, tlslite-ng nor scapy implements it"


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

        Read from the shared IANA table (``tlsref.suites.Suite.min_version`` gives the RFCs).
        """
        return TlsVersion.from_wire(divmod(tlsref.by_name(self.iana).min_version, 256))

    @property
    def srp(self) -> bool:
        """An SRP suite (RFC 5054): the client needs a user name and password."""
        return tlsref.by_name(self.iana).kex == "SRP"


#: the server key type that signs for each IANA authentication algorithm
_KEY_OF_AUTH = {"RSA": KeyKind.RSA, "DSS": KeyKind.DSA, "ECDSA": KeyKind.ECDSA}


def _s(
    iana: str,
    openssl: str | None,
    backend: Backend,
    sources: tuple[str, ...],
    unservable: str | None,
) -> SuiteInfo:
    # Code and key come from the shared IANA table (KeyError naming the suite if it is not there).
    ref = tlsref.by_name(iana)
    return SuiteInfo(
        iana=iana,
        code=ref.code,
        openssl=openssl,
        backend=backend,
        key=_KEY_OF_AUTH[ref.auth],
        sources=sources,
        unservable=unservable,
    )


# fmt: off
#: Every suite of the five documents, by IANA code.
SUITES: tuple[SuiteInfo, ...] = (
    _s("TLS_RSA_EXPORT_WITH_RC4_40_MD5", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_DES_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_WITH_DES_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_DES_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", 'CAMELLIA128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_SEED_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_RC4_128_MD5", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'telit-gsm-ssl §2.2.1', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_RSA_WITH_RC4_128_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'telit-gsm-ssl §2.2.1', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_RSA_WITH_3DES_EDE_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_AES_128_CBC_SHA", 'AES128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", 'DHE-DSS-AES128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 'DHE-RSA-AES128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_AES_256_CBC_SHA", 'AES256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'telit-gsm-ssl §2.2.1', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", 'DHE-DSS-AES256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 'DHE-RSA-AES256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_RSA_WITH_AES_128_CBC_SHA256", 'AES128-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3'), None),
    _s("TLS_RSA_WITH_AES_256_CBC_SHA256", 'AES256-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'quectel-gsm-ssl §1.1 Tab. 2', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", 'DHE-DSS-AES128-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", 'DHE-DSS-CAMELLIA128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", 'DHE-RSA-CAMELLIA128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 'DHE-RSA-AES128-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", 'DHE-DSS-AES256-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 'DHE-RSA-AES256-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", 'CAMELLIA256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", 'DHE-DSS-CAMELLIA256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", 'DHE-RSA-CAMELLIA256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_DSS_WITH_SEED_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_SEED_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_RSA_WITH_AES_128_GCM_SHA256", 'AES128-GCM-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.1', 'telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3'), None),
    _s("TLS_RSA_WITH_AES_256_GCM_SHA384", 'AES256-GCM-SHA384', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 'DHE-RSA-AES128-GCM-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 'DHE-RSA-AES256-GCM-SHA384', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", 'DHE-DSS-AES128-GCM-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", 'DHE-DSS-AES256-GCM-SHA384', Backend.OPENSSL, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", 'DHE-RSA-CAMELLIA256-SHA256', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDH_ECDSA_WITH_RC4_128_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 'ECDHE-ECDSA-AES128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 'ECDHE-ECDSA-AES256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_RSA_WITH_RC4_128_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_RSA_WITH_RC4_128_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 'ECDHE-RSA-AES128-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 'ECDHE-RSA-AES256-SHA', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", None, Backend.REFUSE, ('telit-ssl-ug §8.1.3',), _SRP_DSS),
    _s("TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", None, Backend.REFUSE, ('telit-ssl-ug §8.1.3',), _SRP_DSS),
    _s("TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", None, Backend.TLSLITE, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", None, Backend.REFUSE, ('telit-ssl-ug §8.1.3',), _SRP_DSS),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 'ECDHE-ECDSA-AES128-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 'ECDHE-ECDSA-AES256-SHA384', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 'ECDHE-RSA-AES128-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 'ECDHE-RSA-AES256-SHA384', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 'ECDHE-ECDSA-AES128-GCM-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 'ECDHE-ECDSA-AES256-GCM-SHA384', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 'ECDHE-RSA-AES128-GCM-SHA256', Backend.OPENSSL, ('telit-ssl-ug §8.1.2', 'telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 'ECDHE-RSA-AES256-GCM-SHA384', Backend.OPENSSL, ('telit-ssl-ug §8.1.3', 'quectel-ec200-ssl Tab. 3', 'fibocom-l610-ssl §1.5.4'), None),
    _s("TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", None, Backend.SCAPY, ('telit-ssl-ug §8.1.3',), None),
    _s("TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", 'ECDHE-ECDSA-CAMELLIA256-SHA384', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", 'ECDHE-RSA-CAMELLIA256-SHA384', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", None, Backend.REFUSE, ('fibocom-l610-ssl §1.5.4',), _CAMELLIA_GCM),
    _s("TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", None, Backend.REFUSE, ('fibocom-l610-ssl §1.5.4',), _CAMELLIA_GCM),
    _s("TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", None, Backend.REFUSE, ('fibocom-l610-ssl §1.5.4',), _CAMELLIA_GCM),
    _s("TLS_DHE_RSA_WITH_AES_128_CCM", 'DHE-RSA-AES128-CCM', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CCM", 'DHE-RSA-AES256-CCM', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_AES_256_CCM_8", 'DHE-RSA-AES256-CCM8', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_128_CCM", 'ECDHE-ECDSA-AES128-CCM', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CCM", 'ECDHE-ECDSA-AES256-CCM', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", 'ECDHE-ECDSA-AES256-CCM8', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 'ECDHE-RSA-CHACHA20-POLY1305', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 'ECDHE-ECDSA-CHACHA20-POLY1305', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
    _s("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 'DHE-RSA-CHACHA20-POLY1305', Backend.OPENSSL, ('fibocom-l610-ssl §1.5.4',), None),
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
