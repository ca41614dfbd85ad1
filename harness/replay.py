"""Replay a document's example transcript (from ``vectors/<doc>/examples.toml``) on one or two AT instances.

A transcript is one step a line; ``N`` is the AT instance (1 = the first port, 2 = the second)::

    N> COMMAND      send COMMAND; ``N> +++`` is the escape from ONLINE mode, sent between two silences of
                    the guard time the modem is set to (V.250 S12), not a fixed sleep
    N< LINE         an expected line of the pending command's answer; the last one is its final result code
    N>> DATA        bytes the host sends: right after a command, the input its prompt asks for; otherwise
                    data sent in ONLINE mode to the remote end
    N<< DATA        bytes expected: after a response line or a URC line, the payload that line announces;
                    right after a command (and its input), the command's raw output; after a command's final
                    result code (CONNECT) and elsewhere, ONLINE data from the remote end, read with a deadline
    N<! LINE        an expected unsolicited result code, waited for with a deadline (it may have arrived
                    during an earlier command); a ``N<<`` line below it is the payload it carries
    N<!* MAX LINE   the URCs that carry the bytes of the ``N<<`` line below, each filled up to MAX bytes
                    (the last one takes the rest); ``{len}`` in LINE is each one's own byte count
    N>* COMMAND     a polled command ("wait until"): sent again while its answer is the idle answer of the
                    ``N<?`` lines below it, until the deadline; then its answer must be the ``N<`` lines
    N<? LINE        a line of the idle answer of the polled command above

Blank lines are ignored; on every line but a data line, `` ← `` starts a comment (as in the documents).
In DATA, ``\\r``, ``\\n``, ``\\t``, ``\\\\`` and ``\\xHH`` are escapes. Anywhere, ``{name}``,
``{name.attr}`` and ``{name[a:b]}`` are placeholders filled when the transcript is parsed (``{{`` and
``}}`` are braces); in an expected line, ``{?name}`` matches any value (one or more characters other
than a comma) the document leaves open, such as ``<cipher_suite>``, and ``{?name*}`` one that may hold
commas (fields in a shape the document does not fix: an erratum says which). Grammar errors name the line.

A module may print a result URC on either side of the final result code of the command that causes it
(ARCHITECTURE.md "What real modules do that documents don't show"): the lines of a command's answer before
its final result code that match the ``N<!`` lines right after the command, on the same instance, are taken
as those URCs, and ``observe`` is told (an observation, not a verdict).

The grammar names no command of any vendor: which commands prompt, which lines announce payloads and
which lines are URCs is the dialect's business (:mod:`harness.dialects`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from harness.events import ResultKind
from harness.modem import Modem, Response

__all__ = [
    "AnyStep",
    "Escape",
    "Expect",
    "GrammarError",
    "Receive",
    "Send",
    "Step",
    "Urc",
    "UrcStream",
    "instances",
    "parse",
    "replay",
    "run_setup",
    "unescape",
]

#: Deadline of one wait when the caller gives none: an answer, a URC, ONLINE data, a polled command.
DEFAULT_WAIT = 30.0
#: Shortest time between two tries of a polled command.
POLL_INTERVAL = 0.2

_LINE = re.compile(r"(?P<n>\d)(?P<arrow>>>|<<|<!\*|<!|>\*|<\?|>|<) (?P<body>.*)$", re.DOTALL)
_TOKEN = re.compile(r"\{\{|\}\}|\{(?P<expr>[^{}]*)\}")
_EXPR = re.compile(r"(?P<name>[A-Za-z_]\w*)(?P<attrs>(?:\.[A-Za-z_]\w*)*)(?:\[(?P<a>-?\d*):(?P<b>-?\d*)\])?$")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|[rnt\\])")
_ESCAPES = {"r": "\r", "n": "\n", "t": "\t", "\\": "\\"}
_COMMENT = " ← "


class GrammarError(ValueError):
    """A transcript that does not follow the grammar; the message names the line."""


@dataclass(frozen=True)
class Expect:
    """One expected line: ``text`` as the document prints it (wildcards shown as ``{?name}``)."""

    text: str
    regex: re.Pattern[str] | None = None

    def matches(self, got: str, *, tolerate_period: bool = False) -> bool:
        """True when ``got`` is this line (a wildcard matching any value)."""
        candidates = {got}
        if tolerate_period and got.startswith("+CME ERROR:"):
            # An erratum (telit-ssl-ug's TSU-05) says a document prints one verbose error with a final period.
            candidates |= {got.removesuffix("."), got + "."}
        if self.regex is None:
            return self.text in candidates
        return any(self.regex.fullmatch(c) for c in candidates)


@dataclass(frozen=True)
class Step:
    """One command (``N> COMMAND`` or ``N>* COMMAND``) and what it must produce.

    ``expected`` holds the response lines as the document prints them, the final result code last;
    ``data`` the input sent after the prompt; ``payloads`` the payloads its lines announce; ``raw``
    says that the first payload is the command's raw output (no line announces it); ``idle`` is the
    idle answer of a polled command.
    """

    instance: int
    command: str
    expected: tuple[str, ...]
    lineno: int
    data: bytes | None = None
    payloads: tuple[bytes, ...] = ()
    raw: bool = False
    idle: tuple[Expect, ...] | None = None
    lines: tuple[Expect, ...] = ()


@dataclass(frozen=True)
class Escape:
    """``N> +++``: leave ONLINE mode; ``expected`` is the answer (``OK``)."""

    instance: int
    expected: tuple[str, ...]
    lineno: int
    lines: tuple[Expect, ...] = ()


@dataclass(frozen=True)
class Send:
    """``N>> DATA`` in ONLINE mode."""

    instance: int
    data: bytes
    lineno: int


@dataclass(frozen=True)
class Receive:
    """``N<< DATA`` in ONLINE mode: exactly these bytes from the remote end."""

    instance: int
    data: bytes
    lineno: int


@dataclass(frozen=True)
class Urc:
    """``N<! LINE``, and the payload it carries when a ``N<<`` line follows."""

    instance: int
    line: Expect
    lineno: int
    payload: bytes | None = None


@dataclass(frozen=True)
class UrcStream:
    """``N<!* MAX LINE`` and its ``N<<`` line: the URCs that carry ``data``, ``limit`` bytes each but the last."""

    instance: int
    template: str
    limit: int
    lineno: int
    data: bytes = b""


AnyStep = Step | Escape | Send | Receive | Urc | UrcStream


# --------------------------------------------------------------------------------------------------------------------
# Parsing


@dataclass
class _Pending:
    """The command whose answer is being read, while its lines are parsed."""

    instance: int
    command: str
    lineno: int
    polled: bool
    data: bytes | None = None
    items: list[Expect | bytes] = field(default_factory=list)
    idle: list[Expect] = field(default_factory=list)
    raw: bool = False
    data_lines: list[int] = field(default_factory=list)

    def close(self) -> list[AnyStep]:
        # The final result code is the last response line: bytes after it are ONLINE data (after CONNECT).
        items = list(self.items)
        last = max((i for i, item in enumerate(items) if isinstance(item, Expect)), default=-1)
        after = items[last + 1 :] if last >= 0 else []
        items = items[: last + 1] if last >= 0 else items
        for i, item in enumerate(items[1:], 1):
            if isinstance(item, bytes) and not isinstance(items[i - 1], Expect):
                raise GrammarError(f"transcript line {self.lineno}: each payload follows the line that announces it")
        lines = tuple(i for i in items if isinstance(i, Expect))
        payloads = tuple(i for i in items if isinstance(i, bytes))
        expected = tuple(e.text for e in lines)
        step: AnyStep
        if self.command == "+++":
            step = Escape(self.instance, expected, self.lineno, lines)
        else:
            step = Step(
                self.instance,
                self.command,
                expected,
                self.lineno,
                data=self.data,
                payloads=payloads,
                raw=self.raw,
                idle=tuple(self.idle) if self.polled else None,
                lines=lines,
            )
        trailing = [b for b in after if isinstance(b, bytes)]
        lines_of = self.data_lines[len(self.data_lines) - len(trailing) :]
        return [step, *(Receive(self.instance, b, n) for b, n in zip(trailing, lines_of, strict=True))]


def _resolve(expr: str, values: Mapping[str, object], lineno: int) -> object:
    m = _EXPR.match(expr)
    if m is None:
        raise GrammarError(f"transcript line {lineno}: {{{expr}}} is not a placeholder (name, name.attr, name[a:b])")
    name = m["name"]
    if name not in values:
        known = ", ".join(sorted(values)) or "none"
        raise GrammarError(f"transcript line {lineno}: unknown placeholder {{{expr}}}; known: {known}")
    value = values[name]
    for attr in filter(None, m["attrs"].split(".")):
        if isinstance(value, Mapping) and attr in value:
            value = value[attr]
        elif hasattr(value, attr):
            value = getattr(value, attr)
        else:
            raise GrammarError(f"transcript line {lineno}: {{{expr}}}: {name} has no {attr!r}")
    if m["a"] is not None or m["b"] is not None:
        if not isinstance(value, bytes | str):
            raise GrammarError(f"transcript line {lineno}: {{{expr}}}: only bytes and text can be sliced")
        value = value[int(m["a"]) if m["a"] else None : int(m["b"]) if m["b"] else None]
    return value


def _render(value: object) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m[1][1:], 16)) if m[1][0] == "x" else _ESCAPES[m[1]], text)


def unescape(text: str) -> bytes:
    """The bytes of a DATA text without placeholders: ``\\r``, ``\\n``, ``\\t``, ``\\\\`` and ``\\xHH`` escapes."""
    try:
        return _unescape(text).encode("latin-1")
    except UnicodeEncodeError as e:
        raise ValueError(f"data must be bytes (use \\xHH escapes): {text[:40]!r}: {e}") from None


def _fill(text: str, values: Mapping[str, object], lineno: int, *, keep: Iterable[str] = ()) -> str:
    """``text`` with its placeholders filled; names in ``keep`` stay as ``{name}``."""
    kept = set(keep)

    def one(m: re.Match[str]) -> str:
        if m[0] in ("{{", "}}"):
            return m[0][0]
        expr = m["expr"]
        if expr in kept:
            return m[0]
        if expr.startswith("?"):
            raise GrammarError(f"transcript line {lineno}: a wildcard {{{expr}}} may appear only in an expected line")
        return _render(_resolve(expr, values, lineno))

    return _TOKEN.sub(one, text)


def _data(text: str, values: Mapping[str, object], lineno: int) -> bytes:
    """DATA: escapes in the transcript's own text, placeholders filled with their values as they are."""
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(_unescape(text[pos : m.start()]))
        pos = m.end()
        if m[0] in ("{{", "}}"):
            out.append(m[0][0])
        elif m["expr"].startswith("?"):
            raise GrammarError(f"transcript line {lineno}: a wildcard {m[0]} may not appear in data")
        else:
            out.append(_render(_resolve(m["expr"], values, lineno)))
    out.append(_unescape(text[pos:]))
    joined = "".join(out)
    try:
        return joined.encode("latin-1")
    except UnicodeEncodeError as e:
        raise GrammarError(f"transcript line {lineno}: data must be bytes (use \\xHH escapes): {e}") from None


