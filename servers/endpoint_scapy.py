"""The scapy backend: the suites neither OpenSSL 3 nor tlslite-ng serves (EXPORT, single DES, SEED, static ECDH).

Theory of operation. scapy's TLS layer (``scapy.layers.tls``) holds the messages, the key exchanges, the ciphers
and the per-connection state (``tlsSession``: randoms, handshake hash, pending and current cipher states); its
own server (``automaton_srv.py``) drives them with a listening socket, threads and prints of its own, so this
backend does not run it: it drives the same classes itself on the socket the endpoint accepted, in the order of
RFC 5246 §7.3 (RFC 6101 / 2246 / 4346 for SSL 3.0 / TLS 1.0 / 1.1), full handshakes only:

1. the ClientHello (still in the socket: the endpoint only peeked it) is read as a record and parsed into the
   session; the scenario's first suite the client offers is chosen, at the highest version both speak, capped at
   the scenario's highest, at TLS 1.2 (no TLS 1.3 here), and at TLS 1.0 for EXPORT suites (RFC 4346 §A.5 forbids
   negotiating them in 1.1+); no suite in common is a fatal ``handshake_failure`` alert (RFC 5246 §7.4.1.3), a
   suite only the version rules out ``protocol_version`` (§E.1), each then :class:`~servers.endpoint.HandshakeError`;
2. ServerHello (an empty session id: nothing is cached, RFC 5246 §7.4.1.3; renegotiation_info only when the
   client signalled it, RFC 5746 §3.6), Certificate (the scenario's credential, leaf and intermediates),
   ServerKeyExchange where the key exchange has one: a 512-bit temporary RSA key for RSA_EXPORT (RFC 2246
   §7.4.3), a 512-bit DH group for DHE_*_EXPORT (RFC 2246 §7.4.3), scapy's 2048-bit MODP group (RFC 3526 §3) for
   DHE, signed with the certificate's key (RFC 5246 §7.4.3; TLS 1.2 with a hash the client listed, §7.4.1.4.1):
   RSA by scapy, DSA here (scapy signs with RSA and ECDSA keys only); none for static ECDH (RFC 4492 §2.1/§2.3: the
   certificate's EC key is the server's share; the key exchanges scapy lacks are added in
   :mod:`servers.scapy_tls`); ServerHelloDone;
3. the client's ClientKeyExchange, ChangeCipherSpec and Finished, each checked: the premaster secret is derived
   by scapy (EXPORT keys per RFC 2246 §6.3), a record that fails its MAC is answered ``bad_record_mac``, a
   Finished that does not verify ``decrypt_error`` (RFC 5246 §7.4.9);
4. our ChangeCipherSpec and Finished; the draft gets version, suite and ``resumed=False``; a
   :class:`~servers.scapy_session.ScapySession` then carries application data in records (RFC 5246 §6.2),
   close_notify both ways.

Every read has a deadline (the handshake's: the socket's timeout when the endpoint hands it over, set from its
``Timeouts``; the app's: each read's own). Client certificates and resumption are not served
(:class:`UnservableScenario` at construction), nor an SSLv2-format ClientHello. The suites it serves and the RFCs
that define them: EXPORT (RFC 2246 §A.5), single DES (RFC 5469, which deprecates them), SEED (RFC 4162), static
ECDH (RFC 4492), with RSA, DHE_RSA or DHE_DSS key exchange where the name says so. Proven against OpenSSL 1.0.2
(nassl) in tests/servers/test_endpoint_scapy.py.
"""

from __future__ import annotations

import socket
import time
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa

import tlsref.suites as tlsref

from . import scapy_tls
from .endpoint import HandshakeError, Session, UnservableScenario
from .pki import Pki
from .protocol import Backend, TlsVersion
from .recorder import Alert, Draft
from .scapy_session import ScapySession
from .scapy_tls import (
    TLS,
    PrivKey,
    ServerDHParams,
    ServerRSAParams,
    TLS_Ext_RenegotiationInfo,
    TLSAlert,
    TLSCertificate,
    TLSChangeCipherSpec,
    TLSClientHello,
    TLSClientKeyExchange,
    TLSFinished,
    TLSServerHello,
    TLSServerHelloDone,
    TLSServerKeyExchange,
    TLSSignature,
    tlsSession,
)
from .scenarios import ClientAuth, Scenario
from .suites import SuiteInfo

