"""Writes to a module's non-volatile memory happen only where the user allowed them.

Every command goes past :meth:`NvmGuard.check` before it is sent. A command that matches one of the
dialect's ``nvm_writes`` patterns (the commands that store security data in NVM or delete it from
there, with the store id as their ``slot``: harness/dialects/telit.py cites telit-ssl-ug §4.4) is sent
only when ``--allow-nvm-writes`` names its slot; otherwise the guard refuses it, and the plugin turns
that into a skip that says so. The writes that were sent are kept for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from harness.dialects import Dialect
from harness.errors import HarnessError


class NvmWriteRefused(HarnessError):
    """The command would write the module's non-volatile memory in a slot the user did not allow."""

    blame = "test"


@dataclass(frozen=True)
class NvmWrite:
    """One command that wrote (or was about to write) non-volatile memory."""

    test: str
    command: str
    #: the store id: a number (telit-ssl-ug §4.4 <storeId>) or a name (quectel-gsm-ssl §2.2.7 "NVRAM:CA0")
    slot: int | str


#: A slot named rather than numbered: letters then digits (quectel-gsm-ssl §2.2.7: CA0, CA1, CC0, CK0).
_NAMED_SLOT = re.compile(r"[A-Za-z]+[0-9]+")


def slot_of(text: str) -> int | str:
    """A slot as the dialect's pattern captured it: a number, or a name (upper case)."""
    text = text.strip()
    return int(text) if text.isdigit() else text.upper()


def parse_slots(text: str | None) -> frozenset[int | str] | None:
    """``--allow-nvm-writes`` → the allowed slots: ``"1,2"`` → {1, 2}, ``"CA0,CC0"`` → {"CA0", "CC0"} (named
    stores), ``"all"`` → None (every slot), nothing → the empty set. Anything else is a ValueError naming the
    accepted forms."""
    if text is None or not text.strip():
        return frozenset()
    if text.strip().lower() == "all":
        return None
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts or not all(p.isdigit() or _NAMED_SLOT.fullmatch(p) for p in parts):
        raise ValueError(
            f"--allow-nvm-writes takes slot numbers (1,2) or 'all', not {text!r} (store names such as CA0 too)"
        )
    return frozenset(slot_of(p) for p in parts)


@dataclass
class NvmGuard:
    """Checks each command line against the dialect's NVM-writing commands."""

    dialect: Dialect
    #: Allowed slots; None allows every slot.
    allowed: frozenset[int | str] | None
    #: What was written, in order, across the session.
    writes: list[NvmWrite] = field(default_factory=list)

    def check(self, line: str, test: str) -> None:
        """Raise :class:`NvmWriteRefused` if ``line`` writes NVM in a slot that is not allowed; record it if
        it is allowed."""
        for pattern in self.dialect.nvm_writes:
            m = pattern.match(line)
            if m is None:
                continue
            slot = slot_of(m.group("slot"))
            if self.allowed is not None and slot not in self.allowed:
                raise NvmWriteRefused(
                    f"{line.split(',')[0]}... writes the module's non-volatile memory (slot {slot}); "
                    f"give --allow-nvm-writes {slot} (or 'all') to let the suite write there"
                )
            self.writes.append(NvmWrite(test=test, command=line, slot=slot))
