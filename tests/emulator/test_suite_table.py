"""The IANA suite table shared by the emulator and the servers (``tlsref.suites``)."""

from __future__ import annotations

import pytest
from tlslite.constants import CipherSuite

import servers.suites
import tlsref.suites as ref
from emulator.tls import suites as emulator_suites


def test_codes_agree_with_tlslite_where_it_names_them() -> None:
    for suite in ref.SUITES:
        assert getattr(CipherSuite, suite.name, suite.code) == suite.code, suite.name


def test_both_sides_read_the_one_table() -> None:
    for suite in ref.SUITES:
        assert emulator_suites.CODES[suite.name] == suite.code
    for info in servers.suites.SUITES:
        assert ref.by_name(info.iana).code == info.code
    # Signalling values travel in the suite list but are no suite.
    assert emulator_suites.SCSV == {0x00FF} and ref.by_code(0x00FF) is None


@pytest.mark.parametrize(("name", "kex", "auth", "cipher", "mac", "version"), [
    ("TLS_RSA_WITH_RC4_128_MD5", "RSA", "RSA", "RC4_128", "MD5", ref.Version.SSL3),
    ("TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", "DHE", "DSS", "DES40_CBC", "SHA", ref.Version.SSL3),
    ("TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", "ECDH", "RSA", "AES_128_CBC", "SHA", ref.Version.TLS1_0),
    ("TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", "SRP", "DSS", "AES_256_CBC", "SHA", ref.Version.TLS1_0),
    ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE", "RSA", "AES_256_GCM", "SHA384", ref.Version.TLS1_2),
    ("TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "ECDHE", "ECDSA", "AES_256_CCM_8", None, ref.Version.TLS1_2),
    ("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE", "RSA", "CHACHA20_POLY1305", "SHA256",
     ref.Version.TLS1_2),
])
def test_the_name_gives_the_parts(name: str, kex: str, auth: str, cipher: str, mac: str | None,
                                  version: ref.Version) -> None:
    suite = ref.by_name(name)
    assert (suite.kex, suite.auth, suite.cipher, suite.mac, suite.min_version) == (
        kex, auth, cipher, mac, version)


def test_the_other_documents_suites_are_there() -> None:
    # quectel-ec200-ssl Tab. 3 (ECDHE-GCM) and fibocom-l610-ssl §1.5.4 (CCM, ChaCha20).
    for name in ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                 "TLS_DHE_RSA_WITH_AES_128_CCM", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"):
        assert name in ref.CODES


def test_an_unknown_name_is_named() -> None:
    with pytest.raises(KeyError, match="TLS_NOPE is not a cipher suite"):
        ref.by_name("TLS_NOPE")
    with pytest.raises(KeyError, match="TLS_NOPE is not a cipher suite named by the documents"):
        emulator_suites.code("TLS_NOPE")
    with pytest.raises(ValueError, match="unknown key exchange"):
        ref._parse("TLS_PSK_WITH_NULL_SHA", 0x002C)
