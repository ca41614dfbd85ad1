"""What faults' stream tracker must know of each vendor's AT dialect, as data: one module per vendor,
the registry here.

The types (:class:`Table` and its rows :class:`Final`, :class:`Header`, :class:`AnnouncedBody`) are in
:mod:`faults.dialects.base`; each vendor's table is in its own module (:mod:`~faults.dialects.telit`,
:mod:`~faults.dialects.quectel`, :mod:`~faults.dialects.fibocom`). A new vendor is a module beside them and
one line in :data:`TABLES`. :data:`ALL`, the union of the registered tables, is what a
:class:`faults.stream.Tracker` reads unless it is given one vendor's table: a fault link does not know
which module is behind it, and the rows of different vendors do not collide.
"""

from __future__ import annotations

from faults.dialects.base import AnnouncedBody, Final, Header, Table, union
from faults.dialects.fibocom import FIBOCOM
from faults.dialects.quectel import QUECTEL
from faults.dialects.telit import TELIT

__all__ = ["ALL", "TABLES", "AnnouncedBody", "Final", "Header", "Table", "table", "union"]

#: Every vendor's table by vendor name: one registration per vendor.
TABLES: dict[str, Table] = {
    t.vendor: t
    for t in (
        TELIT,
        QUECTEL,
        FIBOCOM,
    )
}

#: The rows of every registered table (what the tracker reads by default).
ALL: Table = union(TABLES.values())


def table(vendor: str) -> Table:
    """The table of ``vendor``; an unknown name gets an error naming the valid ones."""
    try:
        return TABLES[vendor]
    except KeyError:
        raise ValueError(f"unknown dialect table {vendor!r}; known: {', '.join(sorted(TABLES))}") from None
