"""PEM data as the documents ask a module to receive it."""

from __future__ import annotations

from pathlib import Path


def pem_lf(path: str | Path | None) -> bytes:
    """A PEM file's bytes with LF-only line ends (telit-ssl-ug §4.4, telit-gsm-ssl §3.3: each line
    'terminated only with <LF>'). ``None`` (a file the PKI does not write, such as the PKCS#1 form of a
    key that is not RSA) is a ``ValueError``."""
    if path is None:
        raise ValueError("no PEM file: the PKI writes none in this form (PKCS#1 exists for RSA keys only)")
    return Path(path).read_bytes().replace(b"\r\n", b"\n")
