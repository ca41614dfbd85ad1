"""One connected secure socket at run time: where received bytes go, how sent bytes leave.

A :class:`DataConnection` sits between a :class:`~emulator.tls.client.TlsLink` and the AT
instance that opened it, in one of two modes (the two modes every document describes: Telit's
ONLINE / COMMAND, Quectel's transparent / buffer access; docs/DECISIONS-issue4.md D18-D21):

- ONLINE: the instance is in online data state with this connection as its sink. Bytes from the
  DTE are buffered and sent in packets of ``packet`` bytes, or when ``tx_timeout`` has passed
  since the buffer got its first byte; bytes from the server go straight to the DTE.
  ``max_idle`` seconds without traffic either way close the connection: NO CARRIER. ``+++``
  (the instance's escape) flushes what is buffered and suspends: COMMAND mode, connection open.
- COMMAND: bytes from the server wait in a buffer for the dialect's read command, announced as
  the dialect's :class:`Announce` says (a URC with the count waiting, or URCs that carry the
  bytes themselves in chunks, consumed). Once the server has closed and nothing is left to
  read, ``peer_closed`` reports it once (NO CARRIER by default) and the connection is closed.

Threads: the link's reader calls :meth:`_on_data` / :meth:`_on_end`; the module's scheduler runs
the tx_timeout and max_idle timers; the DTE's feeding thread calls the sink methods and, through the
command handlers, :meth:`recv`, :meth:`send`, :meth:`close`. ``_lock`` guards the state;
``_send_lock`` keeps sent bytes in order and is always taken before ``_lock``. Nothing calls
:meth:`Instance.leave_online` while holding either.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from emulator.core.instance import Instance, OnlineSink
from emulator.core.results import ResultCode
from emulator.core.scheduler import Scheduler, Timer
from emulator.tls.client import LinkError, SendStalled, TlsLink

__all__ = ["Announce", "Behaviour", "DataConnection", "NotConnected", "SendStalled", "no_carrier"]


class NotConnected(Exception):
    """The connection is closed (by the server, the inactivity timeout, or the DTE)."""


def no_carrier(port: Instance) -> None:
    """The default report of a server's close in COMMAND mode: NO CARRIER (V.250 §5.7.1)."""
    port.result(ResultCode.NO_CARRIER)


@dataclass(frozen=True, kw_only=True)
class Announce:
    """How a connection in COMMAND mode tells the DTE that bytes came (the dialect's URCs).

    ``count(n)`` is the text of a URC saying ``n`` bytes wait to be read; it is repeated after a
    read that leaves bytes behind. ``push(n)`` is the header of a URC that carries ``n`` of the
    bytes themselves, at most ``push_limit`` per URC, consumed as they go; ``inline`` puts them
    on the header's line (else after it, by count). Neither: the bytes wait unannounced.
    ``repeat`` ``False``: a count URC only when bytes arrive into an empty buffer, and not again
    after a partial read (a document that says so: quectel-gsm-ssl §2.2.10.1).
    """

    count: Callable[[int], str] | None = None
    push: Callable[[int], str] | None = None
    push_limit: int = 0
    inline: bool = True
    #: How pushed bytes are written (``bytes.hex`` for a dialect that prints them as hex
    #: text); ``push_limit`` and the count ``push(n)`` are in received bytes, before encoding.
    encode: Callable[[bytes], bytes] | None = None
    repeat: bool = True

    def __post_init__(self) -> None:
        if self.count is not None and self.push is not None:
            raise ValueError("announce the count or push the bytes, not both")
        if self.push is not None and self.push_limit < 1:
            raise ValueError("a push announcement needs a push_limit of at least 1")


@dataclass(frozen=True, kw_only=True)
class Behaviour:
    """What a connection does, fixed when it opens: the dialect's settings and defect switches.

    Times are seconds; ``None`` means no timer. ``peer_closed`` reports a server's close once
    everything was read in COMMAND mode (``None``: silently, a defect switch).
    """

    packet: int
    tx_timeout: float | None
    max_idle: float | None
    announce: Announce = field(default_factory=Announce)
    peer_closed: Callable[[Instance], None] | None = no_carrier

    def __post_init__(self) -> None:
        if self.packet < 1:
            raise ValueError(f"packet size must be at least 1, not {self.packet}")


