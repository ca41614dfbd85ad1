"""IANA cipher suites: name <-> code, and what the name says of each suite.

The codes are IANA's (TLS Cipher Suites registry; RFC 2246, 4132, 4162, 4346, 4492, 5054, 5246,
5288, 5289, 5469, 5746, 6209, 6367, 6655, 7251, 7905). The rows are every suite that one of the
five documents names (telit-ssl-ug §8.1, telit-gsm-ssl §2.2.1, quectel-gsm-ssl §1.1 Tab. 2,
quectel-ec200-ssl Tab. 3, fibocom-l610-ssl §1.5.4), plus ``TLS_RSA_WITH_NULL_SHA``, which
telit-ssl-ug §4.2.2 says <CipherSuite> 0 does *not* offer. Which vendor table offers which suite
is vendor knowledge and lives with the vendor; which backend serves it lives in ``servers``.

Key exchange, authentication, bulk cipher, MAC and lowest version are read from the IANA name,
which follows one pattern: ``TLS_<kex>[_<auth>][_EXPORT]_WITH_<cipher>[_<mac>]``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["CODES", "NAMES", "SIGNALLING", "SUITES", "Suite", "Version", "by_code", "by_name"]


class Version(enum.IntEnum):
    """Protocol versions by their wire value (major << 8 | minor; RFC 8446 Appendix D)."""

    SSL3 = 0x0300  # RFC 6101
    TLS1_0 = 0x0301  # RFC 2246
    TLS1_1 = 0x0302  # RFC 4346
    TLS1_2 = 0x0303  # RFC 5246
    TLS1_3 = 0x0304  # RFC 8446


@dataclass(frozen=True, kw_only=True)
class Suite:
    """One cipher suite as its IANA name describes it."""

    name: str
    code: int
    #: key exchange: RSA, DHE, ECDHE, ECDH (static), SRP
    kex: str
    #: what the server's certificate signs with: RSA, DSS, ECDSA
    auth: str
    #: bulk cipher as the name spells it: AES_128_CBC, RC4_128, 3DES_EDE_CBC, NULL...
    cipher: str
    #: the record MAC (or the PRF hash of an AEAD suite): MD5, SHA, SHA256, SHA384; ``None``
    #: for the CCM suites, whose names give none (RFC 6655 §3: SHA-256 PRF)
    mac: str | None
    #: an EXPORT suite (RFC 4346 §A.5: must not be negotiated)
    export: bool

    @property
    def min_version(self) -> Version:
        """The lowest version the suite is defined for.

        SHA-256/384 MACs, GCM, CCM and ChaCha20-Poly1305 are TLS 1.2 only (RFC 5246 §1.2,
        RFC 5288 §4, RFC 6655 §3, RFC 7905 §2); ECC suites start at TLS 1.0 (RFC 4492 §1), SRP at
        TLS 1.0 (RFC 5054 §2.7); the rest at SSL 3.0 (RFC 6101 Appendix A.6).
        """
        if self.mac in ("SHA256", "SHA384") or self.aead:
            return Version.TLS1_2
        if self.kex in ("ECDH", "ECDHE", "SRP"):
            return Version.TLS1_0
        return Version.SSL3

    @property
    def aead(self) -> bool:
        """An AEAD cipher (GCM, CCM, ChaCha20-Poly1305)."""
        return "_GCM" in self.cipher or "_CCM" in self.cipher or "POLY1305" in self.cipher

    @property
    def elliptic(self) -> bool:
        """Needs the supported_groups / ec_point_formats extensions (RFC 4492 §5.1)."""
        return self.kex in ("ECDH", "ECDHE")

    @property
    def finite_field_dhe(self) -> bool:
        """An ephemeral finite-field Diffie-Hellman suite (RFC 7919 groups)."""
        return self.kex == "DHE"


_MACS = ("MD5", "SHA", "SHA256", "SHA384")
_AUTHS = ("RSA", "DSS", "ECDSA")


def _parse(name: str, code: int) -> Suite:
    """Read a suite's parts from its IANA name; ``ValueError`` for a name off the pattern."""
    head, sep, tail = name.partition("_WITH_")
    if not (name.startswith("TLS_") and sep and tail):
        raise ValueError(f"{name}: not an IANA suite name (TLS_<kex>_WITH_<cipher>)")
    parts = head[len("TLS_"):].split("_")
    export = parts[-1] == "EXPORT"
    if export:
        parts = parts[:-1]
    if parts == ["RSA"]:
        kex, auth = "RSA", "RSA"
    elif len(parts) == 2 and parts[0] in ("DHE", "ECDHE", "ECDH") and parts[1] in _AUTHS:
        kex, auth = parts
    elif len(parts) == 3 and parts[:2] == ["SRP", "SHA"] and parts[2] in _AUTHS:
        kex, auth = "SRP", parts[2]  # RFC 5054 §2.7: SRP_SHA_RSA, SRP_SHA_DSS
    else:
        raise ValueError(f"{name}: unknown key exchange {'_'.join(parts)!r}")
    words = tail.split("_")
    mac = words[-1] if words[-1] in _MACS else None
    cipher = "_".join(words[:-1] if mac is not None else words)
    if mac is None and "_CCM" not in "_" + cipher:
        raise ValueError(f"{name}: no MAC and not a CCM suite")
    return Suite(name=name, code=code, kex=kex, auth=auth, cipher=cipher, mac=mac, export=export)


