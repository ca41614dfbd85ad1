"""The Telit per-module state: SSL sockets, PDP contexts, #SELINT per instance."""

from __future__ import annotations

from dataclasses import dataclass, field

from emulator.core.table import Context
from emulator.defects import SECCFG2_WRONG_DEFAULT
from emulator.profiles import Profile
from emulator.telit.platform import TelitPlatform, platform_of


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


@dataclass(kw_only=True)
class PdpContext:
    """A context defined by +CGDCONT."""

    pdp_type: str
    apn: str


@dataclass(kw_only=True)
class TelitState:
    """Everything a Telit module remembers across command lines until it is switched off."""

    platform: TelitPlatform
    sockets: dict[int, SslSocket]
    pdp_contexts: dict[int, PdpContext] = field(default_factory=dict)
    active_cids: set[int] = field(default_factory=set)
    # #SELINT per AT instance (telit-gsm profiles only); missing means the power-on 0 (D9).
    selint: dict[int, int] = field(default_factory=dict)


def power_on_state(profile: Profile, defects: frozenset[str]) -> TelitState:
    """The state of a module just switched on."""
    platform = platform_of(profile)
    version = platform.seccfg2_default
    if version is not None and SECCFG2_WRONG_DEFAULT in defects:
        # Defect: a version other than Tab. 1's default (HE910 then reads 1, as §4.7.1.1 shows).
        version = 1 if version != 1 else 3
    sockets = {ssid: SslSocket(version=version)
               for ssid in range(1, profile.ssl_sockets + 1)}
    return TelitState(platform=platform, sockets=sockets)


def telit_state(ctx: Context) -> TelitState:
    """The Telit state of the module running ``ctx``."""
    state = ctx.state
    if not isinstance(state, TelitState):
        raise TypeError(f"expected TelitState, got {type(state).__name__}")
    return state
