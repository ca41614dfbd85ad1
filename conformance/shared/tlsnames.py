"""TLS names every document's suite shares: protocol versions and IANA suite codes (neutral data)."""

from __future__ import annotations

from servers.suites import suite

_NAMES = {(3, 0): "SSLv3", (3, 1): "TLS1.0", (3, 2): "TLS1.1", (3, 3): "TLS1.2", (3, 4): "TLS1.3"}


def version_name(wire: tuple[int, int]) -> str:
    """``(3, 3)`` → ``"TLS1.2"`` (RFC 8446 Appendix D)."""
    return _NAMES.get((wire[0], wire[1]), f"{wire[0]}.{wire[1]}")


def suite_code(name: str) -> int:
    """The IANA code of the suite ``name``, from the farm's reference table (``servers.suites``); a name the
    table lacks is a ``KeyError`` naming it."""
    return suite(name).code
