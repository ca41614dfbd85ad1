"""The quectel-gsm-ssl per-module state: SSL contexts, stored files, sockets, the bearer.

The bearer follows the +QISTAT states the document lists for +QSSLSTATE's <state> (§2.2.6).
Files written by +QSECWRITE live in RAM (lost at power off) or NVRAM (kept): §2.2.7.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from emulator.core.product import Profile
from emulator.core.table import Context
from emulator.quectel.gsm.defects import HTTPSCTXI_DEFAULT_ZERO

if TYPE_CHECKING:
    from emulator.net.connection import DataConnection

#: quectel-gsm-ssl §2.2.1 <ctxindex> 0-5; §2.2.2 <ssid> 0-5.
CONTEXTS = range(6)
SOCKETS = range(6)
#: <ciphersuite> 0XFFFF: every suite of Table 2.
ALL_SUITES = 0xFFFF


class Bearer(enum.Enum):
    """The TCP/IP stack's state, as +QSSLSTATE prints it (§2.2.6 <state>)."""

    INITIAL = "IP INITIAL"
    START = "IP START"
    GPRSACT = "IP GPRSACT"
    STATUS = "IP STATUS"
    PROCESSING = "IP PROCESSING"


@dataclass(kw_only=True)
class SslContext:
    """One SSL context (§2.2.1). Defaults the document does not give: emulator/README.md."""

    version: int = 4  # ALL SUPPORT
    suites: tuple[int, ...] = (ALL_SUITES,)
    seclevel: int = 0
    cacert: str = ""
    clientcert: str = ""
    clientkey: str = ""


@dataclass(kw_only=True)
class Socket:
    """One socket index in use, SSL (+QSSLOPEN) or plain TCP (+QIOPEN) (§1.3, §2.2.6)."""

    ssl: bool
    host: str
    address: str  # the server's IP address, as +QSSLRECV / +QIRD print it
    port: int
    cid: int  # the foreground context when it was opened
    link: DataConnection | None = None  # None while connecting
    closing: bool = False

    def connection(self) -> DataConnection | None:
        """The open connection, or ``None`` (connecting, or closed)."""
        link = self.link
        return None if link is None or link.closed else link


@dataclass(frozen=True, kw_only=True)
class StoredFile:
    """A +QSECWRITE upload and the checksum stored with it (§2.2.8 <good>)."""

    data: bytes
    checksum: int


@dataclass(kw_only=True)
class QuectelGsmNvm:
    """What survives power cycles: the NVRAM files (§2.2.7 "NVRAM:CA0" ...)."""

    files: dict[str, StoredFile] = field(default_factory=dict)


@dataclass(kw_only=True)
class QuectelGsmState:
    """Everything the module remembers until it is switched off."""

    nvm: QuectelGsmNvm
    contexts: dict[int, SslContext] = field(
        default_factory=lambda: {n: SslContext() for n in CONTEXTS})
    ram_files: dict[str, StoredFile] = field(default_factory=dict)
    # Files +QSECDEL answered OK for but kept readable (a defect switch; empty otherwise).
    ghosts: dict[tuple[bool, str], StoredFile] = field(default_factory=dict)
    # Connections +QSSLCLOSE forgot without closing (a defect switch), dropped at power off.
    leaked: list[DataConnection] = field(default_factory=list)
    sockets: dict[int, Socket] = field(default_factory=dict)
    # The socket that last left transparent mode (<connectmode> 1, errata QGS-23): ATO goes back to it.
    suspended: int | None = None
    # Module-wide keywords of "+QSSLCFG" (§2.2.1: no <ctxindex>).
    ignorertctime: int = 0
    https: int = 0
    httpsctxi: int = -1
    smtpstyle: int = 0
    smtpsctxi: int = -1
    # Bearer (the Mxx AT Commands Manual commands of the examples).
    bearer: Bearer = Bearer.INITIAL
    foreground: int = 0
    apn: tuple[int, str, str, str] = (1, "", "", "")
    mux: int = 0
    indi: int = 0
    powered: bool = True

    def socket(self, index: int) -> Socket | None:
        """The socket at ``index`` if it is in use (forgets one that closed meanwhile)."""
        sock = self.sockets.get(index)
        if sock is not None and sock.link is not None and sock.link.closed:
            del self.sockets[index]
            return None
        return sock

    def files(self, ram: bool) -> dict[str, StoredFile]:
        """The RAM or the NVRAM file store."""
        return self.ram_files if ram else self.nvm.files


def new_nvm(profile: Profile) -> QuectelGsmNvm:
    """A new module's empty NVRAM."""
    return QuectelGsmNvm()


def power_on_state(profile: Profile, defects: frozenset[str], nvm: QuectelGsmNvm) -> QuectelGsmState:
    """The state of a module just switched on."""
    state = QuectelGsmState(nvm=nvm)
    if HTTPSCTXI_DEFAULT_ZERO in defects:
        state.httpsctxi = 0  # defect: §2.2.1 says -1 until the host sets it
    return state




QContext = Context[QuectelGsmState]
"""What a quectel-gsm-ssl handler receives."""
