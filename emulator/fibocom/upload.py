"""The Fibocom ``>`` prompt and its input: exactly N bytes, abandoned after 12 s of silence.

fibocom-l610-ssl §1.1.4: "When module goes to ODM mode and appear ">", if module do not receive
any data for more than 12 seconds, it will automatically exit ODM mode and return ERROR." The
emulator reads "any data" as any byte: the 12 s run from the prompt and again from each byte
received, so an upload cut short ends the same way (emulator/README.md). The prompt is ``>``
with no space after it, on a line of its own (Example 3: ``AT+GTSSLFILE="TRUSTFILE",850`` / ``>``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Final

from emulator.core.instance import InputCollector, Instance
from emulator.core.results import Prompt, Response, prompting
from emulator.core.scheduler import Scheduler, Timer

FIBOCOM_PROMPT: Final = Prompt(text=">")

PROMPT: Final[Response] = prompting(FIBOCOM_PROMPT)
"""Answer of a command that reads data: ``>``, its final result after the input."""

INPUT_TIMEOUT: Final = 12.0
"""Seconds without a byte after which the prompt's input is abandoned with ERROR (§1.1.4)."""

Completion = Callable[[bytes | None], bytes]
"""Called with the bytes, or ``None`` when the input timed out; returns the framed answer."""


class TimedExactly(InputCollector):
    """Exactly ``count`` bytes; ``timeout`` seconds without one end the input (``None``)."""

    def __init__(self, complete: Completion, count: int, *, port: Instance,
                 scheduler: Scheduler, timeout: float | None = None) -> None:
        self._complete = complete
        self._count = count
        self._port = port
        self._scheduler = scheduler
        # Read when the prompt is printed, so that a test may shorten INPUT_TIMEOUT.
        self._timeout = INPUT_TIMEOUT if timeout is None else timeout
        self._data = bytearray()
        self._lock = threading.Lock()
        self._last = time.monotonic()
        self._timer: Timer | None = scheduler.call_later(self._timeout, self._due)

    def take(self, data: bytes) -> int | None:
        """Consume what is still missing of ``count``."""
        need = self._count - len(self._data)
        with self._lock:
            self._last = time.monotonic()
        self._data += data[:need]
        if len(data) < need:
            return None
        self._cancel()
        return need

    def finish(self) -> bytes:
        """Run the completion: the bytes, or ``None`` if the input was cut short."""
        self._cancel()
        complete = len(self._data) == self._count
        return self._complete(bytes(self._data) if complete else None)

    def abandon(self) -> None:
        """Power off or a new DTE: forget the input."""
        self._cancel()
        self._data.clear()

    def _cancel(self) -> None:
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()

    def _due(self) -> None:
        with self._lock:
            if self._timer is None:
                return
            left = self._last + self._timeout - time.monotonic()
            if left > 0:
                self._timer = self._scheduler.call_later(left, self._due)
                return
            self._timer = None
        # The instance writes finish()'s answer (ERROR) and goes back to command state; False
        # if the input completed meanwhile.
        self._port.finish_input(self)
