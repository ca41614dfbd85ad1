"""Benchmark of the TLS scenario farm: PKI build, farm start, handshakes per second.

Run: ``.venv/bin/python benchmarks/bench_servers.py [--seconds N]``. Prints figures; asserts
nothing (numbers go in notes, never into tests). Handshakes are full handshakes (no resumption)
by CPython's ``ssl`` client on the same machine, one at a time, so the figure includes the
client's cost: it is what one test can expect, not the server's ceiling.
"""

from __future__ import annotations

import argparse
import socket
import ssl
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from servers.endpoint import TlsEndpoint
from servers.farm import Farm
from servers.pki import Pki, build_pki
from servers.scenarios import CATALOG, by_id


def _timed_pki(runs: int) -> tuple[float, Pki]:
    times = []
    pki = None
    for _ in range(runs):
        t0 = time.perf_counter()
        candidate = build_pki("localhost", "127.0.0.1")
        times.append(time.perf_counter() - t0)
        if pki is None:
            pki = candidate
        else:
            candidate.close()
    assert pki is not None
    return statistics.median(times), pki


def _handshakes_per_second(endpoint: TlsEndpoint, seconds: float, max_version: ssl.TLSVersion) -> tuple[float, str]:
    cfg = endpoint.config
    ctx = ssl.create_default_context(cafile=str(cfg.ca_pem))
    ctx.maximum_version = max_version
    count = 0
    version = ""
    deadline = time.perf_counter() + seconds
    t0 = time.perf_counter()
    while time.perf_counter() < deadline:
        with socket.create_connection(cfg.address, timeout=5) as raw:
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with ctx.wrap_socket(raw, server_hostname=cfg.host) as tls:
                version = f"{tls.version()} {tls.cipher()[0]}"  # type: ignore[index]
                tls.unwrap()
        count += 1
    return count / (time.perf_counter() - t0), version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per handshake measurement")
    parser.add_argument("--runs", type=int, default=3, help="PKI builds to take the median of")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DeprecationWarning)

    pki_time, pki = _timed_pki(args.runs)
    print(
        f"PKI build (roots, {len(pki.credentials)} credentials, every encoding): "
        f"{pki_time * 1000:.0f} ms (median of {args.runs})"
    )
    try:
        t0 = time.perf_counter()
        farm = Farm(pki).start()
        started = time.perf_counter() - t0
        t0 = time.perf_counter()
        farm.stop()
        stopped = time.perf_counter() - t0
        print(f"farm start: {len(CATALOG)} endpoints in {started * 1000:.0f} ms; stop in {stopped * 1000:.0f} ms")
        for scenario_id, version, label in (
            ("valid", ssl.TLSVersion.TLSv1_3, "OpenSSL endpoint"),
            ("valid", ssl.TLSVersion.TLSv1_2, "OpenSSL endpoint"),
            ("resumption-off", ssl.TLSVersion.TLSv1_2, "tlslite-ng endpoint"),
        ):
            with TlsEndpoint(by_id(scenario_id), pki) as endpoint:
                rate, negotiated = _handshakes_per_second(endpoint, args.seconds, version)
            print(f"{label} ({scenario_id}, {negotiated}): {rate:.0f} full handshakes/s")
    finally:
        pki.close()


if __name__ == "__main__":
    main()
