"""Apps behind the TLS layer, as data: what the server does once the handshake is done.

An app spec is a frozen dataclass a scenario carries; :func:`servers.apps.run.run_app` plays it
on a connected stream. FTPS is not here: pyftpdlib owns its own TLS layer (``servers.apps.ftps``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

__all__ = ["STALLS", "App", "Echo", "Ftps", "Hold", "Http", "NoRead", "Scripted", "Silent", "Then"]


@dataclass(frozen=True, kw_only=True)
class Echo:
    """Send back every byte received until the client closes (the default app)."""


class Then(enum.Enum):
    """What a scripted server does after its last chunk."""

    #: close the connection (TLS close_notify, then TCP close): the module reports NO CARRIER /
    #: a closed URC (telit-ssl-ug §5.1.1, quectel-gsm-ssl §2.2.10.2, quectel-ec200-ssl §2.3.2)
    CLOSE = "close"
    #: keep the connection open, echoing, until the client closes or the idle deadline passes
    STAY_OPEN = "stay-open"


@dataclass(frozen=True, kw_only=True)
class Scripted:
    """Send ``chunks`` one after another, sleeping ``pause`` seconds before each, then ``then``.

    For data-arrival URCs (telit-ssl-ug §5.1.2.2.2 SSLSRING, quectel-ec200-ssl §2.3.1 +QSSLURC "recv") and
    NO CARRIER tests. ``wait_for_client`` bytes are read (and discarded) before the first chunk,
    so a test can trigger the push from the module side; 0 pushes right after the handshake.
    """

    chunks: tuple[bytes, ...]
    pause: float = 0.0
    then: Then = Then.CLOSE
    wait_for_client: int = 0

    def __post_init__(self) -> None:
        if self.pause < 0 or self.wait_for_client < 0:
            raise ValueError("pause and wait_for_client must not be negative")


@dataclass(frozen=True, kw_only=True)
class Http:
    """An HTTP/1.1 responder (RFC 9112): read one request, answer it, close.

    For the HTTPS examples (telit-ssl-ug §6.2 #HTTPQRY). The request line is recorded in the
    connection's ``app_log``.
    """

    status: int = 200
    reason: str = "OK"
    body: bytes = b"<html><body>modem-tls-conformance</body></html>\n"
    content_type: str = "text/html"
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True, kw_only=True)
class Ftps:
    """Explicit FTPS (RFC 4217 §4: AUTH TLS on the control connection), files to get.

    telit-ssl-ug §7: the module sends AUTH TLS, then uses protected data connections, and "No
    TLS session reuse is performed when data connection is opened", so the server must not
    require reuse (pyftpdlib's ``TLS_FTPHandler`` does not).
    """

    user: str = "modem"
    password: str = "conformance"
    files: tuple[tuple[str, bytes], ...] = (
        ("hello.txt", b"hello from the modem-tls-conformance FTPS server\r\n"),
        ("1k.bin", bytes(range(256)) * 4),
    )
    #: The credential the data connections present (None: the scenario's, as on the control connection).
    #: Another root than the control connection's checks that a module authenticates the data session with the
    #: certificates it stored, as for the control session (telit-ssl-ug §7): it must then refuse the data session.
    data_credential: str | None = None


@dataclass(frozen=True, kw_only=True)
class Silent:
    """Take the ClientHello and never answer it: no ServerHello, no alert, no close, until the client closes or
    the farm stops. What a module's handshake timeout bounds (quectel-ec200-ssl §2.2.1 <negotiate_time>,
    telit-ssl-ug §5 #SSLD <Timeout>). The endpoint records the ClientHello and the bytes that followed."""


@dataclass(frozen=True, kw_only=True)
class Hold:
    """Complete the handshake, then read and answer nothing: no close_notify and no TCP close, not even after the
    client's close_notify, until the farm stops. What a module's close linger bounds (quectel-ec200-ssl §2.2.5
    <close_timeout>). The record's ``app_log`` says whether the client sent close_notify."""


@dataclass(frozen=True, kw_only=True)
class NoRead:
    """Complete the handshake, then never read: the connection's receive buffer is ``rcvbuf`` bytes (SO_RCVBUF,
    set before the handshake), so a client's writes stop being accepted after a few KiB; held until the farm
    stops, when the endpoint takes what its buffer holds and records it as ``bytes_received``. What a module's
    send timeout or send buffer bounds (telit-ssl-ug §5.1.2.1 #SSLSEND <Timeout>, quectel-ec200-ssl §2.2.3
    SEND FAIL)."""

    rcvbuf: int = 4096

    def __post_init__(self) -> None:
        if self.rcvbuf <= 0:
            raise ValueError("rcvbuf must be positive")


App = Echo | Scripted | Http | Ftps | Silent | Hold | NoRead
#: The apps that stall a client on purpose: their scenarios never reach an answer a client can judge, so anything
#: that iterates the catalog expecting answers leaves them out (:attr:`servers.scenarios.Scenario.stalls`).
STALLS = (Silent, Hold, NoRead)
