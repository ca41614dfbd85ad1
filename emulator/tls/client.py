"""The TLS client of the emulator: tlslite-ng, with the ClientHello the module's tables ask for.

:func:`connect` dials TCP, runs the handshake and returns a :class:`TlsLink`; every socket
operation has a deadline (the socket timeout: the documents' "maximum allowed TCP inter-packet
delay", telit-ssl-ug §5 <Timeout>). Three things differ from a stock tlslite-ng client, each in
one overridden method of :class:`_ClientConnection`:

- the suite list on the wire is exactly the one asked for (:attr:`ClientConfig.suites`), suites
  tlslite-ng cannot complete included (docs/DECISIONS-issue4.md D23); the SessionTicket
  extension is left out, so resumption is by session ID only (D22), and the EC / FFDHE
  extensions travel only with suites that use them (RFC 4492 §4, RFC 7919 §3);
- a ServerHello that picks a suite tlslite-ng cannot complete is answered with a
  handshake_failure alert, never with something else negotiated silently;
- the server's chain is verified (:mod:`emulator.tls.verify`) as soon as its Certificate
  message arrives, so a refused server sees an alert instead of a finished handshake.

After the handshake, a reader thread (:meth:`TlsLink.start`) waits in ``select`` for the next
record and hands application data to a callback; :meth:`TlsLink.close` wakes it by shutting the
socket's read side down, then sends close_notify. What the link sends goes through an
:class:`~emulator.tls.outbox.Outbox` (a queue and a writer thread), so that a send with a deadline
can give up whole (:class:`SendStalled`) instead of stalling half-way through a record.
"""

from __future__ import annotations

import contextlib
import datetime
import select
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from tlslite.constants import AlertDescription, AlertLevel, ExtensionType
from tlslite.errors import TLSError
from tlslite.handshakesettings import ALL_CIPHER_NAMES, ALL_MAC_NAMES, HandshakeSettings
from tlslite.messages import Alert, ClientHello
from tlslite.tlsconnection import TLSConnection
from tlslite.utils.keyfactory import parsePEMKey
from tlslite.x509 import X509
from tlslite.x509certchain import X509CertChain

from emulator.tls.outbox import Outbox
from emulator.tls.suites import COMPLETABLE, DHE_SUITES, EC_SUITES, NAMES
from emulator.tls.verify import VerifyError, load_chain, verify_chain

Version = tuple[int, int]
"""A protocol version as on the wire: (3, 0) SSL 3.0 ... (3, 3) TLS 1.2."""

SSL3: Final[Version] = (3, 0)
TLS1_0: Final[Version] = (3, 1)
TLS1_1: Final[Version] = (3, 2)
TLS1_2: Final[Version] = (3, 3)

_READ_MAX = 1 << 16
_JOIN_TIMEOUT = 2.0
#: At close, how long what is still queued (close_notify included) may take to reach the kernel: a far end that
#: reads takes it at once; one that does not would otherwise hold the close (a socket's close does not wait).
_CLOSE_DRAIN = 0.5
# RFC 7919 §6.1: FFDHE groups live in 256-511 of the supported_groups registry; the rest of the
# values tlslite-ng sends are elliptic curves (RFC 8422 §5.1.1).
_FFDHE = range(256, 512)
_KEY_EXCHANGES = ["rsa", "dhe_rsa", "dhe_dsa", "ecdhe_rsa", "ecdhe_ecdsa"]


class TlsError(Exception):
    """A TLS client operation failed."""


class ConnectError(TlsError):
    """No TCP connection: refused, unreachable, name not resolved, or the deadline passed."""


class HandshakeError(TlsError):
    """The handshake failed: alert sent or received, peer closed, deadline passed.

    ``verify`` is set when the server's certificate chain was refused.
    """

    def __init__(self, message: str, *, verify: bool = False) -> None:
        super().__init__(message)
        self.verify = verify


class LinkError(TlsError):
    """Sending on an established connection failed (peer gone, deadline passed)."""


