"""Split the body of a command line (what follows ``AT``) into commands (V.250 §5.3, §5.4).

Pure text processing: no state, no I/O. Spaces outside quoted strings are dropped and letters
outside them are folded to upper case (V.250 §5.1: command lines are case-insensitive and spaces
are ignored except inside strings). Parsing stops at the first malformed command, which becomes a
:class:`SyntaxFault`; the commands before it are still returned, because V.250 §5.6 executes a
line from left to right until the first failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from emulator.core.params import Arg, Args

# V.250 §5.4.1: extended command names start with a prefix character; Telit uses '#' beside '+'.
EXTENDED_PREFIXES = frozenset("+#")
# V.250 §5.4.1: characters allowed in an extended command name after the prefix.
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!%-./:_")
_DIGITS = frozenset("0123456789")
_MAX_DIGITS = 10


class Form(Enum):
    """The four forms of an extended command (V.250 §5.4.2, §5.4.3)."""

    EXEC = "exec"  # AT+CGMM
    READ = "read"  # AT+CMEE?
    TEST = "test"  # AT+CMEE=?
    SET = "set"  # AT+CMEE=2


@dataclass(frozen=True, kw_only=True)
class BasicCommand:
    """A basic command such as ``E0``, ``I``, ``&F`` (V.250 §5.3.1); ``number`` None if absent."""

    name: str
    number: int | None = None


@dataclass(frozen=True, kw_only=True)
class SParameter:
    """``S<n>?`` or ``S<n>=<value>`` (V.250 §5.3.2); ``value`` None for the read form."""

    register: int
    query: bool
    value: int | None = None


@dataclass(frozen=True, kw_only=True)
class ExtendedCommand:
    """An extended command: name with its prefix (``+CMEE``, or a vendor prefix such as ``#``), form and arguments."""

    name: str
    form: Form
    args: Args = ()


@dataclass(frozen=True, kw_only=True)
class SyntaxFault:
    """The line could not be parsed from here on; answered with a plain ERROR."""

    reason: str


Command = BasicCommand | SParameter | ExtendedCommand
ParsedItem = Command | SyntaxFault


def normalise(body: str) -> str:
    """Drop spaces and fold case outside double-quoted strings."""
    out: list[str] = []
    quoted = False
    for char in body:
        if char == '"':
            quoted = not quoted
            out.append(char)
        elif quoted:
            out.append(char)
        elif char != " ":
            out.append(char.upper())
    return "".join(out)


def parse_command_line(body: str) -> list[ParsedItem]:
    """Parse the text after ``AT``; the list ends early with a :class:`SyntaxFault` if malformed."""
    text = normalise(body)
    items: list[ParsedItem] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == ";":
            # An empty command between separators, or a ';' after a basic command: harmless.
            pos += 1
            continue
        if char in EXTENDED_PREFIXES:
            item, pos = _parse_extended(text, pos)
        elif char == "S":
            item, pos = _parse_s_parameter(text, pos)
        elif char == "&" or ("A" <= char <= "Z"):
            item, pos = _parse_basic(text, pos)
        else:
            item = SyntaxFault(reason=f"unexpected character {char!r} at {pos}")
        items.append(item)
        if isinstance(item, SyntaxFault):
            break
    return items


def _read_number(text: str, pos: int) -> tuple[int | None, int, bool]:
    """Digits starting at ``pos``: (value or None, new position, ok)."""
    end = pos
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    digits = text[pos:end]
    if not digits:
        return None, end, True
    if len(digits.lstrip("0")) > _MAX_DIGITS:
        return None, end, False
    return int(digits), end, True


def _parse_basic(text: str, pos: int) -> tuple[ParsedItem, int]:
    name = text[pos]
    pos += 1
    if name == "&":
        if pos >= len(text) or not "A" <= text[pos] <= "Z":
            return SyntaxFault(reason="'&' not followed by a letter"), pos
        name += text[pos]
        pos += 1
    number, pos, ok = _read_number(text, pos)
    if not ok:
        return SyntaxFault(reason=f"number too long after {name}"), pos
    return BasicCommand(name=name, number=number), pos


def _parse_s_parameter(text: str, pos: int) -> tuple[ParsedItem, int]:
    register, pos, ok = _read_number(text, pos + 1)
    if register is None or not ok:
        return SyntaxFault(reason="S not followed by a register number"), pos
    if text.startswith("?", pos):
        return SParameter(register=register, query=True), pos + 1
    if text.startswith("=", pos):
        value, pos, ok = _read_number(text, pos + 1)
        if not ok:
            return SyntaxFault(reason="S-parameter value too long"), pos
        # V.250 §5.3.2: the value may be omitted (``S3=``); the handler decides what it means.
        return SParameter(register=register, query=False, value=value), pos
    return SyntaxFault(reason=f"S{register} not followed by '?' or '='"), pos


def _parse_extended(text: str, pos: int) -> tuple[ParsedItem, int]:
    end = pos + 1
    while end < len(text) and text[end] in _NAME_CHARS:
        end += 1
    name = text[pos:end]
    if len(name) == 1:
        return SyntaxFault(reason=f"prefix {name!r} without a command name"), end
    pos = end
    args: Args = ()
    if text.startswith("=?", pos):
        form, pos = Form.TEST, pos + 2
    elif text.startswith("?", pos):
        form, pos = Form.READ, pos + 1
    elif text.startswith("=", pos):
        form = Form.SET
        stop = _end_of_arguments(text, pos + 1)
        parsed = _split_arguments(text[pos + 1:stop])
        if parsed is None:
            return SyntaxFault(reason=f"malformed arguments of {name}"), stop
        args, pos = parsed, stop
    else:
        form = Form.EXEC
    # V.250 §5.4.1: an extended command ends at ';' or at the end of the line.
    if pos < len(text) and text[pos] != ";":
        return SyntaxFault(reason=f"{name} not followed by ';'"), pos
    return ExtendedCommand(name=name, form=form, args=args), pos


def _end_of_arguments(text: str, pos: int) -> int:
    quoted = False
    while pos < len(text):
        if text[pos] == '"':
            quoted = not quoted
        elif text[pos] == ";" and not quoted:
            break
        pos += 1
    return pos


def _split_arguments(text: str) -> Args | None:
    """Split on commas outside quotes; ``None`` when a string is malformed (V.250 §5.4.2.2)."""
    if text == "":
        return ()
    tokens: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            tokens.append("".join(current))
            current = []
        else:
            current.append(char)
    if quoted:
        return None
    tokens.append("".join(current))
    args: list[Arg | None] = []
    for token in tokens:
        if token == "":
            args.append(None)
        elif token.startswith('"'):
            if len(token) < 2 or not token.endswith('"') or '"' in token[1:-1]:
                return None
            args.append(Arg(text=token[1:-1], quoted=True))
        elif '"' in token:
            return None
        else:
            args.append(Arg(text=token))
    return tuple(args)
