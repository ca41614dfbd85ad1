"""Telit's framing table (telit-ssl-ug, telit-gsm-ssl): payload headers and the HTTP body read by count.

Telit ends its responses with the standard final result codes only (V.250 §5.7.2 Table 1, 27.007 §9.2),
so the table has no finals of its own.
"""

from __future__ import annotations

import re

from faults.dialects.base import AnnouncedBody, Header, Table

__all__ = ["TELIT"]

TELIT = Table(
    vendor="telit",
    headers=(
        # telit-ssl-ug §5.1.2.2.1: #SSLRECV: <n>, CR LF, then the <n> bytes read.
        Header(pattern=re.compile(r"#SSLRECV: ?(?P<n>\d+)"), source="telit-ssl-ug §5.1.2.2.1"),
        # telit-ssl-ug §5.4.2 examples and telit-gsm-ssl §4.2.2.2 spell it #SSLRCV (specs/INDEX.md).
        Header(pattern=re.compile(r"#SSLRCV: ?(?P<n>\d+)"), source="telit-ssl-ug §5.4.2, telit-gsm-ssl §4.2.2.2"),
        # telit-ssl-ug §4.4: #SSLSECDATA read (action 2) prints <a>,<b>,<size>, CR LF, the stored bytes
        # (docs/DECISIONS-issue4.md D15).
        Header(pattern=re.compile(r"#SSLSECDATA: ?\d+,\d+,(?P<n>\d+)"), source="telit-ssl-ug §4.4"),
        # telit-ssl-ug §5.1.2.2.2, SSLSRING mode 2: the data follow the header on the same line.
        Header(pattern=re.compile(r"SSLSRING: ?\d+,(?P<n>\d+),"), inline=True, source="telit-ssl-ug §5.1.2.2.2"),
    ),
    announced=(
        # telit-ssl-ug §6.2 (docs/DECISIONS-issue4.md D26): #HTTPRING: <prof>,<status>,"<type>",<data_size>
        # announces the body; #HTTPRCV prints CR LF, then <data_size> bytes.
        AnnouncedBody(
            announcement=re.compile(r'#HTTPRING: ?\d+,\d+,"[^"]*",(?P<n>\d+)'),
            command=re.compile(r"AT#HTTPRCV=", re.IGNORECASE),
            source="telit-ssl-ug §6.2",
        ),
    ),
)
