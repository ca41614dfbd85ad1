"""Property tests of the emulator's command-line path (line assembler, ``emulator.core.cmdline``, the
executor and the Telit handlers) on any line a DTE may type.

The emulator is the suite's reference target: if a line makes it raise, hang or stay silent, a
conformance run against it reports a harness failure instead of a verdict. Modules are driven
in-process through :meth:`~emulator.core.instance.Instance.feed`, which is synchronous (as in
``tests/emulator/conftest.py``); every feed still runs on a daemon thread that the test waits for with
a deadline, so a hang fails the test instead of stalling CI.

Properties, for any line (random printable text, random bytes, ``AT`` followed by garbage built from
the profile's real command names, forms, quoted and unquoted arguments, ``;``/``,``/``=?``/``?``, or
lines longer than the assembler's buffer), on the Telit profiles he910, le866 and gc864:

1. **No exception** leaves ``Instance.feed``, and the executor's safety net for crashing handlers
   (``handler failed on line ...``, logged at ERROR and answered with a bare ``ERROR``) never fires: a
   handler bug masked as ``ERROR`` would read as a module's refusal.
2. **Echo.** With ATE1 every byte of the line comes back first, unchanged (V.250 §6.2.4).
3. **A final result code ends the answer**, framed with the S3/S4/ATV settings in force when the line
   ends (the line itself may change them): ``OK``, ``ERROR``, ``CONNECT``, ``NO CARRIER`` or
   ``+CME ERROR: <n|text>`` (numeric ``0``/``1``/``3``/``4`` under ATV0), unless ATQ1 suppresses it.
   A line may instead end on the ``> `` prompt of a data command: the DTE then sends ESC (which
   abandons Ctrl-Z-terminated input) and, if the command reads a byte count, NULs until it has its
   count; the final result code must then follow.
4. **The module comes back**: with the settings back at power-on values, ``AT`` answers exactly
   ``<CR><LF>OK<CR><LF>`` after every line, so no line leaves the instance in a data state, with a
   half-typed line, or with output still pending.

Each example switches a fresh module on, so one line's configuration never leaks into another
example. No example can reach the network: the module's set of active PDP contexts is replaced by
one that never holds anything, so #SSLD, #SSLFASTD, #HTTPQRY and #FTPOPEN refuse before dialling.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.core import gsm0707
from emulator.core.instance import Instance
from emulator.core.lineassembler import MAX_LINE
from emulator.core.settings import InstanceSettings
from emulator.module import Module
from emulator.profiles import get_profile
from emulator.telit.dialect import build_table
from emulator.telit.state import TelitState
from tests.fuzz import budget

PROFILES = ("telit/he910", "telit/le866", "telit-gsm/gc864")
DEADLINE = 5.0  # seconds for one feed; every command here answers at once (no network)
ESC, NUL = b"\x1b", b"\x00"
# The largest byte count a prompt reads (#SSLSECDATA <size> is at most 8192 on every platform).
MAX_COUNT = 8192


class _NeverActive(set[int]):
    """A set of active PDP context ids that stays empty: #SGACT answers, but no context comes up, so no
    command of the fuzzed lines can dial out."""

    def add(self, element: int) -> None:
        return None


class _Crashes(logging.Handler):
    """Collects what the emulator logs at ERROR: the executor logs a handler's crash there."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _crashes() -> Iterator[_Crashes]:
    handler = _Crashes()
    logger = logging.getLogger("emulator")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@dataclass(eq=False)
class _Job:
    run: Callable[[], None]
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


_JOBS: queue.SimpleQueue[_Job] = queue.SimpleQueue()
_WORKER: list[threading.Thread] = []


def _work() -> None:
    while True:
        job = _JOBS.get()
        try:
            job.run()
        except BaseException as exc:  # handed to the waiting test
            job.error = exc
        finally:
            job.done.set()


