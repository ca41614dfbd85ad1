"""The PKI behind the scenarios, made once per run and written to a private directory.

Ordinary chains (root → intermediate → leaf) come from trustme, RSA for the RSA key-exchange
suites and ECDSA for the ECDSA ones (ARCHITECTURE.md "TLS servers": trustme is ECDSA unless
told ``KeyType.RSA``). Everything trustme cannot make comes from :mod:`servers.certbuilder`,
issued under the same trustme CAs where the scenario needs a trusted issuer. RSA-2048 keys cost
~35 ms each, so builder certificates share one leaf key and one CA key where the scenario
allows it (a shared key changes nothing a client can check, except in ``wrong-key``, which
has its own).

Every certificate is written as PEM, DER and base64 and every key as PKCS#8 (PEM and DER) and,
for RSA, PKCS#1 (PEM and DER): the encodings the three vendors store (:mod:`servers.encodings`).
The directory is created with mode 0700 (``tempfile.mkdtemp``) because it holds private keys.

A run that starts many suites in a row (the kill matrix: ~130) builds the PKI once and each suite loads it
(:func:`shared_pki`, the plugin's ``--farm-pki DIR``): building costs ~1.5 s of CPU, loading a tenth of it.
The validity windows are relative to when it was built (``rsa-just-valid`` began two minutes before), which a
run of minutes leaves as the scenarios describe them.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID
from tlslite.mathtls import RFC7919_GROUPS

from . import encodings
from .certbuilder import Issued, KeyKind, issue, new_key, uploadable, utcnow

__all__ = [
    "MARKER", "TELIT_GSM_CERT_LIMIT", "CertFiles", "Credential", "KeyFiles", "Pki", "build_pki", "load_pki",
    "shared_pki",
]  # fmt: skip

#: The file of a PKI directory that says what it was built for; written last, so its presence means complete.
MARKER = "pki.json"

#: telit-gsm-ssl §2.2.2: "Its maximum size is 2047 bytes".
TELIT_GSM_CERT_LIMIT = 2047

_DAY = datetime.timedelta(days=1)
_YEAR = datetime.timedelta(days=365)


@dataclass(frozen=True, kw_only=True)
class CertFiles:
    """One certificate written three ways: PEM, DER, and one line of base64 of the DER."""

    pem: Path
    der: Path
    b64: Path


@dataclass(frozen=True, kw_only=True)
class KeyFiles:
    """One private key: PKCS#8 PEM/DER always, PKCS#1 PEM/DER for RSA keys only."""

    pkcs8_pem: Path
    pkcs8_der: Path
    pkcs1_pem: Path | None
    pkcs1_der: Path | None


@dataclass(frozen=True, kw_only=True)
class Credential:
    """A leaf certificate with the chain its owner sends and the key it holds.

    ``chain`` is leaf first, then intermediates, without the root; ``root`` is the self-signed
    certificate that anchors it. ``key`` is what the owner holds: for ``wrong-key`` it is not
    the key of ``chain[0]``.
    """

    name: str
    chain: tuple[x509.Certificate, ...]
    root: x509.Certificate
    key: PrivateKeyTypes
    leaf_files: CertFiles
    key_files: KeyFiles
    #: leaf only, PEM
    leaf_pem: Path
    #: leaf + intermediates, PEM (what a server sends by default: RFC 8446 §4.4.2 allows the
    #: root to be omitted)
    chain_pem: Path
    #: leaf + intermediates + root, PEM
    chain_with_root_pem: Path

    @property
    def leaf(self) -> x509.Certificate:
        """The end-entity certificate."""
        return self.chain[0]


@dataclass(frozen=True, kw_only=True)
class Pki:
    """Everything the scenarios serve or hand to a client, keyed by name.

    ``roots``: trust anchors by name (``rsa``, ``ecdsa``, ``untrusted``, ``client-ca``,
    ``expired-root``, ``not-yet-valid-root``, ``large-root``). ``credentials``: server and
    client credentials by name (see :data:`CREDENTIALS`). ``dh_params``: RFC 7919 ffdhe2048 in
    PKCS#3 PEM, for OpenSSL's DHE suites.
    """

    directory: Path
    server_host: str
    server_ip: str
    roots: dict[str, CertFiles]
    root_certs: dict[str, x509.Certificate]
    credentials: dict[str, Credential]
    dh_params: Path

    def root_pem(self, name: str) -> Path:
        """Path of the PEM trust anchor ``name``."""
        return self.roots[name].pem

    def close(self) -> None:
        """Delete the directory and every key in it."""
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> Pki:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


