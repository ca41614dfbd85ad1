"""A small timer service: one thread per module runs callbacks at their due time.

Used for the timers of data mode (escape guard time, <txTo> flushing, <maxTo> inactivity).
The thread starts with the first timer and sleeps on a condition variable until the next due
time or a new timer, so nothing polls; :meth:`Scheduler.close` (power off) stops it and drops
every pending timer. Callbacks run on the scheduler thread one at a time and must be short:
anything that may block hands the work to another thread.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable

_log = logging.getLogger(__name__)
_JOIN_TIMEOUT = 2.0


class Timer:
    """A pending call; :meth:`cancel` makes sure it will not run (if it has not started)."""

    def __init__(self, due: float, callback: Callable[[], None]) -> None:
        self.due = due
        self._callback: Callable[[], None] | None = callback
        self._lock = threading.Lock()

    def cancel(self) -> None:
        """Do not run the callback. Harmless after it ran or was cancelled."""
        with self._lock:
            self._callback = None

    @property
    def cancelled(self) -> bool:
        """Whether the callback will never run (cancelled, or already taken to run)."""
        with self._lock:
            return self._callback is None

    def _take(self) -> Callable[[], None] | None:
        with self._lock:
            callback, self._callback = self._callback, None
            return callback


class Scheduler:
    """Runs callbacks after a delay on one lazily started daemon thread."""

    def __init__(self, name: str = "emulator-timers") -> None:
        self._name = name
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Timer]] = []
        self._counter = itertools.count()
        self._thread: threading.Thread | None = None
        self._closed = False

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Run ``callback`` ``delay`` seconds from now; after :meth:`close` it never runs."""
        timer = Timer(time.monotonic() + max(0.0, delay), callback)
        with self._cond:
            if self._closed:
                timer.cancel()
                return timer
            heapq.heappush(self._heap, (timer.due, next(self._counter), timer))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._cond.notify()
        return timer

    def close(self) -> None:
        """Cancel every pending timer and stop the thread (waits a bounded time). Idempotent."""
        with self._cond:
            self._closed = True
            for _, _, timer in self._heap:
                timer.cancel()
            self._heap.clear()
            self._cond.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(_JOIN_TIMEOUT)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        with self._cond:
            return self._closed

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed:
                    if not self._heap:
                        self._cond.wait()
                        continue
                    wait = self._heap[0][0] - time.monotonic()
                    if wait <= 0:
                        break
                    self._cond.wait(wait)
                if self._closed:
                    return
                _, _, timer = heapq.heappop(self._heap)
            callback = timer._take()
            if callback is None:
                continue
            try:
                callback()
            except Exception:
                _log.exception("timer callback failed")
