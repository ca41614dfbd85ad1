"""Fibocom's framing table (fibocom-l610-ssl): nothing beyond V.250.

fibocom-l610-ssl §2 ends its responses with the standard final result codes, and its received data come
as hex text on the line of an unsolicited result (``+MIPRTCP: <id>,<left>,<hex>``), not as counted raw
bytes: a line reader frames them already. The table is registered all the same, so that a row the
document turns out to need has its place.
"""

from __future__ import annotations

from faults.dialects.base import Table

__all__ = ["FIBOCOM"]

FIBOCOM = Table(vendor="fibocom")
