"""Which suites and versions a Telit module offers: the tables of the documents, as data.

Read from the documents (suite names as printed, the IANA codes from ``emulator.tls.suites``):

- the preinstalled suites per protocol version (the version columns are kept as printed; since
  the corrected D23 an id-0 offer no longer depends on them): telit-ssl-ug §8.1.1 (2G, platforms
  10, 13, 16), §8.1.2 (3G and 4G platform 20; the 3G module 12 has no table of its own, the heading
  names "3G"), §8.1.3 (platform 23);
- the <CipherSuite> ids of #SSLSECCFG: §4.2.1 (2G, id 4 read as TLS_RSA_WITH_AES_128_CBC_SHA256,
  docs/DECISIONS-issue2.md D3), §4.2.2 (3G/4G, id 4 is TLS_RSA_WITH_NULL_SHA, which id 0 does
  not offer), telit-gsm-ssl §2.2.1 / §3.2 (three suites; its SSL_ names are the TLS_ ones).

:func:`offer` applies docs/DECISIONS-issue4.md D23: <CipherSuite> 0 offers every suite of the
platform's table whatever the version; a non-zero id offers that one suite; <version>
(#SSLSECCFG2) is the highest version offered on 3G/4G; 2G modules offer up to TLS 1.2 (a non-zero
id: the versions of its suite's §8.1.1 column, §4.2.1, errata TSU-43), telit-gsm-ssl ones TLS 1.0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Final

from emulator.core.product import Profile
from emulator.telit.products import telit_data
from emulator.tls.client import SSL3, TLS1_0, TLS1_2, Version
from emulator.tls.suites import code

# The version columns of the §8.1 tables, and #SSLSECCFG2 <version> 0-3 (§3 Tab. 1).
VERSIONS: Final[tuple[Version, ...]] = (SSL3, TLS1_0, (3, 2), TLS1_2)

_ALL = frozenset(range(4))  # a dot in every column
_TLS12 = frozenset({3})  # a dot in the TLS 1.2 column only


class Table(Enum):
    """The suite table a product follows."""

    TWO_G = "telit-ssl-ug §8.1.1"
    THREE_FOUR_G = "telit-ssl-ug §8.1.2"
    PLATFORM_23 = "telit-ssl-ug §8.1.3"
    GSM = "telit-gsm-ssl §2.2.1"


# fmt: off
# telit-ssl-ug §8.1.1: 2G modules. Note RC4_128_MD5 has a dot under TLS 1.0 only.
_TWO_G: Final = (
    ("TLS_RSA_WITH_RC4_128_MD5", frozenset({1})),
    ("TLS_RSA_WITH_RC4_128_SHA", frozenset({1, 2, 3})),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", frozenset({1, 2, 3})),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_RSA_WITH_AES_256_CBC_SHA256", _TLS12),
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
)

# telit-ssl-ug §8.1.2: 3G and 4G (platform 20) modules.
_THREE_FOUR_G: Final = (
    ("TLS_RSA_WITH_RC4_128_MD5", _ALL),
    ("TLS_RSA_WITH_RC4_128_SHA", _ALL),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_RSA_WITH_AES_256_CBC_SHA256", _TLS12),
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", _TLS12),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
)

# telit-ssl-ug §8.1.3: 4G (platform 23) modules, in the table's order (both halves).
_PLATFORM_23: Final = (
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", _TLS12),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", _TLS12),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", _TLS12),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", _TLS12),
    ("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", _TLS12),
    ("TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", _ALL),
    ("TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", _TLS12),
    ("TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", _TLS12),
    ("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", _TLS12),
    ("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", _TLS12),
    ("TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_AES_256_GCM_SHA384", _TLS12),
    ("TLS_RSA_WITH_AES_256_CBC_SHA256", _TLS12),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", _ALL),
    ("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_3DES_EDE_CBC_SHA", _ALL),
    ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_DHE_RSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_DHE_RSA_WITH_SEED_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_SEED_CBC_SHA", _ALL),
    ("TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", _ALL),
    ("TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_AES_128_GCM_SHA256", _TLS12),
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", _TLS12),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_SEED_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", _ALL),
    ("TLS_ECDHE_RSA_WITH_RC4_128_SHA", _ALL),
    ("TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", _ALL),
    ("TLS_ECDH_RSA_WITH_RC4_128_SHA", _ALL),
    ("TLS_ECDH_ECDSA_WITH_RC4_128_SHA", _ALL),
    ("TLS_RSA_WITH_RC4_128_SHA", _ALL),
    ("TLS_RSA_WITH_RC4_128_MD5", _ALL),
    ("TLS_DHE_RSA_WITH_DES_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_WITH_DES_CBC_SHA", _ALL),
    ("TLS_RSA_WITH_DES_CBC_SHA", _ALL),
    ("TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", _ALL),
    ("TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", _ALL),
    ("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", _ALL),
    ("TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", _ALL),
    ("TLS_RSA_EXPORT_WITH_RC4_40_MD5", _ALL),
    ("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", _ALL),
)

# telit-gsm-ssl §2.2.1: "SSL_RSA_WITH_RC4_128_MD5, SSL_RSA_WITH_RC4_128_SHA,
# TLS_RSA_WITH_AES_256_CBC_SHA"; no version table: "up to TLS 1.0" (D23).
_GSM: Final = (
    ("TLS_RSA_WITH_RC4_128_MD5", frozenset({1})),
    ("TLS_RSA_WITH_RC4_128_SHA", frozenset({1})),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", frozenset({1})),
)
# fmt: on

_TABLES: Final[Mapping[Table, tuple[tuple[str, frozenset[int]], ...]]] = MappingProxyType({
    Table.TWO_G: _TWO_G, Table.THREE_FOUR_G: _THREE_FOUR_G,
    Table.PLATFORM_23: _PLATFORM_23, Table.GSM: _GSM,
})

# #SSLSECCFG <CipherSuite> ids.
_IDS_2G: Final = ("TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA",  # §4.2.1
                  "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256",
                  "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256")
_IDS_3G_4G: Final = ("TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA",  # §4.2.2
                     "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_NULL_SHA",
                     "TLS_RSA_WITH_AES_256_CBC_SHA")
_IDS_GSM: Final = ("TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA",  # gsm §3.2
                   "TLS_RSA_WITH_AES_256_CBC_SHA")


@dataclass(frozen=True, kw_only=True)
class Offer:
    """What one ClientHello offers: the suite list in order and the versions accepted."""

    suites: tuple[int, ...]
    min_version: Version
    max_version: Version


def table_of(profile: Profile) -> Table:
    """The §8.1 table (or telit-gsm-ssl list) that ``profile`` follows."""
    if profile.document == "telit-gsm-ssl":
        return Table.GSM
    if profile.technology == "2G":
        return Table.TWO_G
    if telit_data(profile).platform == 23:
        return Table.PLATFORM_23
    return Table.THREE_FOUR_G


def cipher_ids(profile: Profile) -> tuple[int, ...]:
    """The IANA codes of <CipherSuite> 1, 2, ... for ``profile`` (index 0 is id 1)."""
    table = table_of(profile)
    names = {Table.GSM: _IDS_GSM, Table.TWO_G: _IDS_2G}.get(table, _IDS_3G_4G)
    return tuple(code(name) for name in names)


def cipher_id_of(profile: Profile, suite: int) -> int:
    """D16: the <CipherSuite> id of a negotiated suite in ``profile``'s form; 0 if none."""
    ids = cipher_ids(profile)
    return ids.index(suite) + 1 if suite in ids else 0


