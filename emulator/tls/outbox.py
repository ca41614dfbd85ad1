"""The send side of an established TLS link: what tlslite-ng writes goes into a queue that a writer thread drains
into the socket, so that a send never blocks half-way through a record.

Why: a TLS record that stalls half-written (the far end stopped reading, the socket's timeout passed) cannot be
taken back, and the stream is broken after it. Here tlslite-ng encrypts into memory (the :class:`Outbox` stands in
for the socket under tlslite-ng's ``BufferedSocket``), and the writer hands the ciphertext to the kernel as it
takes it: a partial ``send`` leaves the rest queued, a timed-out one leaves it all. A send with a deadline asks
first for room in the queue (:meth:`Outbox.wait_room`) and gives up whole (:class:`SendStalled`, raised by the
link): nothing of it is encrypted, so the stream stays intact. How much a connection holds before that is the
dialect's choice (:meth:`emulator.tls.client.TlsLink.limit_send_buffer`): the queue's bound and the kernel's send
buffer (``SO_SNDBUF``).
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

__all__ = ["Outbox"]

#: The most the writer hands the kernel in one ``send``.
_CHUNK = 1 << 16


class Outbox:
    """A socket for tlslite-ng's writes: ``send``/``sendall`` queue, a writer thread drains; everything else (the
    reads, the options) goes to the real socket. :meth:`close` of tlslite-ng's is ignored: the link closes the
    real socket after :meth:`drain`."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._cond = threading.Condition()
        self._out = bytearray()
        self._error: str | None = None
        self._stopping = False
        self._writer: threading.Thread | None = None
        #: Bytes of ciphertext the queue may hold beyond what the kernel took; ``None``: no bound.
        self.limit: int | None = None

    # ------------------------------------------------------------------ socket emulation (tlslite-ng's side)
    def send(self, data: bytes | bytearray | memoryview) -> int:
        """Queue ``data`` whole; ``OSError`` once the writer failed."""
        self._put(bytes(data))
        return len(data)

    def sendall(self, data: bytes | bytearray | memoryview) -> None:
        """Queue ``data`` whole; ``OSError`` once the writer failed."""
        self._put(bytes(data))

    def recv(self, size: int) -> bytes:
        """The real socket's ``recv``."""
        return self._sock.recv(size)

    def close(self) -> None:
        """Ignored: the link drains the queue, then closes the socket itself."""

    def shutdown(self, how: int) -> None:
        """Ignored for the same reason as :meth:`close`."""

    def __getattr__(self, name: str) -> Any:
        # fileno, settimeout, gettimeout, getpeername, setsockopt...: the real socket's.
        return getattr(self._sock, name)

    # ------------------------------------------------------------------ the link's side
    @property
    def waiting(self) -> int:
        """Bytes of ciphertext queued and not yet taken by the kernel."""
        with self._cond:
            return len(self._out)

    @property
    def error(self) -> str | None:
        """Why the writer stopped (a socket error), or ``None``."""
        with self._cond:
            return self._error

    def wait_room(self, size: int, deadline: float) -> bool:
        """Wait until ``size`` more bytes fit under :attr:`limit` (an empty queue takes anything), or until
        ``deadline`` (``time.monotonic()``); whether they fit. True at once without a limit or after an error
        (the send that follows reports the error)."""
        with self._cond:
            while True:
                if self._error is not None or self.limit is None or not self._out:
                    return True
                if len(self._out) + size <= self.limit:
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)

    def drain(self, deadline: float) -> bool:
        """Wait until the kernel took everything queued, or until ``deadline``; whether it did (``False`` after an
        error too)."""
        with self._cond:
            while self._out and self._error is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return self._error is None

    def stop(self) -> None:
        """End the writer: what is still queued is dropped. The caller shuts the socket down first if the writer may
        be waiting in a ``send``; the join is bounded."""
        with self._cond:
            self._stopping = True
            self._out.clear()
            self._cond.notify_all()
            writer = self._writer
        if writer is not None and writer is not threading.current_thread():
            writer.join(2.0)

    # ------------------------------------------------------------------ the writer
    def _put(self, data: bytes) -> None:
        with self._cond:
            if self._error is not None:
                raise OSError(f"the connection's writer failed: {self._error}")
            if self._stopping:
                raise OSError("the connection is closing")
            self._out += data
            if self._writer is None:
                self._writer = threading.Thread(target=self._write_loop, name="emulator-tls-writer", daemon=True)
                self._writer.start()
            self._cond.notify_all()

    def _write_loop(self) -> None:
        while True:
            with self._cond:
                while not self._out and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                chunk = bytes(self._out[:_CHUNK])
            try:
                # The socket's timeout bounds one wait for room in the kernel's buffer; nothing is lost when it
                # passes (the far end not reading is no error: TCP keeps probing), so the writer tries again.
                sent = self._sock.send(chunk)
            except TimeoutError:
                continue
            except OSError as error:
                with self._cond:
                    if not self._stopping:
                        self._error = f"{type(error).__name__}: {error}"
                    self._out.clear()
                    self._cond.notify_all()
                return
            with self._cond:
                del self._out[:sent]
                self._cond.notify_all()
