"""Parameters of extended set commands: values, accepted ranges, and checks.

A :class:`Choice` is both the check a set form applies and the text its test form prints, so
that the two cannot drift apart (the set forms accept exactly what the test forms announce).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from emulator.core.errors import unsupported

# Longest decimal number accepted: longer digit strings are out of every range anyway, and
# int() of thousands of digits is slow (and refused past 4300 digits) on a hostile line.
_MAX_DIGITS = 10


@dataclass(frozen=True, kw_only=True)
class Arg:
    """One subparameter as written: ``quoted`` strings keep their case, the rest is upper case."""

    text: str
    quoted: bool = False


Args = tuple[Arg | None, ...]
"""Subparameters of a set command; ``None`` stands for an omitted one (``AT#X=1,,3``)."""


@dataclass(frozen=True)
class Choice:
    """A set of accepted integers, printed the way test forms print it: ``(0-1500)``, ``(0,1)``."""

    spans: tuple[tuple[int, int], ...]

    @classmethod
    def span(cls, low: int, high: int) -> Choice:
        """All integers from ``low`` to ``high``: ``(low-high)``, or ``(low)`` when equal."""
        if low > high:
            raise ValueError(f"empty span {low}-{high}")
        return cls(((low, high),))

    @classmethod
    def of(cls, *values: int) -> Choice:
        """Exactly these values, listed: ``(0,1)``."""
        if not values:
            raise ValueError("a choice needs at least one value")
        return cls(tuple((v, v) for v in values))

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and any(lo <= value <= hi for lo, hi in self.spans)

    def __str__(self) -> str:
        parts = (str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in self.spans)
        return "(" + ",".join(parts) + ")"


def check_count(args: Sequence[Arg | None], minimum: int, maximum: int) -> None:
    """Raise ``+CME ERROR: 4`` unless there are ``minimum`` to ``maximum`` subparameters."""
    if not minimum <= len(args) <= maximum:
        raise unsupported()


def parse_int(arg: Arg) -> int | None:
    """The decimal value of an unquoted numeric argument, else ``None``."""
    if arg.quoted or not arg.text.isdigit() or not arg.text.isascii():
        return None
    if len(arg.text.lstrip("0")) > _MAX_DIGITS:
        return None
    return int(arg.text)


def int_arg(args: Sequence[Arg | None], index: int, choice: Choice) -> int:
    """The mandatory integer subparameter at ``index``, checked against ``choice``.

    Missing, non-numeric or out of range: ``+CME ERROR: 4`` (operation not supported).
    """
    value = opt_int_arg(args, index, choice)
    if value is None:
        raise unsupported()
    return value


def opt_int_arg(args: Sequence[Arg | None], index: int, choice: Choice) -> int | None:
    """The optional integer subparameter at ``index``: ``None`` when omitted, else checked."""
    if index >= len(args):
        return None
    arg = args[index]
    if arg is None:
        return None
    value = parse_int(arg)
    if value is None or value not in choice:
        raise unsupported()
    return value


def str_arg(args: Sequence[Arg | None], index: int, default: str = "") -> str:
    """The string subparameter at ``index`` (quoted or not), ``default`` when omitted."""
    if index >= len(args):
        return default
    arg = args[index]
    return default if arg is None else arg.text
