"""What the scapy backend adds to scapy's TLS layer, and the records it reads: static ECDH, DHE_DSS, a reader.

scapy 2.8 (``scapy.layers.tls``) names every static ECDH suite (RFC 4492 §2.1 ECDH_ECDSA, §2.3 ECDH_RSA) but has
no key-exchange class for them, so its suite table marks them unusable. :func:`register_static_ecdh` adds the
two key exchanges here, in this project, without touching site-packages: no ServerKeyExchange (RFC 4492 §2.1:
"the server's certificate MUST contain an ECDH-capable public key"), the client's ephemeral point in a
``ClientECDiffieHellmanPublic`` (§5.7), premaster = ECDH(server's static key, client point) — which scapy's
``ClientECDiffieHellmanPublic.post_dissection`` computes from ``session.server_kx_privkey`` once that holds the
certificate's key. Likewise DHE_DSS (scapy comments its class out: it cannot sign with DSA), whose
ServerKeyExchange the backend signs itself. Then each of these suite classes is made again, so that scapy's
metaclass finds the key exchange and registers the suite as usable under its IANA code.

:class:`RecordReader` takes whole TLS records (RFC 5246 §6.2.1: 5-byte header, at most 2^14 + 2048 bytes of
body) from a socket with a deadline, keeping a partial record across a timeout.
"""

from __future__ import annotations

import logging
import socket
import struct
import time
from typing import Any

from scapy.config import conf

conf.verb = 0  # scapy prints nothing of its own (no banners, no "Sent 1 packets")
# scapy's TLS layer logs integrity failures and odd messages to "scapy.runtime"; the backend records them itself.
logging.getLogger("scapy").setLevel(logging.ERROR)

from scapy.layers.tls import cert as _cert  # noqa: E402
from scapy.layers.tls import extensions as _extensions  # noqa: E402
from scapy.layers.tls import handshake as _handshake  # noqa: E402
from scapy.layers.tls import keyexchange as _keyexchange  # noqa: E402
from scapy.layers.tls import record as _record  # noqa: E402
from scapy.layers.tls import session as _session  # noqa: E402
from scapy.layers.tls.crypto import suites as _scapy_suites  # noqa: E402
from scapy.layers.tls.crypto.kx_algs import _GenericKX  # noqa: E402

__all__ = ["MAX_RECORD", "RecordReader", "register_added_key_exchanges"]

# The classes the backend drives, typed Any here: scapy's Packet classes are untyped (their fields are set by
# keyword, their values read back as attributes), so this is where the backend's typing stops.
PrivKey: Any = _cert.PrivKey
TLS_Ext_RenegotiationInfo: Any = _extensions.TLS_Ext_RenegotiationInfo
TLSCertificate: Any = _handshake.TLSCertificate
TLSClientHello: Any = _handshake.TLSClientHello
TLSClientKeyExchange: Any = _handshake.TLSClientKeyExchange
TLSFinished: Any = _handshake.TLSFinished
TLSServerHello: Any = _handshake.TLSServerHello
TLSServerHelloDone: Any = _handshake.TLSServerHelloDone
TLSServerKeyExchange: Any = _handshake.TLSServerKeyExchange
ServerDHParams: Any = _keyexchange.ServerDHParams
ServerRSAParams: Any = _keyexchange.ServerRSAParams
TLSSignature: Any = _keyexchange._TLSSignature
ClientECDiffieHellmanPublic: Any = _keyexchange.ClientECDiffieHellmanPublic
TLS: Any = _record.TLS
TLSAlert: Any = _record.TLSAlert
TLSApplicationData: Any = _record.TLSApplicationData
TLSChangeCipherSpec: Any = _record.TLSChangeCipherSpec
tlsSession: Any = _session.tlsSession

#: RFC 5246 §6.2.3: a TLSCiphertext fragment is at most 2^14 + 2048 bytes.
MAX_RECORD = 2**14 + 2048
#: RFC 5246 §6.2.1 ContentType values a record may carry.
_CONTENT_TYPES = frozenset((20, 21, 22, 23))


