"""The tlslite-ng backend: SSLv3, RC4, 3DES, SRP, and the key-mismatch scenario.

Measured here (ARCHITECTURE.md "TLS servers"): tlslite-ng serves SSLv3 and RC4 (MD5/SHA),
3DES, NULL, SRP, AES and ChaCha20; not CAMELLIA, SEED, single DES, EXPORT or static ECDH, and
when asked for static ECDH it silently negotiates something else. So this backend restricts
tlslite-ng by its own setting names (cipher, MAC, key exchange) derived from the scenario's IANA
names, refuses at construction any suite it cannot name, and the endpoint refuses after the
handshake any suite outside the scenario (:mod:`servers.endpoint`, step 3).

tlslite-ng does not validate certificate chains, so client-certificate scenarios are not served
here (they need OpenSSL). Unlike OpenSSL it loads a key that does not match the certificate,
which is what ``wrong-key`` needs.
"""

from __future__ import annotations

import socket

from tlslite.api import HandshakeSettings, SessionCache, TLSConnection, VerifierDB, X509CertChain, parsePEMKey
from tlslite.errors import TLSAbruptCloseError, TLSError, TLSLocalAlert, TLSRemoteAlert

from .clienthello import suite_name
from .endpoint import HandshakeError, PeerAborted, Session, UnservableScenario
from .pki import Pki
from .protocol import Backend, TlsVersion
from .recorder import Alert, Draft
from .scenarios import ClientAuth, Scenario
from .suites import SuiteInfo

__all__ = ["TlsliteBackend", "tlslite_names"]

# IANA name parts → tlslite-ng HandshakeSettings names (tlslite/handshakesettings.py).
_KEY_EXCHANGE = {
    "RSA": "rsa",
    "DHE_RSA": "dhe_rsa",
    "DHE_DSS": "dhe_dsa",
    "ECDHE_RSA": "ecdhe_rsa",
    "ECDHE_ECDSA": "ecdhe_ecdsa",
    "SRP_SHA_RSA": "srp_sha_rsa",
    "SRP_SHA": "srp_sha",
}
_CIPHER = {
    "RC4_128": "rc4",
    "3DES_EDE_CBC": "3des",
    "AES_128_CBC": "aes128",
    "AES_256_CBC": "aes256",
    "AES_128_GCM": "aes128gcm",
    "AES_256_GCM": "aes256gcm",
    "AES_128_CCM": "aes128ccm",
    "AES_256_CCM": "aes256ccm",
    "AES_128_CCM_8": "aes128ccm_8",
    "AES_256_CCM_8": "aes256ccm_8",
    "CHACHA20_POLY1305": "chacha20-poly1305",
    "NULL": "null",
}
_AEAD = ("GCM", "CCM", "POLY1305")


def tlslite_names(info: SuiteInfo) -> tuple[str, str, str]:
    """``(key exchange, cipher, mac)`` in tlslite-ng's names; ``UnservableScenario`` if unknown."""
    kx, _, rest = info.iana.removeprefix("TLS_").partition("_WITH_")
    for mac in ("_SHA384", "_SHA256", "_SHA", "_MD5", ""):
        if mac and rest.endswith(mac) and rest[: -len(mac)] in _CIPHER:
            cipher = rest[: -len(mac)]
            break
        if not mac and rest in _CIPHER:
            cipher = rest
            break
    else:
        raise UnservableScenario(f"tlslite-ng has no cipher for {info.iana}")
    if kx not in _KEY_EXCHANGE:
        raise UnservableScenario(f"tlslite-ng has no key exchange for {info.iana} (static ECDH is refused on purpose)")
    mac_name = (
        "aead"
        if any(a in cipher for a in _AEAD)
        else {"_SHA384": "sha384", "_SHA256": "sha256", "_SHA": "sha", "_MD5": "md5"}[mac]
    )
    return _KEY_EXCHANGE[kx], _CIPHER[cipher], mac_name


