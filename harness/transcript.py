"""A timestamped record of every byte each way on one link, and its readable rendering.

The rendering shows control bytes unambiguously (``<CR>``, ``<LF>``, ``<SUB>`` for Ctrl-Z, ``\\xNN`` for
the rest), starts a new row after each LF so responses read as lines, and folds long payloads so a
64 KiB transfer does not bury the AT lines around it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

from harness import redaction

_NAMES = {0x00: "<NUL>", 0x08: "<BS>", 0x0D: "<CR>", 0x0A: "<LF>", 0x1A: "<SUB>", 0x1B: "<ESC>"}
#: Chunks longer than this are folded in the rendering (the bytes stay in the record).
FOLD_OVER = 512
#: A transcript longer than this many rows shows its first FOLD_HEAD and last FOLD_TAIL rows: a 64 KiB
#: transfer in 1500-byte commands would otherwise bury the report (the bytes stay in the record).
FOLD_ROWS, FOLD_HEAD, FOLD_TAIL = 200, 120, 50


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One chunk: ``t`` seconds after the transcript started, ``direction`` ``tx``/``rx``/``note``."""

    t: float
    direction: str
    data: bytes


def show(data: bytes) -> str:
    """Render bytes as text with every control byte named."""
    return "".join(text for _, text in pieces(data))


@dataclass
class Transcript:
    """Everything one link carried, with times. Thread-safe: a reader thread may append."""

    name: str
    started_wall: datetime = field(default_factory=lambda: datetime.now(UTC))
    _start: float = field(default_factory=time.monotonic)
    entries: list[Entry] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add_secret(self, data: bytes) -> None:
        """Never render ``data``, nor any of its lines of 16 bytes or more (a PEM key's base64 lines), in
        this transcript or anywhere else the run writes (:mod:`harness.redaction`)."""
        redaction.add(data)

    def _add(self, direction: str, data: bytes) -> None:
        with self._lock:
            self.entries.append(Entry(t=time.monotonic() - self._start, direction=direction, data=data))

    def tx(self, data: bytes) -> None:
        """Record bytes written to the target."""
        self._add("tx", data)

    def rx(self, data: bytes) -> None:
        """Record bytes read from the target."""
        self._add("rx", data)

    def note(self, text: str) -> None:
        """Record what the harness did that is not bytes (opened, closed, waited, gave up)."""
        self._add("note", text.encode("utf-8"))

    def rows(self) -> list[Row]:
        """The transcript as rows (a new row after each LF), secrets redacted, long chunks folded."""
        with self._lock:
            entries = list(self.entries)
        # Secrets are replaced when rendering, not when recording: a secret registered later (the
        # target echoing a key uploaded in the next test) is still kept out.
        entries = _redacted_runs(entries)
        rows: list[Row] = []
        for e in _merged(entries):
            if e.direction == "note":
                rows.append(Row(t=e.t, direction="note", pieces=(("text", e.data.decode("utf-8")),)))
                continue
            data = e.data
            if len(data) > FOLD_OVER:
                folded = (*pieces(data[:256]), ("fold", f" … ({len(data) - 320} bytes folded) … "), *pieces(data[-64:]))
                rows.append(Row(t=e.t, direction=e.direction, pieces=folded))
                continue
            start = 0
            while start < len(data):
                end = data.find(b"\n", start)
                end = len(data) if end < 0 else end + 1
                rows.append(Row(t=e.t, direction=e.direction, pieces=pieces(data[start:end]), first=start == 0))
                start = end
        if len(rows) > FOLD_ROWS:
            hidden = rows[FOLD_HEAD:-FOLD_TAIL]
            sizes = {
                d: sum(len(t) for r in hidden if r.direction == d for k, t in r.pieces if k == "text")
                for d in ("tx", "rx")
            }
            fold = Row(
                t=hidden[0].t,
                direction="note",
                pieces=(
                    ("fold", f"… {len(hidden)} rows folded ({sizes['tx']} characters sent, {sizes['rx']} received) …"),
                ),
            )
            rows = [*rows[:FOLD_HEAD], fold, *rows[-FOLD_TAIL:]]
        return rows

    def rendered(self, rows: list[Row] | None = None) -> str:
        """The transcript as readable rows: ``[  0.012] rx  <CR><LF>OK<CR><LF>`` (``rows``: from
        :meth:`rows`, when the caller renders it twice)."""
        lines = [f"# {self.name} (started {self.started_wall.isoformat(timespec='milliseconds')})"]
        for row in self.rows() if rows is None else rows:
            text = "".join(t for _, t in row.pieces)
            label = "--" if row.direction == "note" else row.direction
            lines.append((f"[{row.t:8.3f}] {label}  " if row.first else " " * 15) + text)
        return "\n".join(lines) + "\n"

    def html(self, rows: list[Row] | None = None) -> str:
        """The transcript as an HTML table (one line, no literal newline), for the HTML report.

        A run of control bytes is named inside one ``<i>`` (``<i>CR LF</i>``), which the report draws as
        a badge, so that a module that sends the text ``CR`` or ``<CR>`` is told from one sending the byte.
        Other bytes are ``\\xNN`` in ``<b>``, a fold is ``<mark>``. Unquoted attributes and omitted end
        tags: a full run carries tens of thousands of rows, and pytest-html escapes every ``<`` and ``"``
        of them twice.
        """
        out = [f'<table class=transcript data-name="{escape(self.name)}"><tbody>']
        for row in self.rows() if rows is None else rows:
            cells: list[str] = []
            for kind, text in row.pieces:
                if kind == "text":
                    cells.append(escape(text))
                elif kind == "ctl":
                    name = text[1:-1]  # "<CR>" -> "CR"
                    if cells and cells[-1].endswith("</i>"):  # one <i> for a run of control bytes
                        cells[-1] = f"{cells[-1][:-4]} {name}</i>"
                    else:
                        cells.append(f"<i>{name}</i>")
                else:
                    tag = "b" if kind == "hex" else "mark"
                    cells.append(f"<{tag}>{escape(text)}</{tag}>")
            time_cell = f"{row.t:.3f}" if row.first else ""
            label = row.direction.upper() if row.first and row.direction != "note" else ("··" if row.first else "")
            out.append(f"<tr class={row.direction}><td>{time_cell}<td>{label}<td>{''.join(cells)}")
        out.append("</tbody></table>")
        return "".join(out)


