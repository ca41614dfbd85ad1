"""The type of a named defect: a deliberate deviation from a document, for validating the suite.

Each dialect contributes its defects (``emulator/<vendor>/defects.py``); ``emulator.defects`` is
their union. A handler asks ``Context.has_defect(name)`` at exactly one place, so a module built
with a defect misbehaves in that one way only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, kw_only=True)
class Defect:
    """One named deviation: which clause it breaks and how."""

    name: str
    clause: str
    description: str
    #: The commands (and URCs) of the documents whose behaviour it breaks, spelt as the documents spell them.
    commands: tuple[str, ...] = ()
    #: A variation the documents allow (an erratum tolerates it): the suite must NOT fail it.
    benign: bool = False
    #: The emulator products (``telit/he910``) on which the misbehaviour shows; empty: every
    #: product of the dialect whose document the clause names.
    products: frozenset[str] = field(default_factory=frozenset)


def index(defects: Iterable[Defect]) -> Mapping[str, Defect]:
    """Defects by name, refusing a name given twice (two dialects must not share one)."""
    table: dict[str, Defect] = {}
    for defect in defects:
        if defect.name in table:
            raise ValueError(f"defect {defect.name} is contributed twice")
        table[defect.name] = defect
    return MappingProxyType(table)
