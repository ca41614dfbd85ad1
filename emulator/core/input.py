"""The input a command reads after its prompt, in the two shapes the documents use.

- :class:`UntilCtrlZ`: text ended by Ctrl-Z (0x1A, not kept); ESC (0x1B) abandons it. With
  ``edit``, BS (0x08) deletes the previous byte (telit-ssl-ug §4.4 for PEM security data: "the
  reserved chars 'backspace' and 'escape' are interpreted as control characters"); without it BS
  is data (a text send: D19 names only Ctrl-Z and ESC).
- :class:`Exactly`: a byte count, every byte data (binary security data, telit-ssl-ug §4.4 "the
  binary file includes them inside it"; a send of a given length, §5.1.2.1 and quectel-gsm-ssl
  §2.2.4; an upload after ``CONNECT``).

Both hand the result to a completion callback that returns the framed final answer: the data,
or ``None`` when ESC abandoned it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from emulator.core.instance import InputCollector

CTRL_Z: Final = 0x1A
ESC: Final = 0x1B
BS: Final = 0x08

Completion = Callable[[bytes | None, bool], bytes]
"""Called with the data (``None``: abandoned) and whether it exceeded the limit."""


class UntilCtrlZ(InputCollector):
    """Bytes up to Ctrl-Z; ESC abandons; BS edits if ``edit``. Past ``limit`` bytes the input
    is still read to its end, but only the fact that it overflowed is kept."""

    def __init__(self, complete: Completion, *, edit: bool, limit: int) -> None:
        self._complete = complete
        self._edit = edit
        self._limit = limit
        self._data = bytearray()
        self._overflow = False
        self._abandoned = False

    def take(self, data: bytes) -> int | None:
        """Consume up to and including the Ctrl-Z or ESC that ends the input."""
        for index, byte in enumerate(data):
            if byte == CTRL_Z:
                return index + 1
            if byte == ESC:
                self._abandoned = True
                return index + 1
            if self._edit and byte == BS:
                if self._data:
                    self._data.pop()
                continue
            if len(self._data) >= self._limit:
                self._overflow = True
                continue
            self._data.append(byte)
        return None

    def finish(self) -> bytes:
        """Run the completion with what was typed."""
        return self._complete(None if self._abandoned else bytes(self._data), self._overflow)

    def abandon(self) -> None:
        """Power off: forget the input."""
        self._data.clear()


class Exactly(InputCollector):
    """Exactly ``count`` bytes, whatever they are."""

    def __init__(self, complete: Completion, count: int) -> None:
        self._complete = complete
        self._count = count
        self._data = bytearray()

    def take(self, data: bytes) -> int | None:
        """Consume what is still missing of ``count``."""
        need = self._count - len(self._data)
        self._data += data[:need]
        return need if len(data) >= need else None

    def finish(self) -> bytes:
        """Run the completion with the bytes."""
        return self._complete(bytes(self._data), False)

    def abandon(self) -> None:
        """Power off: forget the input."""
        self._data.clear()