def _expect(text: str, values: Mapping[str, object], lineno: int) -> Expect:
    """An expected line: placeholders filled, ``{?name}`` wildcards kept as a pattern."""
    shown: list[str] = []
    pattern: list[str] = []
    wild = False
    pos = 0
    for m in _TOKEN.finditer(text):
        literal = text[pos : m.start()]
        shown.append(literal)
        pattern.append(re.escape(literal))
        pos = m.end()
        if m[0] in ("{{", "}}"):
            shown.append(m[0][0])
            pattern.append(re.escape(m[0][0]))
        elif m["expr"].startswith("?"):
            wild = True
            shown.append(m[0])
            pattern.append(r".+" if m["expr"].endswith("*") else r"[^,]+")
        else:
            value = _render(_resolve(m["expr"], values, lineno))
            shown.append(value)
            pattern.append(re.escape(value))
    shown.append(text[pos:])
    pattern.append(re.escape(text[pos:]))
    return Expect("".join(shown), re.compile("".join(pattern), re.DOTALL) if wild else None)


def instances(text: str) -> set[int]:
    """The AT instances a transcript uses (before placeholders are known)."""
    return {int(line[0]) for line in text.splitlines() if _LINE.match(line.rstrip("\r"))}


def parse(text: str, placeholders: Mapping[str, object]) -> list[AnyStep]:
    """Parse a transcript, filling ``{placeholders}``; a :class:`GrammarError` names the line."""
    steps: list[AnyStep] = []
    pending: _Pending | None = None
    last_urc: tuple[int, Expect, int] | None = None  # a URC line that may still get its payload
    stream: tuple[int, str, int, int] | None = None  # a <!* line waiting for its payload

    def flush_urc() -> None:
        nonlocal last_urc
        if last_urc is not None:
            steps.append(Urc(last_urc[0], last_urc[1], last_urc[2]))
            last_urc = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            steps.extend(pending.close())
            pending = None
        flush_urc()

    for lineno, raw in enumerate(text.strip("\n").splitlines(), 1):
        raw = raw.rstrip("\r")
        if not raw.strip():
            continue
        m = _LINE.match(raw)
        if m is None:
            raise GrammarError(
                f"transcript line {lineno}: expected 'N> COMMAND', 'N< LINE', 'N>> DATA', 'N<< DATA', 'N<! URC',"
                f" 'N<!* MAX URC', 'N>* COMMAND' or 'N<? LINE': {raw!r}"
            )
        n, arrow, body = int(m["n"]), m["arrow"], m["body"]
        if arrow not in (">>", "<<"):
            body = body.split(_COMMENT, 1)[0].rstrip()
        if stream is not None and not (arrow == "<<" and n == stream[0]):
            raise GrammarError(f"transcript line {stream[2]}: a '<!*' line is followed by its '{stream[0]}<< DATA'")
        if arrow in (">", ">*"):
            flush()
            pending = _Pending(n, _fill(body, values=placeholders, lineno=lineno), lineno, polled=arrow == ">*")
        elif arrow == ">>":
            data = _data(body, placeholders, lineno)
            if pending is not None and pending.instance == n and not pending.items and not pending.idle:
                if pending.data is not None:
                    raise GrammarError(f"transcript line {lineno}: a command takes one input line (use \\n in DATA)")
                pending.data = data
            else:
                flush()
                steps.append(Send(n, data, lineno))
        elif arrow == "<<":
            data = _data(body, placeholders, lineno)
            if stream is not None:
                steps.append(UrcStream(stream[0], stream[1], stream[3], stream[2], data))
                stream = None
            elif last_urc is not None and last_urc[0] == n:
                steps.append(Urc(n, last_urc[1], last_urc[2], payload=data))
                last_urc = None
            elif pending is not None and pending.instance == n:
                if not pending.items:
                    pending.raw = True
                pending.items.append(data)
                pending.data_lines.append(lineno)
            else:
                flush()
                steps.append(Receive(n, data, lineno))
        elif arrow == "<":
            if pending is None or pending.instance != n:
                raise GrammarError(f"transcript line {lineno}: a response on instance {n} with no command")
            pending.items.append(_expect(body, placeholders, lineno))
        elif arrow == "<?":
            if pending is None or pending.instance != n or not pending.polled or pending.items:
                raise GrammarError(f"transcript line {lineno}: an idle answer belongs right after its 'N>* COMMAND'")
            pending.idle.append(_expect(body, placeholders, lineno))
        elif arrow == "<!":
            flush()
            last_urc = (n, _expect(body, placeholders, lineno), lineno)
        else:  # "<!*"
            flush()
            limit_text, _, template = body.partition(" ")
            try:
                limit = int(_fill(limit_text, placeholders, lineno))
            except ValueError:
                raise GrammarError(f"transcript line {lineno}: '<!*' needs a byte count, got {limit_text!r}") from None
            if limit < 1 or not template:
                raise GrammarError(f"transcript line {lineno}: expected 'N<!* MAX URC' with MAX >= 1")
            stream = (n, _fill(template, placeholders, lineno, keep=("len",)), lineno, limit)
    if stream is not None:
        raise GrammarError(f"transcript line {stream[2]}: a '<!*' line is followed by its '{stream[0]}<< DATA'")
    flush()
    for step in steps:
        if isinstance(step, Step) and step.idle is not None and not step.idle:
            raise GrammarError(f"transcript line {step.lineno}: a polled command needs its idle answer ('N<? LINE')")
    return steps