def _within_deadline(run: Callable[[], None], what: str) -> None:
    """Run ``run`` on the feeder thread (a daemon, started once: a thread per feed would double the
    test's time); fail if it has not returned after :data:`DEADLINE`, re-raise what it raised."""
    if not _WORKER:
        _WORKER.append(threading.Thread(target=_work, name="fuzz-feed", daemon=True))
        _WORKER[0].start()
    job = _Job(run)
    _JOBS.put(job)
    assert job.done.wait(DEADLINE), f"{what} did not return within {DEADLINE} s"
    if job.error is not None:
        raise job.error


class Dte:
    """One DTE on instance 1 of a fresh module: feeds bytes within a deadline, returns the output."""

    def __init__(self, profile: str) -> None:
        self.module = Module(get_profile(profile))
        state = self.module.state
        assert isinstance(state, TelitState)
        state.active_cids = _NeverActive()
        self.instance: Instance = self.module.instance(1)
        self._out = bytearray()
        self._lock = threading.Lock()
        self.instance.attach(self._collect)

    def _collect(self, data: bytes) -> None:
        with self._lock:
            self._out += data

    def feed(self, data: bytes) -> bytes:
        """Feed ``data``; return what the instance wrote meanwhile. Fails on a hang or an exception."""
        with self._lock:
            self._out.clear()
        _within_deadline(lambda: self.instance.feed(data), f"feeding {data[:80]!r}")
        with self._lock:
            return bytes(self._out)

    def close(self) -> None:
        self.module.close()


def _final_pattern(s: InstanceSettings) -> re.Pattern[bytes]:
    """A final result code at the very end of an answer, framed per ``s`` (V.250 §5.7.1, 27.007 §9.2)."""
    s3, eol = re.escape(bytes([s.s3])), re.escape(bytes([s.s3, s.s4]))
    if s.verbose:
        return re.compile(rb"(?s)" + eol + rb"(?:OK|ERROR|CONNECT|NO CARRIER|\+CME ERROR: .+?)" + eol + rb"\Z")
    return re.compile(rb"(?s)(?:[0134]|\+CME ERROR: .+?)" + s3 + rb"\Z")


def _prompt(s: InstanceSettings) -> bytes:
    return bytes([s.s3, s.s4]) + b"> "


def _answer(dte: Dte, line: bytes, *, echo: bool) -> bytes:
    """Type ``line`` (CR included) from power-on settings; return the whole answer, the prompt's input
    ended by ESC and NULs if the line asked for some. Checks properties 1 to 3 on the way."""
    settings_ = dte.instance.settings
    settings_.reset()
    settings_.echo = echo
    out = dte.feed(line)
    if echo:
        assert out.startswith(line), f"echo of {line!r} is {out[: len(line) + 8]!r}"
        out = out[len(line) :]
    s = dte.instance.settings
    if out.endswith(_prompt(s)) and not dte.instance.online:
        # A data command waits for its input: abandon it (Ctrl-Z input) or fill its count (NULs past
        # the count are command input again, where they are ignored).
        rest = dte.feed(ESC)
        if s.quiet or not _final_pattern(s).search(rest):
            rest += dte.feed(NUL * MAX_COUNT)
        out += rest
    if not s.quiet:
        assert _final_pattern(s).search(out), f"no final result code ends the answer to {line!r}: {out[-120:]!r}"
    return out


def _probe(dte: Dte) -> None:
    """Property 4: from power-on settings with ATE0, ``AT`` answers exactly OK."""
    dte.instance.settings.reset()
    dte.instance.settings.echo = False
    assert not dte.instance.online
    answer = dte.feed(b"AT\r")
    assert answer == b"\r\nOK\r\n", f"after the line, AT answered {answer!r}"


# --------------------------------------------------------------------------- lines
def _names(profile: str) -> list[str]:
    table = build_table(get_profile(profile))
    return sorted({*table, *(spec.name for spec in gsm0707.CORE_COMMANDS)})