# scapy's metaclass takes the class name after "KX_" as the key exchange's name, which suite names are parsed into.
class KX_ECDH_RSA(_GenericKX):
    """Static ECDH, certificate signed with RSA (RFC 4492 §2.3): no ServerKeyExchange."""

    descr = "Static ECDH with an RSA-signed certificate"
    server_kx_msg_cls = lambda _, m: None  # noqa: E731 (scapy's own form: the class to parse a ServerKeyExchange)
    client_kx_msg_cls = ClientECDiffieHellmanPublic


class KX_ECDH_ECDSA(_GenericKX):
    """Static ECDH, certificate signed with ECDSA (RFC 4492 §2.1): no ServerKeyExchange."""

    descr = "Static ECDH with an ECDSA-signed certificate"
    server_kx_msg_cls = lambda _, m: None  # noqa: E731
    client_kx_msg_cls = ClientECDiffieHellmanPublic


class KX_DHE_DSS(_GenericKX):
    """Ephemeral DH signed with DSA (RFC 5246 §7.4.3): scapy parses and builds it like DHE_RSA; the backend signs
    the ServerKeyExchange itself (scapy's key wrappers sign with RSA and ECDSA only)."""

    descr = "Ephemeral DH with DSS signature"
    server_kx_msg_cls = lambda _, m: _keyexchange.ServerDHParams  # noqa: E731
    client_kx_msg_cls = _keyexchange.ClientDiffieHellmanPublic


class KX_DHE_DSS_EXPORT(KX_DHE_DSS):
    """Ephemeral DH (at most 512 bits) signed with DSA, export version (RFC 2246 §7.4.3)."""

    descr = "Ephemeral DH with DSS signature, export version"


#: the key exchanges this module adds, as the suite names spell them
_ADDED = ("TLS_ECDH_RSA_", "TLS_ECDH_ECDSA_", "TLS_DHE_DSS_")


def register_added_key_exchanges() -> None:
    """Make scapy's ``TLS_ECDH_RSA_*``, ``TLS_ECDH_ECDSA_*`` and ``TLS_DHE_DSS_*`` suites usable (idempotent)."""
    table: dict[int, Any] = _scapy_suites._tls_cipher_suites_cls
    meta: Any = _scapy_suites._GenericCipherSuiteMetaclass
    for code, cls in list(table.items()):
        name = getattr(cls, "__name__", "")
        if not name.startswith(_ADDED) or getattr(cls, "usable", False):
            continue
        # The metaclass parses the name, finds the KX_* class now, and replaces the row of this code.
        meta(name, (_scapy_suites._GenericCipherSuite,), {"val": code})


register_added_key_exchanges()


class RecordReader:
    """Whole TLS records from ``sock``; bytes of a record cut by a timeout stay for the next call."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buf = b""

    def read(self, deadline: float | None) -> bytes | None:
        """The next record (header included), ``None`` at EOF on a record boundary.

        ``deadline`` (``time.monotonic()``) bounds the whole read; ``None``: the socket's own timeout bounds each
        ``recv``. ``TimeoutError`` when it passes; ``ValueError`` for a header that is no TLS record, or EOF
        inside one (``EOFError``).
        """
        while True:
            if len(self._buf) >= 5:
                ctype, major, length = self._buf[0], self._buf[1], struct.unpack("!H", self._buf[3:5])[0]
                if ctype not in _CONTENT_TYPES or major != 3 or length > MAX_RECORD:
                    raise ValueError(f"not a TLS record header: {self._buf[:5].hex()}")
                if len(self._buf) >= 5 + length:
                    record, self._buf = self._buf[: 5 + length], self._buf[5 + length :]
                    return record
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("TLS record deadline passed")
                self.sock.settimeout(left)
            data = self.sock.recv(MAX_RECORD + 5)
            if not data:
                if self._buf:
                    raise EOFError(f"EOF inside a TLS record ({len(self._buf)} bytes)")
                return None
            self._buf += data