# --------------------------------------------------------------------------------------------------------------------
# Replaying


def run_setup(steps: Iterable[AnyStep], modems: Mapping[int, Modem], *, timeout: float | None = None) -> None:
    """Send the setup (or teardown) commands; their results are not judged (they restore a starting state)."""
    for step in steps:
        modem = modems[step.instance]
        if isinstance(step, Step):
            modem.command(step.command, data=step.data, timeout=timeout)
        elif isinstance(step, Escape) and modem.online:
            modem.escape()


def _short(data: bytes, limit: int = 80) -> str:
    return repr(data) if len(data) <= limit else f"{data[:limit]!r}... ({len(data)} bytes)"


def _got(r: Response) -> tuple[list[str], list[bytes]]:
    # A count of 0 announces no payload worth comparing (#...: 0 then TIMEOUT): only bytes are compared.
    # A single-line answer (ResultKind.LINE) ends on its own information line: it is not printed twice.
    final = [] if r.final.kind is ResultKind.LINE and r.lines and r.lines[-1] == r.final.text else [r.final.text]
    return [*r.lines, *final], [p for p in r.payloads if p]


def _answer_matches(lines: list[str], want: tuple[Expect, ...], tolerate: bool) -> bool:
    if len(lines) != len(want):
        return False
    return all(w.matches(g, tolerate_period=tolerate) for g, w in zip(lines, want, strict=True))


