"""Assertions that name the clause, what was expected and what came.

A failing conformance check reads: ``telit-ssl-ug §4.1: expected OK, got 'AT+CMEE=2' -> ERROR``.
"""

from __future__ import annotations

from harness.events import ResultKind
from harness.modem import Response


def expect_ok(r: Response, clause: str) -> Response:
    """The command succeeded."""
    __tracebackhide__ = True
    assert r.ok, f"{clause}: expected OK, got {r.describe()}"
    return r


def expect_error(r: Response, clause: str) -> Response:
    """The command failed, with ERROR or any +CME ERROR (the documents do not name the code)."""
    __tracebackhide__ = True
    assert r.final.is_error, f"{clause}: expected an error result, got {r.describe()}"
    return r


def expect_cme_code(r: Response, code: int, clause: str) -> Response:
    """The command failed with ``+CME ERROR: <code>`` (AT+CMEE=1)."""
    __tracebackhide__ = True
    assert r.final.kind is ResultKind.CME_ERROR and r.final.code == code, (
        f"{clause}: expected +CME ERROR: {code}, got {r.describe()}"
    )
    return r


def expect_cme_text(r: Response, text: str, clause: str, *, tolerate_period: bool = False) -> Response:
    """The command failed with ``+CME ERROR: <text>`` (AT+CMEE=2)."""
    __tracebackhide__ = True
    got = r.final.message if r.final.kind is ResultKind.CME_ERROR else None
    if tolerate_period and got is not None:
        got = got.removesuffix(".")
    assert got == text, f"{clause}: expected +CME ERROR: {text}, got {r.describe()}"
    return r


def expect_plain_error(r: Response, clause: str) -> Response:
    """The command failed with the plain ERROR result code (AT+CMEE=0, V.250 result code 4)."""
    __tracebackhide__ = True
    assert r.final.kind is ResultKind.ERROR, f"{clause}: expected ERROR, got {r.describe()}"
    return r


def single(r: Response, prefix: str, clause: str) -> list[str]:
    """The values of the one information line starting with ``prefix``."""
    __tracebackhide__ = True
    rows = r.fields(prefix)
    assert len(rows) == 1, f"{clause}: expected one {prefix} line, got {r.describe()}"
    return rows[0]


def line_for(r: Response, prefix: str, first: str, clause: str) -> list[str]:
    """The values of the line ``<prefix>: <first>,...`` (one line per SSId in read forms)."""
    __tracebackhide__ = True
    rows = [row for row in r.fields(prefix) if row and row[0] == first]
    assert len(rows) == 1, f"{clause}: expected one {prefix}: {first},... line, got {r.describe()}"
    return rows[0]


#: Bytes shown on each side of the first difference in :func:`expect_same_bytes`'s message.
_CONTEXT = 16


def bytes_difference(got: bytes, want: bytes) -> str | None:
    """None when ``got == want``; else the lengths and the first differing offset with a few bytes of each side.

    Large payloads must not reach pytest's own ``==`` explanation: under ``CI=true`` pytest diffs the two reprs
    in full, quadratic in their length (a 64 KiB echo with one corrupted byte per chunk took over 100 s)."""
    if got == want:
        return None
    at = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
    lo = max(0, at - _CONTEXT)
    return (
        f"{len(got)} bytes, expected {len(want)}; first difference at offset {at}: "
        f"got {got[lo:at + _CONTEXT]!r}, expected {want[lo:at + _CONTEXT]!r}"
    )


def expect_same_bytes(got: bytes, want: bytes, clause: str) -> None:
    """``got`` is exactly ``want``; a failure names the first difference, never a full diff of the payloads."""
    __tracebackhide__ = True
    difference = bytes_difference(got, want)
    assert difference is None, f"{clause}: {difference}"