__all__ = ["ScapyBackend", "ScapySession"]

# RFC 5246 §7.2 alert descriptions this backend sends.
_UNEXPECTED_MESSAGE = 10
_BAD_RECORD_MAC = 20
_HANDSHAKE_FAILURE = 40
_DECRYPT_ERROR = 51
_PROTOCOL_VERSION = 70
#: RFC 5746 §3.3: TLS_EMPTY_RENEGOTIATION_INFO_SCSV; §3.2 the renegotiation_info extension's type.
_RENEGOTIATION_SCSV = 0x00FF
_RENEGOTIATION_EXT = 0xFF01
#: RFC 4492 §5.1.1 elliptic_curves (RFC 8422 supported_groups): secp256r1 is 23, the curve of the PKI's EC keys.
_SUPPORTED_GROUPS_EXT = 10
_SECP256R1 = 23
#: RFC 5246 §7.4.1.4.1 SignatureAndHashAlgorithm values for an RSA key, the most preferred first; without the
#: client's signature_algorithms extension, {sha1, rsa} (0x0201) is assumed.
_RSA_SIG_ALGS = (0x0401, 0x0501, 0x0601, 0x0201)
_DSA_SIG_ALGS = (0x0402, 0x0502, 0x0602, 0x0202)
_SIG_ALGS_EXT = 13
#: RFC 2246 §A.5 / §7.4.3: an EXPORT suite's key exchange is at most 512 bits.
_EXPORT_BITS = 512
#: The wire values scapy's session and records use.
_TLS1_0, _TLS1_2 = 0x0301, 0x0303


def _wire(version: TlsVersion) -> int:
    major, minor = version.wire
    return major << 8 | minor


#: A 512-bit safe prime (``openssl dhparam -2 512``, generated once; (p-1)/2 is prime too) with generator 2: the
#: DH group of the DHE_*_EXPORT suites (RFC 2246 §7.4.3: an export server's DH modulus is at most 512 bits).
_EXPORT_DH_P = int(
    "8DF7FA6228D7CD392891920A2001B6C9ECDF14B265997E6FF8174B5825C6D22151E4D23240AB7FFE4A4C7AF4776865312B8D64DBAF339BC3"
    "73A708B2C6BA228F",
    16,
)
_EXPORT_DH_G = 2