class DataConnection(OnlineSink):
    """A connected secure socket; see the module docstring."""

    def __init__(self, link: TlsLink, port: Instance, scheduler: Scheduler,
                 behaviour: Behaviour, *, online: bool) -> None:
        self.link = link
        self.port = port
        self.behaviour = behaviour
        self._scheduler = scheduler
        self._lock = threading.Condition()
        self._send_lock = threading.Lock()
        self._rx = bytearray()
        self._tx = bytearray()
        self._online = False
        self._peer_closed = False
        self._closed = False
        self._last_traffic = time.monotonic()
        self._tx_timer: Timer | None = None
        self._idle_timer: Timer | None = None
        # Between the command that asks for ONLINE mode and CONNECT, bytes wait unannounced.
        self._online_pending = online
        self.opened_online = online  # dialled straight into ONLINE mode
        link.start(self._on_data, self._on_end)

    # ------------------------------------------------------------------ state
    @property
    def closed(self) -> bool:
        """Closed: by the DTE, the idle timeout, or the server once all was read."""
        with self._lock:
            return self._closed

    @property
    def waiting(self) -> int:
        """Bytes received and not yet read (COMMAND mode)."""
        with self._lock:
            return len(self._rx)

    # ------------------------------------------------------------------ network side
    def _on_data(self, chunk: bytes) -> None:
        with self._lock:
            if self._closed:
                return  # closed from this side, lingering: what the server still sends is dropped
            self._last_traffic = time.monotonic()
            if self._online:
                self.port.send_online(self, chunk)
                return
            was_empty = not self._rx
            self._rx += chunk
            self._lock.notify_all()
            if was_empty or self.behaviour.announce.repeat:
                self._ring()

    def _ring(self) -> None:
        # D20; called with the lock held.
        if self._online_pending:
            return
        announce = self.behaviour.announce
        if announce.count is not None and self._rx:
            self.port.unsolicited(announce.count(len(self._rx)))
        elif announce.push is not None:
            while self._rx:
                data = bytes(self._rx[:announce.push_limit])
                del self._rx[:len(data)]
                shown = data if announce.encode is None else announce.encode(data)
                self.port.unsolicited_data(announce.push(len(data)), shown, inline=announce.inline)
            if self._peer_closed:
                self._close_after_peer()

    def _on_end(self, reason: str) -> None:
        leave = False
        with self._lock:
            self._peer_closed = True
            self._lock.notify_all()
            if self._closed:
                return
            self._cancel_timers()
            if self._online:
                self._closed = leave = True
            elif not self._rx:
                self._close_after_peer()
        if leave:
            self.port.leave_online(self, ResultCode.NO_CARRIER)

    def _close_after_peer(self) -> None:
        # D21: all read after the server closed: reported once, then closed. Lock held.
        if self._closed:
            return
        self._closed = True
        if self.behaviour.peer_closed is not None:
            self.behaviour.peer_closed(self.port)

    # ------------------------------------------------------------------ ONLINE (the sink)
    def expect_online(self) -> None:
        """ONLINE mode follows (a resume command): from now, received bytes wait for CONNECT
        unannounced."""
        with self._lock:
            self._online_pending = True

    def entered(self) -> None:
        """CONNECT is written: what waited is written first, then data flows (D18)."""
        with self._lock:
            self._online = True
            self._online_pending = False
            self._last_traffic = time.monotonic()
            if self._rx:
                waiting = bytes(self._rx)
                self._rx.clear()
                self.port.send_online(self, waiting)
            ended = self._peer_closed and not self._closed
            if ended:
                self._closed = True
            else:
                self._arm_idle(self.behaviour.max_idle)
        if ended:
            # Not from here: the instance holds its sink lock while it calls entered().
            self._scheduler.call_later(0, self._leave_after_peer)

    def _leave_after_peer(self) -> None:
        self.port.leave_online(self, ResultCode.NO_CARRIER)

    def receive(self, data: bytes) -> None:
        """Bytes from the DTE: buffered, sent by the packet (D18)."""
        with self._lock:
            if self._closed:
                return
            self._last_traffic = time.monotonic()
            self._tx += data
            full = len(self._tx) >= self.behaviour.packet
            if not full and self._tx_timer is None and self.behaviour.tx_timeout is not None:
                self._tx_timer = self._scheduler.call_later(self.behaviour.tx_timeout, self._tx_due)
        if full:
            self._flush(whole_packets=True)

    def escaped(self) -> None:
        """``+++``: send what is buffered, then COMMAND mode with the connection open (D18)."""
        with self._lock:
            self._online = False
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
        self._flush(whole_packets=False)

    def _tx_due(self) -> None:
        with self._lock:
            self._tx_timer = None
        self._flush(whole_packets=False)

    def _flush(self, *, whole_packets: bool) -> None:
        packet = self.behaviour.packet
        with self._send_lock:
            with self._lock:
                count = len(self._tx) // packet * packet if whole_packets else len(self._tx)
                data = bytes(self._tx[:count])
                del self._tx[:count]
                if not self._tx and self._tx_timer is not None:
                    self._tx_timer.cancel()
                    self._tx_timer = None
                elif (self._tx and self._tx_timer is None and self.behaviour.tx_timeout is not None
                      and self._online):
                    self._tx_timer = self._scheduler.call_later(self.behaviour.tx_timeout,
                                                                self._tx_due)
                if self._closed:
                    return
            for start in range(0, len(data), packet):
                try:
                    self.link.send(data[start:start + packet])
                except LinkError:
                    return  # the reader reports the end of the connection

    def _arm_idle(self, delay: float | None) -> None:
        # Lock held. max_idle: checked lazily, re-armed for what is left when traffic came.
        if delay is not None and self._idle_timer is None:
            self._idle_timer = self._scheduler.call_later(delay, self._idle_due)

    def _idle_due(self) -> None:
        max_idle = self.behaviour.max_idle
        assert max_idle is not None
        with self._lock:
            self._idle_timer = None
            if self._closed or not self._online:
                return
            left = self._last_traffic + max_idle - time.monotonic()
            if left > 0:
                self._arm_idle(left)
                return
            self._closed = True
            self._cancel_timers()
        self.link.close()
        # telit-ssl-ug §5.1.1: "If the idle inactivity timeout expires ... the NO CARRIER
        # message is displayed".
        self.port.leave_online(self, ResultCode.NO_CARRIER)

    def _cancel_timers(self) -> None:
        for timer in (self._tx_timer, self._idle_timer):
            if timer is not None:
                timer.cancel()
        self._tx_timer = self._idle_timer = None

    # ------------------------------------------------------------------ COMMAND mode
    def recv(self, max_bytes: int, timeout: float) -> bytes:
        """Up to ``max_bytes`` received bytes, waiting ``timeout`` for the first; ``b""`` on
        timeout; :class:`NotConnected` when closed with nothing left (D19, D21)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not self._rx and not self._peer_closed and not self._closed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return b""
                self._lock.wait(remaining)
            if not self._rx:
                if self._peer_closed and not self._closed:
                    self._close_after_peer()
                raise NotConnected("nothing left to read")
            data = bytes(self._rx[:max_bytes])
            del self._rx[:len(data)]
            if not self._rx and self._peer_closed:
                self.port.after_response(self._closed_after_read)
            elif (self._rx and self.behaviour.announce.count is not None
                  and self.behaviour.announce.repeat):
                self.port.after_response(self._ring_remaining)
            return data

    def discard_unread(self) -> None:
        """Forget the bytes received and not yet read (a defect switch)."""
        with self._lock:
            self._rx.clear()

    def _closed_after_read(self) -> None:
        with self._lock:
            if not self._rx:
                self._close_after_peer()

    def _ring_remaining(self) -> None:
        # D20: a count announcement is repeated for what a read left (telit-ssl-ug §5.4.4.1).
        with self._lock:
            if not self._closed and not self._online:
                self._ring()

    def send(self, data: bytes, *, deadline: float | None = None) -> None:
        """Send ``data`` now (a send after a prompt); :class:`NotConnected` or ``LinkError``.

        ``deadline`` (``time.monotonic()``): give up whole if the connection's send buffer has no room for
        ``data`` by then (:class:`SendStalled`: nothing went, the connection stays open): a send the module
        bounds, by its document's timeout or by a buffer it says can be full.
        """
        with self._send_lock:
            if self.closed:
                raise NotConnected("connection closed")
            self.link.send(data, deadline=deadline)

    def close(self, *, notify: bool = True, linger: float = 0.0) -> None:
        """Close from this side (close_notify, no NO CARRIER). Idempotent. ``linger`` > 0: after close_notify,
        wait that many seconds at most for the server to close its side, then close the socket."""
        with self._lock:
            was_closed, peer_closed = self._closed, self._peer_closed
            self._closed = True
            self._cancel_timers()
            self._lock.notify_all()
        if notify and linger > 0 and not was_closed and not peer_closed:
            self.link.notify_close()
            deadline = time.monotonic() + linger
            with self._lock:
                while not self._peer_closed and (left := deadline - time.monotonic()) > 0:
                    self._lock.wait(left)
            notify = False
        self.link.close(notify=notify)

    def drop(self) -> None:
        """Power off: drop the connection without a word."""
        self.close(notify=False)
