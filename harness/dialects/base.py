"""The types of a dialect's tables, and the generic ways to restore settings (no vendor knowledge here).

A dialect names its final result codes, its unsolicited result codes (with and without ``+``), the
information lines that announce a raw payload of N bytes, the commands whose response ends without a
result code, the commands that write non-volatile memory, and how to put back the settings the suite
changed on a real module (its :class:`Restorer`). The engine reads these tables; it has no vendor ``if``
of its own. Each vendor's tables live in its own module beside this one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from harness.events import ResultKind

if TYPE_CHECKING:  # harness.modem imports the dialects: the restorers only need the type
    from harness.modem import Response

__all__ = [
    "COMMON_URCS",
    "Ask",
    "Dialect",
    "NoRestore",
    "PayloadRule",
    "Restart",
    "Restorer",
    "SetBack",
    "Setting",
    "SettingsRestorer",
    "Snapshot",
    "pattern",
]


@dataclass(frozen=True, kw_only=True)
class PayloadRule:
    """A line that announces ``n`` raw bytes.

    ``pattern`` matches the start of the line and has a group ``n``. ``inline`` means the bytes follow
    the match on the same line (the data of a URC printed after its header); otherwise they follow the
    line's CR LF. ``urc`` says whether the line is unsolicited. ``examples`` are lines the document prints
    (for an inline rule, up to where the data begins), announcing 5 bytes: tests feed them to the other
    readers of the stream (faults' tracker) to check that every reader frames what the dialect frames.
    """

    pattern: re.Pattern[str]
    inline: bool = False
    urc: bool = False
    source: str = ""
    examples: tuple[str, ...] = ()


#: Sends one command line and returns the module's response (``Modem.command``).
Ask = Callable[[str], "Response"]

#: A restorable setting's key (its read command, or read command and context) -> the values of each of
#: its answer lines, one tuple per line (one per socket or context).
Snapshot = dict[str, list[tuple[str, ...]]]


@dataclass(frozen=True)
class SetBack:
    """What puts back line ``row`` of setting ``setting``: ``prepare`` is sent first (its answer is not
    judged: it makes the set form acceptable), then each of ``commands``, which must all succeed."""

    setting: str
    row: int
    commands: tuple[str, ...]
    prepare: tuple[str, ...] = ()


class Restorer(Protocol):
    """How a dialect puts back, at the end of a session on a real module, the settings the suite changed
    and can read back. :mod:`harness.restore` drives it: ``read`` before the run, ``read`` after it,
    ``set_back`` for what differs, and ``read`` again until nothing differs (or it gives up)."""

    def read(self, ask: Ask) -> Snapshot:
        """Read every restorable setting; a setting the module refuses is left out."""
        ...

    def set_back(self, before: Snapshot, current: Snapshot) -> list[SetBack]:
        """The commands that set back, in order, every line of ``current`` that differs from ``before``."""
        ...


class NoRestore:
    """A dialect with nothing to restore (or whose restore is not written yet)."""

    def read(self, ask: Ask) -> Snapshot:
        return {}

    def set_back(self, before: Snapshot, current: Snapshot) -> list[SetBack]:
        return []


@dataclass(frozen=True, kw_only=True)
class Setting:
    """A setting whose read command lists every line at once. Every answer line starting with ``prefix``
    gives values (an empty ``prefix``: the bare value of an S-register); ``restore`` (a format string of
    those values, ``{0}``, ``{1}``..., or ``{values}`` for all of them joined by commas) sets them again.
    The first ``keep`` values of each line are compared and restored (the rest are read-only)."""

    read: str
    prefix: str
    restore: str
    keep: int
    source: str = ""

    def values(self, r: Response) -> list[tuple[str, ...]]:
        """The kept values of each answer line of ``r``."""
        # Response.fields reads "<prefix>: a,b" lines; an S-register answers its bare value ("050").
        rows = r.fields(self.prefix) if self.prefix else [[v.strip() for v in line.split(",")] for line in r.lines]
        return [tuple(row[: self.keep]) for row in rows]

    def command(self, values: tuple[str, ...]) -> str:
        """The set command that gives this setting ``values`` again."""
        if "{values}" in self.restore:
            return self.restore.replace("{values}", ",".join(values))
        return self.restore.format(*values)


#: 3GPP TS 27.007 §9.1: the error report format, which the suite sets (+CMEE=1 or 2) on any module.
CMEE = Setting(read="AT+CMEE?", prefix="+CMEE", restore="AT+CMEE={0}", keep=1, source="3GPP TS 27.007 §9.1")
#: V.250 §6.3.12 (S12, the escape guard time), which the online-mode tests change.
S12 = Setting(read="ATS12?", prefix="", restore="ATS12={0}", keep=1, source="V.250 §6.3.12 (S12, escape guard time)")


@dataclass(frozen=True)
class SettingsRestorer:
    """The restore model of settings read whole: each :class:`Setting`'s read command lists all its lines,
    and each line that differs is set back with the setting's set form, in the order of ``settings``.
    :meth:`prepare` may add commands that make a set form acceptable (a vendor subclass overrides it)."""

    settings: tuple[Setting, ...]

    def read(self, ask: Ask) -> Snapshot:
        taken: Snapshot = {}
        for setting in self.settings:
            r = ask(setting.read)
            if r.ok:
                taken[setting.read] = setting.values(r)
        return taken

    def prepare(self, setting: Setting, values: tuple[str, ...]) -> tuple[str, ...]:
        """Commands sent before the set form of ``setting`` (none by default)."""
        return ()

    def set_back(self, before: Snapshot, current: Snapshot) -> list[SetBack]:
        out = []
        for setting in self.settings:
            now = current.get(setting.read, [])
            for i, values in enumerate(before.get(setting.read, [])):
                if i < len(now) and now[i] == values:
                    continue
                out.append(SetBack(setting.read, i, (setting.command(values),), self.prepare(setting, values)))
        return out


@dataclass(frozen=True, kw_only=True)
class Restart:
    """How the suite restarts a module before a test of power-on defaults (``--allow-restart``,
    :mod:`harness.plugin.restart`). None of the documents gives a restart command: each is the vendor's
    usual one, from its AT command reference, and its errata entry says so (``source``)."""

    #: The command line; the module answers OK, then restarts (its ports may drop meanwhile).
    command: str
    source: str
    #: The longest a module may take, after the command's answer, to answer AT again (seconds): boot,
    #: network registration of the ports, USB enumeration.
    boot_seconds: float = 60.0
    #: The longest a module may go on answering as before after the command's OK (seconds): one that still
    #: holds the settings it had after this did not restart.
    down_seconds: float = 5.0


@dataclass(frozen=True, kw_only=True)
class Dialect:
    """The tables of one document's dialect."""

    name: str
    #: Exact final lines besides OK / ERROR / CONNECT / NO CARRIER / +CME ERROR / +CMS ERROR.
    vendor_finals: tuple[tuple[re.Pattern[str], ResultKind], ...] = ()
    #: Line prefixes that are unsolicited unless the pending command has the same name.
    urc_prefixes: tuple[str, ...] = ()
    #: Lines that are unsolicited even when they match nothing above (exact patterns).
    urc_patterns: tuple[re.Pattern[str], ...] = ()
    payload_rules: tuple[PayloadRule, ...] = ()
    #: Command names (upper case, with their ``+``) whose whole response is one information line.
    single_line_commands: frozenset[str] = frozenset()
    #: Command names (upper case, with their ``+``) that ask for their input data with ``CONNECT`` rather
    #: than ``>`` (:meth:`harness.modem.Modem.command` picks the prompt from here when given data).
    connect_prompts: frozenset[str] = frozenset()
    #: What identifies the module in the report's header: V.250 ``ATI`` and the 3GPP TS 27.007 §5
    #: manufacturer/model/revision commands, or the vendor's equivalents.
    identify: tuple[str, ...] = ("ATI", "AT+CGMI", "AT+CGMM", "AT+CGMR")
    #: Commands that write the module's non-volatile memory, each with a group ``slot`` (the store id):
    #: they are sent only with ``--allow-nvm-writes`` naming the slot.
    nvm_writes: tuple[re.Pattern[str], ...] = ()
    #: How the settings the suite changes are read and put back at the end of a session on a real module.
    restorer: Restorer = field(default_factory=NoRestore)
    #: Lines a module prints when it has just started (none of the documents prints one; these are the
    #: usual ones of the vendors' modules; a vendor adds its own). Unasked, they mean the module restarted
    #: and lost its settings.
    boot_banners: frozenset[str] = frozenset({"RDY", "+SYSSTART", "^SYSSTART", "+PBREADY"})
    #: How to restart the module (``--allow-restart``); None: the suite cannot restart it.
    restart: Restart | None = None


#: Unsolicited result codes of 3GPP TS 27.007 that any module may send when the host enabled them
#: (+CREG=1, +CGEREP...), also while a command is pending: registration (§7.2, §10.1.19/§10.1.22),
#: packet domain events (§10.1.19), incoming call and message indications (§6.11, 3GPP TS 27.005 §3.4.1),
#: USSD (§7.15). A response to the command of the same name is not taken for one.
COMMON_URCS = ("+CREG:", "+CGREG:", "+CEREG:", "+CGEV:", "+CRING:", "+CMTI:", "+CDSI:", "+CUSD:")


def pattern(regex: str) -> re.Pattern[str]:
    """A compiled table pattern (short, for the vendors' tables)."""
    return re.compile(regex)