def _urc_prefix(text: str) -> str:
    """What a URC of ``text`` starts with for sure: up to its colon, or its text before any placeholder."""
    head = text.split("{", 1)[0]
    return head.split(":", 1)[0] + ":" if ":" in head else head


def replay(
    steps: Iterable[AnyStep],
    modems: Mapping[int, Modem],
    source: str,
    *,
    tolerate_period: bool = False,
    timeout: float | None = None,
    observe: Callable[[str], None] | None = None,
) -> None:
    """Play each step and compare what came back, line for line and byte for byte, with the document.

    ``timeout`` is the deadline of each command and of each wait (URC, ONLINE data, polled command);
    ``None``: the modem's own for commands, :data:`DEFAULT_WAIT` for waits. A wait's figure is what a real
    network may take; ``modem.waits`` (harness/waits.py) makes it the target's deadline. ``observe`` receives
    what the replay tolerated (a result URC before the final result code).
    """
    wait = DEFAULT_WAIT if timeout is None else timeout
    plan = list(steps)
    taken: set[int] = set()  # URC steps already met inside a command's answer
    for n, step in enumerate(plan, 1):
        if n in taken:
            continue
        modem = modems[step.instance]
        where = f"{source}, step {n} (transcript line {step.lineno}, instance {step.instance})"
        if isinstance(step, Step):
            ahead = _urcs_after(plan, n, step.instance)
            early = _command(modem, step, where, tolerate_period, timeout, wait, ahead)
            for k, line in early:
                taken.add(k)
                if observe is not None:
                    observe(f"{where} {step.command!r}: the URC {line!r} came before the final result code;"
                            f" the document shows it after")
        elif isinstance(step, Escape):
            r = modem.escape()
            got, _ = _got(r)
            assert _answer_matches(got, step.lines, tolerate_period), (
                f"{where} '+++':\n  the document shows: {list(step.expected)}\n  the target answered: {got}"
            )
        elif isinstance(step, Send):
            assert modem.online, f"{where}: ONLINE data to send, but the instance is in command mode"
            modem.write_online(step.data)
        elif isinstance(step, Receive):
            got_bytes = modem.read_online(len(step.data), timeout=modem.waits.network(wait, len(step.data)))
            assert got_bytes == step.data, (
                f"{where}: ONLINE data\n  the document shows: {_short(step.data)}\n"
                f"  the target passed on: {_short(got_bytes)}"
            )
        elif isinstance(step, Urc):
            urc = modem.wait_urc(_urc_prefix(step.line.text), timeout=modem.waits.network(wait))
            assert step.line.matches(urc.text), (
                f"{where}: URC\n  the document shows: {step.line.text!r}\n  the target sent: {urc.text!r}"
            )
            if step.payload is not None:
                assert urc.payload == step.payload, (
                    f"{where}: the data of {urc.text!r}\n  the document shows: {_short(step.payload)}\n"
                    f"  the target sent: {_short(urc.payload or b'')}"
                )
        else:
            _urc_stream(modem, step, where, wait)


