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

_NAMES = {0x00: "<NUL>", 0x08: "<BS>", 0x0D: "<CR>", 0x0A: "<LF>", 0x1A: "<SUB>", 0x1B: "<ESC>"}
#: Chunks longer than this are folded in the rendering (the bytes stay in the record).
FOLD_OVER = 512


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One chunk: ``t`` seconds after the transcript started, ``direction`` ``tx``/``rx``/``note``."""

    t: float
    direction: str
    data: bytes


def show(data: bytes) -> str:
    """Render bytes as text with every control byte named."""
    out: list[str] = []
    for b in data:
        if b in _NAMES:
            out.append(_NAMES[b])
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append(f"\\x{b:02x}")
    return "".join(out)


@dataclass
class Transcript:
    """Everything one link carried, with times. Thread-safe: a reader thread may append."""

    name: str
    started_wall: datetime = field(default_factory=lambda: datetime.now(UTC))
    _start: float = field(default_factory=time.monotonic)
    entries: list[Entry] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: Pieces of secrets (whole secrets and each of their lines of 16 bytes or more) that must never be
    #: rendered, even when the target echoes them back.
    _secrets: set[bytes] = field(default_factory=set, repr=False)

    def add_secret(self, data: bytes) -> None:
        """Never render ``data``, nor any of its lines of 16 bytes or more (a PEM key's base64 lines)."""
        with self._lock:
            self._secrets.add(bytes(data))
            self._secrets.update(line.strip() for line in data.splitlines() if len(line.strip()) >= 16)

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

    def rendered(self) -> str:
        """The transcript as readable rows: ``[  0.012] rx  <CR><LF>OK<CR><LF>``."""
        with self._lock:
            entries = [_redacted(e, self._secrets) for e in self.entries] if self._secrets else list(self.entries)
        rows = [f"# {self.name} (started {self.started_wall.isoformat(timespec='milliseconds')})"]
        for e in _merged(entries):
            if e.direction == "note":
                rows.append(f"[{e.t:8.3f}] --  {e.data.decode('utf-8')}")
                continue
            data = e.data
            folded = ""
            if len(data) > FOLD_OVER:
                folded = f" … ({len(data) - 320} bytes folded) … "
                text = show(data[:256]) + folded + show(data[-64:])
                rows.append(f"[{e.t:8.3f}] {e.direction}  {text}")
                continue
            parts = show(data).split("<LF>")
            for i, part in enumerate(parts):
                last = i == len(parts) - 1
                piece = part if last else part + "<LF>"
                if piece:
                    prefix = f"[{e.t:8.3f}] {e.direction}  " if i == 0 else " " * 15
                    rows.append(prefix + piece)
        return "\n".join(rows) + "\n"


def _redacted(entry: Entry, secrets: set[bytes]) -> Entry:
    data = entry.data
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in data:
            data = data.replace(secret, b"<redacted>")
    return entry if data is entry.data else Entry(t=entry.t, direction=entry.direction, data=data)


def _merged(entries: list[Entry]) -> list[Entry]:
    """Join rx chunks that arrived within 20 ms of each other: a response read in pieces reads as one."""
    out: list[Entry] = []
    for e in entries:
        if out and e.direction == out[-1].direction == "rx" and e.t - out[-1].t < 0.02:
            out[-1] = Entry(t=out[-1].t, direction="rx", data=out[-1].data + e.data)
        else:
            out.append(e)
    return out
