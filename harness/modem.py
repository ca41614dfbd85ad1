"""The host side of one AT instance: a short loop joining a :class:`~harness.link.Link` to the engine.

A test calls :meth:`Modem.command` and gets a :class:`Response` (echo, information lines, payloads,
final result, and the URCs that arrived meanwhile). URCs that arrive between commands are kept in
:attr:`Modem.urcs`. Every wait has a deadline; when it passes the error says what was pending and what
had arrived.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from harness.dialects import Dialect
from harness.engine import Command, Engine, State
from harness.errors import RemoteProtocolError, TargetSilent
from harness.events import (
    Echo,
    Event,
    FinalResult,
    InformationLine,
    OnlineData,
    Payload,
    Prompt,
    ResultKind,
    Urc,
    _Sentinel,
)
from harness.link import Link
from harness.transcript import Transcript
from harness.waits import Waits

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
        """The comma-separated values of every line that starts with ``prefix`` (``+CMEE``).

        ``+CGDCONT: 1,"IP"`` gives ``["1", '"IP"']``: quotes are kept, as the module printed them.
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
    #: Silence kept before and after +++: a little over the module's S12 guard time (V.250 §6.3.x,
    #: default 50/50 s); the suite shortens it when the module accepts ATS12.
    escape_guard: float = 1.1
    #: Deadlines of network waits on this target (harness/waits.py): ``modem.waits.network(10)``.
    waits: Waits = field(default_factory=Waits)
    #: Called with each command line before it is sent; it may refuse it by raising (the plugin's
    #: non-volatile memory guard, harness/nvm.py).
    guard: Callable[[str], None] | None = None
    #: True when the module behind this instance is powered off after the test (the embedded emulator
    #: without a fault of the line: a fresh module per test, its link never kept; set by the plugin's
    #: ``open``). A teardown that only puts state back for the next test skips it then (issue 15).
    discarded_after_test: bool = False

    def __post_init__(self) -> None:
        self.engine = Engine(self.dialect)

    # ------------------------------------------------------------------ commands
    def command(
        self,
        line: str,
        *,
        timeout: float | None = None,
        data: bytes | None = None,
        prompt: str | None = None,
        raw_bytes: int | None = None,
        secret: bool = False,
    ) -> Response:
        """Send ``line``; if ``data`` is given, write it after the prompt (``prompt``, else the dialect's for the
        command: ``>`` or ``CONNECT``).

        ``secret`` keeps ``data`` (a private key) out of the transcript. Raises :class:`TargetSilent`
        when no final result code arrives in time, and
        :class:`RemoteProtocolError` (with the command named) when the target breaks the protocol.
        """
        if data is not None and prompt is None:
            # The dialect says which commands ask for their data with CONNECT; the others print ">".
            prompt = "CONNECT" if Command(line=line).name in self.dialect.connect_prompts else ">"
        cmd = Command(line=line, prompt=prompt, raw_bytes=raw_bytes)
        started = time.monotonic()
        self._timeout_used = self.timeout if timeout is None else timeout
        deadline = started + self._timeout_used
        if self.guard is not None:
            self.guard(line)
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
                self.link.write(self.engine.send_payload(data), secret=secret)
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

    # ------------------------------------------------------------------ online data state
    @property
    def online(self) -> bool:
        """True between CONNECT and the escape or NO CARRIER (V.250 online data state)."""
        return self.engine.state is State.ONLINE

    def write_online(self, data: bytes) -> None:
        """In online data state, send ``data`` to the remote end through the module."""
        self.link.write(self.engine.send_online(data))

    def read_online(self, size: int, timeout: float | None = None) -> bytes:
        """Take exactly ``size`` bytes of online data (telit-ssl-ug §5.1.1), waiting up to ``timeout``."""
        self._timeout_used = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + self._timeout_used
        while len(self.online_data) < size:
            try:
                event = self._next(deadline, waiting_for=f"{size} bytes of online data", flush_online=True)
            except TargetSilent as e:
                raise TargetSilent(f"{e} — {len(self.online_data)} of {size} bytes of online data arrived") from None
            self._absorb(event)
            if not self.online:
                self._drain_idle()
            if not self.online and len(self.online_data) < size:
                raise RemoteProtocolError(
                    f"online data state ended after {len(self.online_data)} of {size} bytes"
                    f" ({self.urcs[-1].text if self.urcs else 'no reason given'})"
                )
        data = bytes(self.online_data[:size])
        del self.online_data[:size]
        return data

    def read_until_closed(self, timeout: float | None = None) -> bytes:
        """Take online data until the module leaves online data state (NO CARRIER on a remote close)."""
        self._timeout_used = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + self._timeout_used
        while self.online:
            self._absorb(self._next(deadline, waiting_for="NO CARRIER ending online data", flush_online=True))
        self._drain_idle()  # the NO CARRIER URC is queued behind the last data
        data = bytes(self.online_data)
        self.online_data.clear()
        return data

    def escape(self, guard: float | None = None, timeout: float | None = None) -> Response:
        """Leave online data state with ``+++`` between two silences of ``guard`` seconds (V.250 S12,
        telit-ssl-ug §5.1.1); returns the OK (or NO CARRIER) that answers it. Data that arrives meanwhile
        is kept in :attr:`online_data`."""
        started = time.monotonic()
        guard = self.escape_guard if guard is None else guard
        time.sleep(guard)
        self._drain_idle()
        if not self.online:
            # The remote end closed during the guard time (a NO CARRIER URC arrived): nothing to escape.
            return Response(
                command="+++",
                final=FinalResult(kind=ResultKind.NO_CARRIER, text="NO CARRIER"),
                lines=("online data state ended (NO CARRIER) before +++ was sent",),
                elapsed=time.monotonic() - started,
            )
        self.link.write(self.engine.escape())
        time.sleep(guard)
        self._timeout_used = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + self._timeout_used
        while True:
            event = self._next(deadline, waiting_for="+++ (escape to command mode)")
            if isinstance(event, FinalResult):
                return Response(command="+++", final=event, elapsed=time.monotonic() - started)
            self._absorb(event)

    def _absorb(self, event: Event) -> None:
        if isinstance(event, OnlineData):
            self.online_data += event.data
        elif isinstance(event, Urc):
            self.urcs.append(event)

    @contextmanager
    def own_transcript(self, name: str) -> Iterator[Transcript]:
        """Record what happens inside the ``with`` in a transcript of its own (identification, settings
        read and restored), so that no test's transcript carries it."""
        previous, self.link.transcript = self.link.transcript, Transcript(name=name)
        try:
            yield self.link.transcript
        finally:
            self.link.transcript = previous

    def settle(self, quiet: float, limit: float, why: str = "the answer to a command given up on") -> bytes:
        """Read and drop what arrives until the link has been quiet for ``quiet`` seconds (at most
        ``limit`` in all): late answers to a command that was given up (:meth:`Engine.abandon`), which would
        otherwise be taken for the answers to the next ones. The bytes are noted in the transcript."""
        end = time.monotonic() + limit
        got = bytearray()
        while time.monotonic() < end:
            data = self.link.read(min(end, time.monotonic() + quiet))
            if not data:
                break
            got += data
        if got:
            self.link.transcript.note(f"dropped {len(got)} late bytes: {why}")
        return bytes(got)

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

    def _next(self, deadline: float, waiting_for: str, flush_online: bool = False) -> Event:
        while True:
            event = self.engine.next_event()
            if not isinstance(event, _Sentinel):
                return event
            data = self.link.read(min(deadline, time.monotonic() + 0.2) if flush_online else deadline)
            if not data and flush_online and time.monotonic() < deadline:
                # A quiet moment in online data state: release bytes held back as a possible
                # "<CR><LF>NO CARRIER" (the engine cannot know yet), then keep waiting.
                self.engine.flush_online()
                continue
            if not data:
                deadline_text = (
                    f"no final result code for {waiting_for!r} within the deadline ({self._timeout_used:.1f} s)"
                )
                if self.engine.pending is None:
                    raise TargetSilent(
                        f"target silent: {deadline_text}; received but unfinished: {self.engine.partial!r}"
                    )
                # Name what came: the lines already read, and whether the module was silent or answered in a
                # form the tables do not know (a vendor error line, a reply in place of a prompt).
                got = self.engine.unfinished()
                if self.engine.answered:
                    raise TargetSilent(
                        f"unfinished response (target silent on its final result code): {deadline_text}; {got}"
                    )
                raise TargetSilent(f"target silent: {deadline_text}; {got}")
            self.engine.receive_data(data)