_PRINTABLE = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
_LATIN1 = st.characters(min_codepoint=0x01, max_codepoint=0xFF, exclude_characters="\r")
_SMALL = st.one_of(st.just("1"), st.integers(0, 6).map(str))
_ARG = st.one_of(
    _SMALL,
    st.integers(-3, 70000).map(str),
    st.sampled_from(["", "255", "443", "8192", "99999999999", "0" * 14 + "1", " 1 ", "1.5", "0x10", "\u00b2"]),
    st.text(_PRINTABLE, max_size=8),
    st.text(_LATIN1.filter(lambda c: c != '"'), max_size=10).map(lambda t: f'"{t}"'),
    st.sampled_from(['"', '"unterminated', '""', '"a"b', 'a"b"', ";", "=?", "?", "=", ",", '"x;y"', '"x,y"']),
)
# Basic commands and S-parameters that exist (V.250 §6), then near misses.
_BASIC_OK = st.sampled_from(
    ["E0", "E1", "V0", "V1", "Q0", "Q1", "Z", "&F", "I", "I0", "S3?", "S4?", "S5?", "S12?", "S3=13", "S4=10",
     "S4=0", "S5=8", "S5=127", "S12=5", "S3=", "+CMEE=1", "+CMEE=2", "+CMEE=0"]
)
_BASIC_BAD = st.sampled_from(
    ["E", "E2", "V", "&", "&1", "I9", "X", "D", "S0?", "S5=200", "S3", "S", "S3X", "E" + "9" * 12, "S3=" + "9" * 12]
)
_JUNK = st.text(st.sampled_from(list(',;"=?+#&S% 0123456789abcxyz')), min_size=1, max_size=6)


@st.composite
def _extended(draw: st.DrawFn, names: list[str], *, exact: bool) -> str:
    """An extended command of the profile in one of its forms with small arguments (``exact``), or a
    near miss: a mangled name, a broken form, arguments of any shape."""
    name = draw(st.sampled_from(names))
    if exact:
        form = draw(st.sampled_from(["", "?", "=?", "=", "=", "="]))
        args = st.lists(st.one_of(_SMALL, _SMALL, _ARG), max_size=5)
    else:
        name = draw(st.sampled_from([name, name.lower(), name[:-1], name + "X", name.replace("#", "+"), "#", "+"]))
        form = draw(st.sampled_from(["", "?", "=?", "=", "=", "?X", "=?1"]))
        args = st.lists(_ARG, max_size=6)
    if form == "=":
        form += ",".join(draw(args))
    return name + form


@st.composite
def at_lines(draw: st.DrawFn, profile: str) -> bytes:
    """``AT`` + one to four commands: half of the lines made of real commands (the profile's extended
    commands in their four forms, V.250 basic commands), half with near misses and junk mixed in;
    ``;`` or nothing between; upper or lower case prefix."""
    names = _names(profile)
    if draw(st.booleans()):
        piece = st.one_of(_extended(names, exact=True), _extended(names, exact=True), _BASIC_OK)
    else:
        piece = st.one_of(_extended(names, exact=False), _extended(names, exact=True), _BASIC_OK, _BASIC_BAD, _JUNK)
    parts = draw(st.lists(st.tuples(piece, st.sampled_from([";", ";", "", " ", ";;"])), min_size=1, max_size=4))
    body = "".join(p + sep for p, sep in parts)
    prefix = draw(st.sampled_from(["AT", "at"]))
    return (prefix + body).encode("latin-1") + b"\r"


# Random bytes, with the bytes that mean something to the assembler or the parser mixed in: NUL, BS (S5),
# Ctrl-Z, ESC, quotes, separators.
_SPECIAL = st.sampled_from([b"\x00", b"\x08", b"\x1a", b"\x1b", b'"', b",", b";", b"=", b"?"])
_BYTES = st.lists(st.one_of(st.binary(max_size=8), _SPECIAL), max_size=12).map(b"".join)


