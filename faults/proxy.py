"""A TCP proxy in front of any pyserial URL, carrying both directions through a chain of faults.

One client at a time, as a serial port has one user: a new connection replaces the previous one. For
each client the proxy opens the target (``/dev/ttyUSB2``, ``socket://``, ``rfc2217://``, ``emulator://``,
anything ``serial.serial_for_url`` opens) and builds a fresh fault chain, so every connection starts
from the faults' initial state; the target is closed when the client leaves.

Threads per client: one reads the client and feeds the chain towards the target, one reads the target
and feeds the chain towards the client, one delivers what the chain scheduled (:class:`faults.Outbox`)
and runs its timers. The chain is driven under one lock; nothing waits without a deadline.

A ``restart-after`` fault cannot power-cycle a real module through a proxy: the proxy logs the request,
and the fault itself injects the boot banner and drops the rest of the response.

With a simulated line (``line=``, :mod:`faults.line`: ``--baud``, ``--latency``), the bytes for the
target wait in an outbox of their own too, and the delivering thread writes them when they have crossed
the line; without one they are written at once, as before.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType

import serial

from faults.actions import Action, Direction, DropLink, Note, PowerCycle, Send
from faults.chain import Chain, build
from faults.line import LineSettings
from faults.outbox import Outbox

#: How long one read of the target waits before looking at the stop flag again (seconds).
POLL = 0.02
#: How long a thread may take to finish once asked to stop (seconds).
JOIN_TIMEOUT = 2.0
_RECV = 4096

Log = Callable[[str], None]


def open_target(url: str) -> serial.Serial:
    """Open a pyserial URL for the proxy (with a short read timeout).

    ``emulator://`` needs the embedded emulator's handler package named to pyserial; naming it is not
    an import (pyserial imports it only when such a URL is opened), so :mod:`faults` still imports no
    part of the emulator.
    """
    if url.startswith("emulator://") and "emulator.urlhandler" not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append("emulator.urlhandler")
    port = serial.serial_for_url(url, timeout=POLL, do_not_open=True)
    if not url.startswith("rfc2217://"):
        port.write_timeout = 10.0  # a target that cannot take bytes for 10 s is gone
    port.open()
    return port


class _Session:
    """One client joined to one opened target through one chain."""

    def __init__(self, client: socket.socket, peer: str, target: serial.Serial, chain: Chain, log: Log) -> None:
        self.client = client
        self.peer = peer
        self.target = target
        self.chain = chain
        self.log = log
        self.stop = threading.Event()
        self._lock = threading.Lock()  # the chain
        self._cond = threading.Condition()  # the outbox and the drop flag
        self._target_lock = threading.Lock()  # writes to the target
        self._outbox = Outbox()
        #: With a line: the bytes for the target, until they have crossed it (else written at once).
        self._target_box: Outbox | None = None if chain.line is None else Outbox()
        self._dropped: str | None = None
        self._threads = [
            threading.Thread(target=self._guard(self._upstream), daemon=True, name=f"faults-up-{peer}"),
            threading.Thread(target=self._guard(self._downstream), daemon=True, name=f"faults-down-{peer}"),
            threading.Thread(target=self._guard(self._deliver), daemon=True, name=f"faults-out-{peer}"),
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        """Stop the threads, close the client and the target. Idempotent."""
        self.stop.set()
        with self._cond:
            self._cond.notify_all()
        with contextlib.suppress(OSError):
            self.client.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            if thread.is_alive() and thread is not threading.current_thread():
                thread.join(JOIN_TIMEOUT)
        with contextlib.suppress(OSError):
            self.client.close()
        with contextlib.suppress(serial.SerialException, OSError):
            self.target.close()

    def _guard(self, body: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                body()
            except (OSError, serial.SerialException) as error:
                if not self.stop.is_set():
                    self.log(f"{self.peer}: {error}")
            finally:
                self.stop.set()
                with self._cond:
                    self._cond.notify_all()

        return run

    # ------------------------------------------------------------------ the three loops
    def _upstream(self) -> None:
        self.client.settimeout(0.2)
        while not self.stop.is_set():
            try:
                data = self.client.recv(_RECV)
            except TimeoutError:
                continue
            if not data:
                self.log(f"{self.peer}: client left")
                return
            with self._lock:
                for_target = self._apply(self.chain.on_to_target(data, time.monotonic()))
            self._write_target(for_target)

    def _downstream(self) -> None:
        while not self.stop.is_set():
            data = self.target.read(max(1, self.target.in_waiting))
            if not data:
                continue
            with self._lock:
                for_target = self._apply(self.chain.on_to_suite(data, time.monotonic()))
            self._write_target(for_target)

    def _deliver(self) -> None:
        while not self.stop.is_set():
            now = time.monotonic()
            for_target = b""
            with self._lock:
                due = self.chain.deadline()
                if due is not None and due <= now:
                    for_target = self._apply(self.chain.poll(now))
                    due = self.chain.deadline()
            self._write_target(for_target)
            box = self._target_box
            if box is not None:
                with self._cond:
                    paced = box.take_due(now)
                self._write_target(paced)
            with self._cond:
                data = self._outbox.take_due(now)
                if not data:
                    if self._dropped is not None and self._outbox.next_due() is None:
                        self.log(f"{self.peer}: dropping the link ({self._dropped})")
                        return
                    later = None if box is None else box.next_due()  # bytes for the target still crossing
                    wakes = [t for t in (self._outbox.next_due(), due, later) if t is not None]
                    self._cond.wait(min(0.2, max(0.0, min(wakes) - now)) if wakes else 0.2)
                    continue
            self.client.sendall(data)

    # ------------------------------------------------------------------ actions
    def _apply(self, actions: list[Action]) -> bytes:
        """Carry out actions (chain lock held); returns the bytes for the target."""
        for_target = bytearray()
        now = time.monotonic()
        with self._cond:
            for action in actions:
                if isinstance(action, Send):
                    if action.to is Direction.TO_TARGET:
                        if self._target_box is not None:  # a line: written when it has crossed it
                            self._target_box.push(now, action.after, action.data)
                        else:
                            for_target += action.data
                    elif self._dropped is None:
                        self._outbox.push(now, action.after, action.data)
                elif isinstance(action, DropLink):
                    self._dropped = self._dropped or action.reason
                elif isinstance(action, PowerCycle):
                    self.log(f"{self.peer}: {action.reason} (a proxy cannot power-cycle its target: banner only)")
                elif isinstance(action, Note):
                    self.log(f"{self.peer}: {action.text}")
            self._cond.notify_all()
        return bytes(for_target)

    def _write_target(self, data: bytes) -> None:
        if data:
            with self._target_lock:
                self.target.write(data)
                self.target.flush()


class Proxy:
    """Listen on ``host:port`` (127.0.0.1 and an ephemeral port by default) and put ``faults`` (specs
    such as ``"truncate-line"``, suite side first) between each client and ``target``.

    ``log`` gets one line per event (client in and out, what each fault did). Use as a context manager,
    or call :meth:`start` and :meth:`close`. Bad fault specs raise :class:`faults.FaultSyntaxError` here.
    ``line`` puts a simulated line (:class:`faults.line.LineSettings`) at the client's end of the faults.
    """

    def __init__(
        self,
        target: str,
        faults: Sequence[str] = (),
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log: Log | None = None,
        line: LineSettings | None = None,
    ) -> None:
        build(faults)  # check the specs now, not when the first client comes
        self.target = target
        self.faults = tuple(faults)
        #: The simulated line between each client and the target (:mod:`faults.line`), or ``None``.
        self.line = line
        self.host = host
        self.port = port
        self.log: Log = log if log is not None else (lambda text: None)
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._stop = threading.Event()
        self._session: _Session | None = None
        self._session_lock = threading.Lock()

    def start(self) -> tuple[str, int]:
        """Listen and start accepting; returns the address bound. ``OSError`` if the bind fails."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        listener = socket.create_server((self.host, self.port), family=family)
        listener.settimeout(0.1)
        self._listener = listener
        bound = listener.getsockname()
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True, name="faults-acceptor")
        self._acceptor.start()
        return bound[0], bound[1]

    def close(self) -> None:
        """Stop accepting, end the current client's session, release the port. Idempotent."""
        self._stop.set()
        if self._acceptor is not None and self._acceptor is not threading.current_thread():
            self._acceptor.join(JOIN_TIMEOUT)
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()
        if self._listener is not None:
            self._listener.close()

    def __enter__(self) -> Proxy:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self._stop.is_set():
            try:
                client, address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._serve(client, f"{address[0]}:{address[1]}")

    def _serve(self, client: socket.socket, peer: str) -> None:
        with self._session_lock:
            previous, self._session = self._session, None
        if previous is not None:
            self.log(f"{previous.peer}: replaced by a new client {peer}")
            previous.close()
        client.setblocking(True)
        with contextlib.suppress(OSError):
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            port = open_target(self.target)
        except (serial.SerialException, OSError, ValueError) as error:
            self.log(f"{peer}: cannot open the target {self.target}: {error}; closing the client")
            client.close()
            return
        chain = build(self.faults, self.line)
        names = ", ".join(chain.names) or "none (pass-through)"
        self.log(f"{peer}: connected; target {self.target} opened; faults: {names}")
        session = _Session(client, peer, port, chain, self.log)
        with self._session_lock:
            if self._stop.is_set():
                session.close()
                return
            self._session = session
        session.start()
        threading.Thread(target=self._reap, args=(session,), daemon=True, name=f"faults-reap-{peer}").start()

    def _reap(self, session: _Session) -> None:
        # A session ends by itself (client left, link dropped, target failed): close it and forget it.
        session.stop.wait()
        session.close()
        with self._session_lock:
            if self._session is session:
                self._session = None
        self.log(f"{session.peer}: session closed")
