"""Quectel's framing table (quectel-gsm-ssl, quectel-ec200-ssl): vendor finals and payload headers."""

from __future__ import annotations

import re

from faults.dialects.base import Final, Header, Table

__all__ = ["QUECTEL"]

QUECTEL = Table(
    vendor="quectel",
    finals=(
        Final(pattern=re.compile(r"SEND OK"), source="quectel-gsm-ssl §2.2.4, quectel-ec200-ssl §2.2.3"),
        # quectel-gsm-ssl §2.2.4 prints "SEND FALL" once and "SEND FAIL" elsewhere (specs/INDEX.md).
        Final(pattern=re.compile(r"SEND FAIL"), error=True, source="quectel-gsm-ssl §2.2.4, quectel-ec200-ssl §2.2.3"),
        # quectel-gsm-ssl §2.2.3 answers "CLOSE OK", its §3 examples "1, CLOSE OK" (specs/INDEX.md).
        Final(pattern=re.compile(r"(\d+, )?CLOSE OK"), source="quectel-gsm-ssl §2.2.3, §3.1"),
        Final(pattern=re.compile(r"DEACT OK"), source="quectel-gsm-ssl §3.3"),
    ),
    headers=(
        # quectel-gsm-ssl §2.2.5: +QSSLRECV: <ip>:<port>,TCP,<n>, CR LF, the bytes.
        Header(pattern=re.compile(r"\+QSSLRECV: [^,]*,TCP,(?P<n>\d+)"), source="quectel-gsm-ssl §2.2.5"),
        # quectel-ec200-ssl §2.2.4: +QSSLRECV: <n>, CR LF, the bytes.
        Header(pattern=re.compile(r"\+QSSLRECV: (?P<n>\d+)"), source="quectel-ec200-ssl §2.2.4"),
        # quectel-gsm-ssl §3.3: plain TCP beside SSL, +QIRD: <ip>:<port>,TCP,<n>, CR LF, the bytes.
        Header(pattern=re.compile(r"\+QIRD: [^,]*,TCP,(?P<n>\d+)"), source="quectel-gsm-ssl §3.3"),
        # quectel-ec200-ssl §2.3.1: in direct push mode the "recv" URC carries the data after its line end.
        Header(pattern=re.compile(r'\+QSSLURC: "recv",\d+,(?P<n>\d+)'), source="quectel-ec200-ssl §2.3.1"),
    ),
)
