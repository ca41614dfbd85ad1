"""The link: every target is a pyserial URL, and every byte each way goes into the transcript.

``/dev/ttyUSB2``, ``socket://host:port``, ``rfc2217://host:port``, ``loop://`` and any scheme whose
handler package was named with :func:`register_scheme` (the plugin names ``emulator.urlhandler`` when the
target is the embedded emulator, ``emulator://<profile>``, so that it needs no special case) are all
opened by ``serial.serial_for_url``. Every read has a deadline; a port that fails or closes raises
:class:`~harness.errors.LinkError`.
"""

from __future__ import annotations

import time

import serial

from harness.errors import LinkError
from harness.transcript import Transcript

__all__ = ["POLL", "READ_WAITING_MAX", "WRITE_TIMEOUT", "Link", "register_scheme"]

#: How long one read waits for its first byte before the loop looks at the deadline again.
POLL = 0.05
#: A write that cannot drain in this time means the link is dead.
WRITE_TIMEOUT = 10.0


#: read_waiting takes at most this much at once (a module streaming without pause must not hold it forever).
READ_WAITING_MAX = 1 << 20


def register_scheme(package: str) -> None:
    """Name a package of pyserial URL handlers (``"emulator.urlhandler"`` holds ``protocol_emulator``, the
    handler of ``emulator://``). Naming it is not an import: pyserial imports the handler only when a URL
    of its scheme is opened, so the harness does not depend on the package. Naming it twice is harmless."""
    if package not in serial.protocol_handler_packages:
        serial.protocol_handler_packages.append(package)


class Link:
    """One open port to one AT instance of a target."""

    def __init__(self, url: str, transcript: Transcript) -> None:
        self.url = url
        self.transcript = transcript
        #: Set once a read or write failed: the link is not reused after that.
        self.failed = False
        try:
            self._port = serial.serial_for_url(url, timeout=POLL, do_not_open=True)
            if not url.startswith("rfc2217://"):
                # pyserial 3.5's rfc2217 handler refuses any write_timeout at open (NotImplementedError);
                # elsewhere a write that cannot drain in 10 s is a dead link, not a slow one.
                self._port.write_timeout = WRITE_TIMEOUT
            self._port.open()
        except (serial.SerialException, OSError, ValueError) as e:
            transcript.note(f"could not open {url}: {e}")
            raise LinkError(f"cannot open the link {url!r}: {e}") from e
        if url.startswith("socket://"):
            _nodelay(self._port)
        transcript.note(f"opened {url}")

    def write(self, data: bytes, *, secret: bool = False) -> None:
        """Write all of ``data`` or raise :class:`LinkError`. A ``secret`` write (a private key) is
        recorded as a placeholder, and any echo of it is redacted when the transcript is rendered."""
        if secret:
            self.transcript.add_secret(data)
            self.transcript.tx(f"<secret: {len(data)} bytes not recorded>".encode())
        else:
            self.transcript.tx(data)
        try:
            self._port.write(data)
            self._port.flush()
        except (serial.SerialException, OSError) as e:
            self.transcript.note(f"write failed: {e}")
            self.failed = True
            raise LinkError(f"writing to {self.url!r} failed: {e}") from e

    def read(self, deadline: float) -> bytes:
        """Return the bytes that arrive before the monotonic ``deadline`` (``b""`` if none)."""
        while True:
            try:
                waiting = self._port.in_waiting
                data = self._port.read(max(1, waiting))
            except (serial.SerialException, OSError) as e:
                self.transcript.note(f"read failed: {e}")
                self.failed = True
                raise LinkError(f"the link {self.url!r} failed while reading: {e}") from e
            if data:
                self.transcript.rx(data)
                return bytes(data)
            if time.monotonic() >= deadline:
                return b""

    def read_waiting(self) -> bytes:
        """Return the bytes already received, without waiting."""
        data = bytearray()
        try:
            # pyserial's socket:// says only 0 or 1 for in_waiting (readable or not): read until it says 0.
            while len(data) < READ_WAITING_MAX and (waiting := self._port.in_waiting):
                chunk = self._port.read(waiting)
                if not chunk:
                    break
                data += chunk
        except (serial.SerialException, OSError) as e:
            self.transcript.note(f"read failed: {e}")
            self.failed = True
            raise LinkError(f"the link {self.url!r} failed while reading: {e}") from e
        if data:
            self.transcript.rx(bytes(data))
        return bytes(data)

    def discard_waiting(self) -> bytes:
        """Read and drop whatever is waiting (leftovers of an earlier test), noting it in the transcript."""
        data = self.read_waiting()
        if data:
            self.transcript.note(f"discarded {len(data)} bytes left over from before this test")
        return data

    def close(self) -> None:
        """Close the port; errors on close are noted, not raised (the test's verdict stands)."""
        try:
            self._port.close()
            self.transcript.note(f"closed {self.url}")
        except (serial.SerialException, OSError) as e:
            self.transcript.note(f"close failed: {e}")


def _nodelay(port: object) -> None:
    # Nagle adds ~40 ms per exchange on loopback (ARCHITECTURE.md, measured); pyserial keeps the socket
    # in a private attribute, so set the option only where it is there.
    import socket

    sock = getattr(port, "_socket", None)
    if isinstance(sock, socket.socket):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
