"""pyserial URL handler for the embedded emulator: ``emulator://<vendor>/<model>[?query]``.

Register it with ``serial.protocol_handler_packages.append("emulator.urlhandler")``; then
``serial.serial_for_url("emulator://telit/he910?instance=2")`` opens AT instance 2 of a module
shared with every other open port of the same profile, defects and module key.

Query keys: ``instance=N`` (1-based, default 1), ``defect=NAME`` (repeatable),
``module=KEY`` (default ``default``: ports with different keys are different modules),
``fault=NAME[:ARG...]`` (repeatable: the port's bytes flow through these faults of :mod:`faults`,
in order from the port's side; ``python -m faults --list`` names them). A fault belongs to the port,
not to the module: another instance of the same module is unaffected. ``baud=N`` and ``latency=T``
(``30ms``, ``0.03s``, ``500us``) put a simulated line (:mod:`faults.line`) between the port and the
faults: bytes paced at N baud (10 bits a byte, 8N1) and T added, both ways.

Modelled on pyserial's ``protocol_loop``: no thread of its own. ``write`` runs the bytes through
the instance in the caller's thread; the instance's output lands in a buffer that ``read`` waits
on with a condition variable and a real deadline. With faults, what the instance says goes
through the fault chain first and waits in an :class:`faults.Outbox` until it is due; ``read`` and
``in_waiting`` deliver what is due (still no thread), and carry out what a fault asked for outside
the instance's locks (the power cycle of ``restart-after``, detaching after ``drop-link-after``).
With a line, the bytes written wait in a second :class:`faults.Outbox` until they have crossed it, and
one thread of the port feeds them to the instance when due (the reads cannot: a test may write and
then wait, as ``+++`` between its guard times); ``flush`` waits until they have left the port, as
``tcdrain`` on a real serial port.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections import deque
from typing import TYPE_CHECKING, Any, Final

from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from emulator.defects import check_defects
from emulator.profiles import Profile, get_profile
from emulator.registry import REGISTRY, Lease

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

    # Imported at run time only where a URL asks for ``fault=`` (the local imports below): the
    # emulator and faults stay independent at import time (docs/ARCHITECTURE.md layers).
    import faults

SCHEME: Final = "emulator"
_KEYS: Final = ("instance", "defect", "module", "fault", "baud", "latency")
_GRAMMAR: Final = ("emulator://<vendor>/<model>[?instance=N][&defect=NAME...][&module=KEY][&fault=NAME[:ARG]...]"
                   "[&baud=N][&latency=30ms]")
#: How many fault notes a port keeps (:attr:`Serial.fault_notes`).
_NOTES: Final = 200
#: How long ``close`` waits for the line's feeding thread to finish (seconds).
_PUMP_JOIN: Final = 2.0


def parse_url(url: str) -> tuple[Profile, int, frozenset[str], str]:
    """Split an ``emulator://`` URL into (profile, instance, defects, module key).

    ``ValueError`` names the problem and the valid choices.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != SCHEME:
        raise ValueError(f"not an {SCHEME}:// URL: {url!r}")
    profile = get_profile(f"{parts.netloc}{parts.path}".lower())
    query = urllib.parse.parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    unknown = sorted(set(query) - set(_KEYS))
    if unknown:
        raise ValueError(f"unknown option {', '.join(map(repr, unknown))}; "
                         f"valid options: {', '.join(_KEYS)}")
    instance = _instance_number(query.get("instance", ["1"]), profile)
    defects = check_defects(query.get("defect", []))
    keys = query.get("module", ["default"])
    if len(keys) != 1 or not keys[0]:
        raise ValueError(f"module must be given once and not be empty, got {keys!r}")
    return profile, instance, defects, keys[0]


def parse_faults(url: str) -> tuple[str, ...]:
    """The ``fault=`` values of an ``emulator://`` URL, in order, checked.

    Values are percent-decoded without turning ``+`` into a space, so ``fault=urc-between:+CREG:%201``
    injects ``+CREG: 1``. ``ValueError`` (:class:`faults.FaultSyntaxError`) names the valid faults.
    """
    query = urllib.parse.urlsplit(url).query
    specs = tuple(urllib.parse.unquote(value) for key, _, value in (part.partition("=") for part in
                  query.split("&")) if urllib.parse.unquote(key) == "fault")
    if specs:
        import faults  # lazily: only a URL with fault= needs it (see the TYPE_CHECKING import)

        for spec in specs:
            faults.parse_fault(spec)  # raises with the valid names and the usage
    return specs


