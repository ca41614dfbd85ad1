"""faults' dialect tables: the registry, the table types, and the tracker reading one table or their union.

The framing rows themselves are checked line by line in test_stream.py (through the default union) and
against the harness's dialects in tests/harness/test_dialect_tables_agree.py.
"""

from __future__ import annotations

import re

import pytest

from faults.dialects import ALL, TABLES, AnnouncedBody, Final, Header, Table, table, union
from faults.stream import Kind, Piece, Tracker

pytestmark = pytest.mark.timeout(10)


def answer(tracker: Tracker, line: str, *chunks: bytes) -> list[Piece]:
    tracker.from_suite(line.encode() + b"\r")
    out: list[Piece] = []
    for chunk in chunks:
        out += tracker.from_target(chunk, 0.0)
    return out


def test_one_table_per_vendor_and_the_default_is_their_union() -> None:
    assert set(TABLES) == {"telit", "quectel", "fibocom"}
    assert all(name == t.vendor for name, t in TABLES.items())
    assert ALL == union(TABLES.values())
    assert Tracker().table == ALL
    assert set(ALL.headers) == {h for t in TABLES.values() for h in t.headers}
    for t in TABLES.values():
        assert all(row.source for row in t.finals) and all(row.source for row in t.headers)
        assert all(row.source for row in t.announced)


def test_an_unknown_table_is_named_with_the_valid_ones() -> None:
    assert table("quectel") is TABLES["quectel"]
    with pytest.raises(ValueError, match=r"unknown dialect table 'telti'; known: fibocom, quectel, telit"):
        table("telti")


def test_a_header_or_announcement_without_its_count_group_is_refused() -> None:
    with pytest.raises(ValueError, match="no group 'n'"):
        Header(pattern=re.compile(r"\+DATA: (\d+)"), source="x §1")
    with pytest.raises(ValueError, match="no group 'n'"):
        AnnouncedBody(announcement=re.compile(r"\+RING: (\d+)"), command=re.compile("AT"), source="x §1")


def test_a_tracker_given_one_vendors_table_reads_only_that_vendors_framing() -> None:
    quectel = Tracker(table("quectel"))
    pieces = answer(quectel, "AT#SSLRECV=1,5", b"\r\n#SSLRECV: 5\r\nab\r\nOK\r\n")
    assert not any(p.kind is Kind.PAYLOAD for p in pieces)  # a Telit header is a plain line to Quectel's table
    telit = Tracker(table("telit"))
    assert not [p for p in answer(telit, "AT+QSSLSEND=1", b"\r\nSEND OK\r\n") if p.final]
    assert [p.text for p in answer(Tracker(), "AT+QSSLSEND=1", b"\r\nSEND OK\r\n") if p.final] == ["SEND OK"]


# A made-up vendor: its rows are what the tracker reads, whatever the names.
TOY = Table(
    vendor="toy",
    finals=(Final(pattern=re.compile(r"DONE"), source="toy §1"),
            Final(pattern=re.compile(r"BAD"), error=True, source="toy §1")),
    headers=(Header(pattern=re.compile(r"\+DATA: (?P<n>\d+)"), source="toy §2"),
             Header(pattern=re.compile(r"\+PUSH: \d+,(?P<n>\d+),"), inline=True, source="toy §2")),
    announced=(AnnouncedBody(announcement=re.compile(r"\+READY: (?P<n>\d+)"), command=re.compile(r"AT\+FETCH", re.I),
                             source="toy §3"),),
)  # fmt: skip


def test_a_tables_finals_end_a_response_and_its_error_finals_undo_atv0() -> None:
    t = Tracker(TOY)
    assert [p.text for p in answer(t, "AT+GO", b"\r\nDONE\r\n") if p.final] == ["DONE"]
    assert [p.text for p in answer(t, "ATV0+GO", b"BAD\r\n") if p.final] == ["BAD"]
    assert not t.numeric  # an error final: ATV0 did not take effect
    answer(t, "ATV0+GO", b"DONE\r\n")
    assert t.numeric  # a final that is no error: ATV0 did


def test_a_tables_headers_are_read_by_count_on_their_own_line_or_inline() -> None:
    t = Tracker(TOY)
    pieces = answer(t, "AT+GET", b"\r\n+DATA: 4\r\nDONE\r\nDONE\r\n")
    assert [(p.kind, p.data) for p in pieces if p.kind in (Kind.PAYLOAD, Kind.LINE)] == [
        (Kind.LINE, b"+DATA: 4\r\n"), (Kind.PAYLOAD, b"DONE"), (Kind.LINE, b"DONE\r\n")]
    assert pieces[1].announces == 4 and [p.final for p in pieces].count(True) == 1
    pieces = answer(Tracker(TOY), "AT", b"\r\n+PUSH: 1,3,a\r\nb\r\n")
    assert [(p.kind, p.data) for p in pieces] == [
        (Kind.EOL, b"\r\n"), (Kind.HEADER, b"+PUSH: 1,3,"), (Kind.PAYLOAD, b"a\r\n"), (Kind.LINE, b"b\r\n")]


def test_a_tables_announced_body_follows_the_opening_line_end_of_its_command() -> None:
    t = Tracker(TOY)
    t.from_target(b"\r\n+READY: 6\r\n", 0.0)
    pieces = answer(t, "at+fetch=0", b"\r\nDONE\r\n\r\nDONE\r\n")
    assert [(p.kind, p.data) for p in pieces][:2] == [(Kind.EOL, b"\r\n"), (Kind.PAYLOAD, b"DONE\r\n")]
    assert [p.final for p in pieces] == [False, False, False, True]
    # Another command reads no body, even after the announcement.
    t.from_target(b"\r\n+READY: 6\r\n", 0.0)
    assert [p.final for p in answer(t, "AT+GO", b"\r\nDONE\r\n")] == [False, True]
