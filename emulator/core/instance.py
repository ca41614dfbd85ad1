"""One AT instance: the byte-level face of the core (echo, line assembly, output to a sink)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from emulator.core.lineassembler import LineAssembler, RepeatLine
from emulator.core.results import frame_info
from emulator.core.settings import InstanceSettings

Sink = Callable[[bytes], None]
"""Where an instance writes what the DCE says; must accept calls from any thread."""

LineRunner = Callable[["Instance", str | None], bytes]
"""Executes a command line body for an instance (``None``: the line overflowed)."""


class Instance:
    """One AT command interface of a module, like one serial port of a real product.

    Transports call :meth:`feed` with received bytes and :meth:`attach` a sink for the answer.
    Input is processed one caller at a time; output to the sink is serialised by an output
    lock, so asynchronous output (:meth:`unsolicited`) never lands inside a response.
    A later data mode will take over :meth:`feed` while a socket is connected.
    """

    def __init__(self, number: int, run_line: LineRunner) -> None:
        self.number = number
        self.settings = InstanceSettings()
        self._run_line = run_line
        self._assembler = LineAssembler()
        self._last_body: str = ""
        self._sink: Sink | None = None
        self._input_lock = threading.Lock()
        self._output_lock = threading.Lock()

    def attach(self, sink: Sink) -> None:
        """Send output to ``sink`` from now on, replacing any previous one.

        A new DTE starts with no half-typed line: bytes a previous connection left behind must
        not prefix the new one's first command.
        """
        with self._input_lock:
            self._assembler.reset()
            with self._output_lock:
                self._sink = sink

    def detach(self, sink: Sink) -> None:
        """Stop sending output to ``sink`` if it is still the attached one."""
        with self._output_lock:
            if self._sink == sink:
                self._sink = None

    def feed(self, data: bytes) -> None:
        """Process bytes received from the DTE, answering through the sink."""
        with self._input_lock:
            pending = bytearray()
            for byte in data:
                if self.settings.echo:  # V.250 §6.2.4: echo each character as it is received
                    pending.append(byte)
                event = self._assembler.receive(byte, s3=self.settings.s3, s5=self.settings.s5)
                if event is None:
                    continue
                # The echo goes out before the command runs, as on a real port.
                self._emit(bytes(pending))
                pending.clear()
                if isinstance(event, RepeatLine):
                    body: str | None = self._last_body
                else:
                    body = None if event.overflow else event.body
                    if body is not None:
                        self._last_body = body
                self._emit(self._run_line(self, body))
            self._emit(bytes(pending))

    def unsolicited(self, text: str) -> None:
        """Send an unsolicited result code, framed as information text (V.250 §5.7.1)."""
        self._emit(frame_info((text,), self.settings))

    def power_on(self) -> None:
        """Back to power-on settings with no partial line (the module was power-cycled)."""
        with self._input_lock:
            self._assembler.reset()
            self._last_body = ""
            self.settings.reset()

    def _emit(self, data: bytes) -> None:
        if not data:
            return
        with self._output_lock:
            sink = self._sink
            if sink is not None:
                sink(data)
