"""Explicit FTPS (RFC 4217) with pyftpdlib's ``TLS_FTPHandler``, for telit-ssl-ug §7.

pyftpdlib owns the TLS layer here (through pyOpenSSL, ARCHITECTURE.md: "FTPS with pyftpdlib
needs pyOpenSSL installed"), so the ClientHello is not peeked: the recorder gets one record per
control connection with the negotiated version and suite, the commands and the files sent.
The server requires TLS on control and data (AUTH TLS, PROT P) and never requires session reuse
on the data connection (telit-ssl-ug §7: "Server shall be configured so that TLS reuse is not
required"). A scenario whose ``client_auth`` is not NONE asks for a client certificate on both
connections (RFC 5246 §7.4.4; REQUIRED: none is refused), accepts whatever comes (judging it is the
test's), and records it: the control connection's as the record's ``client_chain``, each data
connection's as a ``data-client <sha256 of the DER | none>`` line of its ``app_log``.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Self

from cryptography.hazmat.primitives.serialization import Encoding
from OpenSSL import SSL
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.ioloop import IOLoop
from pyftpdlib.servers import FTPServer

from ..endpoint import ServerConfig, server_config
from ..pki import Pki
from ..recorder import Draft, Outcome, Recorder
from ..running import Running
from ..scenarios import ClientAuth, Scenario
from . import Ftps

__all__ = ["FtpsServer"]

_POLL = 0.1
_PYOPENSSL_VERSIONS = {"TLSv1": SSL.TLS1_VERSION, "TLSv1.1": SSL.TLS1_1_VERSION, "TLSv1.2": SSL.TLS1_2_VERSION}
if hasattr(SSL, "TLS1_3_VERSION"):
    _PYOPENSSL_VERSIONS["TLSv1.3"] = SSL.TLS1_3_VERSION


def _peer_der(conn: Any) -> bytes | None:
    """The certificate the client presented on ``conn`` (a pyOpenSSL connection), DER; None if none."""
    peer = conn.get_peer_certificate(as_cryptography=True) if hasattr(conn, "get_peer_certificate") else None
    return None if peer is None else bytes(peer.public_bytes(Encoding.DER))


class _RecordingHandler(TLS_FTPHandler):  # type: ignore[misc]
    """Records each control connection; ``recorder`` is set on a per-server subclass."""

    recorder: Recorder
    _draft: Draft | None = None
    #: Protected data connections begun and those whose handshake completed (the difference failed: counted
    #: here because pyftpdlib may fail one inside its handler's constructor, before any hook of the handler).
    data_sessions_started = 0
    data_sessions_established = 0

    def on_connect(self) -> None:
        self._draft = self.recorder.open((str(self.remote_ip), int(self.remote_port)))

    def on_login(self, username: str) -> None:
        draft = self._draft
        if draft is None:
            return
        draft.app_log.append(f"login {username}")
        conn: Any = self.socket
        if hasattr(conn, "get_protocol_version_name"):
            draft.version = conn.get_protocol_version_name()
            draft.cipher = conn.get_cipher_name()
            der = _peer_der(conn)
            draft.client_chain = () if der is None else (der,)

    def on_file_sent(self, file: str) -> None:
        if self._draft is not None:
            self._draft.app_log.append(f"sent {Path(file).name}")
            self._draft.bytes_sent += Path(file).stat().st_size

    def on_disconnect(self) -> None:
        draft = self._draft
        if draft is None:
            return
        self._draft = None
        draft.app_log.extend(["data handshake failed"] * (self.data_sessions_started - self.data_sessions_established))
        if draft.version:
            draft.finish(Outcome.COMPLETED, "disconnect")
        else:
            # No TLS on the control connection: the client never sent AUTH TLS, or its
            # handshake failed (pyftpdlib does not tell them apart).
            draft.finish(Outcome.NOT_TLS, "disconnect", "no TLS session on the control connection")
        self.recorder.commit(draft)


class _RecordingDtpHandler(TLS_DTPHandler):  # type: ignore[misc]
    """Adds a line per protected data connection to its control connection's record: its version and whether
    its handshake resumed a session (telit-ssl-ug §7: "No TLS session reuse is performed when data connection
    is opened: two TLS sessions are performed"); the control connection adds one per failed handshake when it
    ends. Serves the control connection's ``data_ssl_context`` when it has one
    (:attr:`servers.apps.Ftps.data_credential`)."""

    def secure_connection(self, ssl_context: SSL.Context) -> None:
        self.cmd_channel.data_sessions_started += 1
        other = getattr(self.cmd_channel, "data_ssl_context", None)
        super().secure_connection(other if other is not None else ssl_context)

    def handle_ssl_established(self) -> None:
        self.cmd_channel.data_sessions_established += 1
        super().handle_ssl_established()
        draft = getattr(self.cmd_channel, "_draft", None)
        conn: Any = self.socket
        if draft is not None and hasattr(conn, "get_protocol_version_name"):
            # pyOpenSSL has no session_reused(); its cffi binding exposes OpenSSL's SSL_session_reused.
            reused = bool(SSL._lib.SSL_session_reused(conn._ssl))  # type: ignore[attr-defined]
            draft.app_log.append(f"data {conn.get_protocol_version_name()} resumed={'yes' if reused else 'no'}")
            if self.cmd_channel.ssl_context.get_verify_mode() != SSL.VERIFY_NONE:
                der = _peer_der(conn)
                draft.app_log.append(f"data-client {'none' if der is None else hashlib.sha256(der).hexdigest()}")


class FtpsServer(Running):
    """An explicit-FTPS endpoint serving the files of an :class:`~servers.apps.Ftps` spec.

    A context manager like :class:`servers.endpoint.TlsEndpoint`: ``config`` and ``recorder``
    once started. ``masquerade`` is the address put into PASV replies (RFC 959 §4.1.2) when
    the module reaches us through NAT; default: the bound address.
    """

    def __init__(
        self,
        scenario: Scenario,
        pki: Pki,
        *,
        bind: str = "127.0.0.1",
        port: int = 0,
        masquerade: str | None = None,
    ) -> None:
        if not isinstance(scenario.app, Ftps):
            raise ValueError(f"{scenario.id}: not an FTPS scenario")
        self.scenario = scenario
        self.pki = pki
        self.recorder = Recorder(scenario.id)
        self._bind = bind
        self._port = port
        self._masquerade = masquerade
        self._root = Path(tempfile.mkdtemp(prefix="modem-ftps-"))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._server: FTPServer | None = None
        self._config: ServerConfig | None = None

    @property
    def config(self) -> ServerConfig:
        """Where it listens; valid once started."""
        if self._config is None:
            raise RuntimeError(f"{self.scenario.id}: FTPS server not started")
        return self._config

    @property
    def root(self) -> Path:
        """Directory whose files clients can get."""
        return self._root

    def _context(self, credential: str | None = None) -> SSL.Context:
        cred = self.pki.credentials[credential or self.scenario.credential]
        ctx = SSL.Context(SSL.TLS_SERVER_METHOD)
        ctx.use_certificate_chain_file(str(cred.chain_pem))
        ctx.use_privatekey_file(str(cred.key_files.pkcs8_pem))
        ctx.set_options(SSL.OP_NO_SSLv2 | SSL.OP_NO_SSLv3 | SSL.OP_NO_COMPRESSION)
        ctx.set_min_proto_version(_PYOPENSSL_VERSIONS.get(self.scenario.min_version.value, SSL.TLS1_VERSION))
        ctx.set_max_proto_version(_PYOPENSSL_VERSIONS.get(self.scenario.max_version.value, SSL.TLS1_2_VERSION))
        if self.scenario.client_auth is not ClientAuth.NONE:
            required = SSL.VERIFY_FAIL_IF_NO_PEER_CERT if self.scenario.client_auth is ClientAuth.REQUIRED else 0
            ctx.set_verify(SSL.VERIFY_PEER | required, lambda *_: True)  # any certificate: recorded, not judged
        return ctx

    def start(self) -> Self:
        """Write the files, bind, and serve in a thread."""
        app = self.scenario.app
        assert isinstance(app, Ftps)
        for name, data in app.files:
            (self._root / name).write_bytes(data)
        authorizer = DummyAuthorizer()
        authorizer.add_user(app.user, app.password, str(self._root), perm="elr")
        handler = type(
            f"FtpsHandler_{id(self)}",
            (_RecordingHandler,),
            {
                "recorder": self.recorder,
                "authorizer": authorizer,
                "ssl_context": self._context(),
                "data_ssl_context": self._context(app.data_credential) if app.data_credential else None,
                "tls_control_required": True,
                "tls_data_required": True,
                "dtp_handler": _RecordingDtpHandler,
                "masquerade_address": self._masquerade,
                # pyftpdlib logs every command at INFO; keep the banner short and neutral.
                "banner": "modem-tls-conformance FTPS ready",
            },
        )
        # A loop of its own: without one, every FTPServer of the process shares IOLoop.instance(), so two FTPS
        # servers alive at once poll each other's sockets from two threads, and the close_all() of one closes
        # the other's (seen as "Bad file descriptor" when tests ran side by side).
        self._server = FTPServer((self._bind, self._port), handler, ioloop=IOLoop())
        ready = threading.Event()
        self._thread = threading.Thread(target=self._loop, args=(ready,), name=f"ftps-{self.scenario.id}", daemon=True)
        self._thread.start()
        if not ready.wait(5.0):
            raise TimeoutError("FTPS server loop did not start")
        port = int(self._server.socket.getsockname()[1])
        self._config = server_config(self.scenario, self.pki, bind=self._bind, port=port)
        return self

    def _loop(self, ready: threading.Event) -> None:
        assert self._server is not None
        ready.set()
        while not self._stop.is_set():
            # The IO loop itself, one poll at a time: serve_forever(blocking=False) would log a
            # "starting" line on every call (pyftpdlib/servers.py).
            self._server.ioloop.loop(_POLL, blocking=False)
            time.sleep(0.001)
        self._server.close_all()

    def request_stop(self) -> None:
        """Begin stopping without waiting."""
        self._stop.set()

    def stop(self) -> None:
        """Stop serving, close every connection, delete the files."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
        shutil.rmtree(self._root, ignore_errors=True)
