"""A threaded TCP listener whose every wait has a deadline and whose stop never hangs.

Modelled on urllib3's ``dummyserver/socketserver.py``: bind port 0 (or the port asked for),
signal a ready event, accept in a thread, one thread per connection. Differences: the accept
loop waits on the listening socket and on a wake-up socket pair, so that a stop ends it at once (it polled a
stop event every 0.1 s, and the joins of those polls were 30 % of a suite run's wall time: 156 listeners,
12.8 s of a 42 s he910 run), every accepted socket gets TCP_NODELAY (Nagle
adds ~40 ms per exchange, ARCHITECTURE.md "TLS servers"), and :meth:`Listener.stop` shuts down
the sockets still open so that connection threads blocked in ``recv`` wake up and finish.
"""

from __future__ import annotations

import logging
import selectors
import socket
import threading
from collections.abc import Callable
from typing import Self

from .running import Running

__all__ = ["ConnectionHandler", "Listener"]

_log = logging.getLogger(__name__)
#: Seconds between the accept loop's checks of the stop event should a wake-up be lost (it is not expected to).
_POLL = 1.0
#: listen() backlog: large enough for 50 simultaneous connects and more (issue 3 "Done when").
_BACKLOG = 256

#: Called in its own thread with the accepted socket and the peer address; the listener closes
#: the socket after it returns.
ConnectionHandler = Callable[[socket.socket, tuple[str, int]], None]


class Listener(Running):
    """Accept TCP connections on ``(bind, port)`` and hand each to ``handler`` in a thread."""

    def __init__(
        self,
        handler: ConnectionHandler,
        *,
        bind: str = "127.0.0.1",
        port: int = 0,
        name: str = "listener",
        ready_timeout: float = 5.0,
        join_timeout: float = 5.0,
    ) -> None:
        self._handler = handler
        self._bind = bind
        self._requested_port = port
        self.name = name
        self._ready_timeout = ready_timeout
        self._join_timeout = join_timeout
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._threads: set[threading.Thread] = set()
        self._sock: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self._start_error: BaseException | None = None
        # The stop's wake-up: the accept loop selects on the reading end; request_stop writes a byte.
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)

    @property
    def port(self) -> int:
        """The bound port (valid after :meth:`start`)."""
        if self._sock is None:
            raise RuntimeError(f"{self.name}: not started")
        return int(self._sock.getsockname()[1])

    @property
    def stopping(self) -> threading.Event:
        """Set when :meth:`stop` begins: long-running handlers should watch it."""
        return self._stop

    def start(self) -> Self:
        """Bind, listen and start accepting; return once ready or raise."""
        family = socket.AF_INET6 if ":" in self._bind else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self._bind, self._requested_port))
            sock.listen(_BACKLOG)
            sock.setblocking(False)
        except BaseException:
            sock.close()
            self._wake_r.close()
            self._wake_w.close()
            raise
        self._sock = sock
        self._accept_thread = threading.Thread(target=self._accept_loop, name=f"{self.name}-accept", daemon=True)
        self._accept_thread.start()
        if not self._ready.wait(self._ready_timeout):
            self.stop()
            raise TimeoutError(f"{self.name}: accept loop not ready after {self._ready_timeout} s")
        return self

    def _accept_loop(self) -> None:
        assert self._sock is not None
        with selectors.DefaultSelector() as sel:
            sel.register(self._sock, selectors.EVENT_READ)
            sel.register(self._wake_r, selectors.EVENT_READ)
            self._ready.set()
            while not self._stop.is_set():
                events = sel.select(_POLL)
                if not events or self._stop.is_set():
                    continue
                if not any(key.fileobj is self._sock for key, _ in events):
                    continue
                try:
                    conn, addr = self._sock.accept()
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    if self._stop.is_set():
                        return
                    raise
                conn.setblocking(True)
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                t = threading.Thread(
                    target=self._serve, args=(conn, (str(addr[0]), int(addr[1]))), name=f"{self.name}-conn", daemon=True
                )
                with self._lock:
                    self._open.add(conn)
                    self._threads.add(t)
                t.start()

    def _serve(self, conn: socket.socket, peer: tuple[str, int]) -> None:
        try:
            self._handler(conn, peer)
        except Exception:
            # The handler records its own failures; reaching here is a bug of ours, logged so
            # that it shows, and contained so that one connection cannot stop the listener.
            _log.exception("%s: handler failed for %s", self.name, peer)
        finally:
            with self._lock:
                self._open.discard(conn)
                self._threads.discard(threading.current_thread())
            conn.close()

    def request_stop(self) -> None:
        """Ask the accept loop to end without waiting: lets a farm stop many listeners at once."""
        self._stop.set()
        try:
            self._wake_w.send(b"x")
        except OSError as exc:
            # Already stopped and closed: the loop has ended, there is nothing to wake.
            _log.debug("%s: wake-up after the stop: %s", self.name, exc)

    def stop(self) -> None:
        """Stop accepting, wake open connections, wait (bounded) for their threads."""
        self.request_stop()
        if self._accept_thread is not None:
            self._accept_thread.join(self._join_timeout)
        if self._sock is not None:
            self._sock.close()
        self._wake_r.close()
        self._wake_w.close()
        with self._lock:
            open_socks = list(self._open)
            threads = list(self._threads)
        for s in open_socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError as exc:
                # Already closed by its thread or by the peer: nothing left to wake.
                _log.debug("%s: shutdown of a finished connection: %s", self.name, exc)
        for t in threads:
            t.join(self._join_timeout)