def _urcs_after(plan: list[AnyStep], n: int, instance: int) -> list[tuple[int, Urc]]:
    """The ``N<!`` steps (1-based numbers) right after step ``n`` on its instance, without payloads."""
    out: list[tuple[int, Urc]] = []
    for k in range(n + 1, len(plan) + 1):
        after = plan[k - 1]
        if not isinstance(after, Urc) or after.instance != instance or after.payload is not None:
            break
        out.append((k, after))
    return out


def _early_urcs(
    got: list[str], want: tuple[Expect, ...], ahead: list[tuple[int, Urc]], tolerate: bool
) -> tuple[list[str], list[tuple[int, str]]]:
    """``got`` less the lines before its final result code that are the URCs ``ahead`` (in their order),
    when that makes it the answer ``want``; else ``got`` as it was and none."""
    body, final = got[:-1], got[-1:]
    kept: list[str] = []
    met: list[tuple[int, str]] = []
    queue = list(ahead)
    for line in body:
        if queue and queue[0][1].line.matches(line):
            met.append((queue.pop(0)[0], line))
        else:
            kept.append(line)
    if met and _answer_matches([*kept, *final], want, tolerate):
        return [*kept, *final], met
    return got, []


def _command(
    modem: Modem,
    step: Step,
    where: str,
    tolerate: bool,
    timeout: float | None,
    wait: float,
    ahead: list[tuple[int, Urc]] | None = None,
) -> list[tuple[int, str]]:
    """Send the step's command (again while it is idle, for a polled one) and check its answer; return the
    URC steps of ``ahead`` met before the final result code, with their lines."""
    raw = len(step.payloads[0]) if step.raw and step.payloads else None
    limit = modem.waits.network(wait)
    deadline = time.monotonic() + limit
    tries = 0
    while True:
        r = modem.command(step.command, data=step.data, raw_bytes=raw, timeout=timeout)
        tries += 1
        got, payloads = _got(r)
        if step.idle is None or not (_answer_matches(got, step.idle, tolerate) and not payloads):
            break
        assert time.monotonic() < deadline, (
            f"{where} {step.command!r}: still the idle answer {[e.text for e in step.idle]} after {tries} tries"
            f" in {limit:.0f} s; the document shows {list(step.expected)}"
        )
        if r.elapsed < POLL_INTERVAL:
            # An idle answer that comes at once (no wait of the module's own): poll, do not flood the port.
            time.sleep(POLL_INTERVAL - r.elapsed)
    early: list[tuple[int, str]] = []
    if ahead and not _answer_matches(got, step.lines, tolerate):
        got, early = _early_urcs(got, step.lines, ahead, tolerate)
    assert _answer_matches(got, step.lines, tolerate), (
        f"{where} {step.command!r}:\n  the document shows: {list(step.expected)}\n  the target answered: {got}"
    )
    assert payloads == list(step.payloads), (
        f"{where} {step.command!r}: payload\n  the document shows: {[_short(p) for p in step.payloads]}\n"
        f"  the target sent: {[_short(p) for p in payloads]}"
    )
    return early


def _urc_stream(modem: Modem, step: UrcStream, where: str, wait: float) -> None:
    prefix = _urc_prefix(step.template)
    pos = 0
    while pos < len(step.data):
        size = min(step.limit, len(step.data) - pos)
        want = step.template.replace("{len}", str(size))
        urc = modem.wait_urc(prefix, timeout=modem.waits.network(wait, size))
        got = urc.payload or b""
        assert urc.text == want, (
            f"{where}: URC after {pos} of {len(step.data)} bytes\n  the document shows: {want!r} (at most"
            f" {step.limit} bytes a URC)\n  the target sent: {urc.text!r} with {len(got)} bytes"
        )
        assert got == step.data[pos : pos + size], (
            f"{where}: the data of {urc.text!r}\n  the document shows: {_short(step.data[pos : pos + size])}\n"
            f"  the target sent: {_short(got)}"
        )
        pos += size
