"""The Telit suite tables and the offer of docs/DECISIONS-issue4.md D23."""

from __future__ import annotations

import pytest

from emulator.profiles import get_profile
from emulator.telit.ciphers import Offer, Table, cipher_id_of, offer, table_of, table_suites
from emulator.tls.client import SSL3, TLS1_0, TLS1_2
from emulator.tls.suites import CODES

RC4_MD5, RC4_SHA = CODES["TLS_RSA_WITH_RC4_128_MD5"], CODES["TLS_RSA_WITH_RC4_128_SHA"]
AES128, AES256 = CODES["TLS_RSA_WITH_AES_128_CBC_SHA"], CODES["TLS_RSA_WITH_AES_256_CBC_SHA"]
NULL_SHA = CODES["TLS_RSA_WITH_NULL_SHA"]


@pytest.mark.parametrize(("profile_name", "table"), [
    ("telit/ge865", Table.TWO_G), ("telit/ge910", Table.TWO_G), ("telit/gl865-v3", Table.TWO_G),
    ("telit/he910", Table.THREE_FOUR_G), ("telit/le910-v2", Table.THREE_FOUR_G),
    ("telit/le866", Table.PLATFORM_23), ("telit-gsm/gc864", Table.GSM),
])
def test_table_per_platform(profile_name: str, table: Table) -> None:
    assert table_of(get_profile(profile_name)) is table


def test_table_sizes_as_printed() -> None:
    assert len(table_suites(Table.TWO_G, 3)) == 5  # §8.1.1: RC4-MD5 has TLS 1.0 only
    assert len(table_suites(Table.THREE_FOUR_G, 3)) == 12
    assert len(table_suites(Table.THREE_FOUR_G, 0)) == 4
    assert len(table_suites(Table.PLATFORM_23, 3)) == 79  # 78 suites and the SCSV
    assert len(table_suites(Table.PLATFORM_23, 0)) == 51


ALL_2G = tuple(CODES[n] for n in ("TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_RC4_128_SHA",
                                     "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256",
                                     "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"))


@pytest.mark.parametrize(("profile_name", "cipher", "version", "expected"), [
    # 2G: up to TLS 1.2, falling back to 1.0 (D23 as corrected); id 0: all of §8.1.1.
    ("telit/ge910", 0, None, Offer(suites=ALL_2G, min_version=TLS1_0, max_version=TLS1_2)),
    # 2G non-zero ids: "the couple cipher suite/protocol according to the table shown in chapter 8.1.1"
    # (§4.2.1): the versions of the suite's column.
    ("telit/ge910", 4, None, Offer(suites=(CODES["TLS_RSA_WITH_AES_128_CBC_SHA256"],),
                                   min_version=TLS1_2, max_version=TLS1_2)),
    ("telit/ge910", 1, None, Offer(suites=(CODES["TLS_RSA_WITH_RC4_128_MD5"],),
                                   min_version=TLS1_0, max_version=TLS1_0)),
    ("telit/ge910", 3, None, Offer(suites=(CODES["TLS_RSA_WITH_AES_256_CBC_SHA"],),
                                   min_version=TLS1_0, max_version=TLS1_2)),
    # telit-gsm-ssl: up to TLS 1.0.
    ("telit-gsm/gc864", 0, None, Offer(suites=(RC4_MD5, RC4_SHA, AES256), min_version=TLS1_0,
                                       max_version=TLS1_0)),
    ("telit-gsm/gc864", 3, None, Offer(suites=(AES256,), min_version=TLS1_0, max_version=TLS1_0)),
    # 3G/4G: <version> is the highest; id 0 every suite of the table whatever the version.
    ("telit/he910", 4, 3, Offer(suites=(NULL_SHA,), min_version=TLS1_0, max_version=TLS1_2)),
    ("telit/le910-v2", 3, 0, Offer(suites=(AES128,), min_version=SSL3, max_version=SSL3)),
])
def test_offer(profile_name: str, cipher: int, version: int | None, expected: Offer) -> None:
    assert offer(get_profile(profile_name), cipher, version) == expected


@pytest.mark.parametrize("version", range(1, 4))
def test_zero_offers_the_whole_table_whatever_the_version(version: int) -> None:
    he910 = offer(get_profile("telit/he910"), 0, version)
    assert he910.suites == table_suites(Table.THREE_FOUR_G, 3)  # every row has a TLS 1.2 dot
    assert len(he910.suites) == 12
    assert he910.max_version == (3, version)
    assert len(offer(get_profile("telit/le866"), 0, version).suites) == 79  # 78 suites + SCSV


def test_zero_never_offers_null_sha() -> None:
    for name in ("telit/he910", "telit/le910-v2", "telit/le866"):
        for version in range(4):
            assert NULL_SHA not in offer(get_profile(name), 0, version).suites


def test_extra_suite_switch() -> None:
    assert offer(get_profile("telit/he910"), 5, 3, extra_suite=True).suites == (AES256, RC4_MD5)


def test_cipher_ids_back() -> None:
    he910 = get_profile("telit/he910")
    assert cipher_id_of(he910, AES128) == 3
    assert cipher_id_of(he910, CODES["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]) == 0
    assert cipher_id_of(get_profile("telit/ge865"), AES256) == 3