@dataclass(frozen=True)
class Row:
    """One rendered row: ``pieces`` are ``(kind, text)`` with kind ``text``, ``ctl`` (a named control
    byte), ``hex`` (``\\xNN``) or ``fold``; ``first`` is False for the continuation rows of a chunk."""

    t: float
    direction: str
    pieces: tuple[tuple[str, str], ...]
    first: bool = True


def pieces(data: bytes) -> tuple[tuple[str, str], ...]:
    """Split bytes into printable runs, named control bytes and hex escapes (see :func:`show`)."""
    out: list[tuple[str, str]] = []
    run: list[str] = []
    for b in data:
        if 0x20 <= b < 0x7F:
            run.append(chr(b))
            continue
        if run:
            out.append(("text", "".join(run)))
            run = []
        out.append(("ctl", _NAMES[b]) if b in _NAMES else ("hex", f"\\x{b:02x}"))
    if run:
        out.append(("text", "".join(run)))
    return tuple(out)


def _redacted(entry: Entry) -> Entry:
    data = redaction.redact_bytes(entry.data)
    return entry if data == entry.data else Entry(t=entry.t, direction=entry.direction, data=data)


def _redacted_runs(entries: list[Entry]) -> list[Entry]:
    """Every entry redacted, the bytes of each direction between two notes searched as one: a link delivers a
    module's echo of a secret in pieces (a serial port or ``socket://`` a few bytes per read, interleaved with
    what the suite writes), and a secret split across reads must not escape redaction. The chunks stay as they
    were read; a secret's bytes leave every chunk they were in, and its mark stands in the chunk where it began."""
    out = list(entries)
    stretch: list[int] = []

    def flush() -> None:
        for direction in ("tx", "rx"):
            mine = [i for i in stretch if entries[i].direction == direction]
            joined = b"".join(entries[i].data for i in mine)
            found = redaction.spans(joined.decode("latin-1"))
            if not found:
                continue
            offset = 0
            for i in mine:
                e = entries[i]
                out[i] = Entry(t=e.t, direction=e.direction, data=_cut(e.data, offset, found))
                offset += len(e.data)
        stretch.clear()

    for i, e in enumerate(entries):
        if e.direction == "note":
            flush()
            out[i] = _redacted(e)
        else:
            stretch.append(i)
    flush()
    return out


def _cut(data: bytes, offset: int, secrets: list[tuple[int, int]]) -> bytes:
    """``data`` (at ``offset`` of a joined stream) without the bytes of ``secrets`` (spans of that stream), the
    redaction mark where a secret begins."""
    mark = redaction.MARK.encode()
    kept, at = bytearray(), 0
    for start, end in secrets:
        lo, hi = max(start - offset, 0), min(end - offset, len(data))
        if hi <= 0 or lo >= len(data):
            continue
        kept += data[at:lo]
        if start >= offset:
            kept += mark
        at = hi
    kept += data[at:]
    return bytes(kept)

def _merged(entries: list[Entry]) -> list[Entry]:
    """Join rx chunks that arrived within 20 ms of each other: a response read in pieces reads as one."""
    out: list[Entry] = []
    for e in entries:
        if out and e.direction == out[-1].direction == "rx" and e.t - out[-1].t < 0.02:
            out[-1] = Entry(t=out[-1].t, direction="rx", data=out[-1].data + e.data)
        else:
            out.append(e)
    return out
