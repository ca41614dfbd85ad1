"""The data of an upload after CONNECT: +QSECWRITE (quectel-gsm-ssl §2.2.7) and the +QFUPL of
quectel-ec200-ssl §4 (emulator.quectel.ec200.files).

quectel-gsm-ssl §2.2.7: "When the size of the inputted data reaches <filesize> (unit: byte) or module receives "+++"
sequence from UART, module will return to command mode". Every byte is data (a certificate
may be binary) except the three-byte ``+++``, which ends the upload and is not kept; bytes after
the end are command input again. <timeout> seconds without the upload being complete end it
the same way (the document does not say what happens then: emulator/README.md).
"""

from __future__ import annotations

from collections.abc import Callable

from emulator.core.instance import InputCollector

_ESCAPE = b"+++"


class Upload(InputCollector):
    """At most ``size`` bytes, ended early by ``+++``; ``complete(data)`` gives the answer."""

    def __init__(self, size: int, complete: Callable[[bytes], bytes]) -> None:
        self._size = size
        self._complete = complete
        self._data = bytearray()
        self._pluses = 0  # trailing '+' of what was taken, not yet known to be data or escape

    def take(self, data: bytes) -> int | None:
        """Consume bytes until ``size`` are kept or ``+++`` came."""
        for index, byte in enumerate(data):
            if byte == ord("+"):
                self._pluses += 1
                if self._pluses == len(_ESCAPE):
                    self._pluses = 0
                    return index + 1
                if len(self._data) + self._pluses == self._size:
                    self._flush_pluses()
                    return index + 1
                continue
            self._flush_pluses()
            self._data.append(byte)
            if len(self._data) == self._size:
                return index + 1
        return None

    def _flush_pluses(self) -> None:
        self._data += b"+" * self._pluses
        self._pluses = 0

    def finish(self) -> bytes:
        """The upload ended (size, ``+++`` or deadline): store and answer."""
        self._flush_pluses()
        return self._complete(bytes(self._data))

    def abandon(self) -> None:
        """Power off: forget the data."""
        self._data.clear()
