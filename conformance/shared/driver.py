"""One way for a test to drive a secure socket on any module: the protocol each document's driver follows.

A driver (``conformance/<doc>/driver.py``) turns these steps into its document's AT commands and cites the
document's clause for each; a test written against :class:`SocketDriver` runs on every profile whose
document has a driver (``conformance/shared/drivers.py``). Nothing here names a vendor's command.

The steps: bring the data connection up (:meth:`SocketDriver.prepare`), store a CA certificate, a client
certificate and key (:meth:`~SocketDriver.store`, in RAM where the document offers it, else in NVM: the
harness's NVM guard turns a write the user did not allow into a skip naming ``--allow-nvm-writes``), set
the authentication mode (:class:`AuthMode`, mapped by each driver to its document's values), versions and
suites where the document makes them selectable, dial a farm endpoint, send, receive exactly N bytes, close,
and the module's own error for a failed dial (:class:`DialResult`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from harness.apn import Network
from harness.clauses import Clause
from harness.modem import Response
from servers.endpoint import ServerConfig
from servers.pki import CertFiles, KeyFiles
from servers.protocol import TlsVersion

__all__ = [
    "AuthMode",
    "AuthSetting",
    "DialResult",
    "NotSelectable",
    "SecurityData",
    "SocketDriver",
    "Storage",
]


class AuthMode(enum.Enum):
    """What the module checks and presents during a handshake, in words every document maps to its values."""

    #: the server's certificate is not checked, and no client certificate is presented
    NONE = "none"
    #: the server's chain is verified against the stored CA certificate; no client certificate
    SERVER = "server"
    #: as ``SERVER``, and the stored client certificate and key are presented when the server asks
    SERVER_CLIENT = "server+client"

    @property
    def verifies_server(self) -> bool:
        """True when the server's chain is checked against the stored CA."""
        return self is not AuthMode.NONE

    @property
    def presents_client_certificate(self) -> bool:
        """True when the stored client certificate is sent to a server that asks for one."""
        return self is AuthMode.SERVER_CLIENT


class SecurityData(enum.Enum):
    """What a module stores for authentication."""

    CA_CERT = "CA certificate"
    CLIENT_CERT = "client certificate"
    CLIENT_KEY = "client private key"


class Storage(enum.Enum):
    """Where a driver stores security data: RAM where the document offers it (no NVM wear, nothing left
    behind at power-off), else NVM."""

    RAM = "RAM"
    NVM = "NVM"


@dataclass(frozen=True)
class AuthSetting:
    """How one document spells an :class:`AuthMode`: its value (``<auth_mode> 1``), the defining clause, and
    what the clause says of it (quoted, for failure messages)."""

    mode: AuthMode
    value: str
    clause: Clause
    quote: str = ""

    def __str__(self) -> str:
        return f"{self.clause} {self.value}"


@dataclass(frozen=True)
class DialResult:
    """What a dial came to, as the module reported it.

    ``ok``: the module reported a connected socket. ``final``: its final result as printed (``OK``,
    ``CONNECT``, ``+CME ERROR: 839``). ``error``: the module's own report of why a dial failed (its error
    text, or what its error-query command answered), ``None`` when it succeeded. ``response``: the whole
    exchange, for failure messages.
    """

    ok: bool
    final: str
    error: str | None
    response: Response

    @property
    def outcome(self) -> str:
        """``"accepted"`` or ``"refused"``: the words of the results table."""
        return "accepted" if self.ok else "refused"

    def describe(self) -> str:
        """One line for failure messages and the report."""
        return self.response.describe()


class NotSelectable(Exception):
    """The document offers no way to select this (a version, a suite); the message names what it offers."""


@runtime_checkable
class SocketDriver(Protocol):
    """Drive one secure socket of one module, in its document's commands.

    Methods that send a command the step needs to go on check its result and fail citing the document's
    clause; :meth:`dial` does not judge: the caller decides what the outcome should be.
    """

    #: the document id the driver speaks (``vectors/profiles.toml`` ``document``)
    document: str
    #: every clause of the document that defines its authentication modes: the ``spec`` marks of the
    #: cross-vendor tests (``conformance/tls``), read from the driver's class at collection time
    auth_clauses: ClassVar[tuple[Clause, ...]]
    #: the clauses of sending and receiving on an open socket (:meth:`send`, :meth:`receive`)
    exchange_clauses: ClassVar[tuple[Clause, ...]]

    def prepare(self, network: Network) -> None:
        """Bring the data connection up and enable one secure socket in the state every test starts from
        (no authentication, the module's default offer, the farm's TLS 1.2 reachable where selectable)."""
        ...

    def release(self) -> None:
        """Close and disable the socket and undo what :meth:`prepare` changed for speed (results not judged)."""
        ...

    def server_overrides(self) -> dict[str, Any]:
        """Overrides the farm's endpoints need for this document's modules (``versions``, ``suites``), as the
        ``tls_server`` factory takes them; empty when the catalog's scenarios serve as they are."""
        ...

    def auth_setting(self, mode: AuthMode) -> AuthSetting:
        """The document's value and clause for ``mode``."""
        ...

    def host_name_clause(self) -> Clause | None:
        """The clause that says the module checks the server's host name, or ``None`` when the document
        leaves it open (then a test observes the behaviour instead of judging it)."""
        ...

    @property
    def storage(self) -> Storage:
        """Where :meth:`store` puts security data."""
        ...

    def store(self, kind: SecurityData, files: CertFiles | KeyFiles) -> None:
        """Store a certificate (:class:`CertFiles`) or a private key (:class:`KeyFiles`) for the socket."""
        ...

    def set_auth(self, mode: AuthMode) -> None:
        """Select the authentication mode of the socket."""
        ...

    def versions(self) -> tuple[TlsVersion, ...]:
        """The protocol versions :meth:`set_version` can select; empty when the document selects none."""
        ...

    def set_version(self, version: TlsVersion) -> None:
        """Make ``version`` the highest the module offers; :class:`NotSelectable` if it cannot be chosen."""
        ...

    def suites(self) -> tuple[str, ...]:
        """IANA names of the suites :meth:`set_suite` can select alone; empty when none can be."""
        ...

    def set_suite(self, name: str | None) -> None:
        """Offer only the suite ``name`` (``None``: the module's default offer); :class:`NotSelectable` if
        the document has no value for it."""
        ...

    def dial(self, server: ServerConfig) -> DialResult:
        """Open the socket to ``server`` in command mode (data exchanged with :meth:`send`/:meth:`receive`)."""
        ...

    def send(self, data: bytes) -> None:
        """Send ``data`` on the open socket."""
        ...

    def receive(self, size: int, deadline_s: float = 30.0) -> bytes:
        """Read until ``size`` bytes came or the deadline passed; returns what came (maybe fewer).
        ``deadline_s`` is what a real network may take: ``modem.waits`` (harness/waits.py) makes it the
        target's deadline."""
        ...

    def close(self) -> None:
        """Close the socket (result not judged: it may already be closed)."""
        ...
