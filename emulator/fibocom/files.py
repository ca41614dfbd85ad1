"""What +GTSSLFILE stores and how a connection reads it back (fibocom-l610-ssl §1.1, Appendix).

"any type of file loaded into module must be encoded through base64 format" (§1.1.4), and the
Appendix shows the CA certificate as PEM text ("this program supports only Base64 encoding
format"). The emulator takes the text after ``>`` as it is, in either shape:

- PEM: one or more ``-----BEGIN <label>-----`` ... ``-----END <label>-----`` blocks (RFC 7468,
  five dashes: the Appendix's four-dash armour is read as a misprint, emulator/README.md), each
  holding Base64 lines;
- bare Base64 of one DER structure.

The upload checks only that the text is Base64 in one of these shapes (else ERROR, nothing kept);
whether it holds a certificate or a key is found when a connection reads it (+GTSSLERR -17, -18,
-19, emulator/fibocom/errors.py).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Final

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from emulator.core.keys import load_private_key

_BLOCK: Final = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.DOTALL)
_BASE64: Final = re.compile(rb"[A-Za-z0-9+/=\s]*")


class BadFile(Exception):
    """A stored file that is not what its type needs."""


def _decode(body: bytes) -> bytes:
    if not _BASE64.fullmatch(body):
        raise BadFile("not Base64 text")
    squeezed = b"".join(body.split())
    try:
        data = base64.b64decode(squeezed, validate=True)
    except (binascii.Error, ValueError) as error:
        raise BadFile(f"not Base64 text: {error}") from None
    if not data:
        raise BadFile("empty")
    return data


def decoded(text: bytes) -> list[bytes]:
    """The DER structures of ``text`` (PEM blocks, or bare Base64); :class:`BadFile` if it is
    neither, or if anything but blank space lies outside the PEM blocks."""
    blocks = list(_BLOCK.finditer(text))
    if not blocks:
        return [_decode(text)]
    outside = _BLOCK.sub(b"", text)
    if outside.strip():
        raise BadFile("text outside the PEM blocks")
    return [_decode(match.group(2)) for match in blocks]


def is_base64(text: bytes) -> bool:
    """Whether an upload is Base64 text in one of the accepted shapes."""
    try:
        decoded(text)
    except BadFile:
        return False
    return True


def certificates(text: bytes) -> list[x509.Certificate]:
    """The certificates of a CERTFILE or TRUSTFILE; :class:`BadFile` if one is not."""
    try:
        return [x509.load_der_x509_certificate(der) for der in decoded(text)]
    except ValueError as error:
        raise BadFile(f"not a certificate: {error}") from None


def private_key(text: bytes) -> PrivateKeyTypes:
    """The private key of a KEYFILE (PKCS #8, PKCS #1 or SEC 1); :class:`BadFile` if not."""
    ders = decoded(text)
    if len(ders) != 1:
        raise BadFile("a key file holds one key")
    try:
        return load_private_key(ders[0], pem=False)
    except (ValueError, TypeError) as error:
        raise BadFile(f"not an unencrypted private key: {error}") from None
