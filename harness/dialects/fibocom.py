"""Fibocom's dialect: fibocom-l610-ssl (``FIBOCOM``), with its restore model.

The +GTSSL* settings are not persistent (fibocom-l610-ssl §1.2.3, §1.4.3, §1.5.3 Attributes:
"Persistent: No"): a power-off loses them, and the restore puts back what a session changed while the
module stays on. +GTSSLMODE and +GTSSLVER are read whole and set with their write form; +GTSSLCIPHER's read
form lists the enabled cipher ids, and each id is switched on or off on its own (``=<id>,1`` / ``=<id>,0``).
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.dialects.base import (
    CMEE,
    COMMON_URCS,
    Ask,
    Dialect,
    SetBack,
    Setting,
    SettingsRestorer,
    Snapshot,
)
from harness.ranges import parse_ranges

__all__ = ["FIBOCOM", "FibocomRestorer"]

#: The read command of the enabled cipher ids (fibocom-l610-ssl §1.5.2).
CIPHER_READ = "AT+GTSSLCIPHER?"


def enabled_ciphers(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The cipher ids an answer to ``AT+GTSSLCIPHER?`` lists, in ascending order: ``+GTSSLCIPHER: (1,2,5)``
    (or without the parentheses) gives ``("1", "2", "5")``; no line ("no cipher algorithm ID enabled,
    modem will load default cipher algorithms", §1.5.2) gives ``()``."""
    ids: set[int] = set()
    for line in lines:
        if line.startswith("+GTSSLCIPHER:"):
            text = line.removeprefix("+GTSSLCIPHER:").strip()
            group = text if text.startswith("(") else f"({text})"
            for values in parse_ranges(group):
                ids |= values
    return tuple(str(i) for i in sorted(ids))


@dataclass(frozen=True)
class FibocomRestorer(SettingsRestorer):
    """+GTSSLMODE, +GTSSLVER and +CMEE as settings read whole; +GTSSLCIPHER id by id."""

    def read(self, ask: Ask) -> Snapshot:
        taken = super().read(ask)
        r = ask(CIPHER_READ)
        if r.ok:
            taken[CIPHER_READ] = [enabled_ciphers(r.lines)]
        return taken

    def set_back(self, before: Snapshot, current: Snapshot) -> list[SetBack]:
        out = super().set_back(before, current)
        if CIPHER_READ in before:
            was = set(before[CIPHER_READ][0])
            now = set(current.get(CIPHER_READ, [()])[0])
            if was != now:
                # §1.5.4: <cmd> 1 loads the algorithm of <cipalgID> at the next connection, 0 does not.
                switch = [f"AT+GTSSLCIPHER={i},0" for i in sorted(now - was, key=int)]
                switch += [f"AT+GTSSLCIPHER={i},1" for i in sorted(was - now, key=int)]
                out.append(SetBack(CIPHER_READ, 0, tuple(switch)))
        return out


_RESTORER = FibocomRestorer((
    Setting(read="AT+GTSSLMODE?", prefix="+GTSSLMODE", restore="AT+GTSSLMODE={0}", keep=1,
            source="fibocom-l610-ssl §1.2.2"),
    Setting(read="AT+GTSSLVER?", prefix="+GTSSLVER", restore="AT+GTSSLVER={0}", keep=1,
            source="fibocom-l610-ssl §1.4.2"),
    CMEE,
))  # fmt: skip

# fibocom-l610-ssl §2: +MIPCALL, +MIPOPEN (success "+MIPOPEN: 1,1", failure printed "+MIPOPEN 1.0"
# without a colon), +MIPRTCP (data as hex text on the line), +MIPCLOSE arrive after OK.
FIBOCOM = Dialect(
    name="fibocom",
    urc_prefixes=(*COMMON_URCS, "+MIPCALL:", "+MIPOPEN", "+MIPRTCP:", "+MIPCLOSE:", "+MIPSTAT:"),
    restorer=_RESTORER,
)