class SendStalled(TlsError):
    """A send with a deadline found no room for its data before the deadline: the connection's send buffer stayed
    full (the far end does not read). Nothing of the data went; the connection is intact and still open."""


@dataclass(frozen=True, kw_only=True)
class ClientCredentials:
    """The client certificate chain (DER, leaf first) and its private key."""

    chain: tuple[bytes, ...]
    key: PrivateKeyTypes


@dataclass(frozen=True, kw_only=True)
class ClientConfig:
    """What one handshake offers and accepts.

    ``suites``: the exact suite list of the ClientHello, in order. ``anchors``: the stored CA
    certificates to verify the server against, ``None`` for no verification (<auth_mode> 0).
    ``credentials``: presented if the server asks (<auth_mode> 2). ``server_name``: the SNI
    host name, ``None`` for none. ``check_leaf_dates``, ``check_anchor_dates``: defect switches. ``clock``: the
    module's time for the certificates' validity dates (``ModuleClock.now`` of a dialect whose
    documents check against the module's clock); ``None``: the host's time.
    """

    suites: tuple[int, ...]
    min_version: Version
    max_version: Version
    anchors: tuple[x509.Certificate, ...] | None = None
    credentials: ClientCredentials | None = None
    server_name: str | None = None
    check_leaf_dates: bool = True
    check_anchor_dates: bool = True
    clock: Callable[[], datetime.datetime] | None = None
    #: A dialect's own check of the server's chain (DER, leaf first), run when the Certificate
    #: message arrives; it raises :class:`~emulator.tls.verify.VerifyError` to refuse the server
    #: (quectel-ec200-ssl's "ignore*" switches). ``None``: only the ``anchors`` check above.
    chain_check: Callable[[list[bytes]], None] | None = None

    def __post_init__(self) -> None:
        if not self.suites:
            raise ValueError("a ClientHello needs at least one suite")
        if not SSL3 <= self.min_version <= self.max_version <= TLS1_2:
            raise ValueError(f"versions {self.min_version}..{self.max_version} out of SSL 3.0..TLS 1.2")


class _ClientConnection(TLSConnection):  # type: ignore[misc]  # tlslite-ng is untyped
    """tlslite-ng's client with the three changes of the module docstring."""

    def __init__(self, sock: socket.socket, config: ClientConfig) -> None:
        super().__init__(sock)
        self._config = config

    def _sendMsg(self, msg: Any, randomizeFirstBlock: bool = True,
                 update_hashes: bool = True) -> Any:
        if isinstance(msg, ClientHello):
            _shape_hello(msg, self._config.suites)
        return super()._sendMsg(msg, randomizeFirstBlock, update_hashes)

    def _clientGetServerHello(self, settings: Any, session: Any, clientHello: Any) -> Any:
        for result in super()._clientGetServerHello(settings, session, clientHello):
            if result in (0, 1):
                yield result
                continue
            suite = result.cipher_suite
            if suite not in COMPLETABLE:
                name = NAMES.get(suite, f"0x{suite:04X}")
                yield from self._sendError(AlertDescription.handshake_failure,
                                           f"server chose {name}, which this client cannot complete")
            yield result

    def _clientGetKeyFromChain(self, certificate: Any, settings: Any, tack_ext: Any = None) -> Any:
        anchors = self._config.anchors
        if anchors is not None:
            chain = certificate.cert_chain
            ders = [bytes(cert.bytes) for cert in chain.x509List] if chain else []
            try:
                clock = self._config.clock
                verify_chain(load_chain(ders), anchors, now=None if clock is None else clock(),
                             check_leaf_dates=self._config.check_leaf_dates,
                             check_anchor_dates=self._config.check_anchor_dates)
            except VerifyError as error:
                self.verify_failure = str(error)
                yield from self._sendError(error.alert, str(error))
        check = self._config.chain_check
        if check is not None:
            sent = certificate.cert_chain
            try:
                check([bytes(cert.bytes) for cert in sent.x509List] if sent else [])
            except VerifyError as error:
                self.verify_failure = str(error)
                yield from self._sendError(error.alert, str(error))
        yield from super()._clientGetKeyFromChain(certificate, settings, tack_ext)