#: Every credential :func:`build_pki` makes, with what it is for.
CREDENTIALS: dict[str, str] = {
    "rsa": "trustme RSA root → intermediate → leaf for the server host",
    "ecdsa": "trustme ECDSA root → intermediate → leaf for the server host",
    "dsa": "DSA leaf for the server host under the RSA intermediate (DHE_DSS suites)",
    "ecdh-rsa": "EC P-256 leaf allowing keyAgreement under the RSA intermediate (ECDH_RSA, RFC 4492 §2.3)",
    "ecdh-ecdsa": "EC P-256 leaf allowing keyAgreement under the ECDSA intermediate (ECDH_ECDSA, RFC 4492 §2.1)",
    "rsa-expired": "leaf expired a year ago, under the RSA intermediate",
    "rsa-not-yet-valid": "leaf valid from a year ahead, under the RSA intermediate",
    "rsa-just-expired": "leaf whose notAfter passed two minutes ago",
    "rsa-just-valid": "leaf whose notBefore was two minutes ago",
    "rsa-generalized-time": "leaf valid until 2050-01-01, encoded as GeneralizedTime",
    "rsa-expired-intermediate": "valid leaf under an expired intermediate under the RSA root",
    "rsa-not-yet-valid-intermediate": "valid leaf under a not-yet-valid intermediate",
    "rsa-expired-root": "valid leaf under a valid intermediate under an expired root",
    "rsa-not-yet-valid-root": "valid leaf under a valid intermediate under a not-yet-valid root",
    "rsa-untrusted": "leaf for the server host from a CA no client is given",
    "rsa-self-signed": "self-signed leaf for the server host",
    "rsa-other-host": "leaf for wrong.host.invalid under the RSA intermediate",
    "rsa-ip-san": "leaf whose only SAN is the server IP address",
    "rsa-no-san": "leaf with the server host in its CN and no subjectAltName",
    "rsa-wrong-key": "the RSA leaf's chain with a key that is not the leaf's",
    "rsa-sha1": "leaf signed with sha1WithRSAEncryption by the RSA intermediate",
    "rsa-wrong-eku": "leaf whose extendedKeyUsage is clientAuth only",
    "rsa-large-root": "leaf under a root larger than 2047 bytes in every encoding",
    "rsa-huge-root": "leaf under a root larger than 8192 bytes in every encoding",
    "client": "client certificate from the client CA the server trusts",
    "client-expired": "expired client certificate from the trusted client CA",
    "client-untrusted": "client certificate from a CA the server does not trust",
}