def parse_line(url: str) -> faults.LineSettings | None:
    """The simulated line that the ``baud=`` and ``latency=`` options of an ``emulator://`` URL name
    (each at most once), or ``None`` without either. ``ValueError`` names the valid forms."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)
    baud, latency = query.get("baud"), query.get("latency")
    if baud is None and latency is None:
        return None
    for key, values in (("baud", baud), ("latency", latency)):
        if values is not None and len(values) != 1:
            raise ValueError(f"{key} must be given at most once, got {values!r}")
    import faults  # lazily, as for fault= (see the TYPE_CHECKING import)

    return faults.parse_line(None if baud is None else baud[0], None if latency is None else latency[0])


def _instance_number(values: list[str], profile: Profile) -> int:
    valid = f"1 to {profile.max_instances}"
    if len(values) != 1 or not values[0].isdigit() or not values[0].isascii():
        raise ValueError(f"instance must be one integer, {valid}; got {values!r}")
    number = int(values[0])
    if not 1 <= number <= profile.max_instances:
        raise ValueError(f"instance must be {valid} for {profile.name}, got {number}")
    return number


class Serial(SerialBase):
    """One AT instance of an emulated module, as a pyserial port."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._cond = threading.Condition()
        self._rx = bytearray()
        self._lease: Lease | None = None
        self._cancelled = False
        # Faults (fault= in the URL): None keeps the plain path, byte for byte as without faults.
        self._chain: faults.Chain | None = None
        self._fault_lock = threading.Lock()  # taken before _cond, never while calling into the instance
        self._outbox: faults.Outbox | None = None  # made with the chain
        self._to_instance = bytearray()  # bytes a fault sent to the target from inside the sink
        self._power_cycle: str | None = None
        self._dropped: str | None = None
        self._detached = False
        self._fault_due: float | None = None  # the chain's next timer, as _service last saw it
        # A simulated line (baud=, latency=): the bytes for the instance wait in _target_box until due,
        # and the _pump thread feeds them; _feed_lock keeps takes and feeds in order between threads.
        self._line: faults.Line | None = None
        self._target_box: faults.Outbox | None = None
        self._feed_lock = threading.Lock()  # taken before _fault_lock
        self._pump_thread: threading.Thread | None = None
        #: What the faults did, most recent last (for diagnostics and tests).
        self.fault_notes: deque[str] = deque(maxlen=_NOTES)
        super().__init__(*args, **kwargs)

    def open(self) -> None:
        """Open the port: attach to the shared module named by the URL."""
        if self.is_open:
            raise SerialException("Port is already open.")
        url = self.port
        if url is None:
            raise SerialException("Port must be configured before it can be used.")
        try:
            profile, number, defects, key = parse_url(url)
            specs = parse_faults(url)
            line = parse_line(url)
            lease = REGISTRY.open(profile, defects, key, number)
        except ValueError as error:
            raise SerialException(f"{error} (URL form: {_GRAMMAR})") from error
        chain, outbox = None, None
        if specs or line is not None:
            import faults  # lazily: only a URL with fault= or a line needs it (see the TYPE_CHECKING import)

            chain, outbox = faults.build(specs, line), faults.Outbox()
        with self._fault_lock, self._cond:
            self._rx.clear()
            self._cancelled = False
            self._chain, self._outbox = chain, outbox
            self._line = None if chain is None else chain.line
            self._target_box = None if self._line is None else faults.Outbox()
            self._to_instance.clear()
            self._power_cycle = self._dropped = None
            self._detached = False
        self._lease = lease
        lease.instance.attach(self._receive)
        self.is_open = True
        if self._line is not None:
            self._pump_thread = threading.Thread(target=self._pump, daemon=True, name=f"emulator-line-{url}")
            self._pump_thread.start()

    def close(self) -> None:
        """Close the port; the last port of a module switches the module off."""
        lease, self._lease = getattr(self, "_lease", None), None
        if lease is not None:
            lease.instance.detach(self._receive)
            lease.close()
        if getattr(self, "is_open", False):
            self.is_open = False
            with self._cond:
                self._cond.notify_all()
        pump, self._pump_thread = getattr(self, "_pump_thread", None), None
        if pump is not None and pump is not threading.current_thread():
            pump.join(_PUMP_JOIN)
        super().close()

    def _reconfigure_port(self) -> None:
        # Baud rate, parity and the rest mean nothing to an in-process instance.
        pass

    def _receive(self, data: bytes) -> None:
        """The instance's sink: output becomes readable (through the faults, if any)."""
        if self._chain is not None:
            with self._fault_lock:
                if self._chain is not None:
                    self._to_instance += self._apply(self._chain.on_to_suite(data, time.monotonic()))
            return
        with self._cond:
            self._rx += data
            self._cond.notify_all()

    # ------------------------------------------------------------------ faults
    def _apply(self, actions: list[faults.Action]) -> bytes:
        """Carry out a fault's actions (``_fault_lock`` held); returns the bytes meant for the instance.

        Nothing here calls into the instance: this runs inside its sink, under its locks. The power
        cycle and the detach wait for :meth:`_service`, in the caller's thread.
        """
        import faults  # already loaded: there is a chain

        outbox = self._faulty_outbox()
        now = time.monotonic()
        for_instance = bytearray()
        with self._cond:
            for action in actions:
                if isinstance(action, faults.Send):
                    if action.to is faults.Direction.TO_TARGET:
                        if self._target_box is not None:  # a line: due when it has crossed it
                            self._target_box.push(now, action.after, action.data)
                        else:
                            for_instance += action.data
                    elif self._dropped is None:
                        outbox.push(now, action.after, action.data)
                elif isinstance(action, faults.DropLink):
                    self._dropped = self._dropped or action.reason
                    self.fault_notes.append(action.reason)
                elif isinstance(action, faults.PowerCycle):
                    self._power_cycle = action.reason
                    self.fault_notes.append(action.reason)
                else:
                    self.fault_notes.append(action.text)
            self._cond.notify_all()
        return bytes(for_instance)

    def _faulty_outbox(self) -> faults.Outbox:
        outbox = self._outbox
        if outbox is None:
            raise SerialException("no fault chain on this port")  # a bug: only the fault path asks
        return outbox

    def _service(self, wait: bool = True) -> None:
        """In the caller's thread: run the faults' timers, then do what they asked of the instance.

        With a line, ``wait=False`` (a read) leaves it to the feeding thread if that is busy: a feed
        may block while the instance handshakes, and a read must keep its deadline.
        """
        chain = self._chain
        if chain is None:
            return
        if not self._feed_lock.acquire(blocking=wait or self._line is None):
            return
        try:
            self._service_locked(chain)
        finally:
            self._feed_lock.release()

    def _service_locked(self, chain: faults.Chain) -> None:
        with self._fault_lock:
            due = chain.deadline()
            if due is not None and due <= time.monotonic():
                self._to_instance += self._apply(chain.poll(time.monotonic()))
                due = chain.deadline()
            self._fault_due = due
            if self._target_box is not None:
                with self._cond:
                    self._to_instance += self._target_box.take_due(time.monotonic())
            feed, cycle = bytes(self._to_instance), self._power_cycle
            self._to_instance.clear()
            self._power_cycle = None
            detach = self._dropped is not None and not self._detached
            self._detached = self._detached or detach
        lease = self._lease
        if lease is None:
            return
        if detach:
            lease.instance.detach(self._receive)
        elif feed:
            lease.instance.feed(feed)
        if cycle is not None:
            # restart-after: the module is switched off and on, as a real one restarting (NVM kept).
            lease.module.power_cycle()

    def _pump(self) -> None:
        """The line's thread: feed the instance the bytes that have crossed the line, when they are due."""
        box = self._target_box
        if box is None:
            return
        while True:
            with self._cond:
                if not self.is_open:
                    return
                now = time.monotonic()
                wakes = [t for t in (box.next_due(), self._fault_due) if t is not None]
                if not wakes or min(wakes) > now:
                    # _apply notifies when it schedules bytes; close() when the port closes.
                    self._cond.wait(min(wakes) - now if wakes else None)
                    continue
            self._service(wait=True)

    def _read_faulty(self, size: int) -> bytes:
        """:meth:`read` with faults: deliver what is due, wake for what comes due; after a dropped
        link, what was delivered before the drop, then ``SerialException``."""
        timeout = self.timeout
        deadline = None if timeout is None else time.monotonic() + timeout
        outbox = self._faulty_outbox()
        while True:
            self._service(wait=False)
            with self._cond:
                now = time.monotonic()
                self._rx += outbox.take_due(now)
                if len(self._rx) >= size or not self.is_open or self._cancelled:
                    break
                if self._dropped is not None and outbox.next_due() is None:
                    if self._rx:
                        break
                    raise SerialException(f"the link was dropped: {self._dropped}")
                if deadline is not None and now >= deadline:
                    break
                wakes = [t for t in (deadline, outbox.next_due(), self._fault_due) if t is not None]
                self._cond.wait(max(0.0, min(wakes) - now) if wakes else None)
        with self._cond:
            self._cancelled = False
            data = bytes(self._rx[:size])
            del self._rx[:size]
        return data

    @property
    def in_waiting(self) -> int:
        """Bytes the instance has said and nobody has read yet."""
        if not self.is_open:
            raise PortNotOpenError()
        if self._chain is not None:
            self._service(wait=False)
            with self._cond:
                self._rx += self._faulty_outbox().take_due(time.monotonic())
        with self._cond:
            return len(self._rx)

    def read(self, size: int = 1) -> bytes:
        """Read up to ``size`` bytes: ``timeout`` None blocks until all came, 0 returns at once,
        > 0 waits at most that long (a deadline, not per byte)."""
        if not self.is_open:
            raise PortNotOpenError()
        if self._chain is not None:
            return self._read_faulty(size)
        timeout = self.timeout
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while len(self._rx) < size and self.is_open and not self._cancelled:
                if deadline is None:
                    self._cond.wait()
                    continue
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            self._cancelled = False
            data = bytes(self._rx[:size])
            del self._rx[:size]
        return data

    def write(self, data: ReadableBuffer) -> int:
        """Give bytes to the instance; its answer is readable when this returns."""
        if not self.is_open:
            raise PortNotOpenError()
        payload = bytes(data)
        lease = self._lease
        chain = self._chain
        if chain is not None:
            if self._dropped is not None:
                raise SerialException(f"the link was dropped: {self._dropped}")
            with self._fault_lock:
                self._to_instance += self._apply(chain.on_to_target(payload, time.monotonic()))
            self._service(wait=False)  # feeds the instance outside the fault lock: its answer comes back through it
            return len(payload)
        if lease is not None:
            lease.instance.feed(payload)
        return len(payload)

    def flush(self) -> None:
        """Without a line, nothing is buffered on the way out: ``write`` has already delivered. With one,
        wait until the bytes written have left the port (``tcdrain``: they still cross the latency)."""
        # No PortNotOpenError here: io.IOBase.close() flushes after is_open went False.
        line = self._line
        if line is not None and self.is_open:
            remaining = line.drained_at() - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)  # the wire's own schedule (faults.line), not a fixed pause

    def reset_input_buffer(self) -> None:
        """Discard what the instance said and nobody read."""
        if not self.is_open:
            raise PortNotOpenError()
        with self._cond:
            self._rx.clear()

    def reset_output_buffer(self) -> None:
        """Nothing to discard: written bytes are consumed at once."""
        if not self.is_open:
            raise PortNotOpenError()

    @property
    def out_waiting(self) -> int:
        """Always 0: written bytes are consumed at once."""
        if not self.is_open:
            raise PortNotOpenError()
        return 0

    def cancel_read(self) -> None:
        """Make a blocked :meth:`read` return what it has."""
        with self._cond:
            self._cancelled = True
            self._cond.notify_all()

    def cancel_write(self) -> None:
        """Writes never block: nothing to cancel."""

    def _update_break_state(self) -> None:
        pass

    def _update_rts_state(self) -> None:
        pass

    def _update_dtr_state(self) -> None:
        pass

    @property
    def cts(self) -> bool:
        """Always ready."""
        return True

    @property
    def dsr(self) -> bool:
        """Always ready."""
        return True

    @property
    def ri(self) -> bool:
        """No ring indication."""
        return False

    @property
    def cd(self) -> bool:
        """Carrier detect: the instance is in online data state (V.250 §6.2.8 &C1 behaviour)."""
        lease = self._lease
        return lease is not None and lease.instance.online