def _shape_hello(hello: Any, suites: Sequence[int]) -> None:
    hello.cipher_suites = list(suites)
    if not hello.extensions:
        return
    ec = any(s in EC_SUITES for s in suites)
    dhe = any(s in DHE_SUITES for s in suites)
    kept = []
    for ext in hello.extensions:
        if ext.extType == ExtensionType.session_ticket:
            continue  # D22: session-ID resumption only
        if ext.extType == ExtensionType.ec_point_formats and not ec:
            continue
        if ext.extType == ExtensionType.supported_groups:
            ext.groups = [g for g in ext.groups if (dhe if g in _FFDHE else ec)]
            if not ext.groups:
                continue
        kept.append(ext)
    hello.extensions = kept or None


def _settings(config: ClientConfig) -> Any:
    settings = HandshakeSettings()
    settings.minVersion = config.min_version
    settings.maxVersion = config.max_version
    # A superset, so that tlslite-ng's own list (used for resumption checks and extensions)
    # holds every completable suite; the wire list is replaced in _shape_hello.
    settings.cipherNames = list(ALL_CIPHER_NAMES)
    settings.macNames = list(ALL_MAC_NAMES)
    settings.keyExchangeNames = list(_KEY_EXCHANGES)
    settings.usePaddingExtension = False
    # RFC 7627 (extended master secret) and RFC 7366 (encrypt-then-MAC) postdate the
    # documents' modules, and tlslite-ng mishandles EMS when a server picks SSL 3.0.
    settings.useExtendedMasterSecret = False
    settings.useEncryptThenMAC = False
    settings.minKeySize = 512
    return settings


def _tlslite_credentials(credentials: ClientCredentials | None) -> tuple[Any, Any]:
    if credentials is None:
        return None, None
    certs = []
    for der in credentials.chain:
        cert = X509()
        cert.parseBinary(bytearray(der))
        certs.append(cert)
    chain = X509CertChain(certs)
    pem = credentials.key.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    return chain, parsePEMKey(pem.decode("ascii"), private=True)


def _peer(sock: socket.socket) -> tuple[str, int]:
    try:
        address = sock.getpeername()
    except OSError:
        return "?", 0
    return str(address[0]), int(address[1])


def connect(host: str, port: int, config: ClientConfig, *, timeout: float,
            session: object | None = None) -> TlsLink:
    """Dial ``host:port`` and run the handshake; each socket operation waits ``timeout`` at most.

    ``session`` (a :attr:`TlsLink.session` of an earlier connection) is offered for
    session-ID resumption. Raises :class:`ConnectError` or :class:`HandshakeError`.
    """
    return secure(dial_tcp(host, port, timeout=timeout), config, session=session)


def dial_tcp(host: str, port: int, *, timeout: float) -> socket.socket:
    """A TCP connection whose every operation waits ``timeout`` at most; :class:`ConnectError`."""
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as error:  # refused, unreachable, DNS (socket.gaierror), timeout
        raise ConnectError(f"cannot connect to {host}:{port}: {error}") from error
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def secure(sock: socket.socket, config: ClientConfig, *, session: object | None = None) -> TlsLink:
    """Run the client handshake on a connected socket (its timeout bounds each operation).

    The socket is closed if the handshake fails (:class:`HandshakeError`). Used directly after
    ``AUTH TLS`` on an FTP control connection (RFC 4217 §4).
    """
    host, port = _peer(sock)
    conn = _ClientConnection(sock, config)
    chain, key = _tlslite_credentials(config.credentials)
    try:
        conn.handshakeClientCert(chain, key, session=session, settings=_settings(config),
                                 serverName=config.server_name)
    except (TLSError, OSError, ValueError, AssertionError) as error:
        # tlslite-ng raises its TLSError family for alerts and abrupt closes, OSError for socket
        # errors and timeouts, ValueError / AssertionError for messages it cannot parse.
        sock.close()
        failure = getattr(conn, "verify_failure", None)
        reason = failure or f"{type(error).__name__}: {error}"
        raise HandshakeError(f"handshake with {host}:{port} failed: {reason}",
                             verify=failure is not None) from error
    return TlsLink(sock, conn)