class _Writer:
    """Writes artefacts under one private directory, each in every encoding."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _put(self, name: str, data: bytes) -> Path:
        path = self.directory / name
        path.write_bytes(data)
        path.chmod(0o600)
        return path

    def cert(self, name: str, cert: x509.Certificate) -> CertFiles:
        der = encodings.cert_der(cert)
        return CertFiles(
            pem=self._put(f"{name}.pem", encodings.der_to_pem(der)),
            der=self._put(f"{name}.der", der),
            b64=self._put(f"{name}.b64", encodings.to_base64(der)),
        )

    def pems(self, name: str, certs: tuple[x509.Certificate, ...]) -> Path:
        return self._put(f"{name}.pem", b"".join(encodings.cert_pem(c) for c in certs))

    def key(self, name: str, key: PrivateKeyTypes) -> KeyFiles:
        is_rsa = isinstance(key, rsa.RSAPrivateKey)
        return KeyFiles(
            pkcs8_pem=self._put(f"{name}.key.pk8.pem", encodings.key_pkcs8_pem(key)),
            pkcs8_der=self._put(f"{name}.key.pk8.der", encodings.key_pkcs8_der(key)),
            pkcs1_pem=self._put(f"{name}.key.pk1.pem", encodings.key_pkcs1_pem(key)) if is_rsa else None,
            pkcs1_der=self._put(f"{name}.key.pk1.der", encodings.key_pkcs1_der(key)) if is_rsa else None,
        )

    def credential(self, name: str, issued: Issued, *, key: PrivateKeyTypes | None = None) -> Credential:
        full = issued.chain_to_root()
        chain, root = full[:-1], full[-1]
        if not chain:
            chain = full  # self-signed: the leaf is its own root
        held = issued.key if key is None else key
        return Credential(
            name=name,
            chain=chain,
            root=root,
            key=held,
            leaf_files=self.cert(name, chain[0]),
            key_files=self.key(name, held),
            leaf_pem=self.pems(f"{name}.leaf", chain[:1]),
            chain_pem=self.pems(f"{name}.chain", chain),
            chain_with_root_pem=self.pems(f"{name}.fullchain", chain if chain[-1] == root else (*chain, root)),
        )


def _from_trustme(ca: trustme.CA, parent: Issued | None = None) -> Issued:
    return Issued.from_pem(ca.cert_pem.bytes(), ca.private_key_pem.bytes(), parent)


def _leaf_from_trustme(leaf: trustme.LeafCert, parent: Issued) -> Issued:
    return Issued.from_pem(leaf.cert_chain_pems[0].bytes(), leaf.private_key_pem.bytes(), parent)


def _client_leaf(ca: trustme.CA, parent: Issued) -> Issued:
    """A client certificate from ``ca`` whose key a module can take as an upload (certbuilder.uploadable: no
    ``+++`` in its PEM texts, quectel-gsm-ssl §2.2.7), drawn again until it can."""
    while True:
        issued = _leaf_from_trustme(
            ca.issue_cert("modem-client", common_name="modem-client", key_type=trustme.KeyType.RSA), parent
        )
        if uploadable(issued.key):
            return issued


def _ecdh_leaf(host: str, parent: Issued, now: datetime.datetime) -> Issued:
    """A static-ECDH server leaf: an EC P-256 key whose keyUsage allows keyAgreement (RFC 4492 §2.1/§2.3: "an
    ECDH-capable public key"; RFC 5480 §3; OpenSSL refuses an ECDH suite whose certificate's keyUsage lacks it),
    issued by ``parent`` (the RSA intermediate for ECDH_RSA, the ECDSA one for ECDH_ECDSA), for ``host``."""
    san = _san(host)
    return issue(
        common_name=host,
        key=new_key(KeyKind.ECDSA),
        issuer=parent,
        not_before=now - _DAY,
        not_after=now + _YEAR,
        key_agreement=True,
        dns_names=san.get("dns_names", ()),
        ip_addresses=san.get("ip_addresses", ()),
    )


def _san(host: str) -> dict[str, tuple[str, ...]]:
    """SAN arguments for ``host``: an iPAddress if it parses as one (RFC 5280 §4.2.1.6)."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return {"dns_names": (host,)}
    return {"ip_addresses": (host,)}


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(size)]) + size


