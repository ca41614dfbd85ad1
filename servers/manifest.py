"""The lab manifest: a JSON description of a running farm that a suite can use instead of its own.

Written by ``python -m servers --manifest PATH`` once every endpoint listens; read by the pytest
plugin's ``--servers-manifest PATH``. Format (``"format": "modem-tls-conformance/servers-manifest"``,
``"version": 1``)::

    {
      "format": "...", "version": 1, "server_host": "lab.example", "server_ip": "192.0.2.10",
      "roots": {"rsa": {"pem": "...", "der": "...", "b64": "..."}, ...},
      "scenarios": [
        {"id": "expired-leaf", "host": "lab.example", "port": 40123,
         "ca": "/tmp/.../root-rsa.pem", "ca_der": "...", "ca_b64": "...",
         "verifying": "reject", "nonverifying": "accept", "expected_error": "certificate has expired",
         "client_cert": null, "client_chain": null, "client_key": null, "client_key_pkcs1": null,
         "client_key_der": null, ...},
        ...
      ],
      "plain": [{"id": "tcp-echo", "host": "lab.example", "port": 40250}],
      "control": {"url": "http://lab.example:40251", "token": "..."}
    }

Every path is absolute. Fields beyond the required ones (id, host, port, ca, verifying, client
certificate and key) describe the scenario so that a client can be configured from the manifest
alone: versions, suites (IANA and OpenSSL names), SRP credentials, STARTTLS protocol.

``control`` (present when the farm runs a :class:`~servers.control.ControlServer`) is where the suite
reads the scenarios' connection records, and its token: the file is written with mode 0600, and the token
is in no other file.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .apps import Ftps, Hold, Http, NoRead, Scripted, Silent
from .control import ControlClient, ControlServer, register_handle
from .endpoint import ServerConfig
from .endpoint_openssl import openssl_cipher_name
from .farm import Farm
from .pki import CertFiles, KeyFiles
from .protocol import Backend, TlsVersion
from .scenarios import Scenario, Verdict, backend_for, by_id

__all__ = ["FORMAT", "Manifest", "ManifestEntry", "load_manifest", "manifest_dict", "write_manifest"]

FORMAT = "modem-tls-conformance/servers-manifest"
VERSION = 1


def _app_kind(scenario: Scenario) -> str:
    app = scenario.app
    if isinstance(app, Http):
        return "http"
    if isinstance(app, Scripted):
        return "scripted"
    if isinstance(app, Ftps):
        return "ftps"
    if isinstance(app, Silent | Hold | NoRead):  # the stalling endpoints (servers.apps.STALLS)
        return {Silent: "silent", Hold: "hold", NoRead: "no-read"}[type(app)]
    return "echo"


def _entry(config: ServerConfig) -> dict[str, Any]:
    s = config.scenario
    names = [openssl_cipher_name(i.code) for i in s.suite_infos]
    return {
        "id": s.id,
        "description": s.description,
        "source": s.source,
        "host": config.host,
        "port": config.port,
        "ca": str(config.ca.pem),
        "ca_der": str(config.ca.der),
        "ca_b64": str(config.ca.b64),
        "verifying": s.verifying.value,
        "nonverifying": s.nonverifying.value,
        "expected_error": s.expected_error,
        "backend": s.backend.value,
        "unservable": s.unservable,
        "min_version": s.min_version.value,
        "max_version": s.max_version.value,
        "suites": list(s.suites),
        # What `openssl s_client -cipher` needs to offer these suites; null when this OpenSSL
        # cannot offer them (RC4, 3DES, static ECDH, SEED...): use another client.
        "openssl_ciphers": ":".join(n for n in names if n) if names and all(names) else (None if names else "DEFAULT"),
        "client_auth": s.client_auth.value,
        "client_cert": str(config.client_cert.pem) if config.client_cert else None,
        "client_cert_der": str(config.client_cert.der) if config.client_cert else None,
        "client_cert_b64": str(config.client_cert.b64) if config.client_cert else None,
        "client_chain": str(config.client_chain_pem) if config.client_chain_pem else None,
        "client_key": str(config.client_key.pkcs8_pem) if config.client_key else None,
        "client_key_der": str(config.client_key.pkcs8_der) if config.client_key else None,
        "client_key_pkcs1": str(config.client_key.pkcs1_pem)
        if config.client_key and config.client_key.pkcs1_pem
        else None,
        "srp_user": s.srp[0] if s.srp else None,
        "srp_password": s.srp[1] if s.srp else None,
        "app": _app_kind(s),
        "starttls": "ftp" if isinstance(s.app, Ftps) else None,
        "ftp_user": s.app.user if isinstance(s.app, Ftps) else None,
        "ftp_password": s.app.password if isinstance(s.app, Ftps) else None,
        "ftp_files": [name for name, _ in s.app.files] if isinstance(s.app, Ftps) else [],
    }


def manifest_dict(farm: Farm, control: ControlServer | None = None) -> dict[str, Any]:
    """The manifest of a started farm (and of its started control endpoint), as a JSON-ready dict."""
    pki = farm.pki
    return {
        **({"control": {"url": control.url, "token": control.token}} if control is not None else {}),
        "format": FORMAT,
        "version": VERSION,
        "server_host": pki.server_host,
        "server_ip": pki.server_ip,
        "roots": {name: {"pem": str(f.pem), "der": str(f.der), "b64": str(f.b64)} for name, f in pki.roots.items()},
        "scenarios": [_entry(server.config) for server in farm],
        "plain": [{"id": "tcp-echo", "host": farm.tcp_echo.config.host, "port": farm.tcp_echo.config.port}],
    }


def write_manifest(farm: Farm, path: Path, control: ControlServer | None = None) -> None:
    """Write the manifest atomically (temporary file, then rename): a reader never sees half. Mode 0600 from
    the first byte: the control endpoint's token is in it."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a leftover .tmp of another mode
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(manifest_dict(farm, control), indent=2) + "\n")
    os.replace(tmp, path)