def table_suites(table: Table, version_index: int) -> tuple[int, ...]:
    """The suites of ``table`` with a dot in column ``version_index`` (0 SSL 3.0 ... 3 TLS 1.2)."""
    return tuple(code(name) for name, columns in _TABLES[table] if version_index in columns)


def _columns(table: Table, suite: int) -> tuple[Version, Version]:
    """The lowest and highest version with a dot for ``suite`` in ``table`` (§8.1)."""
    (columns,) = [cols for name, cols in _TABLES[table] if code(name) == suite]
    return VERSIONS[min(columns)], VERSIONS[max(columns)]


def offer(profile: Profile, cipher: int, version: int | None, *, extra_suite: bool = False,
          null_sha: bool = False, column_ignored: bool = False) -> Offer:
    """The ClientHello of ``profile`` for #SSLSECCFG <CipherSuite> ``cipher`` and
    #SSLSECCFG2 <version> ``version`` (``None`` on 2G, which has no #SSLSECCFG2).

    D23: id 0 offers every suite of the table, whatever the version; a non-zero id that one
    suite. The highest version is <version> on 3G/4G, TLS 1.2 on 2G (falling back to TLS 1.1
    or 1.0, §3 warning: the server may pick them), TLS 1.0 on telit-gsm-ssl; the lowest is what
    Tab. 1 supports (platform 12 has no SSL 3.0).

    On 2G a non-zero id proposes "the couple cipher suite/protocol according to the table shown in
    chapter 8.1.1" (§4.2.1): its versions are the columns its suite has a dot in (RC4_128_MD5:
    TLS 1.0 only; the SHA-256 and GCM suites: TLS 1.2 only).

    Defect switches: ``extra_suite`` adds the next id's suite to a one-suite offer;
    ``null_sha`` adds TLS_RSA_WITH_NULL_SHA to the id-0 offer of 3G/4G; ``column_ignored`` makes a
    2G non-zero id offer TLS 1.0 to 1.2 whatever its §8.1.1 column.
    """
    table = table_of(profile)
    if table is Table.GSM:
        low, high = TLS1_0, TLS1_0
    elif version is None:
        low, high = TLS1_0, TLS1_2
    else:
        low, high = (TLS1_0 if telit_data(profile).platform == 12 else SSL3), VERSIONS[version]
    suites: tuple[int, ...]
    if cipher == 0:
        # §4.2.2: TLS_RSA_WITH_NULL_SHA is not offered by id 0 (it is in no §8.1 table either).
        suites = tuple(code(name) for name, _ in _TABLES[table])
        if null_sha and version is not None:
            suites += (code("TLS_RSA_WITH_NULL_SHA"),)
        return Offer(suites=suites, min_version=low, max_version=high)
    ids = cipher_ids(profile)
    suites = (ids[cipher - 1],)
    if table is Table.TWO_G and not column_ignored:
        low, high = _columns(table, ids[cipher - 1])
    if extra_suite:
        suites += (ids[cipher % len(ids)],)
    return Offer(suites=suites, min_version=low, max_version=high)
