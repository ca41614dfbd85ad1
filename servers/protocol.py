"""Names shared by the catalog and the endpoints: protocol versions and backends."""

from __future__ import annotations

import enum
import ssl

__all__ = ["Backend", "TlsVersion"]


class TlsVersion(enum.Enum):
    """Protocol versions, valued by the names Python's ``ssl`` reports (``SSLSocket.version()``)."""

    SSL3 = "SSLv3"  # RFC 6101
    TLS1_0 = "TLSv1"  # RFC 2246
    TLS1_1 = "TLSv1.1"  # RFC 4346
    TLS1_2 = "TLSv1.2"  # RFC 5246
    TLS1_3 = "TLSv1.3"  # RFC 8446

    @property
    def wire(self) -> tuple[int, int]:
        """The (major, minor) pair on the wire (RFC 8446 §4.2.1, Appendix D)."""
        return _WIRE[self]

    @property
    def ssl(self) -> ssl.TLSVersion:
        """The :class:`ssl.TLSVersion` member for ``minimum_version``/``maximum_version``."""
        return _SSL[self]

    @classmethod
    def from_wire(cls, wire: tuple[int, int]) -> TlsVersion:
        """The version whose wire value is ``wire``; ``ValueError`` if none."""
        for v, w in _WIRE.items():
            if w == tuple(wire):
                return v
        raise ValueError(f"no protocol version {wire}")

    def __lt__(self, other: TlsVersion) -> bool:
        return self.wire < other.wire

    def __le__(self, other: TlsVersion) -> bool:
        return self.wire <= other.wire


_WIRE = {
    TlsVersion.SSL3: (3, 0),
    TlsVersion.TLS1_0: (3, 1),
    TlsVersion.TLS1_1: (3, 2),
    TlsVersion.TLS1_2: (3, 3),
    TlsVersion.TLS1_3: (3, 4),
}
_SSL = {
    TlsVersion.SSL3: ssl.TLSVersion.SSLv3,
    TlsVersion.TLS1_0: ssl.TLSVersion.TLSv1,
    TlsVersion.TLS1_1: ssl.TLSVersion.TLSv1_1,
    TlsVersion.TLS1_2: ssl.TLSVersion.TLSv1_2,
    TlsVersion.TLS1_3: ssl.TLSVersion.TLSv1_3,
}


class Backend(enum.Enum):
    """Which implementation serves a scenario.

    ``REFUSE`` serves nothing: it records the ClientHello and answers with a fatal
    handshake_failure alert, for suites no backend here can serve (ARCHITECTURE.md "TLS servers").
    ``SCAPY`` (:mod:`servers.endpoint_scapy`) serves what neither OpenSSL 3 nor tlslite-ng can: EXPORT, single
    DES, SEED and static ECDH suites.
    """

    OPENSSL = "openssl"
    TLSLITE = "tlslite"
    SCAPY = "scapy"
    REFUSE = "refuse"
