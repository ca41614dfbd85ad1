"""The AT engine: bytes in, events out; it never touches a port (sans-I/O, modelled on h11).

Theory of operation
-------------------
The host sends one command line at a time (:meth:`Engine.send` returns the bytes to write); the target
answers with lines and, for some commands, raw bytes. The engine splits what it is fed into lines (CR,
LF or CR LF end a line, V.250 §5.7.1) and classifies each line by the state it is in:

====================  =========================================================================
state                 what a line can be
====================  =========================================================================
``IDLE``              an unsolicited result code (URC), known to the dialect or not; an unsolicited
                      ``CONNECT`` (the module went online by itself) enters ``ONLINE``
``AWAIT``             echo of the command, information text, a final result code, a URC, the
                      prompt the command declared, or a header that announces N raw bytes
``PROMPTED``          the target waits for our input after ``>`` / ``CONNECT``; a final result
                      here means the target gave up waiting
``ONLINE``            none: after CONNECT every byte is data until ``<CR><LF>NO CARRIER<CR><LF>``
                      or, once we sent the escape ``+++``, ``<CR><LF>OK<CR><LF>``
====================  =========================================================================

A response ends on a final result code, never on silence: the engine never guesses that a response is
over because nothing arrived (deadlines are the caller's job). When a URC and a solicited line share a
prefix (quectel-gsm-ssl §2.2.2: ``+QSSLOPEN:`` answers ``AT+QSSLOPEN=?`` and is the URC after ``AT+QSSLOPEN=...``),
the pending command decides: a line named like the pending command is information text.

Length-prefixed payloads are read by count, not by line, so their bytes may hold CR, LF, ``>`` or 0x1A.
Illegal moves raise :class:`~harness.errors.LocalProtocolError` (the caller's bug) or
:class:`~harness.errors.RemoteProtocolError` (the target's), and name the state.
"""

from __future__ import annotations

import enum
import re
from collections import deque
from dataclasses import dataclass

from harness.dialects import Dialect, PayloadRule
from harness.errors import LocalProtocolError, RemoteProtocolError
from harness.events import (
    NEED_DATA,
    Echo,
    Event,
    FinalResult,
    InformationLine,
    OnlineData,
    Payload,
    Prompt,
    ResultKind,
    Urc,
    _Sentinel,
)

#: A line longer than this without a terminator is a broken target, not a slow one.
MAX_LINE = 64 * 1024
#: A number in a response (error code, byte count) longer than this is not one (and int() of a very long
#: one raises ValueError past Python's 4300-digit limit).
MAX_CODE_DIGITS = 9
#: No dialect announces a payload this large (quectel-ec200-ssl §2.2.4: 1500; telit: 1300 per URC).
MAX_PAYLOAD = 16 * 1024 * 1024

_CR, _LF = 0x0D, 0x0A

# V.250 §5.7.2 Table 1: numeric result codes (ATV0).
_NUMERIC_FINALS = {
    "0": ResultKind.OK,
    "1": ResultKind.CONNECT,
    "3": ResultKind.NO_CARRIER,
    "4": ResultKind.ERROR,
}
_CME = re.compile(r"\+(CME|CMS) ERROR: ?(?P<rest>.*)$")
# A line that reads like a result code without being one of the tables' (a vendor's own error line): only
# for naming it when a response never ends, never to end one (a response ends on a known final only).
_LOOKS_FINAL = re.compile(r"ERROR|FAIL|\bOK\b|NO CARRIER|BUSY|NO ANSWER|NO DIALTONE", re.IGNORECASE)
_COMMAND_NAME = re.compile(r"^AT([+#$%^][A-Z0-9_]+)", re.IGNORECASE)
# Basic commands before any extended one: E0, V1, &F, S3=13 ...; only V matters to the engine.
_BASIC_V = re.compile(r"^AT(?:&?[A-UW-Z](?:\d+)?)*V([01])", re.IGNORECASE)
_BASIC_E = re.compile(r"^AT(?:&?[A-DF-Z](?:\d+)?)*E([01])", re.IGNORECASE)


class State(enum.Enum):
    """Where the engine is in the command/response cycle (see the module docstring)."""

    IDLE = "idle"
    AWAIT = "await"
    PROMPTED = "prompted"
    ONLINE = "online"
    BROKEN = "broken"


