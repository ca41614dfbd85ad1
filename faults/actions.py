"""What a fault asks its driver to do: deliver bytes (after a pause), drop the link, power-cycle, log.

A fault never touches a port (sans-I/O, like h11): it takes the bytes that flow one way and returns a
list of actions. The drivers (the ``emulator://`` URL handler and the TCP proxy, :mod:`faults.proxy`)
carry them out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Direction(enum.Enum):
    """Which way bytes travel."""

    #: From the suite (the DTE, V.250's "TE") to the target (the module, "DCE").
    TO_TARGET = "to target"
    #: From the target back to the suite.
    TO_SUITE = "to suite"


@dataclass(frozen=True, kw_only=True)
class Send:
    """Deliver ``data`` towards ``to``.

    ``after`` is a pause in seconds before these bytes, counted from the later of the moment the fault
    was given them and the delivery of the bytes sent before them the same way: bytes are never
    reordered, and a pause delays everything behind it.
    """

    to: Direction
    data: bytes
    after: float = 0.0


@dataclass(frozen=True, kw_only=True)
class DropLink:
    """Close the link towards the suite once the bytes already sent to it have been delivered.

    The URL handler makes every later read or write raise ``SerialException``; the proxy closes the
    client's TCP connection (and the target).
    """

    reason: str


@dataclass(frozen=True, kw_only=True)
class PowerCycle:
    """The target restarted: the embedded emulator switches its module off and on (settings lost,
    non-volatile memory kept). A proxy cannot restart a real module; it logs the request."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class Note:
    """Something the fault did, for a human: the proxy prints it, the URL handler keeps the last few."""

    text: str


Action = Send | DropLink | PowerCycle | Note
"""Everything a fault may return."""


def to_suite(data: bytes, after: float = 0.0) -> Send:
    """Bytes for the suite, optionally after a pause of ``after`` seconds."""
    return Send(to=Direction.TO_SUITE, data=data, after=after)


def to_target(data: bytes) -> Send:
    """Bytes for the target, at once."""
    return Send(to=Direction.TO_TARGET, data=data)
