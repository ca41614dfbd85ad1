"""Put back, at the end of a session on a real module, the settings the suite changed and can read back.

When a session first opens a real module's link, :func:`snapshot` reads the dialect's settings
(``Dialect.settings``: #SSLSECCFG, #SSLSECCFG2, #SSLCFG, #SSLEN, +CMEE, S12 for Telit); at the end,
:func:`restore` reads them again, sets back every line that differs, and reads once more to check. The
report lists each setting: before, after the run, and whether it was restored. The embedded emulator
needs none of this: it powers a fresh module on for every test.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from harness.dialects import Setting
from harness.errors import HarnessError
from harness.modem import Modem, Response

#: Setting read command -> the answer lines' values, one tuple per line (one per SSId).
Snapshot = dict[str, list[tuple[str, ...]]]


@dataclass(frozen=True)
class SettingChange:
    """One line of one setting: what it was, what the run left, what it is after the restore."""

    setting: str
    before: str
    after_run: str
    restored: bool
    now: str
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _values(setting: Setting, r: Response) -> list[tuple[str, ...]]:
    # Response.fields reads "<prefix>: a,b" lines; an S-register answers its bare value ("050").
    rows = r.fields(setting.prefix) if setting.prefix else [[v.strip() for v in line.split(",")] for line in r.lines]
    return [tuple(row[: setting.keep]) for row in rows]


def snapshot(modem: Modem) -> Snapshot:
    """Read every restorable setting of the dialect; a setting the module refuses is left out."""
    taken: Snapshot = {}
    for setting in modem.dialect.settings:
        r = modem.command(setting.read)
        if r.ok:
            taken[setting.read] = _values(setting, r)
    return taken


def _set_command(setting: Setting, values: tuple[str, ...]) -> str:
    if "{values}" in setting.restore:
        return setting.restore.replace("{values}", ",".join(values))
    return setting.restore.format(*values)


def _apply(modem: Modem, setting: Setting, before: Snapshot, current: Snapshot, errors: dict[str, str]) -> None:
    """Send the set commands of the lines of ``setting`` that differ between ``before`` and ``current``."""
    now = current.get(setting.read, [])
    for i, values in enumerate(before.get(setting.read, [])):
        if i < len(now) and now[i] == values:
            continue
        key = f"{setting.read}#{i}"
        try:
            if setting.needs_enabled and modem.dialect.enable:
                modem.command(modem.dialect.enable.format(values[0]))
            r = modem.command(_set_command(setting, values))
            if r.ok:
                errors.pop(key, None)
            else:
                errors[key] = f"{r.command} -> {r.final.text}"
        except HarnessError as e:
            errors[key] = str(e)


def restore(modem: Modem, before: Snapshot) -> list[SettingChange]:
    """Set back what differs from ``before``; return one :class:`SettingChange` per line the run changed."""
    after_run = snapshot(modem)
    errors: dict[str, str] = {}
    for setting in modem.dialect.settings:
        _apply(modem, setting, before, after_run, errors)
    # A setting restored with its SSId enabled for the purpose may have left #SSLEN on: a second pass
    # over the settings that need no enabling puts them back too.
    current = snapshot(modem)
    for setting in modem.dialect.settings:
        if not setting.needs_enabled:
            _apply(modem, setting, before, current, errors)
    final = snapshot(modem)
    changes = []
    for setting in modem.dialect.settings:
        ran, now = after_run.get(setting.read, []), final.get(setting.read, [])
        for i, values in enumerate(before.get(setting.read, [])):
            left = ran[i] if i < len(ran) else ()
            if left == values:
                continue
            current_values = now[i] if i < len(now) else ()
            changes.append(
                SettingChange(
                    setting=setting.read,
                    before=",".join(values),
                    after_run=",".join(left),
                    restored=current_values == values,
                    now=",".join(current_values),
                    error=errors.get(f"{setting.read}#{i}"),
                )
            )
    return changes
