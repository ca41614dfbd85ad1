"""A sans-I/O reading of an AT byte stream, both ways, so that a fault knows what it is changing.

The :class:`Tracker` is fed the bytes the suite sends (:meth:`Tracker.from_suite`) and the bytes the
target answers (:meth:`Tracker.from_target`) and cuts them into :class:`Piece` s: command-line
characters and the S3 that ends a command line; response lines with their line ends, flagged as the
echo, a final result code or a payload header; bare line ends; the ``>`` prompt; counted payload bytes;
online data. Faults act on pieces, never inside a payload's counted bytes or online data unless that is
their whole point.

It is an independent reading of the documents (like the emulator, it never imports the harness):

- V.250 §5.2.1: a command line starts with ``AT`` and ends with S3 (CR); §6.2.4 ``E``: the echo;
  §6.2.6 ``V0``: numeric result codes ``<code><CR>``; §5.7.1: verbose responses are
  ``<CR><LF>text<CR><LF>``; a line end is CR, LF or CR LF here, as the suite's engine reads them.
- Final result codes: V.250 §5.7.2 Table 1 (OK, CONNECT, NO CARRIER, ERROR, NO DIALTONE, BUSY,
  NO ANSWER), 3GPP TS 27.007 §9.2 ``+CME ERROR``, TS 27.005 §3.2.5 ``+CMS ERROR``, and the vendors' own
  finals of the dialect tables (:mod:`faults.dialects`).
- Payloads read by count: the payload headers of the dialect tables, whose line end (or, for an inline
  header, the header itself) is followed by exactly ``<n>`` raw bytes; and the bodies a table announces
  (a command whose response is a line end, then as many bytes as an earlier unsolicited line said).
- Online data state: after ``CONNECT`` every byte is data until ``<CR><LF>NO CARRIER<CR><LF>``, or
  ``<CR><LF>OK<CR><LF>`` once the suite sent the escape ``+++`` (telit-ssl-ug §5.1.1).

A response line is held until its line end arrives, so that a fault can decide about the whole line
(drop a final result code, cut it in the middle); the prompt, an inline payload header and online data
are passed at once. A partial line held longer than :data:`HOLD` is released by :meth:`Tracker.release`
(a target that never ends its lines must not be muted by the fault link).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from faults.dialects import ALL, Table

#: How long a partial line (or the possible start of an online-data ending) is held back before
#: :meth:`Tracker.release` lets it through anyway, in seconds.
HOLD = 0.1
#: A header announcing more than this is not taken as a payload header (no dialect announces so much).
MAX_PAYLOAD = 16 * 1024 * 1024

_CR, _LF = 0x0D, 0x0A

# V.250 §5.7.2 Table 1, 27.007 §9.2, 27.005 §3.2.5; the vendors' finals come from the dialect tables.
_VERBOSE_FINAL = re.compile(r"OK|ERROR|NO CARRIER|NO DIALTONE|BUSY|NO ANSWER|CONNECT( .*)?|\+CM[ES] ERROR:.*")
# V.250 §5.7.2 Table 1, numeric forms (ATV0): 0 OK, 1 CONNECT, 3 NO CARRIER, 4 ERROR, 6-8 the rest.
_NUMERIC_FINAL = frozenset({"0", "1", "3", "4", "6", "7", "8"})
_ERROR_FINAL = re.compile(r"ERROR|4|\+CM[ES] ERROR:.*")
# V.250 §6.2.4 (E) and §6.2.6 (V) among the basic commands at the start of a command line.
_ECHO_CMD = re.compile(r"AT(?:&?[A-DF-Z]\d*)*E(\d?)", re.IGNORECASE)
_VERBOSE_CMD = re.compile(r"AT(?:&?[A-UW-Z]\d*)*V(\d?)", re.IGNORECASE)

_ENDINGS_ONLINE = b"\r\nNO CARRIER\r\n"
_ENDING_ESCAPED = b"\r\nOK\r\n"


def _count(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    """The count ``n`` the first of ``patterns`` that matches all of ``text`` announces, or ``None`` (also
    for a count above :data:`MAX_PAYLOAD`, which is not taken for a header)."""
    for pattern in patterns:
        m = pattern.fullmatch(text)
        if m and int(m.group("n")) <= MAX_PAYLOAD:
            return int(m.group("n"))
    return None


def echo_setting(line: str) -> bool | None:
    """What a command line sets the echo to (V.250 §6.2.4: ``ATE1`` on, ``ATE0``/``ATE`` off), or ``None``."""
    m = _ECHO_CMD.match(line.strip())
    return None if m is None else m.group(1) == "1"


class Kind(enum.Enum):
    """What a :class:`Piece` of the stream is."""

    # suite -> target
    COMMAND = "command"  # characters of a command line not yet ended
    END = "end"  # the S3 (CR) that ends a command line; ``text`` is the line
    INPUT = "input"  # data after a prompt, or online data, from the suite
    # target -> suite
    LINE = "line"  # a line with its line end (``eol``)
    EOL = "eol"  # a line end alone (the CR LF that opens a verbose response, V.250 §5.7.1)
    PROMPT = "prompt"  # the ">" of a command that reads data
    HEADER = "header"  # an inline payload header (a dialect table's): its data follow on the same line
    PAYLOAD = "payload"  # bytes announced by a header, read by count
    DATA = "data"  # online data, the echo of prompt input, or a partial line released on time


@dataclass(frozen=True, kw_only=True)
class Piece:
    """A run of bytes of one kind; ``data`` is exactly what to forward if the fault changes nothing."""

    kind: Kind
    data: bytes
    #: LINE: the whole line without its end (also the part released earlier); END: the command line.
    text: str = ""
    #: LINE / EOL: the line end at the end of ``data`` (CR LF, CR or LF).
    eol: bytes = b""
    #: LINE: a final result code of the pending command.
    final: bool = False
    #: LINE: the echo of the pending command line (V.250 §6.2.4).
    echo: bool = False
    #: A command was pending when this piece arrived (it belongs to that command's response).
    solicited: bool = False
    #: The first piece of the pending command's response (the echo, if any, included).
    first: bool = False
    #: LINE / HEADER: the payload length this header announces.
    announces: int | None = None
    #: PAYLOAD: these bytes complete the announced count.
    last: bool = False
    #: EOL: the LF of a CR LF whose CR ended the previous piece.
    continuation: bool = False
    #: The number of the command (1-based, counted from the link's start) this piece belongs to; 0 if none.
    command: int = 0

    @property
    def body(self) -> bytes:
        """``data`` without its line end."""
        return self.data[: len(self.data) - len(self.eol)]


class Tracker:
    """Reads both directions of one link; see the module docstring.

    ``table`` is the vendor framing it knows (:mod:`faults.dialects`): by default the union of every
    registered vendor's table, since a fault link does not know which module is behind it.
    """

    def __init__(self, table: Table | None = None) -> None:
        #: The dialect table whose finals, payload headers and announced bodies this tracker reads.
        self.table = ALL if table is None else table
        self._inline = tuple(h.pattern for h in self.table.headers if h.inline)
        self._headers = tuple(h.pattern for h in self.table.headers if not h.inline)
        self.reset()

    def reset(self) -> None:
        """Back to the state of a module just switched on (V.250 defaults E1, V1) with nothing pending."""
        #: The command line whose final result code has not come yet.
        self.pending: str | None = None
        #: Command lines ended so far.
        self.commands = 0
        #: Final result codes seen so far.
        self.finals = 0
        #: The module's echo setting as last seen (V.250 §6.2.4, default 1).
        self.echo = True
        #: Numeric result codes in force (V.250 §6.2.6, ATV0).
        self.numeric = False
        #: The target printed a prompt and reads the suite's data until its final result code.
        self.prompted = False
        #: Online data state (after CONNECT).
        self.online = False
        #: The suite sent +++ in online data state: an OK ends it.
        self.escaped = False
        self._numeric_before = False
        self._responded = False
        self._prompt_space = False
        self._input_echo = bytearray()  # input sent after the prompt, whose echo may come back
        self._cmd = bytearray()
        self._line = bytearray()
        self._line_sent = 0
        self._line_since = 0.0
        self._lf_pending = False
        self._payload_left = 0
        self._raw_next: int | None = None
        self._announced: dict[int, int] = {}  # index in table.announced -> the size last announced
        self._held = b""
        self._held_since = 0.0
        self._plus = 0

    @property
    def lf_pending(self) -> bool:
        """The last byte from the target was a CR ending a line: an LF may still come to complete it."""
        return self._lf_pending

    # ------------------------------------------------------------------ suite -> target
    def from_suite(self, data: bytes) -> list[Piece]:
        """Cut bytes the suite sends into COMMAND, END and INPUT pieces."""
        out: list[Piece] = []
        run = bytearray()
        run_kind = Kind.COMMAND

        def flush() -> None:
            if run:
                out.append(Piece(kind=run_kind, data=bytes(run), solicited=self.pending is not None,
                                 command=self.commands))
                run.clear()

        for byte in data:
            kind = Kind.INPUT if (self.online or self.prompted) else Kind.COMMAND
            if kind is not run_kind:
                flush()
                run_kind = kind
            if self.online:
                # The escape +++ (telit-ssl-ug §5.1.1; its guard times are the suite's business).
                self._plus = self._plus + 1 if byte == ord("+") else 0
                self.escaped = self.escaped or self._plus >= 3
                run.append(byte)
            elif self.prompted:
                run.append(byte)
                self._input_echo.append(byte)
            elif byte == _CR:
                flush()
                line = self._cmd.decode("latin-1")
                self._cmd.clear()
                self._end_command(line)
                out.append(Piece(kind=Kind.END, data=b"\r", text=line, solicited=self.pending is not None,
                                 command=self.commands))
            else:
                self._cmd.append(byte)
                run.append(byte)
        flush()
        return out

    def _end_command(self, line: str) -> None:
        # V.250 §5.2.1: only a line that starts with AT is a command (the rest is ignored by the DCE).
        if not line.lstrip().upper().startswith("AT"):
            return
        line = line.lstrip()
        self.commands += 1
        self.pending = line
        self._responded = False
        self._numeric_before = self.numeric
        v = _VERBOSE_CMD.match(line)
        if v:
            # ATV0 answers its own result code in the new form (V.250 §6.2.6); undone on an error.
            self.numeric = v.group(1) in ("", "0")
        # A command that reads a body an earlier unsolicited line announced (the dialect tables).
        self._raw_next = next(
            (self._announced.get(i) for i, body in enumerate(self.table.announced) if body.command.match(line)),
            None,
        )

    # ------------------------------------------------------------------ target -> suite
    def from_target(self, data: bytes, now: float) -> list[Piece]:
        """Cut bytes the target sends into LINE, EOL, PROMPT, HEADER, PAYLOAD and DATA pieces."""
        out: list[Piece] = []
        self._feed(data, now, out)
        return out

    def _feed(self, data: bytes, now: float, out: list[Piece]) -> None:
        i, n = 0, len(data)
        while i < n:
            if self.online:
                self._online(data[i:], now, out)
                return
            if self._lf_pending:
                self._lf_pending = False
                if data[i] == _LF:
                    out.append(self._piece(Kind.EOL, b"\n", eol=b"\n", continuation=True))
                    i += 1
                    continue
            if self._payload_left:
                chunk = data[i : i + self._payload_left]
                i += len(chunk)
                self._payload_left -= len(chunk)
                out.append(self._piece(Kind.PAYLOAD, chunk, last=self._payload_left == 0))
                continue
            if (self._prompt_space or self._input_echo) and not self._line:
                # After the prompt: its space, then the echo of the suite's input byte for byte (V.250
                # §6.2.4), CR and LF included; the first byte that differs ends the echo.
                j = i
                while j < n and self._prompt_space and data[j] == 0x20:
                    j += 1
                if j < n:
                    self._prompt_space = False
                while j < n and self._input_echo and data[j] == self._input_echo[0]:
                    del self._input_echo[0]
                    j += 1
                if j < n and self._input_echo:
                    self._input_echo.clear()
                if j > i:
                    out.append(self._piece(Kind.DATA, data[i:j]))
                    i = j
                    continue
            byte = data[i]
            i += 1
            if byte in (_CR, _LF):
                eol = bytes([byte])
                if byte == _CR:
                    if i < n and data[i] == _LF:
                        eol += b"\n"
                        i += 1
                    elif i >= n:
                        self._lf_pending = True
                line, sent = bytes(self._line), self._line_sent
                self._line.clear()
                self._line_sent = 0
                if line:
                    out.append(self._line_piece(line, sent, eol))
                else:
                    out.append(self._piece(Kind.EOL, eol, eol=eol))
                    if self._raw_next is not None and self.pending is not None:
                        # An announced body: the line end that opens the response, then the body by count.
                        self._payload_left, self._raw_next = self._raw_next, None
                continue
            if len(self._line) == self._line_sent:
                self._line_since = now  # the oldest byte not yet passed on
            self._line.append(byte)
            if byte == ord(">") and len(self._line) == 1 and self.pending is not None and not self.prompted:
                # The prompt of a command that reads data ("> ", telit-ssl-ug §4.7.3, quectel-gsm-ssl §2.2.4).
                self._line.clear()
                self.prompted = True
                self._prompt_space = True
                self._input_echo.clear()
                out.append(self._piece(Kind.PROMPT, b">"))
            elif byte == ord(","):
                header = bytes(self._line)
                text = header.decode("latin-1")
                count = _count(self._inline, text)
                if count is not None:
                    self._line.clear()
                    sent, self._line_sent = self._line_sent, 0
                    self._payload_left = count
                    out.append(self._piece(Kind.HEADER, header[sent:], text=text, announces=count))

    def _piece(self, kind: Kind, data: bytes, *, text: str = "", eol: bytes = b"", final: bool = False,
               echo: bool = False, announces: int | None = None, last: bool = False,
               continuation: bool = False) -> Piece:
        solicited = self.pending is not None
        first = solicited and not self._responded
        if solicited:
            self._responded = True
        return Piece(kind=kind, data=data, text=text, eol=eol, final=final, echo=echo, solicited=solicited,
                     first=first, announces=announces, last=last, continuation=continuation,
                     command=self.commands)

    def _line_piece(self, line: bytes, sent: int, eol: bytes) -> Piece:
        text = line.decode("latin-1")
        solicited = self.pending is not None
        echo = solicited and not self._responded and text == self.pending
        final = solicited and not echo and self._is_final(text)
        announces = None if echo or final else _count(self._headers, text)
        piece = self._piece(Kind.LINE, line[sent:] + eol, text=text, eol=eol, echo=echo, final=final,
                            announces=announces)
        for i, body in enumerate(self.table.announced):
            m = body.announcement.fullmatch(text)
            if m:
                self._announced[i] = int(m.group("n"))
        if final:
            self._finish(text)
        if announces:
            # The payload follows the header's line end; a CR at the chunk's end may still get its LF.
            self._payload_left = announces
        return piece

    def _is_final(self, text: str) -> bool:
        if self.numeric and text in _NUMERIC_FINAL:
            return True
        if _VERBOSE_FINAL.fullmatch(text):
            return True
        return any(f.pattern.fullmatch(text) for f in self.table.finals)

    def _is_error(self, text: str) -> bool:
        if _ERROR_FINAL.fullmatch(text):
            return not (text == "4" and not self.numeric)
        return any(f.error and f.pattern.fullmatch(text) for f in self.table.finals)

    def _finish(self, text: str) -> None:
        line = self.pending or ""
        self.finals += 1
        self.pending = None
        self.prompted = False
        self._prompt_space = False
        self._input_echo.clear()
        self._raw_next = None
        if self._is_error(text):
            self.numeric = self._numeric_before
        else:
            echo = echo_setting(line)
            if echo is not None:
                self.echo = echo  # V.250 §6.2.4: takes effect for the next command
        if text.startswith("CONNECT") or (self.numeric and text == "1"):
            self.online = True
            self.escaped = False
            self._plus = 0

    def _online(self, data: bytes, now: float, out: list[Piece]) -> None:
        window = self._held + data
        self._held = b""
        ends = [_ENDINGS_ONLINE] + ([_ENDING_ESCAPED] if self.escaped else [])
        hits = [(window.find(end), end) for end in ends if end in window]
        if hits:
            at, _ = min(hits)
            if at:
                out.append(self._piece(Kind.DATA, window[:at]))
            self.online = False
            if self.escaped:
                self.pending = "+++"  # the OK (or NO CARRIER) answers the escape
                self._responded = True
            self.escaped = False
            self._plus = 0
            self._feed(window[at:], now, out)
            return
        # Hold back a tail that could start an ending; release() lets it go after HOLD.
        hold = 0
        for end in ends:
            for k in range(min(len(end) - 1, len(window)), 0, -1):
                if window.endswith(end[:k]):
                    hold = max(hold, k)
                    break
        cut = len(window) - hold
        if cut:
            out.append(self._piece(Kind.DATA, window[:cut]))
        if hold:
            self._held = window[cut:]
            self._held_since = now

    # ------------------------------------------------------------------ time
    def deadline(self) -> float | None:
        """When :meth:`release` has something to let go, or ``None``."""
        times = []
        if self._held:
            times.append(self._held_since + HOLD)
        if len(self._line) > self._line_sent:
            times.append(self._line_since + HOLD)
        return min(times) if times else None

    def release(self, now: float) -> list[Piece]:
        """Bytes held longer than :data:`HOLD` (a partial line, a possible online ending), as DATA."""
        out: list[Piece] = []
        if self._held and now >= self._held_since + HOLD:
            out.append(self._piece(Kind.DATA, self._held))
            self._held = b""
        if len(self._line) > self._line_sent and now >= self._line_since + HOLD:
            out.append(self._piece(Kind.DATA, bytes(self._line[self._line_sent :])))
            self._line_sent = len(self._line)
        return out
