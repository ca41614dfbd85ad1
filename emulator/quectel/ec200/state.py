"""The quectel-ec200-ssl per-module state: PDP contexts, SSL contexts, UFS files, sockets.

Nothing of it survives a power cycle but the UFS files (flash): §2.2.1 "The configurations will
not be saved", so every SSL context is back at its defaults at power on.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from emulator.core.product import Profile
from emulator.core.table import Context
from emulator.quectel.ec200.defects import NEGOTIATETIME_DEFAULT

if TYPE_CHECKING:
    from emulator.net.connection import DataConnection

#: §2.2.1 <SSL_ctxID> 0-5; §2.2.2 <clientID> 0-11, <PDP_ctxID> 1-15.
SSL_CONTEXTS = range(6)
CLIENT_IDS = range(12)
PDP_CONTEXTS = range(1, 16)
#: <cipher_suites> 0xFFFF: every suite of Table 3.
ALL_SUITES = 0xFFFF
#: §2.2.1 <negotiate_time>: "Default value: 300".
DEFAULT_NEGOTIATE = 300


class Mode(enum.IntEnum):
    """§2.2.2 <access_mode>."""

    BUFFER = 0
    PUSH = 1
    TRANSPARENT = 2


class SocketState(enum.IntEnum):
    """§2.2.6 <socket_state> (3 is not listed)."""

    INITIAL = 0
    OPENING = 1
    CONNECTED = 2
    CLOSING = 4


@dataclass(kw_only=True)
class SslContext:
    """One SSL context (§2.2.1). The document's underlined defaults are lost in its text but for
    <negotiate_time> 300 and <cipher_suites> 0xFFFF; the others are the emulator's choices:
    "All" versions, no authentication, no paths, local time ignored (1), SNI, linger in seconds,
    both ignore* switches and the session cache off."""

    version: int = 4
    suite: int = ALL_SUITES
    seclevel: int = 0
    cacert: str = ""
    cacertex: str = ""
    clientcert: str = ""
    clientkey: str = ""
    ignorelocaltime: int = 1
    negotiatetime: int = DEFAULT_NEGOTIATE
    sni: int = 0
    closetimemode: int = 0
    ignoremulticertchainverify: int = 0
    ignoreinvalidcertsign: int = 0
    session_cache: int = 0


@dataclass(kw_only=True)
class PdpContext:
    """A PDP context of +QICSGP / +QIACT (document [1], used by §1.3 and §3.1)."""

    context_type: int = 1
    apn: str = ""
    username: str = ""
    password: str = ""
    authentication: int = 0
    active: bool = False
    dns: tuple[str, str] | None = None  # +QIDNSCFG's servers once set (§4 item 2); None: the network's


@dataclass(kw_only=True)
class Socket:
    """One <clientID> in use (§2.2.2, §2.2.6)."""

    client_id: int
    pdp: int
    ssl_ctx: int
    host: str  # <serveraddr> as given: what +QSSLSTATE prints as <IP_address>
    port: int
    mode: Mode
    at_port: str
    local_port: int = 0
    link: DataConnection | None = None  # None while opening

    def connection(self) -> DataConnection | None:
        """The open connection, or ``None`` (opening, or closed)."""
        link = self.link
        return None if link is None or link.closed else link

    @property
    def state(self) -> SocketState:
        """<socket_state>: "closing" once the connection ended until +QSSLCLOSE (§2.3.2)."""
        if self.link is None:
            return SocketState.OPENING
        return SocketState.CLOSING if self.link.closed else SocketState.CONNECTED


@dataclass(kw_only=True)
class QuectelEc200Nvm:
    """What survives power cycles: the UFS files (§3.2 "UFS:cacert.pem")."""

    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(kw_only=True)
class QuectelEc200State:
    """Everything the module remembers until it is switched off."""

    nvm: QuectelEc200Nvm
    contexts: dict[int, SslContext] = field(default_factory=dict)
    pdp: dict[int, PdpContext] = field(default_factory=lambda: {n: PdpContext() for n in PDP_CONTEXTS})
    sockets: dict[int, Socket] = field(default_factory=dict)
    # Sessions kept for "session_cache" 1, by (SSL context, host, port).
    sessions: dict[tuple[int, str, int], object] = field(default_factory=dict)
    # Connections +QSSLCLOSE forgot without closing (a defect switch), dropped at power off.
    leaked: list[DataConnection] = field(default_factory=list)
    # §5: the result code of the last SSL command, for +QIGETERROR.
    last_error: int = 0
    # §1.4: the connection that last left transparent transmission mode (ATO goes back to it).
    suspended: int | None = None
    amp_d: int = 1
    powered: bool = True


def new_nvm(profile: Profile) -> QuectelEc200Nvm:
    """A new module's empty flash."""
    return QuectelEc200Nvm()


def power_on_state(profile: Profile, defects: frozenset[str], nvm: QuectelEc200Nvm) -> QuectelEc200State:
    """The state of a module just switched on: every SSL context at its defaults (§2.2.1)."""
    negotiate = 120 if NEGOTIATETIME_DEFAULT in defects else DEFAULT_NEGOTIATE
    contexts = {n: SslContext(negotiatetime=negotiate) for n in SSL_CONTEXTS}
    return QuectelEc200State(nvm=nvm, contexts=contexts)




QContext = Context[QuectelEc200State]
"""What a quectel-ec200-ssl handler receives."""