class TlsliteBackend:
    """Serves one scenario with tlslite-ng; settings are built (and validated) up front."""

    def __init__(self, scenario: Scenario, pki: Pki) -> None:
        if scenario.backend is not Backend.TLSLITE:
            raise UnservableScenario(f"{scenario.id}: backend is {scenario.backend.value}")
        if scenario.client_auth is not ClientAuth.NONE:
            raise UnservableScenario(f"{scenario.id}: tlslite-ng does not validate client certificate chains")
        if not scenario.send_intermediates or scenario.send_root:
            raise UnservableScenario(f"{scenario.id}: the tlslite backend sends leaf + intermediates only")
        settings = HandshakeSettings()
        settings.minVersion = scenario.min_version.wire
        settings.maxVersion = scenario.max_version.wire
        settings.versions = [
            v.wire for v in TlsVersion if scenario.min_version.wire <= v.wire <= scenario.max_version.wire
        ][::-1]
        if scenario.suite_infos:
            names = [tlslite_names(i) for i in scenario.suite_infos]
            settings.keyExchangeNames = sorted({n[0] for n in names})
            settings.cipherNames = sorted({n[1] for n in names})
            settings.macNames = sorted({n[2] for n in names})
        else:
            # Defaults plus what tlslite-ng leaves out by default, so that the SSLv3 endpoint can
            # serve the RC4/MD5 suites modules offer there (telit-ssl-ug §8.1.2).
            settings.cipherNames = [*list(settings.cipherNames), "rc4"]
            settings.macNames = [*list(settings.macNames), "md5"]
        settings = settings.validate()
        cred = pki.credentials[scenario.credential]
        chain = X509CertChain()
        chain.parsePemList(cred.chain_pem.read_text())
        self._chain = chain
        self._key = parsePEMKey(cred.key_files.pkcs8_pem.read_text(), private=True)
        self._settings = settings
        # resumption off: no session cache, and no tickets (tlslite-ng issues tickets only when
        # settings.ticketKeys is set, which it is not).
        self._cache = SessionCache() if scenario.resumption else None
        self._verifier_db: VerifierDB | None = None
        if scenario.srp is not None:
            user, password = scenario.srp
            db = VerifierDB()
            db.create()
            # tlslite-ng looks the user up by the bytes of the ClientHello srp extension
            # (tlslite/keyexchange.py SRPKeyExchange.makeServerKeyExchange).
            db[user.encode("utf-8")] = VerifierDB.makeVerifier(user, password, 2048)
            self._verifier_db = db

    def handshake(self, sock: socket.socket, draft: Draft) -> Session:
        conn = TLSConnection(sock)
        try:
            conn.handshakeServer(
                certChain=self._chain,
                privateKey=self._key,
                sessionCache=self._cache,
                settings=self._settings,
                verifierDB=self._verifier_db,
            )
        except TLSRemoteAlert as exc:
            draft.alerts_received.append(Alert(level=exc.level, description=exc.description))
            raise HandshakeError(f"client sent {exc}") from exc
        except TLSLocalAlert as exc:
            draft.alerts_sent.append(Alert(level=exc.level, description=exc.description))
            raise HandshakeError(f"server sent {exc}") from exc
        except TLSAbruptCloseError as exc:
            raise HandshakeError("peer closed during the handshake", peer_closed=True) from exc
        except TimeoutError as exc:
            raise HandshakeError(f"handshake deadline: {exc}", timeout=True) from exc
        except (TLSError, OSError) as exc:
            raise HandshakeError(f"{type(exc).__name__}: {exc}", peer_closed=isinstance(exc, ConnectionError)) from exc
        draft.version = TlsVersion.from_wire((int(conn.version[0]), int(conn.version[1]))).value
        code = int(conn.session.cipherSuite)
        draft.cipher_code = code
        draft.cipher = suite_name(code)
        # tlslite-ng reports resumption for TLS <= 1.2 only (ARCHITECTURE.md "TLS servers").
        draft.resumed = bool(getattr(conn, "resumed", False)) if conn.version <= (3, 3) else None
        client_chain = conn.session.clientCertChain
        draft.client_chain = tuple(bytes(c.bytes) for c in client_chain.x509List) if client_chain else ()
        return _TlsliteSession(conn, draft)


class _TlsliteSession:
    def __init__(self, conn: TLSConnection, draft: Draft) -> None:
        self._conn = conn
        self._draft = draft

    def recv(self, size: int) -> bytes:
        try:
            data = bytes(self._conn.read(max=size, min=1))
        except TLSRemoteAlert as exc:
            self._draft.alerts_received.append(Alert(level=exc.level, description=exc.description))
            raise PeerAborted(f"client sent {exc}") from exc
        except TLSAbruptCloseError as exc:
            raise PeerAborted("EOF without close_notify") from exc
        except (TLSError, ConnectionError) as exc:
            raise PeerAborted(f"{type(exc).__name__}: {exc}") from exc
        if not data:
            # tlslite-ng's read() consumes the close_notify and returns b"" (it already answered
            # with its own, tlslite/tlsrecordlayer.py _getMsg): record both here.
            self._draft.alerts_received.append(Alert(level=1, description=0))
            self._draft.alerts_sent.append(Alert(level=1, description=0))
        return data

    def sendall(self, data: bytes) -> None:
        try:
            self._conn.write(data)
        except (TLSError, ConnectionError) as exc:
            raise PeerAborted(f"send failed: {exc}") from exc

    def settimeout(self, seconds: float | None) -> None:
        self._conn.sock.settimeout(seconds)

    def close(self) -> None:
        if self._conn.closed:
            return
        try:
            self._conn.close()  # sends close_notify, then closes the socket (closeSocket)
        except (TLSError, OSError, ValueError):
            return
        self._draft.alerts_sent.append(Alert(level=1, description=0))
