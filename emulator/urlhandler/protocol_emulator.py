"""pyserial URL handler for the embedded emulator: ``emulator://<vendor>/<model>[?query]``.

Register it with ``serial.protocol_handler_packages.append("emulator.urlhandler")``; then
``serial.serial_for_url("emulator://telit/he910?instance=2")`` opens AT instance 2 of a module
shared with every other open port of the same profile, defects and module key.

Query keys: ``instance=N`` (1-based, default 1), ``defect=NAME`` (repeatable),
``module=KEY`` (default ``default``: ports with different keys are different modules).

Modelled on pyserial's ``protocol_loop``: no thread of its own. ``write`` runs the bytes through
the instance in the caller's thread; the instance's output lands in a buffer that ``read`` waits
on with a condition variable and a real deadline.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from typing import TYPE_CHECKING, Any, Final

from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from emulator.defects import check_defects
from emulator.profiles import Profile, get_profile
from emulator.registry import REGISTRY, Lease

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

SCHEME: Final = "emulator"
_KEYS: Final = ("instance", "defect", "module")
_GRAMMAR: Final = "emulator://<vendor>/<model>[?instance=N][&defect=NAME...][&module=KEY]"


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
            lease = REGISTRY.open(profile, defects, key, number)
        except ValueError as error:
            raise SerialException(f"{error} (URL form: {_GRAMMAR})") from error
        with self._cond:
            self._rx.clear()
            self._cancelled = False
        self._lease = lease
        lease.instance.attach(self._receive)
        self.is_open = True

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
        super().close()

    def _reconfigure_port(self) -> None:
        # Baud rate, parity and the rest mean nothing to an in-process instance.
        pass

    def _receive(self, data: bytes) -> None:
        """The instance's sink: output becomes readable."""
        with self._cond:
            self._rx += data
            self._cond.notify_all()

    @property
    def in_waiting(self) -> int:
        """Bytes the instance has said and nobody has read yet."""
        if not self.is_open:
            raise PortNotOpenError()
        with self._cond:
            return len(self._rx)

    def read(self, size: int = 1) -> bytes:
        """Read up to ``size`` bytes: ``timeout`` None blocks until all came, 0 returns at once,
        > 0 waits at most that long (a deadline, not per byte)."""
        if not self.is_open:
            raise PortNotOpenError()
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
        if lease is not None:
            lease.instance.feed(payload)
        return len(payload)

    def flush(self) -> None:
        """Nothing is buffered on the way out: ``write`` has already delivered."""
        # No PortNotOpenError here: io.IOBase.close() flushes after is_open went False.

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
