"""``python -m emulator``: run a module's AT instances on TCP ports until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from emulator.defects import DEFECTS
from emulator.module import Module
from emulator.profiles import PROFILES
from emulator.server import EmulatorServer

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m emulator",
        description="Serve the AT instances of an emulated cellular module over TCP.")
    parser.add_argument("--profile", help="emulated product, e.g. telit/he910")
    parser.add_argument("--port", type=int, default=7000,
                        help="port of instance 1; instance k uses port+k-1; 0: ephemeral ports")
    parser.add_argument("--instances", type=int, default=1, help="number of AT instances")
    parser.add_argument("--bind", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--defect", action="append", default=[], metavar="NAME",
                        help="enable a named defect (repeatable)")
    parser.add_argument("--list-profiles", action="store_true", help="print profile names")
    parser.add_argument("--list-defects", action="store_true", help="print defect names")
    return parser


def _usage_error(message: str) -> int:
    print(f"emulator: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.list_profiles or args.list_defects:
        names = list(PROFILES) if args.list_profiles else list(DEFECTS)
        if args.list_profiles and args.list_defects:
            names = list(PROFILES) + list(DEFECTS)
        print("\n".join(names))
        return 0
    if args.profile not in PROFILES:
        return _usage_error(f"unknown profile {args.profile!r}; "
                            f"valid profiles: {', '.join(PROFILES)}")
    unknown = [name for name in args.defect if name not in DEFECTS]
    if unknown:
        return _usage_error(f"unknown defect {', '.join(map(repr, unknown))}; "
                            f"valid defects: {', '.join(DEFECTS)}")
    profile = PROFILES[args.profile]
    if not 1 <= args.instances <= profile.max_instances:
        return _usage_error(f"--instances must be 1 to {profile.max_instances} "
                            f"for {profile.name}")
    if not 0 <= args.port <= 65535 - (args.instances - 1):
        return _usage_error(f"--port {args.port} leaves no room for {args.instances} instances")

    module = Module(profile, defects=args.defect, instances=args.instances)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    server = EmulatorServer(module, host=args.bind, port=args.port)
    try:
        endpoints = server.start()
    except OSError as error:
        print(f"emulator: error: cannot listen on {args.bind}:{args.port}: {error}",
              file=sys.stderr)
        module.close()
        return 1
    try:
        for endpoint in endpoints:
            print(f"instance {endpoint.instance}: {endpoint.host}:{endpoint.port}")
        sys.stdout.flush()  # a parent process waits for these lines
        stop.wait()
    finally:
        server.close()
        module.close()
    return 0
