"""The Fibocom per-module state: the +GTSSL settings, the loaded files, the bearer, the sockets.

fibocom-l610-ssl: every setting is "Persistent: No" (§1.1.3-§1.5.3) and "If module power down,
all certificates are lost" (§1.1.4): nothing is kept across a power cycle, so the dialect has no
non-volatile memory (``FibocomNvm`` is empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from emulator.core.product import Profile
from emulator.core.table import Context
from emulator.fibocom.ciphers import DEFAULT_SSLVER
from emulator.fibocom.defects import VER_WRONG_DEFAULT

if TYPE_CHECKING:
    from emulator.net.connection import DataConnection


@dataclass(frozen=True)
class FibocomNvm:
    """Nothing survives a power cycle (§1.1.4 note, "Persistent: No" everywhere)."""


@dataclass(kw_only=True)
class Socket:
    """One +MIPOPEN socket: being dialled, or connected."""

    opening: bool = False
    link: DataConnection | None = None

    def connection(self) -> DataConnection | None:
        """The connection while it is open; forgets a closed one."""
        link = self.link
        if link is not None and link.closed:
            self.link = None
            return None
        return link

    @property
    def busy(self) -> bool:
        """Being dialled or connected."""
        return self.opening or self.connection() is not None


@dataclass(kw_only=True)
class FibocomState:
    """Everything a Fibocom module remembers until it is switched off."""

    sockets: dict[int, Socket]
    # +GTSSLMODE <checkmode> (§1.2.4: 0 the default), +GTSSLVER <sslver> (§1.4.4: 2 the default).
    checkmode: int = 0
    sslver: int = DEFAULT_SSLVER
    # +GTSSLCIPHER: the ids enabled with <cmd> 1 (none at power on: emulator/fibocom/ciphers.py).
    ciphers: set[int] = field(default_factory=set)
    # +GTSSLFILE (§1.1): the Base64 text as uploaded.
    certfile: bytes | None = None
    keyfile: bytes | None = None
    trustfiles: list[bytes] = field(default_factory=list)
    # +GTSSLERR (§1.3): the code of the last connection, None when it had no error.
    last_error: int | None = None
    # +MIPCALL: the address of the active bearer, None when there is none.
    address: str | None = None
    # Set at power off: a dial still running must drop what it gets.
    off: bool = False


def new_nvm(profile: Profile) -> FibocomNvm:
    """The (empty) non-volatile memory of a new module."""
    return FibocomNvm()


def power_on_state(profile: Profile, defects: frozenset[str], nvm: FibocomNvm) -> FibocomState:
    """The state of a module just switched on: the documented defaults, no file, no bearer."""
    sockets = {number: Socket() for number in range(1, profile.ssl_sockets + 1)}
    # Defect: a power-on <sslver> other than §1.4.4's default 2.
    sslver = 4 if VER_WRONG_DEFAULT in defects else DEFAULT_SSLVER
    return FibocomState(sockets=sockets, sslver=sslver)


def power_off(state: FibocomState) -> None:
    """Drop every connection; a dial in progress drops its own when it ends."""
    state.off = True
    for socket in state.sockets.values():
        link, socket.link = socket.link, None
        if link is not None:
            link.drop()


FibocomContext = Context[FibocomState]
"""What a Fibocom handler receives: the core's context over the Fibocom state."""
