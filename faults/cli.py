"""``python -m faults``: list the faults, or run the fault-injecting TCP proxy until SIGINT/SIGTERM.

::

    python -m faults --list
    python -m faults --listen 127.0.0.1:7100 --target socket://127.0.0.1:7000 --fault truncate-line
    python -m faults --listen 127.0.0.1:7100 --target socket://127.0.0.1:7000 --baud 115200 --latency 30ms
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Sequence
from types import FrameType

from faults.line import parse_line
from faults.proxy import Proxy
from faults.registry import FaultSyntaxError, listing

EXIT_USAGE = 2
DEFAULT_LISTEN = "127.0.0.1:7100"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m faults",
        description="A TCP proxy that puts misbehaving faults between the suite and any pyserial target.",
        epilog="Connect the suite to it with --target socket://HOST:PORT. Faults: NAME[:ARG[:ARG]], see --list.",
    )
    parser.add_argument("--listen", default=DEFAULT_LISTEN, metavar="[HOST:]PORT",
                        help=f"where to listen (default {DEFAULT_LISTEN}; port 0: an ephemeral port)")
    parser.add_argument("--target", metavar="URL",
                        help="the target, any pyserial URL: /dev/ttyUSB2, socket://, rfc2217://, emulator://...")
    parser.add_argument("--fault", action="append", default=[], metavar="NAME[:ARG]",
                        help="a fault to inject (repeatable, suite side first); none: pass-through")
    parser.add_argument("--baud", metavar="N",
                        help="simulate a serial line of N baud (8N1: 10 bits a byte) both ways, e.g. 115200")
    parser.add_argument("--latency", metavar="T",
                        help="add T one way, both ways (30ms, 0.03s, 500us), as a radio link does")
    parser.add_argument("--list", action="store_true", help="list the faults and exit")
    parser.add_argument("--quiet", action="store_true", help="print only the listening address and errors")
    return parser


def _address(text: str) -> tuple[str, int]:
    """``PORT``, ``HOST:PORT`` or ``[V6]:PORT``; ``ValueError`` otherwise."""
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", text
    host = host.strip("[]") or "127.0.0.1"
    if not (port.isascii() and port.isdigit()) or not 0 <= int(port) <= 65535:
        raise ValueError(f"--listen wants [HOST:]PORT with PORT 0-65535, got {text!r}")
    return host, int(port)


def _log(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} faults: {text}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.list:
        print(listing())
        return 0
    if not args.target:
        print("faults: error: --target URL is required (or --list)", file=sys.stderr)
        return EXIT_USAGE
    try:
        host, port = _address(args.listen)
        line = parse_line(args.baud, args.latency)
        proxy = Proxy(args.target, args.fault, host=host, port=port,
                      log=(lambda text: None) if args.quiet else _log, line=line)
    except (ValueError, FaultSyntaxError) as error:
        print(f"faults: error: {error}", file=sys.stderr)
        return EXIT_USAGE

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        bound = proxy.start()
    except OSError as error:
        print(f"faults: error: cannot listen on {host}:{port}: {error}", file=sys.stderr)
        return 1
    try:
        faults = ", ".join(args.fault) or "none (pass-through)"
        paced = "" if line is None else f"; line: {line.describe()}"
        print(f"faults: listening on {bound[0]}:{bound[1]}; target {args.target}; faults: {faults}{paced}",
              flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        if not args.quiet:
            _log("stopping")
        proxy.close()
    print("faults: stopped", flush=True)
    return 0