class ScapyBackend:
    """Serves one scenario with scapy's TLS messages on the endpoint's socket (see the module docstring)."""

    def __init__(self, scenario: Scenario, pki: Pki) -> None:
        if scenario.backend is not Backend.SCAPY:
            raise UnservableScenario(f"{scenario.id}: backend is {scenario.backend.value}")
        if scenario.client_auth is not ClientAuth.NONE:
            raise UnservableScenario(f"{scenario.id}: the scapy backend requests no client certificate")
        if scenario.resumption:
            raise UnservableScenario(f"{scenario.id}: the scapy backend keeps no session cache")
        if not scenario.suite_infos:
            raise UnservableScenario(f"{scenario.id}: the scapy backend serves named suites only")
        for info in scenario.suite_infos:
            _scapy_suite(info)  # raises UnservableScenario for a suite scapy cannot run
        self._scenario = scenario
        cred = pki.credentials[scenario.credential]
        if scenario.send_root or not scenario.send_intermediates:
            raise UnservableScenario(f"{scenario.id}: the scapy backend sends leaf + intermediates only")
        self._chain = tuple(c.public_bytes(serialization.Encoding.DER) for c in cred.chain)
        self._key = cred.key
        self._ec = isinstance(cred.key, ec.EllipticCurvePrivateKey)
        self._dsa = cred.key if isinstance(cred.key, dsa.DSAPrivateKey) else None
        # scapy signs an RSA ServerKeyExchange with its own key wrapper; a DSA one is signed here (_dss_signature);
        # static ECDH signs nothing.
        rsa_key = isinstance(cred.key, rsa.RSAPrivateKey)
        self._signing_key: Any = PrivKey(cred.key_files.pkcs8_pem.read_bytes()) if rsa_key else None
        held = "EC" if self._ec else "DSA" if self._dsa is not None else "RSA" if rsa_key else "other"
        for info in scenario.suite_infos:
            ref = tlsref.by_name(info.iana)
            # RFC 4492 §2.1/§2.3: static ECDH needs an EC key; RFC 5246 §7.4.2: DHE_DSS a DSA key, RSA the rest
            needs = "EC" if ref.kex == "ECDH" else "DSA" if ref.auth == "DSS" else "RSA"
            if needs != held:
                raise UnservableScenario(
                    f"{scenario.id}: {info.iana} needs {'a' if needs == 'DSA' else 'an'} {needs} certificate key, "
                    f"credential {scenario.credential!r} holds {held}"
                )

    def handshake(self, sock: socket.socket, draft: Draft) -> Session:
        timeout = sock.gettimeout()
        deadline = time.monotonic() + (timeout if timeout is not None else 10.0)
        hs = _Handshake(self, sock, draft, deadline)
        try:
            session = hs.run()
        except TimeoutError as exc:
            raise HandshakeError(f"handshake deadline: {exc}", timeout=True) from exc
        except (EOFError, ConnectionError) as exc:
            raise HandshakeError(f"peer closed during the handshake: {exc}", peer_closed=True) from exc
        except ValueError as exc:  # RecordReader: no TLS record (an SSLv2-format ClientHello is not served)
            raise HandshakeError(f"{exc}") from exc
        except OSError as exc:
            raise HandshakeError(f"{type(exc).__name__}: {exc}") from exc
        sock.settimeout(timeout)
        return session


def _scapy_suite(info: SuiteInfo) -> Any:
    """scapy's suite class for ``info``; ``UnservableScenario`` when scapy has none or cannot run it."""
    from scapy.layers.tls.crypto.suites import _tls_cipher_suites_cls

    cls = _tls_cipher_suites_cls.get(info.code)
    if cls is None or not getattr(cls, "usable", False):
        raise UnservableScenario(f"scapy cannot run {info.iana}")
    if cls.kx_alg.name.startswith(("SRP", "PSK")) or cls.kx_alg.anonymous:
        raise UnservableScenario(f"the scapy backend does not serve {info.iana} (SRP, PSK, anonymous)")
    return cls


class _Fatal(Exception):
    """A fatal alert to send, then :class:`HandshakeError`."""

    def __init__(self, description: int, message: str) -> None:
        super().__init__(message)
        self.description = description


