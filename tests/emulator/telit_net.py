"""Helpers for the Telit tests that open real TLS connections to the servers of ``servers/``."""

from __future__ import annotations

import time
from pathlib import Path

from servers.apps import App, Echo
from servers.endpoint import TlsEndpoint
from servers.pki import Pki
from servers.protocol import Backend, TlsVersion
from servers.recorder import ConnectionRecord
from servers.scenarios import Scenario, by_id
from tests.emulator.conftest import Dte, ok

DEADLINE = 5.0
# Guard time of the tests: ATS12=5 is 100 ms (D18: S12 counts fiftieths of a second).
S12 = 5
GUARD = S12 / 50


def serve(pki: Pki, scenario: str | Scenario) -> TlsEndpoint:
    """A started endpoint for ``scenario`` (a catalog id or a Scenario of the test's own)."""
    chosen = by_id(scenario) if isinstance(scenario, str) else scenario
    return TlsEndpoint(chosen, pki).start()


def scenario(name: str, *, app: App | None = None, min_version: TlsVersion = TlsVersion.TLS1_0,
             backend: Backend = Backend.OPENSSL, **kw: object) -> Scenario:
    """A scenario of the tests' own: valid RSA chain, TLS 1.0 to 1.2 by default."""
    return Scenario(id=name, description=name, source="tests/emulator", backend=backend,
                    min_version=min_version, max_version=TlsVersion.TLS1_2,
                    app=app if app is not None else Echo(), **kw)  # type: ignore[arg-type]


def last(endpoint: TlsEndpoint) -> ConnectionRecord:
    """The endpoint's latest finished connection, waiting for it."""
    return endpoint.recorder.last(timeout=DEADLINE)


def store_file(dte: Dte, ssid: int, kind: int, path: Path) -> None:
    """#SSLSECDATA store of a PEM file (Ctrl-Z terminated)."""
    data = path.read_bytes()
    assert dte.at(f"AT#SSLSECDATA={ssid},1,{kind},{len(data)}") == b"\r\n> "
    assert dte.send(data + b"\x1a") == ok()


def prepare(dte: Dte, pki: Pki, *, ssid: int = 1, auth: int = 0, cipher: int = 0,
            cfg: str | None = None, trust: str = "rsa", client: str = "client",
            gsm: bool = False) -> None:
    """Context up, socket enabled and configured, security data stored as <auth_mode> needs."""
    if gsm:
        assert dte.at("AT#SELINT=2") == ok()
    assert dte.at(f"AT+CMEE=2;S12={S12}") == ok()
    assert dte.at("AT#SGACT=1,1").endswith(b"OK\r\n")
    assert dte.at(f"AT#SSLEN={ssid},1") == ok()
    if cfg is not None:
        assert dte.at(f"AT#SSLCFG={ssid},{cfg}") == ok()
    assert dte.at(f"AT#SSLSECCFG={ssid},{cipher},{auth}") == ok()
    if auth >= 1:
        store_file(dte, ssid, 1, pki.roots[trust].pem)
    if auth == 2:
        credential = pki.credentials[client]
        store_file(dte, ssid, 0, credential.leaf_files.pem)
        store_file(dte, ssid, 2, credential.key_files.pkcs8_pem)


def dial(dte: Dte, endpoint: TlsEndpoint, *, ssid: int = 1, mode: int = 0, closure: int = 0,
         host: str = "localhost", extra: str = "") -> bytes:
    """``AT#SSLD`` to the endpoint; the answer."""
    return dte.at(f'AT#SSLD={ssid},{endpoint.config.port},"{host}",{closure},{mode}{extra}')


def online_echo(dte: Dte, data: bytes, timeout: float = DEADLINE) -> bytes:
    """In ONLINE mode: write ``data`` and wait until as many bytes came back."""
    dte.out.take()
    dte.instance.feed(data)
    return dte.out.wait_size(len(data), timeout)


def escape(dte: Dte) -> bytes:
    """``+++`` with the guard times (D18); returns what came from then until OK."""
    time.sleep(GUARD * 1.5)
    dte.out.take()
    dte.instance.feed(b"+++")
    return dte.out.wait_for(b"\r\nOK\r\n", DEADLINE)


def until(dte: Dte, already: bytes, needle: bytes, timeout: float = DEADLINE) -> bytes:
    """``already`` (an answer) and what follows it, once ``needle`` has come."""
    if needle in already:
        return already
    return already + dte.out.wait_for(needle, timeout, take=True)


def settle(dte: Dte, seconds: float = 0.3) -> bytes:
    """Let network threads finish what they were doing; what they wrote meanwhile."""
    time.sleep(seconds)
    return dte.out.take()
