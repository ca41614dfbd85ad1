"""The OpenSSL backend: Python's ``ssl`` module, for everything OpenSSL 3.0 still serves.

Measured on this machine (ARCHITECTURE.md "TLS servers"): TLS 1.0-1.3, AES-CBC/GCM/CCM,
CAMELLIA, ChaCha20, DHE (with ``load_dh_params``), ECDHE; ``@SECLEVEL=0`` is needed for TLS
1.0/1.1 and SHA-1. Not SSLv3, RC4 or 3DES (tlslite-ng serves those). TLS 1.3 suites are not
restricted by ``set_ciphers``, so one-suite scenarios stop at TLS 1.2.

Alerts are captured with ``SSLContext._msg_callback``, the private hook CPython uses in its own
tests (Lib/test/test_ssl.py ``test_msg_callback``): ``ssl`` has no public way to see alerts. If
a future Python drops it, alerts go unrecorded and everything else still works.
"""

from __future__ import annotations

import socket
import ssl
import threading
import warnings
import weakref
from typing import Any

from .clienthello import suite_name
from .endpoint import HandshakeError, PeerAborted, Session, UnservableScenario
from .pki import Pki
from .protocol import Backend
from .recorder import Alert, Draft
from .scenarios import ClientAuth, Scenario

__all__ = ["OpenSslBackend", "openssl_cipher_name", "openssl_suite_code"]

_ALERT = 21
_UNWRAP_TIMEOUT = 1.0


def _openssl_codes() -> dict[str, int]:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.set_ciphers("ALL:COMPLEMENTOFALL:@SECLEVEL=0")
    # get_ciphers() ids are 0x0300XXXX: the low 16 bits are the IANA code.
    return {str(c["name"]): int(c["id"]) & 0xFFFF for c in ctx.get_ciphers()}


_CODES = _openssl_codes()


def openssl_suite_code(name: str) -> int | None:
    """IANA code of an OpenSSL cipher name (TLS 1.3 names are IANA's already)."""
    return _CODES.get(name)


class _AlertTap:
    """Routes ``_msg_callback`` calls to the draft of the connection they belong to."""

    def __init__(self) -> None:
        self._drafts: weakref.WeakKeyDictionary[Any, Draft] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def attach(self, conn: ssl.SSLSocket, draft: Draft) -> None:
        with self._lock:
            self._drafts[conn] = draft

    def __call__(self, conn: Any, direction: str, version: Any, content_type: Any, msg_type: Any, data: bytes) -> None:
        if int(content_type) != _ALERT or len(data) < 2:
            return
        with self._lock:
            draft = self._drafts.get(conn)
        if draft is None:
            return
        alert = Alert(level=data[0], description=data[1])
        (draft.alerts_received if direction == "read" else draft.alerts_sent).append(alert)


class OpenSslBackend:
    """Serves one scenario with one ``SSLContext`` built up front (so errors show at start)."""

    def __init__(self, scenario: Scenario, pki: Pki) -> None:
        if scenario.backend is not Backend.OPENSSL:
            raise UnservableScenario(f"{scenario.id}: backend is {scenario.backend.value}")
        if not scenario.resumption:
            # ssl exposes no SSL_CTX_set_session_cache_mode: session IDs would still resume.
            raise UnservableScenario(
                f"{scenario.id}: the ssl module cannot turn session-ID resumption off; use tlslite"
            )
        missing = [i.iana for i in scenario.suite_infos if i.openssl is None]
        if missing:
            raise UnservableScenario(f"{scenario.id}: OpenSSL cannot serve {', '.join(missing)}")
        cred = pki.credentials[scenario.credential]
        if not scenario.send_intermediates:
            chain_file = cred.leaf_pem
        elif scenario.send_root:
            chain_file = cred.chain_with_root_pem
        else:
            chain_file = cred.chain_pem
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        with warnings.catch_warnings():
            # Python 3.10+ deprecates TLS 1.0/1.1 members; serving them is this scenario's point.
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = scenario.min_version.ssl
            ctx.maximum_version = scenario.max_version.ssl
        names = ":".join(i.openssl for i in scenario.suite_infos if i.openssl) or "DEFAULT"
        # @SECLEVEL=0: OpenSSL 3.0 refuses TLS 1.0/1.1, SHA-1 and small keys above it.
        ctx.set_ciphers(f"{names}:@SECLEVEL=0")
        ctx.load_cert_chain(str(chain_file), str(cred.key_files.pkcs8_pem))
        ctx.load_dh_params(str(pki.dh_params))
        if scenario.client_auth is not ClientAuth.NONE:
            ctx.verify_mode = ssl.CERT_REQUIRED if scenario.client_auth is ClientAuth.REQUIRED else ssl.CERT_OPTIONAL
            ctx.load_verify_locations(cafile=str(pki.root_pem(scenario.client_ca)))
        self._tap = _AlertTap()
        ctx._msg_callback = self._tap  # type: ignore[attr-defined]
        self.context = ctx

    def handshake(self, sock: socket.socket, draft: Draft) -> Session:
        # Wrap a duplicate: wrap_socket takes over the descriptor it is given, and the listener
        # must keep its own to shut the connection down when the farm stops.
        conn = self.context.wrap_socket(sock.dup(), server_side=True, do_handshake_on_connect=False)
        self._tap.attach(conn, draft)
        try:
            conn.do_handshake()
        except TimeoutError as exc:
            _detach(conn)
            raise HandshakeError(f"handshake deadline: {exc}", timeout=True) from exc
        except ssl.SSLError as exc:
            _detach(conn)
            raise HandshakeError(f"{exc.reason or exc}", peer_closed=isinstance(exc, ssl.SSLEOFError)) from exc
        except OSError as exc:
            _detach(conn)
            raise HandshakeError(f"{type(exc).__name__}: {exc}", peer_closed=True) from exc
        draft.version = conn.version()
        cipher = conn.cipher()
        if cipher is not None:
            code = openssl_suite_code(cipher[0])
            draft.cipher_code = code
            draft.cipher = suite_name(code) if code is not None else cipher[0]
        draft.resumed = conn.session_reused
        draft.client_chain = _peer_chain(conn)
        return _OpenSslSession(conn)


