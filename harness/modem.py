"""The host side of one AT instance: a short loop joining a :class:`~harness.link.Link` to the engine.

A test calls :meth:`Modem.command` and gets a :class:`Response` (echo, information lines, payloads,
final result, and the URCs that arrived meanwhile). URCs that arrive between commands are kept in
:attr:`Modem.urcs`. Every wait has a deadline; when it passes the error says what was pending and what
had arrived.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from harness.dialects import Dialect
from harness.engine import Command, Engine
from harness.errors import RemoteProtocolError, TargetSilent
from harness.events import (
    Echo,
    Event,
    FinalResult,
    InformationLine,
    OnlineData,
    Payload,
    Prompt,
    Urc,
    _Sentinel,
)
from harness.link import Link

#: Default deadline for one command's response; configuration commands answer within ~300 ms
#: (quectel-ec200-ssl "Maximum Response Time"), so 5 s is generous without letting a dead target stall.
DEFAULT_TIMEOUT = 5.0


@dataclass(frozen=True, kw_only=True)
class Response:
    """Everything one command got back."""

    command: str
    final: FinalResult
    lines: tuple[str, ...] = ()
    payloads: tuple[bytes, ...] = ()
    echoed: bool = False
    prompted: bool = False
    urcs: tuple[Urc, ...] = ()
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the final result reports success."""
        return self.final.is_ok

    def fields(self, prefix: str) -> list[list[str]]:
        """The comma-separated values of every line that starts with ``prefix`` (``#SSLEN``).

        ``#SSLEN: 1,0`` gives ``["1", "0"]``; quotes are kept, as the module printed them.
        """
        out = []
        for line in self.lines:
            if line.startswith(prefix + ":"):
                out.append([v.strip() for v in line[len(prefix) + 1 :].split(",")])
        return out

    def describe(self) -> str:
        """One line for failure messages: what came back, as the module printed it."""
        body = " | ".join(self.lines)
        return f"{self.command!r} -> {body + ' | ' if body else ''}{self.final.text}"


@dataclass
class Modem:
    """One AT instance of the target, reached through ``link``."""

    link: Link
    dialect: Dialect
    timeout: float = DEFAULT_TIMEOUT
    name: str = "modem"
    engine: Engine = field(init=False)
    urcs: list[Urc] = field(default_factory=list)
    online_data: bytearray = field(default_factory=bytearray)
    _timeout_used: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        self.engine = Engine(self.dialect)

    # ------------------------------------------------------------------ commands
    def command(
        self, line: str, *, timeout: float | None = None, data: bytes | None = None, prompt: str | None = None
    ) -> Response:
        """Send ``line``; if ``data`` is given, write it after the prompt (``>`` unless ``prompt`` says).

        Raises :class:`TargetSilent` when no final result code arrives in time, and
        :class:`RemoteProtocolError` (with the command named) when the target breaks the protocol.
        """
        if data is not None and prompt is None:
            prompt = ">"
        cmd = Command(line=line, prompt=prompt)
        started = time.monotonic()
        self._timeout_used = self.timeout if timeout is None else timeout
        deadline = started + self._timeout_used
        self._drain_idle()
        self.link.write(self.engine.send(cmd))
        lines: list[str] = []
        payloads: list[bytes] = []
        urcs: list[Urc] = []
        echoed = prompted = False
        while True:
            event = self._next(deadline, waiting_for=line)
            if isinstance(event, Echo):
                echoed = True
            elif isinstance(event, InformationLine):
                lines.append(event.text)
            elif isinstance(event, Payload):
                payloads.append(event.data)
            elif isinstance(event, Urc):
                urcs.append(event)
                self.urcs.append(event)
            elif isinstance(event, Prompt):
                prompted = True
                if data is None:
                    raise RemoteProtocolError(f"{line!r}: unexpected prompt {event.text!r}")
                self.link.write(self.engine.send_payload(data))
            elif isinstance(event, FinalResult):
                return Response(
                    command=line,
                    final=event,
                    lines=tuple(lines),
                    payloads=tuple(payloads),
                    echoed=echoed,
                    prompted=prompted,
                    urcs=tuple(urcs),
                    elapsed=time.monotonic() - started,
                )
            elif isinstance(event, OnlineData):  # pragma: no cover - a final always precedes online data
                self.online_data += event.data

    def wait_urc(self, startswith: str, timeout: float | None = None) -> Urc:
        """Wait for an unsolicited result code whose text starts with ``startswith``."""
        self._timeout_used = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + self._timeout_used
        for i, urc in enumerate(self.urcs):
            if urc.text.startswith(startswith):
                return self.urcs.pop(i)
        while True:
            event = self._next(deadline, waiting_for=f"a URC {startswith!r}")
            if isinstance(event, Urc):
                if event.text.startswith(startswith):
                    return event
                self.urcs.append(event)
            elif isinstance(event, OnlineData):
                self.online_data += event.data

    def close(self) -> None:
        """Close the link."""
        self.link.close()

    # ------------------------------------------------------------------ internals
    def _drain_idle(self) -> None:
        """Collect what arrived between commands (URCs) without waiting."""
        data = self.link.read_waiting()
        if data:
            self.engine.receive_data(data)
        while not isinstance(event := self.engine.next_event(), _Sentinel):
            if isinstance(event, Urc):
                self.urcs.append(event)
            elif isinstance(event, OnlineData):
                self.online_data += event.data

    def _next(self, deadline: float, waiting_for: str) -> Event:
        while True:
            event = self.engine.next_event()
            if not isinstance(event, _Sentinel):
                return event
            data = self.link.read(deadline)
            if not data:
                raise TargetSilent(
                    f"target silent: no final result code for {waiting_for!r} within the deadline"
                    f" ({self._timeout_used:.1f} s); received but unfinished: {self.engine.partial!r}"
                )
            self.engine.receive_data(data)
