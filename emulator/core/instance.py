"""One AT instance: the byte-level face of the core (echo, line assembly, data modes, output).

An instance is in one of three input states, and :meth:`Instance.feed` routes the DTE's bytes
by it:

=============  ==================================================================================
state          where the DTE's bytes go
=============  ==================================================================================
command        the line assembler, then the command line runner (V.250 §5.2)
prompt         an :class:`InputCollector` after a prompt (``> ``, ``>``, ``CONNECT``), until
               it says the input is complete; it then answers with the final result code
online         an :class:`OnlineSink` (the data of a connected socket, V.250 "online data state"),
               through the ``+++`` escape detector (docs/DECISIONS-issue4.md D18)
=============  ==================================================================================

A handler asks for prompt or online state with :meth:`Instance.expect_input` /
:meth:`Instance.go_online`; the switch happens once the command line's answer (the prompt,
``CONNECT``) has been written, so no byte of the answer follows data. Network threads leave
online state with :meth:`Instance.leave_online`, write received data with
:meth:`Instance.send_online` and URCs with :meth:`Instance.unsolicited`; URCs that arrive in
online state wait until command state (a URC in the data stream would be data).

Locks, always taken in this order: ``_input_lock`` (one feeder at a time) → ``_mode_lock``
(the state, held briefly) → ``_sink_lock`` (calls into the online sink, in order) → the
dialect's own locks → ``_urc_lock`` (URCs in order, held back while online or while leaving
it) → ``_output_lock`` (one write to the DTE at a time). So a network thread may write data
and URCs while holding its own locks, but must hold none of them to call :meth:`leave_online`.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from emulator.core.escape import EscapeDetector
from emulator.core.lineassembler import LineAssembler, RepeatLine
from emulator.core.results import ResultCode, frame_final, frame_info, frame_payload_urc
from emulator.core.scheduler import Scheduler, Timer
from emulator.core.settings import InstanceSettings

Sink = Callable[[bytes], None]
"""Where an instance writes what the DCE says; must accept calls from any thread."""

LineRunner = Callable[["Instance", str | None], bytes]
"""Executes a command line body for an instance (``None``: the line overflowed)."""

# V.250 §6.3.x / Hayes S12: the escape guard time counts in fiftieths of a second (D18).
S12_UNIT = 1 / 50


class InputCollector(ABC):
    """The bytes a command reads after its prompt."""

    @abstractmethod
    def take(self, data: bytes) -> int | None:
        """Consume input: ``None`` if all of ``data`` was taken and more is needed; else the
        number of leading bytes of ``data`` that completed the input (the rest is command
        state input again)."""

    @abstractmethod
    def finish(self) -> bytes:
        """The input is complete: act on it and return the framed final answer."""

    @abstractmethod
    def abandon(self) -> None:
        """The module was switched off before the input was complete."""


class OnlineSink(ABC):
    """Where the DTE's data goes in online data state, and what the instance tells it."""

    @abstractmethod
    def entered(self) -> None:
        """Online state has begun (``CONNECT`` is written): data may flow to the DTE now."""

    @abstractmethod
    def receive(self, data: bytes) -> None:
        """Data from the DTE (never part of a valid escape)."""

    @abstractmethod
    def escaped(self) -> None:
        """``+++`` was honoured: stop writing data; the instance then prints OK."""


@dataclass(eq=False)
class _Prompt:
    collector: InputCollector


@dataclass(eq=False)
class _Online:
    sink: OnlineSink
    detector: EscapeDetector
    timer: Timer | None = None


_Mode = _Prompt | _Online | None  # None: command state