@dataclass(frozen=True, kw_only=True)
class Command:
    """One command line to send. ``prompt`` declares that the target will ask for input data
    (``>`` or ``> `` for uploads, ``CONNECT`` for some: the dialect tables say which)."""

    line: str
    prompt: str | None = None
    #: The response starts with exactly this many raw bytes after CR LF (the caller knows the size, for
    #: example from an earlier URC that announced the body), read by count like a payload.
    raw_bytes: int | None = None

    def __post_init__(self) -> None:
        if not self.line[:2].upper() == "AT" and self.line != "+++":
            raise LocalProtocolError(f"a command line starts with AT (V.250 §5.2.1): {self.line!r}")
        if any(c in self.line for c in "\r\n"):
            raise LocalProtocolError(f"a command line holds no CR or LF; the engine adds S3: {self.line!r}")
        if self.prompt not in (None, ">", "CONNECT"):
            raise LocalProtocolError(f"unknown prompt {self.prompt!r}")
        if self.raw_bytes is not None and (self.raw_bytes < 0 or self.prompt is not None):
            raise LocalProtocolError(f"raw_bytes must be >= 0 and exclude a prompt: {self!r}")

    @property
    def name(self) -> str:
        """The extended command's name in upper case (``+CGDCONT``, ``+CMEE``), or ``""``."""
        m = _COMMAND_NAME.match(self.line)
        return m.group(1).upper() if m else ""


