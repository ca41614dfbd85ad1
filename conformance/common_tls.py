"""TLS names the suites of several documents share."""

from __future__ import annotations

_NAMES = {(3, 0): "SSLv3", (3, 1): "TLS1.0", (3, 2): "TLS1.1", (3, 3): "TLS1.2", (3, 4): "TLS1.3"}


def version_name(wire: tuple[int, int]) -> str:
    """``(3, 3)`` → ``"TLS1.2"`` (RFC 8446 Appendix D)."""
    return _NAMES.get((wire[0], wire[1]), f"{wire[0]}.{wire[1]}")
