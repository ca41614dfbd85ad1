"""Real TCP targets that misbehave, for the harness's error paths (socket:// URLs on 127.0.0.1).

Each is a context manager yielding the URL; a thread serves connections until the block ends.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket], None]


def silent(conn: socket.socket) -> None:
    """Read what comes and never answer."""
    conn.settimeout(0.2)
    while True:
        try:
            if not conn.recv(4096):
                return
        except TimeoutError:
            continue
        except OSError:
            return


def garbage(conn: socket.socket) -> None:
    """Answer every chunk with bytes that are no AT response and never end a line."""
    conn.settimeout(0.2)
    while True:
        try:
            if not conn.recv(4096):
                return
            conn.sendall(b"\x00\xff\xfe\x1b[31m~~noise~~")
        except TimeoutError:
            continue
        except OSError:
            return


def drops(conn: socket.socket) -> None:
    """Close the connection at once (the module went away)."""
    conn.close()


def answers_then_drops(conn: socket.socket) -> None:
    """Answer the first command with OK, then close mid-way through the second."""
    conn.settimeout(2)
    try:
        conn.recv(4096)
        conn.sendall(b"\r\nOK\r\n")
        conn.recv(4096)
        conn.sendall(b"\r\n#SSLEN: 1,")
    except OSError:
        pass  # the client may already be gone; closing below is the behaviour under test
    conn.close()


@contextmanager
def serve(behaviour: Behaviour) -> Iterator[str]:
    """Serve ``behaviour`` on a free loopback port; yield ``socket://127.0.0.1:<port>``."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=_run, args=(behaviour, conn), daemon=True).start()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"socket://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=2)


def _run(behaviour: Behaviour, conn: socket.socket) -> None:
    with conn:
        behaviour(conn)


def online_then_no_carrier(conn: socket.socket) -> None:
    """Answer the first command with CONNECT, data and NO CARRIER, all in one chunk (a remote close)."""
    conn.settimeout(2)
    try:
        conn.recv(4096)
        conn.sendall(b"\r\nCONNECT\r\npage\r\n\r\nNO CARRIER\r\n")
        conn.recv(4096)
    except OSError:
        pass  # the client may close first; the chunk above is the behaviour under test
