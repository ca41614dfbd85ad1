"""Lab mode: ``python -m servers --bind ADDR --advertise HOST --manifest PATH``.

Builds the PKI for HOST (the name real modules dial, put into every certificate), starts one
endpoint per scenario on ADDR, writes the manifest (:mod:`servers.manifest`) and serves until
SIGINT or SIGTERM; then stops everything and deletes the keys (unless ``--pki-dir`` was given).

Beside the scenarios runs the farm's read-only control endpoint (:mod:`servers.control`, on ADDR too,
``--control-port``, 0: any free port; ``--no-control``: none): a suite given the manifest reads the
scenarios' connection records through it. Its token is generated at start and written only into the
manifest, which is created with mode 0600.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import ipaddress
import logging
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from .control import ControlServer
from .endpoint import Timeouts
from .farm import Farm
from .manifest import write_manifest
from .pki import build_pki
from .protocol import Backend, TlsVersion
from .scenarios import CATALOG, Scenario, backend_for


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
    p.add_argument(
        "--control-port", type=int, default=0, help="port of the records' control endpoint (default 0: any free one)"
    )
    p.add_argument("--no-control", action="store_true", help="no control endpoint: the records stay on this host")
    p.add_argument(
        "--versions",
        type=_versions,
        default=None,
        help="serve every scenario with these TLS versions, MIN-MAX (e.g. TLSv1-TLSv1.2): the farm of modules that "
        "speak older versions (a document's suite asks for them; the manifest records what each scenario serves)",
    )
    return p


def _versions(text: str) -> tuple[TlsVersion, TlsVersion]:
    """``MIN-MAX`` of :class:`TlsVersion` values (``TLSv1-TLSv1.2``); argparse's error otherwise."""
    try:
        low, high = (TlsVersion(part) for part in text.split("-", 1))
    except ValueError:
        names = ", ".join(v.value for v in TlsVersion)
        raise argparse.ArgumentTypeError(f"{text!r}: MIN-MAX of {names}") from None
    return low, high


def _scenarios(versions: tuple[TlsVersion, TlsVersion] | None) -> tuple[Scenario, ...]:
    """The catalog, with ``versions`` when given: every scenario but those about versions (``version-*``), an
    OpenSSL one with its backend chosen again (servers.scenarios.backend_for, as a test's override of the
    versions does), any other on its own backend (tlslite-ng serves what OpenSSL will not: a key that is not
    the leaf's, no resumption)."""
    if versions is None:
        return CATALOG
    out = []
    for scenario in CATALOG:
        if scenario.id.startswith("version-"):
            out.append(scenario)
            continue
        backend, unservable = scenario.backend, scenario.unservable
        if backend is Backend.OPENSSL:
            backend, unservable = backend_for(scenario.suites, versions[0])
        out.append(
            dataclasses.replace(
                scenario, min_version=versions[0], max_version=versions[1], backend=backend, unservable=unservable
            )
        )
    return tuple(out)


@contextlib.contextmanager
def _control(farm: Farm, args: argparse.Namespace) -> Iterator[ControlServer | None]:
    """The farm's control endpoint, serving every scenario's recorder (and the plain echo's)."""
    if args.no_control:
        yield None
        return
    recorders = {server.config.scenario.id: server.recorder for server in farm}
    recorders["tcp-echo"] = farm.tcp_echo.recorder
    with ControlServer(recorders, bind=args.bind, host=args.advertise, port=args.control_port) as control:
        yield control


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
        with (
            Farm(
                pki,
                scenarios=_scenarios(args.versions),
                bind=args.bind,
                timeouts=timeouts,
                masquerade=args.masquerade,
            ) as farm,
            _control(farm, args) as control,
        ):
            write_manifest(farm, args.manifest, control)
            where = f", records at {control.url}" if control is not None else ""
            print(f"servers: {len(farm)} scenarios on {args.bind}{where}, manifest {args.manifest}", flush=True)
            stop.wait(args.duration)
    finally:
        if args.pki_dir is None:
            pki.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