@st.composite
def lines(draw: st.DrawFn, profile: str) -> bytes:
    """Any line: ``AT`` + commands or garbage (6 in 10), ``AT`` + random printable text or random bytes,
    a line longer than the assembler's buffer (1 in 10); optionally after bytes that cannot start a
    line (no ``A``/``a``, no CR)."""
    kind = draw(st.integers(0, 9))
    if kind < 6:
        line = draw(at_lines(profile))
    elif kind < 7:
        line = b"AT" + draw(st.text(_PRINTABLE, max_size=60)).encode() + b"\r"
    elif kind < 9:
        line = b"AT" + draw(_BYTES).replace(b"\r", b"") + b"\r"
    else:
        unit = draw(st.sampled_from(["A", "+CGMM", '"', ";", "S3=1", "#SSLEN=1,"]))
        size = draw(st.integers(MAX_LINE - 8, MAX_LINE + 64))
        line = b"AT" + (unit * (size // len(unit) + 1))[:size].encode() + b"\r"
    junk = draw(st.binary(max_size=8))
    return bytes(c for c in junk if c not in b"Aa\r") + line


# --------------------------------------------------------------------------- the properties
@pytest.mark.parametrize("profile_name", PROFILES)
@settings(max_examples=budget(70))
@given(data=st.data())
def test_every_line_gets_a_final_result_code(profile_name: str, data: st.DataObject) -> None:
    """Properties 1-4 for one to six lines typed one after the other into a fresh module (so that
    lines which change the module, #SSLEN=1,1 or #SSLSECDATA, meet the lines after them), each with
    echo on or off."""
    typed = data.draw(st.lists(st.tuples(lines(profile_name), st.booleans()), min_size=1, max_size=6), label="lines")
    dte = Dte(profile_name)
    try:
        with _crashes() as crashes:
            for line, echo in typed:
                _answer(dte, line, echo=echo)
                assert not crashes.records, f"a handler crashed on {line!r}: {crashes.records[0].getMessage()}"
                _probe(dte)
    finally:
        dte.close()


_FORMS = st.sampled_from(["", "?", "=?", "=", "=", "="])
_ARGS = st.lists(st.one_of(_SMALL, _SMALL, _ARG), max_size=5).map(",".join)
_STRINGS = st.sampled_from(['"example.test"', '"10.0.0.1"', '""', '"a,b;c"', '"/index.html"', "x"])


def _announced(answer: bytes) -> list[list[str]]:
    """The values a test form announces, per subparameter: ``#SSLSECDATA: (1-6),(0-3),(0-2),(1-8192)``
    gives ``[["1", "6", ..., "7"], ["0", "3", ..., "4"], ...]`` (both ends, thrice, and one past); an
    empty field (a string subparameter such as #SSLD's host) gives ``[]``."""
    text = answer.decode("latin-1").strip().split("\r\n")[0]
    if ": " not in text:
        return []
    fields, depth, current = [], 0, ""
    for char in text.split(": ", 1)[1] + ",":
        if char == "," and depth == 0:
            fields.append(current)
            current = ""
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current += char
    values: list[list[str]] = []
    for field_ in fields:
        choices: list[str] = []
        for part in field_.strip("()").split(","):
            low, _, high = part.partition("-")
            if low.isdigit():
                choices += [low, high or low] * 3 + [str(int(high or low) + 1)]  # mostly in range
            elif part:
                choices.append(part)
        values.append(choices)
    return values


def _in_range(values: list[list[str]]) -> st.SearchStrategy[str]:
    """Arguments built from what the test form announced: each subparameter at an end of its range (or
    one past it), a string where the field is empty, some omitted, the list cut short or not."""
    fields = [st.sampled_from([*choices, ""]) if choices else _STRINGS for choices in values]
    if not fields:
        return st.just("")
    cut = st.sampled_from([len(fields), len(fields), *range(1, len(fields))])
    return cut.flatmap(lambda n: st.tuples(*fields[:n])).map(",".join)


@pytest.mark.parametrize("profile_name", PROFILES)
@settings(max_examples=budget(25))
@given(data=st.data())
def test_every_command_in_every_form_gets_a_final_result_code(profile_name: str, data: st.DataObject) -> None:
    """Properties 1-4 for every extended command of the profile, in a form and with arguments drawn for
    it (half of the time from the ranges its test form ``=?`` announces), one line each, in the table's
    order then shuffled, all into one module: every handler runs in every example, whatever hypothesis
    happens to draw. SSL socket 1 is enabled first (and, half of
    the time, set to DER), so that its commands get past "socket not enabled" into their deeper
    branches, #SSLSECDATA's prompt included."""
    names = _names(profile_name)
    order = data.draw(st.permutations(names), label="order")
    echo = data.draw(st.booleans(), label="echo")
    preamble = ["AT#SSLEN=1,1\r", *(["AT#SSLSECCFG=1,0,0,0\r"] if data.draw(st.booleans(), label="der") else [])]
    dte = Dte(profile_name)
    try:
        with _crashes() as crashes:
            for line in preamble:
                _answer(dte, line.encode(), echo=echo)
            announced = {name: _announced(_answer(dte, f"AT{name}=?\r".encode(), echo=False)) for name in names}
            for name in [*names, *order]:
                form = data.draw(_FORMS, label=name)
                if form == "=":
                    form += data.draw(st.one_of(_in_range(announced[name]), _ARGS), label=f"{name} arguments")
                line = f"AT{name}{form}\r".encode("latin-1")
                _answer(dte, line, echo=echo)
                assert not crashes.records, f"a handler crashed on {line!r}: {crashes.records[0].getMessage()}"
                _probe(dte)
    finally:
        dte.close()


@pytest.mark.parametrize("profile_name", PROFILES)
@settings(max_examples=budget(25))
@given(data=st.data())
def test_data_prompts_end_and_the_module_comes_back(profile_name: str, data: st.DataObject) -> None:
    """Properties 3 and 4 through the prompt of #SSLSECDATA (the one data command that needs no
    connection): PEM input ended by Ctrl-Z or ESC, DER input by its byte count, any bytes typed."""
    dte = Dte(profile_name)
    try:
        assert dte.feed(b"ATE0\r").endswith(b"OK\r\n")
        assert dte.feed(b"AT#SSLEN=1,1\r") == b"\r\nOK\r\n"
        der = profile_name != "telit-gsm/gc864" and data.draw(st.booleans(), label="der")
        if der:
            assert dte.feed(b"AT#SSLSECCFG=1,0,0,0\r") == b"\r\nOK\r\n"  # <cert_format> 0: DER
        size = data.draw(st.integers(1, 64), label="size")
        kind = data.draw(st.integers(0, 2), label="kind")
        ask = f"AT#SSLSECDATA=1,1,{kind},{size}\r".encode() if profile_name != "telit-gsm/gc864" else (
            f"AT#SSLSECDATA=1,1,{kind}\r".encode()
        )
        with _crashes() as crashes:
            out = dte.feed(ask)
            if out.endswith(b"\r\n> "):
                # No 'A'/'a': bytes past a DER count are command input again, and must not start a line.
                typed = data.draw(st.binary(max_size=80).map(lambda b: bytes(c for c in b if c not in b"Aa")),
                                  label="input")
                end = data.draw(st.sampled_from([b"\x1a", b"\x1b", b""]), label="end")
                out = dte.feed(typed + end)
                if not _final_pattern(dte.instance.settings).search(out):
                    out += dte.feed(ESC) + dte.feed(NUL * MAX_COUNT)
            assert _final_pattern(dte.instance.settings).search(out), f"{ask!r} ended with {out[-80:]!r}"
            assert not crashes.records, crashes.records[0].getMessage()
        _probe(dte)
    finally:
        dte.close()