@dataclass(frozen=True, kw_only=True)
class ManifestEntry:
    """One scenario of a manifest, as the suite uses it."""

    id: str
    host: str
    port: int
    ca: CertFiles
    verifying: Verdict
    nonverifying: Verdict
    expected_error: str | None
    min_version: TlsVersion
    max_version: TlsVersion
    suites: tuple[str, ...]
    openssl_ciphers: str | None
    client_cert: CertFiles | None
    client_chain: Path | None
    client_key: KeyFiles | None
    srp: tuple[str, str] | None
    starttls: str | None
    raw: dict[str, Any]
    #: the farm's control endpoint (manifest ``control``), ``None`` when it has none
    control: ControlClient | None = None

    def server_config(self) -> ServerConfig:
        """A :class:`ServerConfig` for this entry (the scenario is looked up in this catalog).

        With a control endpoint, each call also takes the scenario's records cursor (the moment a test gets its
        server): :func:`servers.control.lab_recorder` then gives the records committed since, for this config.
        """
        scenario = by_id(self.id)
        if (scenario.min_version, scenario.max_version) != (self.min_version, self.max_version):
            # A farm serving every scenario with other versions (python -m servers --versions): as it serves it.
            backend, unservable = backend_for(scenario.suites, self.min_version)
            if "backend" in self.raw:
                backend, unservable = Backend(self.raw["backend"]), self.raw.get("unservable")
            scenario = dataclasses.replace(
                scenario,
                min_version=self.min_version,
                max_version=self.max_version,
                backend=backend,
                unservable=unservable,
            )
        config = ServerConfig(
            scenario=scenario,
            host=self.host,
            port=self.port,
            bind="",
            ca=self.ca,
            client_cert=self.client_cert,
            client_chain_pem=self.client_chain,
            client_key=self.client_key,
            srp=self.srp,
        )
        if self.control is not None:
            register_handle(self.control, config)
        return config


@dataclass(frozen=True, kw_only=True)
class Manifest:
    """A parsed manifest."""

    server_host: str
    entries: dict[str, ManifestEntry]
    plain: dict[str, tuple[str, int]]
    #: the farm's control endpoint, ``None`` when the manifest names none
    control: ControlClient | None = None


def _path(value: Any) -> Path:
    return Path(str(value))


def load_manifest(path: Path) -> Manifest:
    """Read and check a manifest; ``ValueError`` naming the first problem."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError(f"{path}: not a version-{VERSION} {FORMAT} file")
    control = None
    if data.get("control") is not None:
        try:
            control = ControlClient(str(data["control"]["url"]), str(data["control"]["token"]))
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{path}: control: {{url, token}} of an http://host:port endpoint: {e}") from None
    entries: dict[str, ManifestEntry] = {}
    for raw in data.get("scenarios", []):
        for required in ("id", "host", "port", "ca", "verifying"):
            if required not in raw:
                raise ValueError(f"{path}: scenario entry without {required!r}: {raw!r}")
        ca = _path(raw["ca"])
        client_key = (
            KeyFiles(
                pkcs8_pem=_path(raw["client_key"]),
                pkcs8_der=_path(raw.get("client_key_der") or raw["client_key"]),
                pkcs1_pem=_path(raw["client_key_pkcs1"]) if raw.get("client_key_pkcs1") else None,
                pkcs1_der=None,
            )
            if raw.get("client_key")
            else None
        )
        client_cert = (
            CertFiles(
                pem=_path(raw["client_cert"]),
                der=_path(raw.get("client_cert_der") or raw["client_cert"]),
                b64=_path(raw.get("client_cert_b64") or raw["client_cert"]),
            )
            if raw.get("client_cert")
            else None
        )
        entries[raw["id"]] = ManifestEntry(
            id=str(raw["id"]),
            host=str(raw["host"]),
            port=int(raw["port"]),
            ca=CertFiles(pem=ca, der=_path(raw.get("ca_der") or ca), b64=_path(raw.get("ca_b64") or ca)),
            verifying=Verdict(raw["verifying"]),
            nonverifying=Verdict(raw.get("nonverifying", raw["verifying"])),
            expected_error=raw.get("expected_error"),
            min_version=TlsVersion(raw.get("min_version", "TLSv1.2")),
            max_version=TlsVersion(raw.get("max_version", "TLSv1.3")),
            suites=tuple(raw.get("suites", ())),
            openssl_ciphers=raw.get("openssl_ciphers"),
            client_cert=client_cert,
            client_chain=_path(raw["client_chain"]) if raw.get("client_chain") else None,
            client_key=client_key,
            srp=(raw["srp_user"], raw["srp_password"]) if raw.get("srp_user") else None,
            starttls=raw.get("starttls"),
            raw=raw,
            control=control,
        )
    plain = {str(p["id"]): (str(p["host"]), int(p["port"])) for p in data.get("plain", [])}
    return Manifest(server_host=str(data.get("server_host", "")), entries=entries, plain=plain, control=control)
