"""Lab mode: ``python -m servers --bind ADDR --advertise HOST --manifest PATH``.

Builds the PKI for HOST (the name real modules dial, put into every certificate), starts one
endpoint per scenario on ADDR, writes the manifest (:mod:`servers.manifest`) and serves until
SIGINT or SIGTERM; then stops everything and deletes the keys (unless ``--pki-dir`` was given).
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import signal
import socket
import sys
import threading
from pathlib import Path
from types import FrameType

from .endpoint import Timeouts
from .farm import Farm
from .manifest import write_manifest
from .pki import build_pki


def _server_ip(bind: str, advertise: str, explicit: str | None) -> str:
    """The IP address that goes into the ``ip-san`` certificate and that scenario's ``host``."""
    if explicit:
        return explicit
    try:
        bind_ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(bind)
    except ValueError:
        bind_ip = None  # bind is a name: use the advertised host instead
    if bind_ip is not None and not bind_ip.is_unspecified:
        return bind
    try:
        return str(ipaddress.ip_address(advertise))
    except ValueError:
        return socket.gethostbyname(advertise)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m servers", description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--advertise", default="localhost", help="host name modules dial; goes into the certificates")
    p.add_argument("--manifest", type=Path, required=True, help="where to write the JSON manifest")
    p.add_argument(
        "--server-ip", default=None, help="IP for the ip-san scenario (default: --bind, or --advertise resolved)"
    )
    p.add_argument(
        "--pki-dir",
        type=Path,
        default=None,
        help="keep the PKI in this directory (default: private temporary, deleted at exit)",
    )
    p.add_argument(
        "--idle-timeout", type=float, default=120.0, help="seconds a connection may stay silent (default 120)"
    )
    p.add_argument("--masquerade", default=None, help="IP address FTPS puts in PASV replies (NAT)")
    p.add_argument(
        "--duration", type=float, default=None, help="stop after this many seconds (default: until a signal)"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the farm until a signal (or ``--duration``); return the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    pki = build_pki(args.advertise, _server_ip(args.bind, args.advertise, args.server_ip), args.pki_dir)
    try:
        timeouts = Timeouts(idle=args.idle_timeout)
        with Farm(pki, bind=args.bind, timeouts=timeouts, masquerade=args.masquerade) as farm:
            write_manifest(farm, args.manifest)
            print(f"servers: {len(farm)} scenarios on {args.bind}, manifest {args.manifest}", flush=True)
            stop.wait(args.duration)
    finally:
        if args.pki_dir is None:
            pki.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
