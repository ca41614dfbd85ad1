"""The PKI artefacts (servers.pki, servers.certbuilder): each says what its name says."""

from __future__ import annotations

import datetime
import ssl
import stat
import threading
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from servers.certbuilder import utcnow
from servers.pki import CREDENTIALS, TELIT_GSM_CERT_LIMIT, Pki, build_pki, load_pki, shared_pki

pytestmark = pytest.mark.timeout(30)


def _san(cert: x509.Certificate) -> x509.SubjectAlternativeName | None:
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None


def test_every_credential_in_every_encoding(farm_pki: Pki) -> None:
    assert set(farm_pki.credentials) == set(CREDENTIALS)
    for name, cred in farm_pki.credentials.items():
        files = [
            cred.leaf_files.pem,
            cred.leaf_files.der,
            cred.leaf_files.b64,
            cred.leaf_pem,
            cred.chain_pem,
            cred.chain_with_root_pem,
            cred.key_files.pkcs8_pem,
            cred.key_files.pkcs8_der,
        ]
        assert all(f.is_file() and f.stat().st_size > 0 for f in files), name
        assert x509.load_der_x509_certificate(cred.leaf_files.der.read_bytes()) == cred.leaf
        is_rsa = isinstance(cred.key, rsa.RSAPrivateKey)
        assert (cred.key_files.pkcs1_pem is not None) is is_rsa, name
    for root in farm_pki.roots.values():
        assert root.pem.is_file() and root.der.is_file() and root.b64.is_file()


def test_private_directory_and_key_modes(farm_pki: Pki) -> None:
    assert stat.S_IMODE(farm_pki.directory.stat().st_mode) == 0o700
    key = farm_pki.credentials["rsa"].key_files.pkcs8_pem
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_close_deletes_the_keys() -> None:
    pki = build_pki("localhost", "127.0.0.1")
    key = pki.credentials["rsa"].key_files.pkcs8_pem
    assert key.exists()
    pki.close()
    assert not key.exists() and not pki.directory.exists()


def test_validity_artefacts(farm_pki: Pki) -> None:
    now = utcnow()
    c = farm_pki.credentials
    assert c["rsa-expired"].leaf.not_valid_after_utc < now
    assert c["rsa-not-yet-valid"].leaf.not_valid_before_utc > now
    assert (
        c["rsa-just-expired"].leaf.not_valid_after_utc
        < now
        < c["rsa-just-expired"].leaf.not_valid_after_utc + datetime.timedelta(hours=1)
    )
    assert c["rsa-expired-intermediate"].chain[1].not_valid_after_utc < now
    assert c["rsa-not-yet-valid-intermediate"].chain[1].not_valid_before_utc > now
    assert c["rsa-expired-root"].root.not_valid_after_utc < now
    assert c["rsa-not-yet-valid-root"].root.not_valid_before_utc > now
    # Negative control: the ordinary leaf is valid now.
    assert c["rsa"].leaf.not_valid_before_utc <= now <= c["rsa"].leaf.not_valid_after_utc
    # RFC 5280 §4.1.2.5: 2050 and later are GeneralizedTime (tag 0x18), earlier UTCTime (0x17).
    assert b"\x18\x0f20500101000000Z" in c["rsa-generalized-time"].leaf.tbs_certificate_bytes
    assert b"\x18\x0f" not in c["rsa-just-valid"].leaf.tbs_certificate_bytes  # control: 2027 is UTCTime