# fmt: off
_ROWS: Final[tuple[tuple[str, int], ...]] = (
    ("TLS_RSA_WITH_NULL_SHA", 0x0002),
    ("TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0x0003),
    ("TLS_RSA_WITH_RC4_128_MD5", 0x0004),
    ("TLS_RSA_WITH_RC4_128_SHA", 0x0005),
    ("TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", 0x0006),
    ("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x0008),
    ("TLS_RSA_WITH_DES_CBC_SHA", 0x0009),
    ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x000A),
    ("TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", 0x0011),
    ("TLS_DHE_DSS_WITH_DES_CBC_SHA", 0x0012),
    ("TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", 0x0013),
    ("TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x0014),
    ("TLS_DHE_RSA_WITH_DES_CBC_SHA", 0x0015),
    ("TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", 0x0016),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", 0x002F),
    ("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", 0x0032),
    ("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0033),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", 0x0035),
    ("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", 0x0038),
    ("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 0x0039),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", 0x003C),
    ("TLS_RSA_WITH_AES_256_CBC_SHA256", 0x003D),
    ("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", 0x0040),
    ("TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", 0x0041),
    ("TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", 0x0044),
    ("TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", 0x0045),
    ("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 0x0067),
    ("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", 0x006A),
    ("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 0x006B),
    ("TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", 0x0084),
    ("TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", 0x0087),
    ("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", 0x0088),
    ("TLS_RSA_WITH_SEED_CBC_SHA", 0x0096),
    ("TLS_DHE_DSS_WITH_SEED_CBC_SHA", 0x0099),
    ("TLS_DHE_RSA_WITH_SEED_CBC_SHA", 0x009A),
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009C),
    ("TLS_RSA_WITH_AES_256_GCM_SHA384", 0x009D),
    ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009E),
    ("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", 0x009F),
    ("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", 0x00A2),
    ("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", 0x00A3),
    ("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", 0x00C4),
    ("TLS_ECDH_ECDSA_WITH_RC4_128_SHA", 0xC002),
    ("TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", 0xC003),
    ("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", 0xC004),
    ("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", 0xC005),
    ("TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", 0xC007),
    ("TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", 0xC008),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC009),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0xC00A),
    ("TLS_ECDH_RSA_WITH_RC4_128_SHA", 0xC00C),
    ("TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", 0xC00D),
    ("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", 0xC00E),
    ("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", 0xC00F),
    ("TLS_ECDHE_RSA_WITH_RC4_128_SHA", 0xC011),
    ("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", 0xC012),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC013),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC014),
    ("TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", 0xC01B),
    ("TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", 0xC01C),
    ("TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", 0xC01E),
    ("TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", 0xC01F),
    ("TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", 0xC021),
    ("TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", 0xC022),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0xC023),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0xC024),
    ("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", 0xC025),
    ("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", 0xC026),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 0xC027),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 0xC028),
    ("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", 0xC029),
    ("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", 0xC02A),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C),
    ("TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02D),
    ("TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02E),
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F),
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030),
    ("TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", 0xC031),
    ("TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", 0xC032),
    ("TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", 0xC073),
    ("TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", 0xC077),
    ("TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", 0xC07D),
    ("TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", 0xC087),
    ("TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", 0xC08B),
    ("TLS_DHE_RSA_WITH_AES_128_CCM", 0xC09E),
    ("TLS_DHE_RSA_WITH_AES_256_CCM", 0xC09F),
    ("TLS_DHE_RSA_WITH_AES_256_CCM_8", 0xC0A3),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CCM", 0xC0AC),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CCM", 0xC0AD),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", 0xC0AF),
    ("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8),
    ("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9),
    ("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCAA),
)
# fmt: on

SUITES: Final[tuple[Suite, ...]] = tuple(_parse(name, code) for name, code in _ROWS)
"""Every suite the documents name, in code order."""

_BY_NAME: Final[Mapping[str, Suite]] = MappingProxyType({s.name: s for s in SUITES})
_BY_CODE: Final[Mapping[int, Suite]] = MappingProxyType({s.code: s for s in SUITES})

CODES: Final[Mapping[str, int]] = MappingProxyType({s.name: s.code for s in SUITES})
"""IANA name -> code."""

NAMES: Final[Mapping[int, str]] = MappingProxyType({s.code: s.name for s in SUITES})
"""Code -> IANA name."""

SIGNALLING: Final[Mapping[str, int]] = MappingProxyType({"TLS_EMPTY_RENEGOTIATION_INFO_SCSV": 0x00FF})
"""Values that travel in the suite list but are no suites (RFC 5746 §3.3)."""

if len(_BY_NAME) != len(SUITES) or len(_BY_CODE) != len(SUITES):
    raise ValueError("tlsref.suites: a name or a code is listed twice")


def by_name(name: str) -> Suite:
    """The suite called ``name``; ``KeyError`` naming it when no document lists it."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"{name} is not a cipher suite of the reference table "
                       f"({len(SUITES)} suites of the five documents)") from None


def by_code(code: int) -> Suite | None:
    """The suite with IANA code ``code``; ``None`` when no document lists it."""
    return _BY_CODE.get(code)