class _Handshake:
    """One server handshake (RFC 5246 §7.3), the module docstring's steps 1-4."""

    def __init__(self, backend: ScapyBackend, sock: socket.socket, draft: Draft, deadline: float) -> None:
        self.b = backend
        self.sock = sock
        self.draft = draft
        self.deadline = deadline
        self.reader = scapy_tls.RecordReader(sock)
        self.s: Any = tlsSession(connection_end="server")
        self.pending: list[Any] = []  # handshake messages received, not yet consumed
        self.client_version = _TLS1_0  # the ClientHello's, capped at TLS 1.2, once read

    def run(self) -> ScapySession:
        try:
            return self._run()
        except _Fatal as exc:
            self._alert(exc.description)
            raise HandshakeError(f"server sent fatal alert {exc.description}: {exc}") from exc

    def _alert(self, description: int) -> None:
        # Before the ServerHello, the client's own version (RFC 5246 §E.1: a client accepts an alert in it).
        record_version = self.s.tls_version or self.client_version
        try:
            self.sock.sendall(
                TLS(
                    version=record_version, msg=[TLSAlert(level=2, descr=description)], tls_session=self.s
                ).raw_stateful()
            )
            self.sock.shutdown(socket.SHUT_WR)
        except OSError:
            return
        self.draft.alerts_sent.append(Alert(level=2, description=description))

    def _next(self, kind: type) -> Any:
        """The next handshake message of ``kind`` (or a ChangeCipherSpec), reading records as needed."""
        while not self.pending:
            raw = self.reader.read(self.deadline)
            if raw is None:
                raise EOFError("EOF during the handshake")
            try:
                record = TLS(raw, tls_session=self.s, strict_integrity=True)
            except Exception as exc:  # scapy raises its own HMACError / AEADTagError / CipherError
                raise _Fatal(_BAD_RECORD_MAC, f"record did not decrypt or verify: {type(exc).__name__}") from exc
            self.s = record.tls_session
            for msg in record.msg:
                if isinstance(msg, TLSAlert):
                    self.draft.alerts_received.append(Alert(level=int(msg.level), description=int(msg.descr)))
                    raise HandshakeError(f"client sent alert {int(msg.level)}:{int(msg.descr)}")
                self.pending.append(msg)
        msg = self.pending.pop(0)
        if not isinstance(msg, kind):
            raise _Fatal(_UNEXPECTED_MESSAGE, f"expected {kind.__name__}, got {type(msg).__name__}")
        return msg

    def _run(self) -> ScapySession:
        s = self.s
        hello = self._next(TLSClientHello)
        self.client_version = min(int(hello.version), _TLS1_2)
        s = self.s
        offered = [int(c) for c in (hello.ciphers or [])]
        ext_types = {int(e.type) for e in (hello.ext or [])}
        version, info = self._negotiate(int(hello.version), offered, hello)
        cls = _scapy_suite(info)
        export = tlsref.by_name(info.iana).export
        kx = cls.kx_alg.name
        s.sid = b""  # RFC 5246 §7.4.1.3: an empty session_id, nothing is cached (TLSServerHello.build echoes s.sid)
        if self.b._signing_key is not None:
            s.server_key = s.server_rsa_key = self.b._signing_key
        if version == _TLS1_2 and self.b._signing_key is not None:
            s.selected_sig_alg = _sig_alg(hello, _RSA_SIG_ALGS)
        signalled = _RENEGOTIATION_EXT in ext_types or _RENEGOTIATION_SCSV in offered
        ext = [TLS_Ext_RenegotiationInfo()] if signalled else None
        # One record per message, each serialised as it is made (the ServerHello's serialisation sets the session's
        # server_random, which the ServerKeyExchange signs); the flight is sent together.
        flight: list[bytes] = []

        def add(message: Any) -> None:
            flight.append(TLS(version=version, msg=[message], tls_session=s).raw_stateful())

        add(TLSServerHello(version=version, cipher=info.code, ext=ext))
        add(TLSCertificate(certs=[(len(d), d) for d in self.b._chain]))
        if kx.startswith("ECDH_"):
            # RFC 4492 §2.1/§2.3: the certificate's key is the server's ECDH share; no ServerKeyExchange.
            s.server_kx_privkey = self.b._key
            s.client_kx_ecdh_params = _SECP256R1
        elif export and kx.startswith("RSA"):
            add(TLSServerKeyExchange(params=self._filled(ServerRSAParams(tls_session=s))))
        elif kx.startswith("DHE"):
            params = ServerDHParams(tls_session=s)
            if export:
                params.dh_p = _EXPORT_DH_P.to_bytes(_EXPORT_BITS // 8, "big")
                params.dh_g = _EXPORT_DH_G.to_bytes(1, "big")
            params = self._filled(params)
            if self.b._dsa is None:
                add(TLSServerKeyExchange(params=params))  # scapy signs with s.server_key (RSA)
            else:
                add(TLSServerKeyExchange(params=params, sig=self._dss_signature(params, version, hello)))
        add(TLSServerHelloDone())
        self.sock.sendall(b"".join(flight))
        self._next(TLSClientKeyExchange)
        if not self.s.master_secret:
            raise _Fatal(_HANDSHAKE_FAILURE, "no premaster secret from the ClientKeyExchange")
        self._next(TLSChangeCipherSpec)
        self.s.finished_valid = False
        self._next(TLSFinished)
        if not self.s.finished_valid:
            raise _Fatal(_DECRYPT_ERROR, "the client's Finished does not verify (RFC 5246 §7.4.9)")
        if self.pending:
            raise _Fatal(_UNEXPECTED_MESSAGE, f"{type(self.pending[0]).__name__} after the client's Finished")
        s = self.s
        ccs = TLS(version=version, msg=[TLSChangeCipherSpec()], tls_session=s).raw_stateful()
        fin = TLS(version=version, msg=[TLSFinished()], tls_session=s).raw_stateful()
        self.sock.sendall(ccs + fin)
        self.draft.version = TlsVersion.from_wire(divmod(version, 256)).value
        self.draft.cipher_code = info.code
        self.draft.cipher = info.iana
        self.draft.resumed = False
        self.draft.client_chain = ()
        return ScapySession(self.sock, self.reader, s, self.draft, version)

    def _filled(self, params: Any) -> Any:
        params.fill_missing()
        return params

    def _dss_signature(self, params: Any, version: int, hello: Any) -> Any:
        """The ServerKeyExchange signature with the certificate's DSA key (RFC 5246 §7.4.3: over client_random +
        server_random + params; a DER Dss-Sig-Value, RFC 3279 §2.2.2). TLS 1.2 names the hash (§7.4.1.4.1: one
        the client listed, SHA-256 first, SHA-1 without the extension); before 1.2 it is SHA-1 (RFC 2246 §7.4.3)."""
        assert self.b._dsa is not None
        s = self.s
        signed = s.client_random + s.server_random + bytes(params)
        if version < _TLS1_2:
            return TLSSignature(tls_session=s, sig_val=self.b._dsa.sign(signed, hashes.SHA1()))
        alg = _sig_alg(hello, _DSA_SIG_ALGS)
        hash_ = {0x0202: hashes.SHA1(), 0x0402: hashes.SHA256(), 0x0502: hashes.SHA384(), 0x0602: hashes.SHA512()}
        return TLSSignature(tls_session=s, sig_alg=alg, sig_val=self.b._dsa.sign(signed, hash_[alg]))

    def _negotiate(self, client: int, offered: list[int], hello: Any) -> tuple[int, SuiteInfo]:
        """Version and suite (RFC 5246 §7.4.1.3, §E.1): the scenario's first suite the client offers, at the highest
        version both speak that the suite allows (TLS 1.2 at most here; TLS 1.0 at most for EXPORT, RFC 4346
        §A.5). ``protocol_version`` when an offered suite fails only on the version, else ``handshake_failure``."""
        sc = self.b._scenario
        groups = _groups(hello)
        low = _wire(sc.min_version)
        high = min(_wire(sc.max_version), _TLS1_2)
        too_old = False
        for info in sc.suite_infos:
            ref = tlsref.by_name(info.iana)
            if info.code not in offered:
                continue
            if ref.kex == "ECDH" and groups is not None and _SECP256R1 not in groups:
                continue  # RFC 4492 §5.1.1: the certificate's curve must be one the client lists
            version = min(client, high, _TLS1_0 if ref.export else high)
            if version < max(low, int(ref.min_version)):
                too_old = True
                continue
            return version, info
        if too_old:
            raise _Fatal(_PROTOCOL_VERSION, f"client offers 0x{client:04x}: no version the suites allow")
        names = ", ".join(sc.suites)
        raise _Fatal(_HANDSHAKE_FAILURE, f"no suite in common: the client offers none of {names}")


def _groups(hello: Any) -> set[int] | None:
    for e in hello.ext or []:
        if int(e.type) == _SUPPORTED_GROUPS_EXT:
            return {int(g) for g in (getattr(e, "groups", None) or [])}
    return None


def _sig_alg(hello: Any, preferred: tuple[int, ...]) -> int:
    """RFC 5246 §7.4.1.4.1: a signature with a hash the client listed, the first of ``preferred``; {sha1, <the
    key's algorithm>} (the last of ``preferred``) without the extension or a match."""
    for e in hello.ext or []:
        if int(e.type) == _SIG_ALGS_EXT:
            listed = {int(a) for a in (getattr(e, "sig_algs", None) or [])}
            return next((a for a in preferred if a in listed), preferred[-1])
    return preferred[-1]
