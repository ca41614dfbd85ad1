"""Server-chain verification as docs/DECISIONS-issue4.md D24 puts it, with ``cryptography``.

<auth_mode> 1 and 2 (telit-ssl-ug §4.2.1, §4.2.2) verify "the server's chain against the stored
CA certificate": starting at the leaf, each certificate must be signed by the next one the
server sent or by a stored anchor, and every certificate on the path, the anchor included, must
be within its validity dates (telit-ssl-ug §4.5: an expired root CA is detected at connection
time). "Now" is the module's clock where the dialect passes it (``ClientConfig.clock``,
``emulator.core.clock``), else the host's. Nothing else is checked: no host name (D24), no key
usage, no basic constraints (the documents ask for neither). A failure names the TLS alert the
client sends (RFC 5246 §7.2.2).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Final

from cryptography import x509
from cryptography.exceptions import InvalidSignature

# RFC 5246 §7.2.2 alert descriptions.
BAD_CERTIFICATE: Final = 42
CERTIFICATE_EXPIRED: Final = 45
UNKNOWN_CA: Final = 48

# RFC 5280 §6.1 allows any length; a chain longer than this is a loop or an attack.
_MAX_DEPTH = 10


class VerifyError(Exception):
    """The server's chain is refused; ``alert`` is the RFC 5246 alert description to send."""

    def __init__(self, message: str, alert: int) -> None:
        super().__init__(message)
        self.alert = alert


def load_chain(chain_der: Sequence[bytes]) -> list[x509.Certificate]:
    """Parse the certificates a server sent (DER, leaf first)."""
    try:
        return [x509.load_der_x509_certificate(der) for der in chain_der]
    except ValueError as error:
        raise VerifyError(f"unparsable server certificate: {error}", BAD_CERTIFICATE) from error


def _check_dates(cert: x509.Certificate, now: datetime.datetime, role: str) -> None:
    # RFC 5280 §6.1.3 (a)(2): the certificate validity period includes the current time.
    if now < cert.not_valid_before_utc:
        raise VerifyError(f"{role} certificate not valid before {cert.not_valid_before_utc}",
                          CERTIFICATE_EXPIRED)
    if now > cert.not_valid_after_utc:
        raise VerifyError(f"{role} certificate expired {cert.not_valid_after_utc}",
                          CERTIFICATE_EXPIRED)


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def verify_chain(chain: Sequence[x509.Certificate], anchors: Sequence[x509.Certificate], *,
                 now: datetime.datetime | None = None, check_leaf_dates: bool = True,
                 check_anchor_dates: bool = True) -> None:
    """Accept ``chain`` (leaf first) if it leads to one of ``anchors``; else :class:`VerifyError`.

    ``check_leaf_dates=False`` skips the validity dates of the leaf only, ``check_anchor_dates=False``
    those of the stored CA only (defect switches).
    """
    if not chain:
        raise VerifyError("the server sent no certificate", BAD_CERTIFICATE)
    if not anchors:
        raise VerifyError("no CA certificate stored", UNKNOWN_CA)
    when = now if now is not None else datetime.datetime.now(datetime.UTC)
    current = chain[0]
    pool = list(chain[1:])
    for depth in range(_MAX_DEPTH):
        if depth or check_leaf_dates:
            _check_dates(current, when, "leaf" if depth == 0 else "intermediate")
        for anchor in anchors:
            if current == anchor or (current.issuer == anchor.subject
                                     and _signed_by(current, anchor)):
                if check_anchor_dates:
                    _check_dates(anchor, when, "CA")
                return
        issuer = next((c for c in pool if c.subject == current.issuer and _signed_by(current, c)),
                      None)
        if issuer is None:
            raise VerifyError(f"no stored or sent issuer for {current.issuer.rfc4514_string()}",
                              UNKNOWN_CA)
        pool.remove(issuer)
        current = issuer
    raise VerifyError("certificate chain too long", UNKNOWN_CA)
