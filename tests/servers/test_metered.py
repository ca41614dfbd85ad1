"""The farm's app stream: reads bounded by the idle deadline, writes by their size (servers/apps/metered.py).

A module drained over a slow line keeps the farm's writes blocked longer than the idle deadline while it is not
idle at all (issue 15). Each case stalls the reader on purpose (the stall is the input, not a wait for an
outcome) over a socket pair with small buffers, so that a write of 256 KiB must block until the reader reads.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from servers.apps.metered import DRAIN_RATE, Metered, write_deadline
from servers.recorder import Recorder

pytestmark = pytest.mark.timeout(30)

IDLE = 0.2
#: Longer than IDLE: the reader's stall while the writer is blocked.
STALL = 3 * IDLE
DATA = bytes(range(256)) * 1024  # 256 KiB: far more than the pair's buffers hold


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    a, b = socket.socketpair()
    for s, opt in ((a, socket.SO_SNDBUF), (b, socket.SO_RCVBUF)):
        s.setsockopt(socket.SOL_SOCKET, opt, 4096)
    b.settimeout(10)
    with a, b:
        yield a, b


def _write_in_background(write: Callable[[bytes], None], data: bytes) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            write(data)
        except BaseException as e:  # kept for the test to judge
            errors.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def _read_all(b: socket.socket, size: int) -> bytes:
    got = bytearray()
    while len(got) < size:
        piece = b.recv(65536)
        if not piece:
            break
        got += piece
    return bytes(got)


def test_a_write_blocked_longer_than_idle_by_a_slow_reader_completes(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    draft = Recorder("metered").open(("127.0.0.1", 0))
    thread, errors = _write_in_background(Metered(a, draft, IDLE).sendall, DATA)
    time.sleep(STALL)  # the slow line: nothing is read for longer than the idle deadline
    assert _read_all(b, len(DATA)) == DATA
    thread.join(10)
    assert not errors, f"the write failed although the reader only was slow: {errors[0]!r}"
    assert draft.bytes_sent == len(DATA)


def test_control_a_write_bounded_by_the_idle_deadline_fails_there(pair: tuple[socket.socket, socket.socket]) -> None:
    """What the farm did before: the idle deadline on the socket bounds the whole write."""
    a, _ = pair
    a.settimeout(IDLE)
    thread, errors = _write_in_background(a.sendall, DATA)
    time.sleep(STALL)
    thread.join(10)
    assert errors and isinstance(errors[0], TimeoutError), f"expected the idle deadline to cut the write: {errors}"


def test_a_read_still_ends_at_the_idle_deadline(pair: tuple[socket.socket, socket.socket]) -> None:
    a, _ = pair
    stream = Metered(a, Recorder("metered").open(("127.0.0.1", 0)), IDLE)
    with pytest.raises(TimeoutError):
        stream.recv(100)


def test_the_write_deadline_grows_with_the_size_at_the_drain_rate() -> None:
    assert write_deadline(30.0, 0) == 30.0
    assert write_deadline(30.0, 65536) == pytest.approx(30.0 + 65536 / DRAIN_RATE)