DataCallback = Callable[[bytes], None]
EndCallback = Callable[[str], None]


class TlsLink:
    """An established TLS connection: send, receive through a reader thread, close."""

    def __init__(self, sock: socket.socket, conn: Any) -> None:
        self._sock = sock
        self._conn = conn
        # From here tlslite-ng writes into the outbox (under its BufferedSocket), never into the socket itself. A
        # connection object of another kind (a plain socket's stand-in) keeps writing directly: its sends block.
        self._outbox = Outbox(sock)
        buffered = getattr(conn, "sock", None)
        if buffered is not None and hasattr(buffered, "socket"):
            buffered.socket = self._outbox
        self._write_lock = threading.Lock()
        self._stopping = threading.Event()
        self._reader: threading.Thread | None = None
        self._notified = False  # notify_close() sent close_notify while the session was resumable
        self.cipher_suite: int = int(conn.session.cipherSuite)
        self.version: Version = (int(conn.version[0]), int(conn.version[1]))
        self.resumed: bool = bool(conn.resumed)
        self.server_chain: tuple[bytes, ...] = tuple(
            bytes(c.bytes) for c in conn.session.serverCertChain.x509List
        ) if conn.session.serverCertChain else ()

    @property
    def session(self) -> object:
        """The TLS session, to offer to :func:`connect` for resumption."""
        return self._conn.session

    def recv(self, max_bytes: int) -> bytes:
        """Read without the reader thread: up to ``max_bytes``, ``b""`` once the peer closed.

        Waits the socket timeout at most (``TimeoutError``); ``LinkError`` if the link broke.
        Not to be used after :meth:`start`.
        """
        try:
            return bytes(self._conn.read(max=max_bytes, min=1))
        except TimeoutError:
            raise
        except (TLSError, OSError, ValueError) as error:
            raise LinkError(f"receive failed: {type(error).__name__}: {error}") from error

    def start(self, on_data: DataCallback, on_end: EndCallback) -> None:
        """Start the reader: ``on_data`` per received chunk, ``on_end(reason)`` once when the
        peer closes or the connection breaks (never after :meth:`close`)."""
        self._reader = threading.Thread(target=self._read_loop, args=(on_data, on_end),
                                        name="emulator-tls-reader", daemon=True)
        self._reader.start()

    def limit_send_buffer(self, size: int) -> None:
        """Give the connection a send buffer of about ``size`` bytes (a dialect's choice where its document gives
        none): the kernel's ``SO_SNDBUF`` and the outbox's bound are both set to ``size``, so a send with a
        deadline stalls once about that much (twice, the kernel's bookkeeping included) waits for the far end."""
        if size < 1:
            raise ValueError(f"a send buffer of {size} bytes")
        with contextlib.suppress(OSError):
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, size)
        self._outbox.limit = size

    @property
    def unsent(self) -> int:
        """Bytes (ciphertext) handed to the link and not yet taken by the kernel."""
        return self._outbox.waiting

    def send(self, data: bytes, *, deadline: float | None = None) -> None:
        """Send ``data``.

        Without ``deadline``: returns once the kernel took it all; ``LinkError`` if the connection broke or it
        did not go within the socket's timeout (it stays queued). With ``deadline`` (``time.monotonic()``): the
        data is queued whole if the send buffer (:meth:`limit_send_buffer`) has room for it before then, and the
        call returns at once; else :class:`SendStalled` and nothing of it goes.
        """
        with self._write_lock:
            if deadline is not None and not self._outbox.wait_room(len(data), deadline):
                raise SendStalled(
                    f"no room for {len(data)} bytes: {self._outbox.waiting} bytes wait for the far end to read"
                )
            try:
                self._conn.write(bytearray(data))
            except (TLSError, OSError, ValueError) as error:
                raise LinkError(f"send failed: {type(error).__name__}: {error}") from error
            if deadline is not None:
                return
            timeout = self._sock.gettimeout()
            drained = self._outbox.drain(time.monotonic() + (timeout if timeout is not None else 3600.0))
        if not drained:
            failure = self._outbox.error
            raise LinkError(
                f"send failed: {failure}" if failure else "send failed: timed out (the far end does not read)"
            )

    def notify_close(self) -> None:
        """Send close_notify now and keep reading (the reader reports the peer's answer): the first half of a
        lingering close (RFC 5246 §7.2.1); :meth:`close` (``notify=False``) ends it. Errors are ignored."""
        with self._write_lock:
            session = self._conn.session
            self._notified = bool(session is not None and session.resumable)
            alert = Alert().create(AlertDescription.close_notify, AlertLevel.warning)
            with contextlib.suppress(TLSError, OSError, ValueError):
                for _ in self._conn._sendMsg(alert):
                    pass
            self._outbox.drain(time.monotonic() + _CLOSE_DRAIN)

    def close(self, *, notify: bool = True) -> None:
        """Stop the reader, send close_notify (if ``notify``), close the socket. Idempotent."""
        if self._notified:  # close_notify went in notify_close(): the session stays resumable (RFC 5246 §7.2.1)
            session = self._conn.session
            if session is not None:
                session.resumable = True
        if self._stopping.is_set():
            return
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RD)  # wakes the reader's select
        reader = self._reader
        if reader is not None and reader is not threading.current_thread():
            reader.join(_JOIN_TIMEOUT)
        with self._write_lock:
            session = self._conn.session
            resumable = bool(session is not None and session.resumable)
            if notify:
                with contextlib.suppress(TLSError, OSError, ValueError):
                    self._conn.close()
                # The reader saw the read side shut and may have called the session
                # unresumable; a close_notify sent by us keeps it resumable (RFC 5246 §7.2.1).
                if session is not None and resumable:
                    session.resumable = True
            if not self._outbox.drain(time.monotonic() + _CLOSE_DRAIN):
                with contextlib.suppress(OSError):
                    self._sock.shutdown(socket.SHUT_RDWR)  # wakes a writer waiting for room in the kernel
            self._outbox.stop()
            with contextlib.suppress(OSError):
                self._sock.close()

    def _buffered(self) -> bool:
        # tlslite-ng 0.8 reads the socket through a BufferedSocket that takes up to 4 KiB at a
        # time, so the next record may already be in memory while the socket is not readable;
        # application data left from a record waits in the connection's own buffer.
        wrapper = getattr(self._conn, "sock", None)
        return bool(getattr(wrapper, "_read_buffer", b"")) or bool(getattr(self._conn, "_readBuffer", b""))

    def _read_loop(self, on_data: DataCallback, on_end: EndCallback) -> None:
        reason = "closed by peer"
        try:
            while not self._stopping.is_set():
                if not self._buffered():
                    select.select([self._sock], [], [])
                if self._stopping.is_set():
                    return
                try:
                    data = self._conn.read(max=_READ_MAX, min=1)
                except TimeoutError:
                    # A record stalled half-way for longer than the inter-packet timeout.
                    reason = "timeout inside a record"
                    return
                if not data:
                    return
                on_data(bytes(data))
        except (TLSError, OSError, ValueError) as error:
            reason = f"{type(error).__name__}: {error}"
        finally:
            if not self._stopping.is_set():
                self._stopping.set()
                with contextlib.suppress(OSError):
                    self._sock.shutdown(socket.SHUT_RDWR)  # wakes the writer, if it waits for room
                self._outbox.stop()
                with contextlib.suppress(OSError):
                    self._sock.close()
                on_end(reason)