def _peer_chain(conn: ssl.SSLSocket) -> tuple[bytes, ...]:
    """The client's chain as sent, DER. ``get_unverified_chain`` is private before 3.13."""
    sslobj = getattr(conn, "_sslobj", None)
    getter = getattr(sslobj, "get_unverified_chain", None)
    if getter is not None:
        # On the server side CPython puts the peer's leaf first, as None when none was sent.
        chain = [c for c in (getter() or []) if c is not None]
        return tuple(bytes(c.public_bytes(ssl._ssl.ENCODING_DER)) for c in chain)  # type: ignore[attr-defined]
    leaf = conn.getpeercert(binary_form=True)
    return (leaf,) if leaf else ()


def _detach(conn: ssl.SSLSocket) -> None:
    """Close our duplicate descriptor; the listener closes the original."""
    conn.close()


class _OpenSslSession:
    def __init__(self, conn: ssl.SSLSocket) -> None:
        self._conn = conn
        self._closed_by_peer = False

    def recv(self, size: int) -> bytes:
        try:
            data = self._conn.recv(size)
        except ssl.SSLEOFError as exc:
            # EOF without close_notify (RFC 8446 §6.1 makes close_notify mandatory).
            raise PeerAborted(f"EOF without close_notify: {exc}") from exc
        except ssl.SSLError as exc:
            raise PeerAborted(f"TLS error after the handshake: {exc.reason or exc}") from exc
        except ConnectionError as exc:
            raise PeerAborted(f"{type(exc).__name__}: {exc}") from exc
        if not data:
            self._closed_by_peer = True
        return data

    def sendall(self, data: bytes) -> None:
        try:
            self._conn.sendall(data)
        except (ssl.SSLError, ConnectionError) as exc:
            raise PeerAborted(f"send failed: {exc}") from exc

    def settimeout(self, seconds: float | None) -> None:
        self._conn.settimeout(seconds)

    def close(self) -> None:
        # unwrap() sends close_notify. OpenSSL keeps a session resumable only after a clean
        # shutdown (ARCHITECTURE.md: "counts session-ID resumption only if it sends
        # close_notify"), so we try even when the peer has gone; a short timeout bounds it.
        try:
            self._conn.settimeout(_UNWRAP_TIMEOUT)
            plain = self._conn.unwrap()
        except (OSError, ValueError):
            # The peer closed first or never answers our close_notify: nothing more to do.
            _detach(self._conn)
            return
        plain.close()


_NAMES = {code: name for name, code in _CODES.items()}


def openssl_cipher_name(code: int) -> str | None:
    """OpenSSL's name for an IANA code, ``None`` if this OpenSSL build does not know it.

    Wider than what the ssl module serves: it includes SRP, which ``openssl s_client -srpuser``
    can offer although ``ssl`` cannot serve it.
    """
    return _NAMES.get(code)