def _der_uint(value: int) -> bytes:
    """DER INTEGER of a non-negative value (X.690 §8.3: a leading 0x00 keeps it positive)."""
    raw = value.to_bytes(value.bit_length() // 8 + 1, "big")
    return b"\x02" + _der_length(len(raw)) + raw


def _dh_params_pem() -> bytes:
    """RFC 7919 Appendix A.1 ffdhe2048 as PKCS#3 PEM, for ``SSLContext.load_dh_params``.

    A named group instead of freshly generated parameters: generating 2048-bit DH parameters
    takes seconds, and RFC 7919 §3 recommends these groups anyway. Encoded by hand
    (PKCS #3 §9: ``DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER }``) because
    cryptography deprecates its finite-field DH API.
    """
    g, p = RFC7919_GROUPS[0]
    body = _der_uint(p) + _der_uint(g)
    return encodings.der_to_pem(b"\x30" + _der_length(len(body)) + body, "DH PARAMETERS")


def build_pki(server_host: str = "localhost", server_ip: str = "127.0.0.1", directory: Path | None = None) -> Pki:
    """Make every root and credential of :data:`CREDENTIALS` for ``server_host``.

    ``server_host`` goes into the SAN of every leaf a verifying client should accept;
    ``server_ip`` is the only SAN of ``rsa-ip-san``. Files go to ``directory`` (created
    private if ``None``); the caller owns it and deletes it with :meth:`Pki.close`.
    """
    path = Path(tempfile.mkdtemp(prefix="modem-pki-")) if directory is None else directory
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    w = _Writer(path)
    now = utcnow()
    san = _san(server_host)

    # trustme chains: root → intermediate → leaf (trustme issues leaves with serverAuth+clientAuth).
    rsa_ca = trustme.CA(key_type=trustme.KeyType.RSA)
    rsa_inter_ca = rsa_ca.create_child_ca(key_type=trustme.KeyType.RSA)
    rsa_root = _from_trustme(rsa_ca)
    rsa_inter = _from_trustme(rsa_inter_ca, rsa_root)
    ec_ca = trustme.CA(key_type=trustme.KeyType.ECDSA)
    ec_inter_ca = ec_ca.create_child_ca(key_type=trustme.KeyType.ECDSA)
    ec_inter = _from_trustme(ec_inter_ca, _from_trustme(ec_ca))
    untrusted_ca = trustme.CA(key_type=trustme.KeyType.RSA)
    untrusted_root = _from_trustme(untrusted_ca)
    client_ca = trustme.CA(key_type=trustme.KeyType.RSA)
    client_root = _from_trustme(client_ca)

    # Keys shared by the builder's certificates (see the module docstring).
    leaf_key = new_key(KeyKind.RSA)
    ca_key = new_key(KeyKind.RSA)
    wrong_key = new_key(KeyKind.RSA)
    dsa_key = new_key(KeyKind.DSA)

    creds: dict[str, Credential] = {}

    def leaf(name: str, parent: Issued, **kw: object) -> None:
        args: dict[str, object] = {
            "common_name": server_host,
            "key": leaf_key,
            "issuer": parent,
            "not_before": now - _DAY,
            "not_after": now + _YEAR,
            **san,
        }
        args.update(kw)
        creds[name] = w.credential(name, issue(**args))  # type: ignore[arg-type]

    def ca(cn: str, parent: Issued | None, **kw: object) -> Issued:
        args: dict[str, object] = {
            "common_name": cn,
            "key": ca_key,
            "issuer": parent,
            "not_before": now - _DAY,
            "not_after": now + 10 * _YEAR,
            "ca": True,
            "eku": None,
        }
        args.update(kw)
        return issue(**args)  # type: ignore[arg-type]

    creds["rsa"] = w.credential(
        "rsa", _leaf_from_trustme(rsa_inter_ca.issue_cert(server_host, key_type=trustme.KeyType.RSA), rsa_inter)
    )
    creds["ecdsa"] = w.credential("ecdsa", _leaf_from_trustme(ec_inter_ca.issue_cert(server_host), ec_inter))
    creds["ecdh-rsa"] = w.credential("ecdh-rsa", _ecdh_leaf(server_host, rsa_inter, now))
    creds["ecdh-ecdsa"] = w.credential("ecdh-ecdsa", _ecdh_leaf(server_host, ec_inter, now))
    creds["rsa-untrusted"] = w.credential(
        "rsa-untrusted",
        _leaf_from_trustme(untrusted_ca.issue_cert(server_host, key_type=trustme.KeyType.RSA), untrusted_root),
    )
    creds["rsa-other-host"] = w.credential(
        "rsa-other-host",
        _leaf_from_trustme(rsa_inter_ca.issue_cert("wrong.host.invalid", key_type=trustme.KeyType.RSA), rsa_inter),
    )
    creds["rsa-wrong-key"] = w.credential(
        "rsa-wrong-key",
        _leaf_from_trustme(rsa_inter_ca.issue_cert(server_host, key_type=trustme.KeyType.RSA), rsa_inter),
        key=wrong_key,
    )

    leaf("dsa", rsa_inter, key=dsa_key)
    # Validity (RFC 5280 §4.1.2.5, §6.1.3 (a)(2)): every level, both directions.
    leaf("rsa-expired", rsa_inter, not_before=now - 2 * _YEAR, not_after=now - _YEAR)
    leaf("rsa-not-yet-valid", rsa_inter, not_before=now + _YEAR, not_after=now + 2 * _YEAR)
    leaf("rsa-just-expired", rsa_inter, not_before=now - _DAY, not_after=now - datetime.timedelta(minutes=2))
    leaf("rsa-just-valid", rsa_inter, not_before=now - datetime.timedelta(minutes=2), not_after=now + _YEAR)
    # RFC 5280 §4.1.2.5: dates from 2050 on are GeneralizedTime, earlier ones UTCTime.
    leaf("rsa-generalized-time", rsa_inter, not_after=datetime.datetime(2050, 1, 1, tzinfo=datetime.UTC))
    leaf(
        "rsa-expired-intermediate",
        ca("expired intermediate", rsa_root, not_before=now - 2 * _YEAR, not_after=now - _YEAR),
    )
    leaf(
        "rsa-not-yet-valid-intermediate",
        ca("future intermediate", rsa_root, not_before=now + _YEAR, not_after=now + 2 * _YEAR),
    )
    expired_root = ca("expired root", None, not_before=now - 2 * _YEAR, not_after=now - _YEAR)
    leaf("rsa-expired-root", ca("intermediate under expired root", expired_root))
    future_root = ca("future root", None, not_before=now + _YEAR, not_after=now + 2 * _YEAR)
    leaf("rsa-not-yet-valid-root", ca("intermediate under future root", future_root))
    # A padded root, so that the file a module must store exceeds telit-gsm-ssl §2.2.2's limit.
    large_root = ca("large root", None, padding=1400)
    leaf("rsa-large-root", ca("intermediate under large root", large_root))
    # And one over the 3G/4G modules' largest <Size> (telit-ssl-ug §4.4: 8192 bytes on the emulated ones).
    huge_root = ca("huge root", None, padding=8400)
    leaf("rsa-huge-root", ca("intermediate under huge root", huge_root))
    # Identity (RFC 6125 §6.4): another name, IP only, CN only.
    # CN is the IP too: with the host name in the CN, RFC 6125 §6.4.4 CN fallback would match it.
    leaf("rsa-ip-san", rsa_inter, common_name=server_ip, dns_names=(), ip_addresses=(server_ip,))
    leaf("rsa-no-san", rsa_inter, dns_names=(), ip_addresses=())
    leaf("rsa-self-signed", None)  # type: ignore[arg-type]
    leaf("rsa-sha1", rsa_inter, hash_algorithm=hashes.SHA1())
    leaf("rsa-wrong-eku", rsa_inter, eku=(ExtendedKeyUsageOID.CLIENT_AUTH,))

    # Client credentials (RFC 5246 §7.4.6, RFC 8446 §4.4.2): trusted, expired, untrusted CA.
    creds["client"] = w.credential(
        "client",
        _client_leaf(client_ca, client_root),
    )
    creds["client-untrusted"] = w.credential(
        "client-untrusted",
        _client_leaf(untrusted_ca, untrusted_root),
    )
    client_expired = issue(
        common_name="modem-client",
        key=leaf_key,
        issuer=client_root,
        not_before=now - 2 * _YEAR,
        not_after=now - _YEAR,
        dns_names=("modem-client",),
        eku=(ExtendedKeyUsageOID.CLIENT_AUTH,),
    )
    creds["client-expired"] = w.credential("client-expired", client_expired)

    missing = set(CREDENTIALS) ^ set(creds)
    if missing:
        raise AssertionError(f"CREDENTIALS and build_pki disagree on {sorted(missing)}")

    root_certs = {
        "rsa": rsa_root.cert,
        "ecdsa": creds["ecdsa"].root,
        "untrusted": untrusted_root.cert,
        "client-ca": client_root.cert,
        "expired-root": expired_root.cert,
        "not-yet-valid-root": future_root.cert,
        "large-root": large_root.cert,
        "huge-root": huge_root.cert,
    }
    roots = {name: w.cert(f"root-{name}", cert) for name, cert in root_certs.items()}
    dh_path = w._put("ffdhe2048.pem", _dh_params_pem())
    marker = {"server_host": server_host, "server_ip": server_ip, "built": now.isoformat(), "roots": sorted(roots)}
    w._put(MARKER, json.dumps(marker, indent=1).encode())
    return Pki(
        directory=path,
        server_host=server_host,
        server_ip=server_ip,
        roots=roots,
        root_certs=root_certs,
        credentials=creds,
        dh_params=dh_path,
    )


def _cert_files(directory: Path, name: str) -> CertFiles:
    return CertFiles(pem=directory / f"{name}.pem", der=directory / f"{name}.der", b64=directory / f"{name}.b64")


def _load_key(path: Path) -> PrivateKeyTypes:
    # Keys this module made: RSA's consistency checks (most of the cost of loading one) would only repeat them.
    return serialization.load_pem_private_key(path.read_bytes(), password=None, unsafe_skip_rsa_key_validation=True)


def load_pki(directory: Path) -> Pki:
    """The PKI :func:`build_pki` wrote to ``directory``; :class:`FileNotFoundError` when it is not complete."""
    meta = json.loads((directory / MARKER).read_text(encoding="utf-8"))
    creds: dict[str, Credential] = {}
    for name in CREDENTIALS:
        full = tuple(x509.load_pem_x509_certificates((directory / f"{name}.fullchain.pem").read_bytes()))
        chain = tuple(x509.load_pem_x509_certificates((directory / f"{name}.chain.pem").read_bytes()))
        key = _load_key(directory / f"{name}.key.pk8.pem")
        pk1 = isinstance(key, rsa.RSAPrivateKey)
        creds[name] = Credential(
            name=name,
            chain=chain,
            root=full[-1],
            key=key,
            leaf_files=_cert_files(directory, name),
            key_files=KeyFiles(
                pkcs8_pem=directory / f"{name}.key.pk8.pem",
                pkcs8_der=directory / f"{name}.key.pk8.der",
                pkcs1_pem=directory / f"{name}.key.pk1.pem" if pk1 else None,
                pkcs1_der=directory / f"{name}.key.pk1.der" if pk1 else None,
            ),
            leaf_pem=directory / f"{name}.leaf.pem",
            chain_pem=directory / f"{name}.chain.pem",
            chain_with_root_pem=directory / f"{name}.fullchain.pem",
        )
    roots = {name: _cert_files(directory, f"root-{name}") for name in meta["roots"]}
    return Pki(
        directory=directory,
        server_host=str(meta["server_host"]),
        server_ip=str(meta["server_ip"]),
        roots=roots,
        root_certs={name: x509.load_pem_x509_certificate(files.pem.read_bytes()) for name, files in roots.items()},
        credentials=creds,
        dh_params=directory / "ffdhe2048.pem",
    )


def shared_pki(directory: Path, server_host: str = "localhost", server_ip: str = "127.0.0.1") -> Pki:
    """The PKI in ``directory``, built there first when it is not yet: for runs that start one after another
    or side by side (each builds into a folder of its own and renames it into place; the first rename wins and
    the others load the winner's). The caller never deletes it (:meth:`Pki.close` would); its owner does.
    :class:`ValueError` when ``directory`` holds a PKI for another host."""
    if not (directory / MARKER).exists():
        directory.parent.mkdir(parents=True, exist_ok=True)
        draft = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
        build_pki(server_host, server_ip, draft)
        try:
            os.rename(draft, directory)  # atomic; fails when another run's folder is already in place
        except OSError:
            shutil.rmtree(draft, ignore_errors=True)
    pki = load_pki(directory)
    if (pki.server_host, pki.server_ip) != (server_host, server_ip):
        raise ValueError(
            f"{directory} holds a PKI for {pki.server_host} ({pki.server_ip}), not {server_host} ({server_ip})"
        )
    return pki
