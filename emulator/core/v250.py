"""ITU-T V.250 basic commands kept by every instance: E, V, Q, Z, &F, I and S3/S4/S5/S12."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from emulator.core.cmdline import BasicCommand, SParameter
from emulator.core.errors import PlainError, unsupported
from emulator.core.results import OK, Response, info
from emulator.core.table import BasicHandler, Context


def _flag(command: BasicCommand) -> bool:
    # V.250 §5.3.1: a missing number means 0. Other values than 0 and 1 are not supported.
    if command.number in (None, 0):
        return False
    if command.number == 1:
        return True
    raise unsupported()


def echo(ctx: Context[object], command: BasicCommand) -> Response:
    """``ATE<n>``: echo of received characters (V.250 §6.2.4)."""
    ctx.settings.echo = _flag(command)
    return OK


def verbose(ctx: Context[object], command: BasicCommand) -> Response:
    """``ATV<n>``: verbose (1) or numeric (0) result codes (V.250 §6.2.6)."""
    ctx.settings.verbose = _flag(command)
    return OK


def quiet(ctx: Context[object], command: BasicCommand) -> Response:
    """``ATQ<n>``: suppress result codes (V.250 §6.2.5)."""
    ctx.settings.quiet = _flag(command)
    return OK


def reset(ctx: Context[object], command: BasicCommand) -> Response:
    """``ATZ`` / ``AT&F``: the instance's settings back to their defaults (V.250 §6.1.1, §6.1.2)."""
    if command.number not in (None, 0):
        raise unsupported()
    ctx.settings.reset()
    return OK


def identify(ctx: Context[object], command: BasicCommand) -> Response:
    """``ATI`` / ``ATI0``: identification text, the manufacturer (V.250 §6.1.3)."""
    if command.number not in (None, 0):
        raise unsupported()
    return info(ctx.profile.manufacturer)


BASIC_COMMANDS: Final[Mapping[str, BasicHandler]] = {
    "E": echo,
    "V": verbose,
    "Q": quiet,
    "Z": reset,
    "&F": reset,
    "I": identify,
}

# V.250 §6.2.1-§6.2.3: S3, S4 and S5 hold IA5 characters, 0 to 127. S12 is the escape guard
# time in fiftieths of a second (docs/DECISIONS-issue4.md D18), one octet as on Hayes modems.
_S_REGISTERS: Final = {3: ("s3", 127), 4: ("s4", 127), 5: ("s5", 127), 12: ("s12", 255)}


def s_parameter(ctx: Context[object], command: SParameter) -> Response:
    """``ATS<n>?`` and ``ATS<n>=<v>`` for S3, S4, S5 (line formatting) and S12 (guard time)."""
    register = _S_REGISTERS.get(command.register)
    if register is None:
        raise PlainError(f"S{command.register} is not emulated")
    attribute, maximum = register
    if command.query:
        # V.250 §5.3.2: S-parameter values are read as three decimal digits.
        return info(f"{getattr(ctx.settings, attribute):03d}")
    value = 0 if command.value is None else command.value
    if value > maximum:
        raise unsupported()
    setattr(ctx.settings, attribute, value)
    return OK