class Engine:
    """The sans-I/O AT engine for one AT instance of one target.

    Feed received bytes with :meth:`receive_data`, take events with :meth:`next_event` until it returns
    :data:`NEED_DATA`, and write whatever :meth:`send`, :meth:`send_payload` and :meth:`escape` return.
    """

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.state = State.IDLE
        self.numeric = False  # ATV0 in force (V.250 §6.2.6)
        #: Whether the target echoes commands (ATE1), as last observed; None until a command has ended.
        self.echo_on: bool | None = None
        #: What the last successful ATE command set (V.250 §6.2.4); None until one ran.
        self.echo_set: bool | None = None
        self._pending: Command | None = None
        self._numeric_before: bool = False
        self._buf = bytearray()
        self._line = bytearray()
        self._events: deque[Event] = deque()
        self._skip_lf = False
        self._echo_seen = False
        self._echo_expect = b""  # raw echo expected of a payload sent after a prompt
        self._echo_got = bytearray()
        self._payload_left = 0
        self._payload = bytearray()
        self._payload_urc: str | None = None  # header text when the payload belongs to a URC
        self._payload_after_crlf = False  # payload starts after the header's CR LF
        self._swallow_spaces = False
        self._escaped = False
        self._closed = False
        self._raw_pending: int | None = None  # Command.raw_bytes not yet started
        # What the pending command has got so far, for a response that never ends (unfinished()).
        self._response_lines: list[str] = []
        self._response_bytes = 0
        self._response_prompted = False

    # ----------------------------------------------------------------- host side
    @property
    def pending(self) -> Command | None:
        """The command whose response has not ended, if any."""
        return self._pending

    def send(self, command: Command | str) -> bytes:
        """Start ``command``; return the bytes to write (the line and S3=CR, V.250 §5.2.1)."""
        cmd = Command(line=command) if isinstance(command, str) else command
        if self.state is not State.IDLE:
            raise LocalProtocolError(
                f"cannot send {cmd.line!r} in state {self.state.value}"
                + (f" (pending: {self._pending.line!r})" if self._pending else "")
            )
        self._pending = cmd
        self._echo_seen = False
        self.state = State.AWAIT
        self._response_lines, self._response_bytes, self._response_prompted = [], 0, False
        self._raw_pending = cmd.raw_bytes
        m = _BASIC_V.match(cmd.line)
        self._numeric_before = self.numeric
        if m:
            # ATV0 answers its own result in the new form (V.250 §6.2.6), so switch now; undone on error.
            self.numeric = m.group(1) == "0"
        return cmd.line.encode("latin-1") + b"\r"

    def send_payload(self, data: bytes) -> bytes:
        """After a :class:`Prompt`, return ``data`` to write (add 0x1A yourself where the command wants it)."""
        if self.state is not State.PROMPTED:
            raise LocalProtocolError(f"no prompt to answer in state {self.state.value}")
        self.state = State.AWAIT
        # Keep _swallow_spaces: the prompt's space may still be on its way; _match_echo drops one.
        self._echo_expect = bytes(data)
        self._echo_got.clear()
        return bytes(data)

    def abandon(self) -> bytes:
        """Give up the pending command after its deadline (a module that slept through it, V.250 leaves
        the case open): drop what was received of it and return to IDLE. Returns the bytes dropped."""
        if self.state not in (State.AWAIT, State.PROMPTED):
            raise LocalProtocolError(f"nothing to abandon in state {self.state.value}")
        dropped = self.partial
        self._pending = None
        self.state = State.IDLE
        self.numeric = self._numeric_before
        self._buf.clear()
        self._line.clear()
        self._echo_expect = b""
        self._echo_got.clear()
        self._payload_left = 0
        self._payload.clear()
        self._payload_urc = None
        self._payload_after_crlf = False
        self._swallow_spaces = False
        self._raw_pending = None
        return dropped

    def escape(self) -> bytes:
        """In online data state, return the escape sequence ``+++`` (the guard times are the caller's)."""
        if self.state is not State.ONLINE:
            raise LocalProtocolError(f"escape +++ only in online data state, not {self.state.value}")
        self._escaped = True
        self._pending = Command(line="+++")
        return b"+++"

    def send_online(self, data: bytes) -> bytes:
        """In online data state, return ``data`` to write as it is."""
        if self.state is not State.ONLINE:
            raise LocalProtocolError(f"online data only in online data state, not {self.state.value}")
        return bytes(data)

    # --------------------------------------------------------------- target side
    def receive_data(self, data: bytes) -> None:
        """Feed bytes received from the target; ``b""`` means the link closed."""
        if data == b"":
            self._closed = True
            return
        if self.state is State.BROKEN:
            raise RemoteProtocolError("the engine stopped after an earlier protocol error")
        if self._pending is not None:
            self._response_bytes += len(data)
        self._buf += data

    def next_event(self) -> Event | _Sentinel:
        """Return the next event, or :data:`NEED_DATA` when more bytes are needed."""
        if self.state is State.BROKEN:
            raise RemoteProtocolError("the engine stopped after an earlier protocol error")
        if not self._events:
            try:
                self._process()
            except RemoteProtocolError:
                self.state = State.BROKEN
                raise
        return self._events.popleft() if self._events else NEED_DATA

    def flush_online(self) -> None:
        """Release online bytes held back as a possible start of NO CARRIER / OK (call on a deadline)."""
        if self.state is State.ONLINE and self._buf:
            self._events.append(OnlineData(data=bytes(self._buf)))
            self._buf.clear()

    @property
    def answered(self) -> bool:
        """Whether the pending command got a line (other than its echo) or part of one."""
        return self._pending is not None and bool(self._response_lines or self.partial)

    def unfinished(self) -> str:
        """What the pending command got although its response has not ended: for the error of a deadline
        that passed before a final result code. It names the lines already read, and says whether the module
        was silent or answered in a form the dialect's tables do not know (an error line outside them, a
        reply in place of the prompt the command waits for)."""
        if self._pending is None:
            return "no command pending"
        partial = self.partial
        lines = self._response_lines
        if not self._response_bytes:
            return "the module was silent: not a byte came after the command"
        if not lines and not partial:
            if self._echo_seen:
                return "the module was silent after the echo of the command: no response line, no final result code"
            return "the module sent no response line (only unsolicited codes or empty lines), no final result code"
        said = " | ".join(repr(line) for line in lines)
        parts = [
            f"the module answered {len(lines)} line(s) with no final result code the tables know: {said}"
            if lines
            else "the module answered no complete line"
        ]
        finals = [line for line in lines if _LOOKS_FINAL.search(line)]
        if finals:
            parts.append(
                f"{', '.join(map(repr, finals))} reads like a result code the {self.dialect.name} tables do not list"
            )
        if self._pending.prompt is not None and not self._response_prompted and (lines or partial):
            parts.append(f"in place of the prompt {self._pending.prompt!r} the command waits for")
        if partial:
            parts.append(f"then an unterminated line {partial[-200:]!r}")
        return "; ".join(parts)

    @property
    def partial(self) -> bytes:
        """Bytes received but not yet in any event (a line without its end, a payload in progress)."""
        return bytes(self._echo_got + self._line + self._payload + self._buf)

    # ------------------------------------------------------------------ parsing
    def _process(self) -> None:
        while self._buf and not self._events:
            if self.state is State.ONLINE:
                if not self._process_online():
                    return  # only a possible ending is left: wait for more bytes
                continue
            if self._payload_left:
                self._take_payload()
                continue
            if self._echo_expect:
                self._match_echo()
                continue
            byte = self._buf[0]
            del self._buf[0]
            self._process_byte(byte)

    def _process_byte(self, byte: int) -> None:
        if self._swallow_spaces:
            self._swallow_spaces = False  # the one space of "> "
            if byte == 0x20:
                return
        if self._payload_after_crlf:
            self._payload_after_crlf = False
            if byte == _LF and self._skip_lf:
                self._skip_lf = False
                return
            self._buf.insert(0, byte)
            return
        if byte in (_CR, _LF):
            if byte == _LF and self._skip_lf:
                self._skip_lf = False
                return
            self._skip_lf = byte == _CR
            line, self._line = bytes(self._line), bytearray()
            if line:
                self._handle_line(line.decode("latin-1"))
            elif self._raw_pending is not None and self.state is State.AWAIT:
                # The CR LF that opens the response: what follows is the declared raw body.
                n, self._raw_pending = self._raw_pending, None
                if n == 0:
                    self._events.append(Payload(data=b"", announced=0))
                else:
                    self._payload_left = n
                    self._payload.clear()
                    self._payload_urc = None
                    self._payload_after_crlf = byte == _CR
            return
        self._skip_lf = False
        self._line.append(byte)
        if len(self._line) > MAX_LINE:
            raise RemoteProtocolError(f"a line of more than {MAX_LINE} bytes without CR or LF")
        if byte == ord(">") and len(self._line) == 1 and self._expects_prompt(">"):
            self._line.clear()
            self._prompted(">")
        elif byte == ord(","):
            self._check_inline_payload()

    def _expects_prompt(self, text: str) -> bool:
        return self.state is State.AWAIT and self._pending is not None and self._pending.prompt == text

    def _prompted(self, text: str) -> None:
        self._response_prompted = True
        self.state = State.PROMPTED
        self._swallow_spaces = text == ">"  # Telit and Quectel print "> " (telit-ssl-ug §4.7.3)
        self._events.append(Prompt(text=text))

    def _check_inline_payload(self) -> None:
        text = self._line.decode("latin-1")
        for rule in self.dialect.payload_rules:
            if rule.inline:
                m = rule.pattern.fullmatch(text)
                if m:
                    self._line.clear()
                    self._start_payload(rule, m, text[:-1], after_crlf=False)
                    return

    def _start_payload(self, rule: PayloadRule, m: re.Match[str], header: str, *, after_crlf: bool) -> None:
        if len(m.group("n")) > MAX_CODE_DIGITS:
            raise RemoteProtocolError(f"{header[:40]!r}...: a byte count of {len(m.group('n'))} digits")
        n = int(m.group("n"))
        if n > MAX_PAYLOAD:
            raise RemoteProtocolError(f"{header!r} announces {n} bytes, more than any dialect allows")
        urc = rule.urc and not self._named_like_pending(header)
        if n == 0:
            self._events.append(Urc(text=header, payload=b"") if urc else Payload(data=b"", announced=0))
            return
        self._payload_left = n
        self._payload.clear()
        self._payload_urc = header if urc else None
        self._payload_after_crlf = after_crlf

    def _take_payload(self) -> None:
        if self._payload_after_crlf:
            # The header's line end: CR LF, or a lone LF; the first byte after it is data.
            byte = self._buf[0]
            if byte == _LF and self._skip_lf:
                del self._buf[0]
            self._skip_lf = False
            self._payload_after_crlf = False
            return
        chunk = self._buf[: self._payload_left]
        del self._buf[: len(chunk)]
        self._payload += chunk
        self._payload_left -= len(chunk)
        if self._payload_left == 0:
            data = bytes(self._payload)
            self._payload.clear()
            if self._payload_urc is not None:
                self._events.append(Urc(text=self._payload_urc, payload=data))
            else:
                self._events.append(Payload(data=data, announced=len(data)))
            self._payload_urc = None

    def _match_echo(self) -> None:
        byte = self._buf[0]
        if byte == _LF and self._skip_lf and not self._echo_got:
            # The LF of a "CONNECT<CR><LF>" prompt line (quectel-gsm-ssl §2.2.7), not the first byte of an echo.
            del self._buf[0]
            self._skip_lf = False
            return
        if byte == 0x20 and self._swallow_spaces and not self._echo_got:
            # The space of the "> " prompt arrived after the payload went out (telit-ssl-ug §4.7.3).
            del self._buf[0]
            self._swallow_spaces = False
            return
        if byte == self._echo_expect[len(self._echo_got)]:
            del self._buf[0]
            self._echo_got.append(byte)
            if len(self._echo_got) == len(self._echo_expect):
                self._events.append(Echo(data=bytes(self._echo_got)))
                self._echo_got.clear()
                self._echo_expect = b""
            return
        # Not an echo (ATE0, or a URC first): what matched so far is ordinary input after all.
        self._buf[0:0] = self._echo_got
        self._echo_got.clear()
        self._echo_expect = b""

    def _named_like_pending(self, text: str) -> bool:
        if self._pending is None or not self._pending.name:
            return False
        name = self._pending.name
        return text.upper().startswith(name) and text[len(name) : len(name) + 1] in (":", " ", "")

    def _handle_line(self, text: str) -> None:
        if text in self.dialect.boot_banners:
            raise RemoteProtocolError(f"the module restarted ({text!r} came unasked): the settings it had are lost")
        if self.state in (State.AWAIT, State.PROMPTED) and self._pending is not None:
            if text in ("NO CARRIER", "RING") and self.echo_on and not self._echo_seen and self._pending.line != "+++":
                # With echo on, a command's result cannot come before its echo: this NO CARRIER is the
                # remote close of a socket (telit-ssl-ug §5.2) racing the command, not its answer.
                self._events.append(Urc(text=text))
                return
            if not self._echo_seen and text == self._pending.line:
                if self.echo_set is False:
                    raise RemoteProtocolError(
                        f"{text!r} came back as an echo although ATE0 turned echo off (V.250 §6.2.4)"
                    )
                self._echo_seen = True  # ATE1 (V.250 §6.2.4): the command line comes back first
                self._events.append(Echo(data=text.encode("latin-1") + b"\r"))
                return
            if text == "CONNECT" and self._expects_prompt("CONNECT"):
                self._prompted("CONNECT")
                return
            final = self._final(text)
            if final is not None:
                self._finish(final)
                return
        if self.state is State.IDLE and (text == "CONNECT" or text.startswith("CONNECT ")):
            # A CONNECT no pending command asked for: the module entered online data state by itself, as
            # after V.250 §6.3.x automatic answering (S0), or after OK and the result URC of a command that
            # opens a connection in transparent mode (quectel-gsm-ssl §2.2.2 <connectmode> 1, errata QGS-23).
            self._events.append(Urc(text=text))
            self.state = State.ONLINE
            self._escaped = False
            return
        urc = self._urc(text)
        if urc is not None:
            return
        if self.state in (State.AWAIT, State.PROMPTED):
            self._information(text)
            return
        # Nothing pending and no table knows it: still unsolicited, marked unknown.
        self._events.append(Urc(text=text, known=False))

    def _information(self, text: str) -> None:
        self._response_lines.append(text)
        for rule in self.dialect.payload_rules:
            if not rule.inline and not rule.urc:
                m = rule.pattern.match(text)
                if m:
                    self._events.append(InformationLine(text=text))
                    self._start_payload(rule, m, text, after_crlf=True)
                    return
        self._events.append(InformationLine(text=text))
        assert self._pending is not None
        if self._pending.name in self.dialect.single_line_commands:
            self._finish(FinalResult(kind=ResultKind.LINE, text=text))

    def _final(self, text: str) -> FinalResult | None:
        if self.numeric and text in _NUMERIC_FINALS:
            return FinalResult(kind=_NUMERIC_FINALS[text], text=text)
        if text == "OK":
            return FinalResult(kind=ResultKind.OK, text=text)
        if text == "ERROR":
            return FinalResult(kind=ResultKind.ERROR, text=text)
        if text == "NO CARRIER":
            return FinalResult(kind=ResultKind.NO_CARRIER, text=text)
        if text == "CONNECT" or text.startswith("CONNECT "):
            return FinalResult(kind=ResultKind.CONNECT, text=text)
        m = _CME.match(text)
        if m:
            kind = ResultKind.CME_ERROR if m.group(1) == "CME" else ResultKind.CMS_ERROR
            rest = m.group("rest").strip()
            if rest.isascii() and rest.isdigit():
                if len(rest) > MAX_CODE_DIGITS:
                    raise RemoteProtocolError(f"{text[:40]!r}...: an error code of {len(rest)} digits")
                return FinalResult(kind=kind, text=text, code=int(rest))
            if not rest:
                raise RemoteProtocolError(f"{text!r} carries neither a number nor a text (27.007 §9.2)")
            return FinalResult(kind=kind, text=text, message=rest)
        for pattern, kind in self.dialect.vendor_finals:
            if pattern.fullmatch(text):
                return FinalResult(kind=kind, text=text)
        return None

    def _finish(self, final: FinalResult) -> None:
        if final.is_error and self._pending is not None and _BASIC_V.match(self._pending.line):
            self.numeric = self._numeric_before
        if self._pending is not None and self._pending.line != "+++":
            e = _BASIC_E.match(self._pending.line)
            if e and final.is_ok:
                self.echo_on = self.echo_set = e.group(1) == "1"  # V.250 §6.2.4: from the next command on
            else:
                self.echo_on = self._echo_seen
        self._events.append(final)
        self._pending = None
        self._echo_expect = b""
        self._swallow_spaces = False
        if final.kind is ResultKind.CONNECT:
            self.state = State.ONLINE
            self._escaped = False
        else:
            self.state = State.IDLE

    def _urc(self, text: str) -> Urc | None:
        for rule in self.dialect.payload_rules:
            if rule.urc and not rule.inline:
                m = rule.pattern.match(text)
                if m and not self._named_like_pending(text):
                    self._start_payload(rule, m, text, after_crlf=True)
                    return Urc(text=text)
        known = (
            any(text.startswith(p) for p in self.dialect.urc_prefixes) and not self._named_like_pending(text)
        ) or any(p.fullmatch(text) for p in self.dialect.urc_patterns)
        if not known and self.state is State.IDLE and text in ("NO CARRIER", "RING"):
            known = True  # V.250 §5.7.2: outside a command these report a remote event
        if not known:
            return None
        urc = Urc(text=text)
        self._events.append(urc)
        return urc

    # ------------------------------------------------------------ online data
    _NO_CARRIER = b"\r\nNO CARRIER\r\n"
    _OK = b"\r\nOK\r\n"

    def _process_online(self) -> bool:
        """Consume online bytes; return False when only a held-back tail is left."""
        if self._skip_lf:
            # The LF of CONNECT's CR LF is framing, not the first data byte.
            self._skip_lf = False
            if self._buf[:1] == b"\n":
                del self._buf[0]
                return True
        ends = [self._NO_CARRIER] + ([self._OK] if self._escaped else [])
        found = [(self._buf.find(e), e) for e in ends]
        hits = [(i, e) for i, e in found if i >= 0]
        if hits:
            i, end = min(hits)
            if i:
                self._events.append(OnlineData(data=bytes(self._buf[:i])))
            del self._buf[: i + len(end)]
            self.state = State.IDLE
            if end == self._OK:
                self._events.append(FinalResult(kind=ResultKind.OK, text="OK"))
            elif self._escaped:
                self._events.append(FinalResult(kind=ResultKind.NO_CARRIER, text="NO CARRIER"))
            else:
                self._events.append(Urc(text="NO CARRIER"))  # remote close (telit-ssl-ug §5.1.1)
            self._pending = None
            self._escaped = False
            return True
        # Hold back a tail that could be the start of an ending; flush_online() releases it on a deadline.
        hold = 0
        for end in ends:
            for k in range(min(len(end) - 1, len(self._buf)), 0, -1):
                if self._buf.endswith(end[:k]):
                    hold = max(hold, k)
                    break
        cut = len(self._buf) - hold
        if cut:
            self._events.append(OnlineData(data=bytes(self._buf[:cut])))
            del self._buf[:cut]
        return bool(cut)
