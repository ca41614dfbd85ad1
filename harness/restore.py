"""Put back, at the end of a session on a real module, the settings the suite changed and can read back.

Each dialect says how (its :class:`~harness.dialects.Restorer`: which settings, how they are read, and
the commands that set them back). When a session first opens a real module's link, :func:`snapshot`
reads them; at the end, :func:`restore` reads them again, sends the dialect's set-back commands for what
differs, and reads once more, for at most :data:`ROUNDS` rounds (setting one value back may change
another, which the next round puts back). The report lists each setting line the run changed: before,
after the run, and whether it was restored. A restart in the middle of the session (``--allow-restart``,
:mod:`harness.plugin.restart`) changes nothing here: the settings it reset differ from the snapshot like any
the suite changed and are put back the same way; the settings of an AT instance first opened after a restart
are read before it (the restart reads them first). The embedded emulator needs none of this: it powers a fresh
module on for every test.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from harness.dialects import Ask, Restorer, SetBack, Snapshot
from harness.errors import HarnessError
from harness.modem import Modem

__all__ = ["ROUNDS", "SettingChange", "Snapshot", "put_back", "restore", "snapshot"]

#: Rounds of read / set back: a set-back that needs a preparation (enabling a socket) changes a setting
#: of its own, which the second round restores.
ROUNDS = 2


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


def snapshot(modem: Modem) -> Snapshot:
    """Read every restorable setting of the modem's dialect; a setting the module refuses is left out."""
    return modem.dialect.restorer.read(modem.command)


def _send(ask: Ask, step: SetBack, errors: dict[str, str]) -> None:
    key = f"{step.setting}#{step.row}"
    try:
        for line in step.prepare:
            ask(line)  # not judged: the set form below says whether the line came back
        for line in step.commands:
            r = ask(line)
            if not r.ok:
                errors[key] = f"{r.command} -> {r.final.text}"
                return
        errors.pop(key, None)
    except HarnessError as e:
        errors[key] = str(e)


def restore(modem: Modem, before: Snapshot) -> list[SettingChange]:
    """Set back what differs from ``before`` on ``modem``, with its dialect's restorer (:func:`put_back`)."""
    return put_back(modem.command, modem.dialect.restorer, before)


def put_back(ask: Ask, restorer: Restorer, before: Snapshot) -> list[SettingChange]:
    """Read the settings, send ``restorer``'s set-back commands for what differs from ``before`` and read
    again, for at most :data:`ROUNDS` rounds; return one :class:`SettingChange` per line the run changed."""
    after_run = current = restorer.read(ask)
    errors: dict[str, str] = {}
    for _ in range(ROUNDS):
        steps = restorer.set_back(before, current)
        if not steps:
            break
        for step in steps:
            _send(ask, step, errors)
        current = restorer.read(ask)
    changes = []
    for key, rows in before.items():
        ran, now = after_run.get(key, []), current.get(key, [])
        for i, values in enumerate(rows):
            left = ran[i] if i < len(ran) else ()
            if left == values:
                continue
            now_values = now[i] if i < len(now) else ()
            restored = now_values == values
            # A set-back refused because an earlier one already put the line back (a socket enabled to set
            # another setting) is no error of the restore: only a line left changed reports one.
            changes.append(
                SettingChange(
                    setting=key,
                    before=",".join(values),
                    after_run=",".join(left),
                    restored=restored,
                    now=",".join(now_values),
                    error=None if restored else errors.get(f"{key}#{i}"),
                )
            )
    return changes