def test_identity_artefacts(farm_pki: Pki) -> None:
    c = farm_pki.credentials
    assert _san(c["rsa-no-san"].leaf) is None
    assert _san(c["rsa"].leaf) is not None  # control
    ip_san = _san(c["rsa-ip-san"].leaf)
    assert ip_san is not None and ip_san.get_values_for_type(x509.DNSName) == []
    assert [str(i) for i in ip_san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    other = _san(c["rsa-other-host"].leaf)
    assert other is not None and other.get_values_for_type(x509.DNSName) == ["wrong.host.invalid"]
    ss = c["rsa-self-signed"]
    assert ss.leaf.issuer == ss.leaf.subject and len(ss.chain) == 1


def test_signature_usage_and_key_artefacts(farm_pki: Pki) -> None:
    c = farm_pki.credentials
    assert isinstance(c["rsa-sha1"].leaf.signature_hash_algorithm, hashes.SHA1)
    assert isinstance(c["rsa"].leaf.signature_hash_algorithm, hashes.SHA256)
    inter = c["rsa-sha1"].chain[1].public_key()
    assert isinstance(inter, rsa.RSAPublicKey)
    inter.verify(
        c["rsa-sha1"].leaf.signature, c["rsa-sha1"].leaf.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA1()
    )
    eku = c["rsa-wrong-eku"].leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    assert isinstance(c["dsa"].key, dsa.DSAPrivateKey)
    assert isinstance(c["ecdsa"].key, ec.EllipticCurvePrivateKey)
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    wrong = c["rsa-wrong-key"]
    assert wrong.leaf.public_key().public_bytes(*spki) != wrong.key.public_key().public_bytes(*spki)
    right = c["rsa"]
    assert right.leaf.public_key().public_bytes(*spki) == right.key.public_key().public_bytes(*spki)


def test_large_root_exceeds_the_telit_gsm_limit_in_every_encoding(farm_pki: Pki) -> None:
    """telit-gsm-ssl §2.2.2: 2047 bytes at most. Control: the ordinary roots fit."""
    large = farm_pki.roots["large-root"]
    assert min(large.pem.stat().st_size, large.der.stat().st_size, large.b64.stat().st_size) > TELIT_GSM_CERT_LIMIT
    for name in ("rsa", "ecdsa", "client-ca"):
        assert farm_pki.roots[name].pem.stat().st_size <= TELIT_GSM_CERT_LIMIT, name


def test_client_credentials(farm_pki: Pki) -> None:
    c = farm_pki.credentials
    assert c["client"].root == farm_pki.root_certs["client-ca"]
    assert c["client-expired"].root == farm_pki.root_certs["client-ca"]
    assert c["client-expired"].leaf.not_valid_after_utc < utcnow()
    assert c["client-untrusted"].root == farm_pki.root_certs["untrusted"]


def test_dh_params_load_into_openssl(farm_pki: Pki) -> None:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_dh_params(str(farm_pki.dh_params))
    assert farm_pki.dh_params.read_bytes().startswith(b"-----BEGIN DH PARAMETERS-----")


def test_chains_load_with_their_keys(farm_pki: Pki) -> None:
    """OpenSSL accepts every chain with its key, except the wrong-key one (negative control)."""
    for name, cred in farm_pki.credentials.items():
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")  # as the endpoints do: SHA-1 is refused above 0
        if name == "rsa-wrong-key":
            with pytest.raises(ssl.SSLError, match=r"KEY_VALUES_MISMATCH|key values mismatch"):
                ctx.load_cert_chain(str(cred.chain_pem), str(cred.key_files.pkcs8_pem))
        else:
            ctx.load_cert_chain(str(cred.chain_pem), str(cred.key_files.pkcs8_pem))


# ---------------------------------------------------------------------------------------------------------------------
# A PKI kept in a folder and reused by the runs after the first (``--farm-pki``)


def _same(a: Pki, b: Pki) -> None:
    assert (a.server_host, a.server_ip, a.roots, a.root_certs, a.dh_params) == (
        b.server_host, b.server_ip, b.roots, b.root_certs, b.dh_params,
    )  # fmt: skip
    assert a.credentials.keys() == b.credentials.keys() == set(CREDENTIALS)
    for name, x in a.credentials.items():
        y = b.credentials[name]
        assert (x.chain, x.root, x.leaf_files, x.key_files, x.leaf_pem, x.chain_pem, x.chain_with_root_pem) == (
            y.chain, y.root, y.leaf_files, y.key_files, y.leaf_pem, y.chain_pem, y.chain_with_root_pem,
        ), name  # fmt: skip
        der = serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        assert x.key.private_bytes(*der) == y.key.private_bytes(*der), name


def test_a_kept_pki_loads_back_as_built(tmp_path: Path) -> None:
    built = build_pki(directory=tmp_path / "pki")
    _same(built, load_pki(tmp_path / "pki"))


def test_the_first_run_builds_the_shared_pki_and_the_next_load_it(tmp_path: Path) -> None:
    first = shared_pki(tmp_path / "pki")
    second = shared_pki(tmp_path / "pki")
    _same(first, second)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pki"], "no draft folder is left behind"


def test_runs_side_by_side_end_with_one_pki(tmp_path: Path) -> None:
    got: list[Pki] = []
    threads = [threading.Thread(target=lambda: got.append(shared_pki(tmp_path / "pki"))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(got) == 3
    for other in got[1:]:
        _same(got[0], other)  # the one renamed into place, whoever built it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pki"]


def test_a_kept_pki_for_another_host_is_refused(tmp_path: Path) -> None:
    shared_pki(tmp_path / "pki", "localhost", "127.0.0.1")
    with pytest.raises(ValueError, match=r"not farm\.example"):
        shared_pki(tmp_path / "pki", "farm.example", "127.0.0.1")


def test_an_incomplete_folder_is_not_loaded(tmp_path: Path) -> None:
    (tmp_path / "pki").mkdir()
    with pytest.raises(FileNotFoundError):
        load_pki(tmp_path / "pki")
