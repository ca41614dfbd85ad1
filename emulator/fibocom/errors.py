"""The <err_code> values of +GTSSLERR (fibocom-l610-ssl §1.3.4), as the emulator causes them.

The document lists 0 to -20; the emulator reaches the ones whose text names a cause it can see
(emulator/README.md "The Fibocom dialect"), recorded by the connection that failed:

- -4 the TCP connection cannot be made (refused, unreachable, name not resolved);
- -7 an SSL protocol error: an alert received, a message the client cannot parse, a suite it
  cannot complete, a protocol version refused;
- -8 the server accepted TCP but did not answer the handshake in time;
- -9 the server closed the connection during the handshake, without an alert;
- -11 certificate validation failed: <checkmode> 1 with no TRUSTFILE, a chain no trust file
  signs, a certificate outside its validity dates by the module's clock (§1.3.4 "lack of
  TRUSTFILE, trust certificate or certificate expiration", Examples 2-4);
- -17 / -18 / -19 a CERTFILE / KEYFILE / TRUSTFILE that is not a certificate / key once decoded
  (the upload only checks that the text is Base64, §1.1.4);
- -2 any other failure of the handshake.

-0 "normal" is never printed: with no error +GTSSLERR answers OK alone (§1.3.2).
"""

from __future__ import annotations

from enum import IntEnum

from emulator.core.errors import GENERAL_ERROR_TEXT, OPERATION_NOT_ALLOWED, CmeError


class GtSslErr(IntEnum):
    """fibocom-l610-ssl §1.3.4 <err_code>."""

    NORMAL = 0
    PARAMETER = -1
    CONNECT_FAILED = -2
    FILE_READ = -3
    SOCKET_CONNECT = -4
    SOCKET_READ = -5
    SOCKET_WRITE = -6
    PROTOCOL = -7
    NO_HANDSHAKE_ANSWER = -8
    SERVER_DISCONNECTED = -9
    UNKNOWN = -10
    CERT_VALIDATION = -11
    CERT_LENGTH = -12
    NO_RSA_ENCRYPTION_CERT = -13
    NO_RSA_SIGNATURE_CERT = -14
    NO_PUBLIC_KEY_PARAMS = -15
    UNKNOWN_CERT_TYPE = -16
    CLIENT_CERT_FILE = -17
    CLIENT_KEY_FILE = -18
    TRUST_FILE = -19
    RECEIVE_TIMEOUT = -20


def not_allowed() -> CmeError:
    """A command the module's state refuses (a file slot full, a socket in use): ERROR under
    +CMEE 0, ``+CME ERROR: 3`` "operation not allowed" otherwise (3GPP TS 27.007 §9.2.1)."""
    return CmeError(OPERATION_NOT_ALLOWED, GENERAL_ERROR_TEXT[OPERATION_NOT_ALLOWED])
