"""What the engine must know of each vendor's AT dialect, as data: one module per vendor, the registry here.

The types (:class:`Dialect`, :class:`PayloadRule`, :class:`Setting`, the :class:`Restorer` protocol) are in
:mod:`harness.dialects.base`; the tables of each vendor in its own module (:mod:`~harness.dialects.telit`,
:mod:`~harness.dialects.quectel`, :mod:`~harness.dialects.fibocom`). A new vendor is a module beside them
and one line in :data:`DIALECTS`.
"""

from __future__ import annotations

from harness.dialects.base import (
    COMMON_URCS,
    Ask,
    Dialect,
    NoRestore,
    PayloadRule,
    Restart,
    Restorer,
    SetBack,
    Setting,
    SettingsRestorer,
    Snapshot,
)
from harness.dialects.fibocom import FIBOCOM
from harness.dialects.quectel import QUECTEL_EC200, QUECTEL_GSM
from harness.dialects.telit import TELIT, TELIT_GSM

__all__ = [
    "COMMON_URCS",
    "DIALECTS",
    "FIBOCOM",
    "QUECTEL_EC200",
    "QUECTEL_GSM",
    "TELIT",
    "TELIT_GSM",
    "Ask",
    "Dialect",
    "NoRestore",
    "PayloadRule",
    "Restart",
    "Restorer",
    "SetBack",
    "Setting",
    "SettingsRestorer",
    "Snapshot",
    "dialect",
]

#: Every dialect by name: one registration per vendor's dialect.
DIALECTS: dict[str, Dialect] = {
    d.name: d
    for d in (
        TELIT,
        TELIT_GSM,
        QUECTEL_GSM,
        QUECTEL_EC200,
        FIBOCOM,
    )
}


def dialect(name: str) -> Dialect:
    """Return the dialect called ``name``; a typo gets an error naming the valid ones."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise ValueError(f"unknown dialect {name!r}; known: {', '.join(sorted(DIALECTS))}") from None
