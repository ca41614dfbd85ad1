"""The Telit per-module state: SSL sockets, PDP contexts, #SELINT per instance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from emulator.core.product import Profile
from emulator.core.table import Context
from emulator.telit.defects import FTPCFG_WRONG_DEFAULT, SECCFG2_WRONG_DEFAULT
from emulator.telit.platform import TelitPlatform, platform_of

if TYPE_CHECKING:
    from emulator.net.connection import DataConnection
    from emulator.telit.ftp import Download, FtpSession
    from emulator.telit.http import HttpExchange


@dataclass(frozen=True, kw_only=True)
class SavedSession:
    """What #SSLFASTD needs to dial again without a full handshake (telit-ssl-ug §5.3, D22)."""

    host: str
    port: int
    timeout: float
    session: object  # the TLS session (emulator.tls.client.TlsLink.session)


@dataclass(kw_only=True)
class SslSocket:
    """One SSL socket (<SSId>): who enabled it and its configuration.

    The configuration survives #SSLEN=<id>,0: only a power cycle resets it (D8 counts
    <cert_format> "since power-on").
    """

    owner: int | None = None  # AT instance that enabled it (#SSLEN=<id>,1); None: disabled
    # #SSLSECCFG power-on values: §4.7.1.1 reads "#SSLSECCFG: 1,0,0"; PEM default (§4.2.2).
    cipher: int = 0
    auth: int = 0
    cert_format: int = 1
    cert_format_given: bool = False  # D8: printed by the read form only once given
    version: int | None = None  # #SSLSECCFG2 <version>; None where the command does not exist
    # #SSLCFG power-on values: §4.7.1.1 "#SSLCFG: 1,1,300,90,100,50,0,0,0,0".
    cid: int = 1
    pkt_size: int = 300
    max_to: int = 90
    def_to: int = 100
    tx_to: int = 50
    ring_mode: int = 0
    no_carrier_mode: int = 0
    # Runtime: the connection (#SSLD), its <ClosureType>, where it went and with which
    # session, and the session kept for #SSLFASTD (<ClosureType> 1, D22).
    link: DataConnection | None = None
    closure_type: int = 0
    dialled: SavedSession | None = None
    saved: SavedSession | None = None

    def connection(self) -> DataConnection | None:
        """The connection if it is still open (state 2 of #SSLS); forgets a closed one."""
        link = self.link
        if link is not None and link.closed:
            self.link = None
            return None
        return link


@dataclass(kw_only=True)
class PdpContext:
    """A context defined by +CGDCONT."""

    pdp_type: str
    apn: str


# #HTTPCFG <prof_id>: the documents use 0 only; Telit products have three profiles.
HTTP_PROFILES = range(3)


@dataclass(kw_only=True)
class HttpProfile:
    """One #HTTPCFG profile (D26) and its latest query."""

    server: str = ""
    port: int = 80
    auth_type: int = 0
    username: str = ""
    password: str = ""
    ssl_enabled: int = 0
    timeout: int = 120  # seconds
    cid: int = 1
    exchange: HttpExchange | None = None


@dataclass(kw_only=True)
class FtpConfig:
    """#FTPCFG (D27): power-on ``#FTPCFG: 100,0,0``."""

    timeout: int = 100  # 100 ms units
    ignore_pasv_address: int = 0
    ssl_enabled: int = 0


@dataclass(kw_only=True)
class TelitNvm:
    """What a Telit module keeps across power cycles (its non-volatile memory)."""

    # #SSLSECDATA action 1 (D15): (SSId, DataType) -> bytes as stored.
    secdata: dict[tuple[int, int], bytes] = field(default_factory=dict)


@dataclass(kw_only=True)
class TelitState:
    """Everything a Telit module remembers across command lines until it is switched off."""

    platform: TelitPlatform
    sockets: dict[int, SslSocket]
    nvm: TelitNvm
    pdp_contexts: dict[int, PdpContext] = field(default_factory=dict)
    active_cids: set[int] = field(default_factory=set)
    # #SELINT per AT instance (telit-gsm profiles only); missing means the power-on 0 (D9).
    selint: dict[int, int] = field(default_factory=dict)
    # #SSLSECDATA action 3 (D15): RAM copies, lost at power off.
    ram_secdata: dict[tuple[int, int], bytes] = field(default_factory=dict)
    # HTTP (D26) and FTP (D27).
    http_profiles: dict[int, HttpProfile] = field(
        default_factory=lambda: {n: HttpProfile() for n in HTTP_PROFILES})
    ftp_config: FtpConfig = field(default_factory=FtpConfig)
    ftp: FtpSession | None = None
    download: Download | None = None


def new_nvm(profile: Profile) -> TelitNvm:
    """The empty non-volatile memory of a new module."""
    return TelitNvm()


def power_on_state(profile: Profile, defects: frozenset[str], nvm: TelitNvm) -> TelitState:
    """The state of a module just switched on, with what ``nvm`` kept."""
    platform = platform_of(profile)
    version = platform.seccfg2_default
    if version is not None and SECCFG2_WRONG_DEFAULT in defects:
        # Defect: a version no passage gives as the default: TLS 1.1 (2). Not 1 or 3: on platform 12 the suite
        # accepts both Tab. 1's 3 and §4.7.1.1's 1 (errata TSU-37).
        version = 2
    sockets = {ssid: SslSocket(version=version)
               for ssid in range(1, profile.ssl_sockets + 1)}
    # Defect: a power-on <tout> other than the 100 of telit-ssl-ug §6.2 (#FTPCFG: 100,0,0).
    ftp_config = FtpConfig(timeout=500) if FTPCFG_WRONG_DEFAULT in defects else FtpConfig()
    return TelitState(platform=platform, sockets=sockets, nvm=nvm, ftp_config=ftp_config)


def power_off(state: TelitState) -> None:
    """Release what ``state`` holds: its open connections are dropped."""
    for socket in state.sockets.values():
        link, socket.link = socket.link, None
        if link is not None:
            link.drop()
    for profile in state.http_profiles.values():
        exchange, profile.exchange = profile.exchange, None
        if exchange is not None:
            exchange.cancel()
    download, state.download = state.download, None
    if download is not None:
        download.cancel()
    ftp, state.ftp = state.ftp, None
    if ftp is not None:
        ftp.drop()


TelitContext = Context[TelitState]
"""What a Telit handler receives: the core's context over the Telit state."""


def telit_state(ctx: TelitContext) -> TelitState:
    """The Telit state of the module running ``ctx``."""
    return ctx.state
