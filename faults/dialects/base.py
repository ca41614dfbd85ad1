"""The types of a vendor's framing table: what the stream tracker must know of a dialect to cut its bytes.

A generic reading of V.250 frames commands, lines, the standard final result codes and online data
(:mod:`faults.stream`); what a vendor adds is data, one :class:`Table` per vendor:

- :class:`Final`: a result code that ends a response besides the standard ones (V.250 §5.7.2 Table 1,
  3GPP TS 27.007 §9.2, TS 27.005 §3.2.5);
- :class:`Header`: a line that announces ``<n>`` raw bytes, read by count so that a fault never takes
  payload bytes for lines (the bytes follow the header's line end, or, ``inline``, the header itself on
  the same line);
- :class:`AnnouncedBody`: a command whose response is a line end, then a body whose size an earlier
  unsolicited line announced (the command itself does not say how much follows).

Like the rest of :mod:`faults`, the tables are an independent reading of the documents: they never import
the harness (``harness/dialects`` keeps the engine's own tables; a test checks that the two agree).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["AnnouncedBody", "Final", "Header", "Table", "union"]


@dataclass(frozen=True, kw_only=True)
class Final:
    """A vendor's final result code: ``pattern`` matches the whole line (without its line end)."""

    pattern: re.Pattern[str]
    #: An error final: a setting the command made (``ATV0`` in the same line) does not take effect.
    error: bool = False
    #: The clause that defines it (``doc §section``).
    source: str


@dataclass(frozen=True, kw_only=True)
class Header:
    """A line that announces raw bytes; ``pattern`` has a group ``n``, the count.

    Not ``inline``: ``pattern`` matches the whole line (without its line end) and the ``n`` bytes follow
    the line end. ``inline``: ``pattern`` matches the line from its start up to and including the
    separator after which the ``n`` bytes follow on the same line (the data of an unsolicited line).
    """

    pattern: re.Pattern[str]
    inline: bool = False
    source: str

    def __post_init__(self) -> None:
        if "n" not in self.pattern.groupindex:
            raise ValueError(f"header pattern {self.pattern.pattern!r} ({self.source}) has no group 'n' (the count)")


@dataclass(frozen=True, kw_only=True)
class AnnouncedBody:
    """A command whose response opens with a line end and then ``<n>`` raw bytes, where ``n`` came in an
    earlier unsolicited line.

    ``announcement`` matches that whole line and has a group ``n``; the last announced size is kept
    until another announcement replaces it. ``command`` matches the start of the command line that reads
    the body (compile it case-insensitive: V.250 §5.1, command lines are).
    """

    announcement: re.Pattern[str]
    command: re.Pattern[str]
    source: str

    def __post_init__(self) -> None:
        if "n" not in self.announcement.groupindex:
            raise ValueError(
                f"announcement pattern {self.announcement.pattern!r} ({self.source}) has no group 'n' (the size)"
            )


@dataclass(frozen=True, kw_only=True)
class Table:
    """What the stream tracker needs of one vendor's dialect (or of several: :func:`union`)."""

    #: The registry name (``telit``): the first word of its documents' ids.
    vendor: str
    finals: tuple[Final, ...] = ()
    headers: tuple[Header, ...] = ()
    announced: tuple[AnnouncedBody, ...] = ()


def union(tables: Iterable[Table], vendor: str = "all") -> Table:
    """One table with the rows of every table in ``tables``, in their order."""
    tables = tuple(tables)
    return Table(
        vendor=vendor,
        finals=tuple(row for t in tables for row in t.finals),
        headers=tuple(row for t in tables for row in t.headers),
        announced=tuple(row for t in tables for row in t.announced),
    )