class Instance:
    """One AT command interface of a module, like one serial port of a real product.

    Transports call :meth:`feed` with received bytes and :meth:`attach` a sink for the answer.
    Input is processed one caller at a time; output to the sink is serialised by an output
    lock, so asynchronous output never lands inside a response.
    """

    def __init__(self, number: int, run_line: LineRunner, *,
                 scheduler: Scheduler | None = None) -> None:
        self.number = number
        self.settings = InstanceSettings()
        self._run_line = run_line
        self._scheduler = scheduler if scheduler is not None else Scheduler()
        self._assembler = LineAssembler()
        self._last_body: str = ""
        self._sink: Sink | None = None
        # Reentrant: a restart command power-cycles the module from its after-response callback, in
        # the feeding thread (emulator.core.restart), and power_on takes this lock.
        self._input_lock = threading.RLock()
        self._mode_lock = threading.Lock()
        self._sink_lock = threading.Lock()
        self._urc_lock = threading.Lock()
        self._output_lock = threading.Lock()
        self._mode: _Mode = None
        # Set with the switch out of online state, cleared once its final result is written:
        # URCs wait until then, so none lands before the OK / NO CARRIER that ends the data.
        self._leaving = False
        # Set while a command line runs or its prompt input is typed: URCs wait for its final
        # result code (V.250 §5.7.1 has URCs between responses, never inside one).
        self._busy = False
        self._held_urcs: list[bytes] = []
        self._next_mode: _Mode = None
        self._after: list[Callable[[], None]] = []

    # ------------------------------------------------------------------ transport side
    def attach(self, sink: Sink) -> None:
        """Send output to ``sink`` from now on, replacing any previous one.

        A new DTE starts with no half-typed line: bytes a previous connection left behind must
        not prefix the new one's first command. Nor does it inherit a prompt's unfinished input
        (a send waiting for its byte count or for Ctrl-Z): that input is abandoned,
        nothing is sent, and the new DTE's bytes are commands again instead of being swallowed
        as the old command's data. URCs the prompt held back are then written to ``sink``.
        """
        with self._input_lock:
            self._assembler.reset()
            with self._mode_lock:
                mode = self._mode
                prompt = mode if isinstance(mode, _Prompt) else None
                if prompt is not None:
                    self._mode = None
            if prompt is not None:
                prompt.collector.abandon()
            with self._output_lock:
                self._sink = sink
            if prompt is not None:
                self._set_busy(False)

    def detach(self, sink: Sink) -> None:
        """Stop sending output to ``sink`` if it is still the attached one."""
        with self._output_lock:
            if self._sink == sink:
                self._sink = None

    def feed(self, data: bytes) -> None:
        """Process bytes received from the DTE, answering through the sink."""
        with self._input_lock:
            pos = 0
            while pos < len(data):
                mode = self._mode
                if isinstance(mode, _Prompt):
                    pos += self._feed_prompt(mode, data[pos:])
                elif isinstance(mode, _Online):
                    pos += self._feed_online(mode, data[pos:])
                else:
                    pos += self._feed_command(data[pos:])

    # ------------------------------------------------------------------ handler side
    @property
    def online(self) -> bool:
        """Whether the instance is in online data state."""
        return isinstance(self._mode, _Online)

    def expect_input(self, collector: InputCollector) -> None:
        """After this command line's answer (the prompt), give the DTE's bytes to ``collector``."""
        self._next_mode = _Prompt(collector)

    def finish_input(self, collector: InputCollector) -> bool:
        """End the prompt input of ``collector`` now (its command's input deadline passed):
        its final answer is written as if the input were complete. ``False`` if the instance
        no longer waits for that collector's input. Call from a timer, holding no lock."""
        with self._input_lock:
            with self._mode_lock:
                mode = self._mode
                if not (isinstance(mode, _Prompt) and mode.collector is collector):
                    return False
                self._mode = None
            self._emit(collector.finish())
            self._apply_pending()
            self._set_busy(False)
            return True

    def go_online(self, sink: OnlineSink, *, guard_required: bool = True) -> None:
        """After this command line's answer (``CONNECT``), enter online data state with ``sink``.

        ``guard_required=False`` honours ``+++`` without its guard times (a defect switch).
        """
        guard = self.settings.s12 * S12_UNIT
        detector = EscapeDetector(guard=guard, now=time.monotonic(),
                                  guard_required=guard_required)
        self._next_mode = _Online(sink, detector)

    def after_response(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this command line's answer has been written."""
        self._after.append(callback)

    # ------------------------------------------------------------------ network side
    def send_online(self, sink: OnlineSink, data: bytes) -> bool:
        """Write data received for ``sink``; ``False`` (nothing written) unless it is online.

        Takes no instance lock but the output lock, so a network thread may call it while
        holding its own locks.
        """
        mode = self._mode
        if not (isinstance(mode, _Online) and mode.sink is sink):
            return False
        self._emit(data)
        return True

    def leave_online(self, sink: OnlineSink,
                     final: ResultCode | None = ResultCode.NO_CARRIER) -> bool:
        """Leave online state of ``sink`` with ``final`` (NO CARRIER: the connection ended;
        ``None``: silently).

        ``False`` if the instance was not online with ``sink``. Call without holding any lock
        the sink's methods take.
        """
        with self._mode_lock:
            mode = self._mode
            if not (isinstance(mode, _Online) and mode.sink is sink):
                return False
            self._leaving, self._mode = True, None
            if mode.timer is not None:
                mode.timer.cancel()
        self._finish_online(final)
        return True

    def unsolicited(self, text: str) -> None:
        """Send an unsolicited result code, framed as information text (V.250 §5.7.1)."""
        self._urc(frame_info((text,), self.settings))

    def unsolicited_data(self, header: str, payload: bytes, *, inline: bool = True) -> None:
        """A URC that carries raw bytes: after its text on the same line (``inline``), or after
        its header line, exactly ``len(payload)`` bytes as the header counts them
        (:func:`~emulator.core.results.frame_payload_urc`)."""
        self._urc(frame_payload_urc(header, payload, self.settings, inline=inline))

    def result(self, final: ResultCode) -> None:
        """An asynchronous basic result code in command state (NO CARRIER after a remote close)."""
        self._urc(frame_final(final, self.settings))

    def power_on(self) -> None:
        """Back to power-on settings with no partial line (the module was power-cycled). May run in
        the feeding thread itself, from an after-response callback (a restart command,
        :mod:`emulator.core.restart`): the input lock is reentrant for that."""
        with self._input_lock:
            with self._mode_lock:
                mode, self._mode, self._next_mode = self._mode, None, None
                self._after = []
                with self._urc_lock:
                    self._leaving, self._busy, self._held_urcs = False, False, []
            if isinstance(mode, _Online) and mode.timer is not None:
                mode.timer.cancel()
            if isinstance(mode, _Prompt):
                mode.collector.abandon()
            self._assembler.reset()
            self._last_body = ""
            self.settings.reset()

    # ------------------------------------------------------------------ internals
    def _feed_command(self, data: bytes) -> int:
        pending = bytearray()
        for index, byte in enumerate(data):
            if self.settings.echo:  # V.250 §6.2.4: echo each character as it is received
                pending.append(byte)
            event = self._assembler.receive(byte, s3=self.settings.s3, s5=self.settings.s5)
            if event is None:
                continue
            # The echo goes out before the command runs, as on a real port.
            self._emit(bytes(pending))
            pending.clear()
            self._set_busy(True)
            if isinstance(event, RepeatLine):
                body: str | None = self._last_body
            else:
                body = None if event.overflow else event.body
                if body is not None:
                    self._last_body = body
            self._emit(self._run_line(self, body))
            left = self._apply_pending()
            self._set_busy(False)
            if left:
                return index + 1
        self._emit(bytes(pending))
        return len(data)

    def _apply_pending(self) -> bool:
        """Switch to the state the line asked for, run after-response callbacks.

        Returns whether the instance left command state.
        """
        with self._mode_lock:
            mode, self._next_mode = self._next_mode, None
            if mode is not None:
                self._mode = mode
            callbacks, self._after = self._after, []
        if isinstance(mode, _Online):
            with self._sink_lock:
                mode.sink.entered()
        for callback in callbacks:
            callback()
        return mode is not None

    def _feed_prompt(self, mode: _Prompt, data: bytes) -> int:
        taken = mode.collector.take(data)
        consumed = len(data) if taken is None else taken
        if self.settings.echo:
            self._emit(data[:consumed])
        if taken is None:
            return consumed
        with self._mode_lock:
            if self._mode is mode:
                self._mode = None
        self._emit(mode.collector.finish())
        self._apply_pending()
        self._set_busy(False)
        return consumed

    def _feed_online(self, mode: _Online, data: bytes) -> int:
        now = time.monotonic()
        with self._mode_lock:
            if self._mode is not mode:
                return 0  # left online state meanwhile: these bytes are command input
            result = mode.detector.feed(data, now)
            if mode.timer is not None:
                mode.timer.cancel()
                mode.timer = None
            if result.escape_at is not None:
                self._leaving, self._mode = True, None
            elif result.check_after is not None:
                mode.timer = self._scheduler.call_later(
                    result.check_after, lambda: self._guard_expired(mode))
            # Taken before the state lock is released: data reaches the sink in arrival order.
            self._sink_lock.acquire()
        try:
            if result.forward:
                mode.sink.receive(result.forward)
            if result.escape_at is not None:
                mode.sink.escaped()
        finally:
            self._sink_lock.release()
        if result.escape_at is None:
            return len(data)
        self._escaped(mode)
        return result.escape_at

    def _guard_expired(self, mode: _Online) -> None:
        with self._mode_lock:
            if self._mode is not mode:
                return
            expiry = mode.detector.expire(time.monotonic())
            if expiry is None:
                return
            mode.timer = None
            if expiry.escape:
                self._leaving, self._mode = True, None
            self._sink_lock.acquire()
        try:
            if expiry.escape:
                mode.sink.escaped()
            elif expiry.release:
                mode.sink.receive(expiry.release)
        finally:
            self._sink_lock.release()
        if expiry.escape:
            self._escaped(mode)

    def _escaped(self, mode: _Online) -> None:
        # D18: after the escape, OK and command state with the connection still open.
        self._finish_online(ResultCode.OK)

    def _finish_online(self, final: ResultCode | None) -> None:
        with self._urc_lock:
            if final is not None:
                self._emit(frame_final(final, self.settings))
            held, self._held_urcs, self._leaving = self._held_urcs, [], False
            for framed in held:
                self._emit(framed)

    def _urc(self, framed: bytes) -> None:
        with self._urc_lock:
            if self._busy or isinstance(self._mode, _Online) or self._leaving:
                self._held_urcs.append(framed)
                return
            self._emit(framed)

    def _set_busy(self, busy: bool) -> None:
        """Hold URCs (``True``), or let the held ones out unless a state still holds them."""
        with self._urc_lock:
            if busy:
                self._busy = True
                return
            if isinstance(self._mode, _Prompt):
                return  # the command goes on: its input, then its final result
            self._busy = False
            if isinstance(self._mode, _Online) or self._leaving:
                return  # online state holds them until it ends
            held, self._held_urcs = self._held_urcs, []
            for framed in held:
                self._emit(framed)

    def _emit(self, data: bytes) -> None:
        if not data:
            return
        with self._output_lock:
            sink = self._sink
            if sink is not None:
                sink(data)
