"""Named defects: deliberate deviations from the documents, for validating the suite.

The union of what each dialect contributes (``emulator/<vendor>/defects.py``; a new vendor adds
one line to ``_CONTRIBUTIONS``). Each defect is a switch that the dialect code consults at
exactly one place; a module built with a defect misbehaves in that one way only, so that a
conformance suite run against it must fail the test that covers the broken clause and nothing
else. A dialect's defect names are constants of its own ``defects`` module
(``emulator.telit.defects.SEND_SHORT``); this module names no vendor's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from emulator.core.defect import Defect, index
from emulator.fibocom.defects import DEFECTS as FIBOCOM_DEFECTS
from emulator.quectel.ec200.defects import DEFECTS as QUECTEL_EC200_DEFECTS
from emulator.quectel.gsm.defects import DEFECTS as QUECTEL_GSM_DEFECTS
from emulator.telit.defects import DEFECTS as TELIT_DEFECTS

__all__ = ["DEFECTS", "Defect", "check_defects"]

_CONTRIBUTIONS: Final[tuple[tuple[Defect, ...], ...]] = (
    TELIT_DEFECTS,
    QUECTEL_GSM_DEFECTS,
    FIBOCOM_DEFECTS,
    QUECTEL_EC200_DEFECTS,
)

DEFECTS: Final[Mapping[str, Defect]] = index(d for defects in _CONTRIBUTIONS for d in defects)
"""Every defect of every dialect, by name."""


def check_defects(names: Iterable[str]) -> frozenset[str]:
    """Return ``names`` as a frozenset, or raise ``ValueError`` naming the valid choices."""
    chosen = frozenset(names)
    unknown = sorted(chosen - DEFECTS.keys())
    if unknown:
        raise ValueError(f"unknown defect {', '.join(map(repr, unknown))}; "
                         f"valid defects: {', '.join(DEFECTS)}")
    return chosen
