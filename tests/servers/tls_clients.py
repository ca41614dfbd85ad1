"""Real TLS clients that no one here wrote, configured from a ServerConfig, returning a verdict.

- :func:`python_client`: CPython's ``ssl`` (OpenSSL 3.0), the model of trustme's
  ``check_connection_end_to_end``;
- :func:`s_client`: ``openssl s_client`` in a subprocess, with ``-verify_return_error``;
- :func:`tlslite_client`: tlslite-ng's client, for what OpenSSL 3.0 cannot offer (SSLv3, RC4,
  3DES); tlslite-ng does not verify chains, so verifying runs check the received chain with
  ``openssl verify``;
- :func:`nassl_client`: OpenSSL 1.0.2 (nassl's legacy client), for the suites only the scapy backend serves
  (EXPORT, single DES, SEED, static ECDH), which neither OpenSSL 3.0 nor tlslite-ng can offer.

Each returns a :class:`ClientResult`; ``accepted`` is the verdict.
"""

from __future__ import annotations

import ftplib
import importlib.util
import ipaddress
import shutil
import socket
import ssl
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from tlslite.api import HandshakeSettings, TLSConnection
from tlslite.errors import TLSError

from servers.apps import Ftps, Http
from servers.encodings import der_to_pem
from servers.endpoint import ServerConfig
from servers.endpoint_openssl import openssl_cipher_name
from servers.endpoint_tlslite import tlslite_names
from servers.protocol import Backend, TlsVersion
from servers.suites import suite

TIMEOUT = 10.0
OPENSSL = shutil.which("openssl")


@dataclass
class ClientResult:
    """What a client concluded."""

    accepted: bool
    error: str = ""
    version: str | None = None
    cipher: str | None = None
    echoed: bytes = b""
    session: Any = None
    resumed: bool | None = None
    output: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def python_can_offer(cfg: ServerConfig) -> bool:
    """Python's ssl can offer what the scenario serves (not SSLv3, RC4, 3DES, SRP)."""
    s = cfg.scenario
    if s.backend is Backend.REFUSE:
        return True  # it offers its defaults and must be refused
    if s.max_version is TlsVersion.SSL3 or s.srp is not None:
        return False
    return all(i.openssl is not None for i in s.suite_infos)


def s_client_can_offer(cfg: ServerConfig) -> bool:
    """``openssl s_client`` can offer what the scenario serves."""
    s = cfg.scenario
    if s.backend is Backend.REFUSE:
        return True
    # SRP: OpenSSL 3.0.19's s_client dies with SIGSEGV right after its SRP ClientKeyExchange
    # (measured here, exit status -11), so tlslite-ng's client covers the SRP scenarios.
    if s.max_version is TlsVersion.SSL3 or s.srp is not None:
        return False
    return all(openssl_cipher_name(i.code) for i in s.suite_infos)


def _needs_seclevel0(cfg: ServerConfig) -> bool:
    s = cfg.scenario
    return s.min_version.wire < (3, 3) or bool(s.suites)


def python_context(
    cfg: ServerConfig,
    *,
    verify: bool,
    ciphers: str | None = None,
    min_version: TlsVersion | None = None,
    max_version: TlsVersion | None = None,
    client_cert: bool = True,
    trust: str | None = None,
) -> ssl.SSLContext:
    """A client context for ``cfg``: default security unless the scenario's versions or suites
    need ``@SECLEVEL=0``."""
    s = cfg.scenario
    ctx = (
        ssl.create_default_context(cafile=trust or str(cfg.ca_pem))
        if verify
        else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    )
    if not verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    names = ciphers
    if names is None and s.suites and s.backend is not Backend.REFUSE:
        names = ":".join(i.openssl for i in s.suite_infos if i.openssl)
    if names is not None or _needs_seclevel0(cfg):
        ctx.set_ciphers(f"{names or 'DEFAULT'}:@SECLEVEL=0")
    lo = min_version or (s.min_version if s.min_version is not TlsVersion.SSL3 else TlsVersion.TLS1_0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.0/1.1 on purpose
        ctx.minimum_version = lo.ssl
        ctx.maximum_version = (max_version or s.max_version).ssl
    if client_cert and cfg.client_cert is not None and cfg.client_key is not None:
        ctx.load_cert_chain(str(cfg.client_chain_pem), str(cfg.client_key.pkcs8_pem))
    return ctx


def python_client(
    cfg: ServerConfig,
    *,
    verify: bool,
    context: ssl.SSLContext | None = None,
    sni: bool = True,
    session: ssl.SSLSession | None = None,
    host: str | None = None,
    payload: bytes = b"ping",
    **kw: Any,
) -> ClientResult:
    """Connect, handshake, send ``payload``, read the echo, close with close_notify."""
    ctx = context or python_context(cfg, verify=verify, **kw)
    name = host or cfg.host
    if isinstance(cfg.scenario.app, Ftps):
        return _ftps_client(cfg, ctx, name)
    http = isinstance(cfg.scenario.app, Http)
    if http:
        payload = f"GET / HTTP/1.1\r\nHost: {name}\r\n\r\n".encode("ascii")
    try:
        with socket.create_connection((cfg.host, cfg.port), timeout=TIMEOUT) as raw:
            with ctx.wrap_socket(raw, server_hostname=name if sni else None, session=session) as tls:
                version, cipher = tls.version(), tls.cipher()
                tls.sendall(payload)
                echoed = b""
                # RFC 8446 §4.4.2.4: a TLS 1.3 server may reject us after our Finished; the
                # verdict is only known once we read.
                while http or len(echoed) < len(payload):
                    chunk = tls.recv(4096)
                    if not chunk:
                        break
                    echoed += chunk
                result = ClientResult(
                    accepted=True,
                    version=version,
                    cipher=cipher[0] if cipher else None,
                    echoed=echoed,
                    session=tls.session,
                    resumed=tls.session_reused,
                )
                try:
                    tls.unwrap()
                except (ssl.SSLError, OSError) as exc:
                    result.extra["unwrap"] = str(exc)
                return result
    except (ssl.SSLError, ssl.CertificateError, OSError) as exc:
        return ClientResult(accepted=False, error=str(exc))


def _ftps_client(cfg: ServerConfig, ctx: ssl.SSLContext, host: str) -> ClientResult:
    app = cfg.scenario.app
    assert isinstance(app, Ftps)
    ftp = ftplib.FTP_TLS(context=ctx, timeout=TIMEOUT)
    try:
        ftp.connect(cfg.host, cfg.port)
        ftp.auth()  # AUTH TLS (RFC 4217 §4)
        ftp.login(app.user, app.password)
        ftp.prot_p()
        data: list[bytes] = []
        ftp.retrbinary(f"RETR {app.files[0][0]}", data.append)
        version = ftp.sock.version() if isinstance(ftp.sock, ssl.SSLSocket) else None
        ftp.quit()
        return ClientResult(accepted=True, version=version, echoed=b"".join(data))
    except (ssl.SSLError, ftplib.Error, OSError, EOFError) as exc:
        return ClientResult(accepted=False, error=f"{type(exc).__name__}: {exc}")
    finally:
        ftp.close()


_PROTOCOL = {
    TlsVersion.TLS1_0: "TLSv1",
    TlsVersion.TLS1_1: "TLSv1.1",
    TlsVersion.TLS1_2: "TLSv1.2",
    TlsVersion.TLS1_3: "TLSv1.3",
}


def s_client(
    cfg: ServerConfig,
    *,
    verify: bool,
    extra: tuple[str, ...] = (),
    ca: str | None = None,
    host: str | None = None,
    client_cert: bool = True,
    cipher: str | None = None,
    sni: bool = True,
) -> ClientResult:
    """Run ``openssl s_client`` against ``cfg`` with stdin closed; verdict from its exit status.

    ``-verify_return_error`` makes a verification failure abort the handshake (s_client's
    default is to carry on), ``-verify_hostname``/``-verify_ip`` checks the identity.
    """
    assert OPENSSL is not None, "openssl is not installed"
    s = cfg.scenario
    name = host or cfg.host
    cmd = [OPENSSL, "s_client", "-connect", f"{cfg.host}:{cfg.port}", "-servername", name]
    if _is_ip(name) or not sni:
        cmd[-2:] = ["-noservername"]
    lo = s.min_version if s.min_version is not TlsVersion.SSL3 else TlsVersion.TLS1_0
    cmd += ["-min_protocol", _PROTOCOL[lo], "-max_protocol", _PROTOCOL[s.max_version]]
    names = cipher
    if names is None and s.suites and s.backend is not Backend.REFUSE:
        names = ":".join(n for n in (openssl_cipher_name(i.code) for i in s.suite_infos) if n)
    if names is not None or _needs_seclevel0(cfg):
        cmd += ["-cipher", f"{names or 'DEFAULT'}:@SECLEVEL=0"]
    if verify:
        cmd += ["-verify_return_error", "-CAfile", ca or str(cfg.ca_pem)]
        cmd += ["-verify_ip", name] if _is_ip(name) else ["-verify_hostname", name]
    if client_cert and cfg.client_cert is not None and cfg.client_key is not None:
        cmd += ["-cert", str(cfg.client_chain_pem), "-key", str(cfg.client_key.pkcs8_pem)]
    if isinstance(s.app, Ftps):
        cmd += ["-starttls", "ftp"]
    cmd += list(extra)
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        return ClientResult(accepted=False, error=f"s_client timed out: {exc}")
    out = proc.stdout + proc.stderr
    version = cipher_name = None
    for line in proc.stdout.splitlines():
        line = line.strip()
        if line.startswith("Protocol  :") or line.startswith("Protocol :"):
            version = line.split(":", 1)[1].strip()
        if line.startswith("Cipher    :") or line.startswith("Cipher :"):
            cipher_name = line.split(":", 1)[1].strip()
    accepted = proc.returncode == 0 and "Cipher is (NONE)" not in out and "Cipher is" in out
    return ClientResult(
        accepted=accepted, error="" if accepted else out[-2000:], version=version, cipher=cipher_name, output=out
    )


def tlslite_client(
    cfg: ServerConfig,
    *,
    verify: bool,
    min_version: tuple[int, int] | None = None,
    max_version: tuple[int, int] | None = None,
    suites: tuple[str, ...] | None = None,
    session: Any = None,
    sni: bool = True,
    payload: bytes = b"ping",
) -> ClientResult:
    """tlslite-ng's client, restricted to the scenario's versions and suites; a verifying run
    checks the server chain and name with ``cryptography``'s verifier after the handshake."""
    s = cfg.scenario
    settings = HandshakeSettings()
    settings.minVersion = min_version or s.min_version.wire
    settings.maxVersion = max_version or min(s.max_version.wire, (3, 3))
    names = suites if suites is not None else (s.suites if s.backend is not Backend.REFUSE else ())
    if names:
        triples = [tlslite_names(suite(n)) for n in names]
        settings.keyExchangeNames = sorted({t[0] for t in triples})
        settings.cipherNames = sorted({t[1] for t in triples})
        settings.macNames = sorted({t[2] for t in triples})
    else:
        settings.cipherNames = [*list(settings.cipherNames), "rc4"]
        settings.macNames = [*list(settings.macNames), "md5"]
    try:
        raw = socket.create_connection((cfg.host, cfg.port), timeout=TIMEOUT)
    except OSError as exc:
        return ClientResult(accepted=False, error=str(exc))
    conn = TLSConnection(raw)
    try:
        if s.srp is not None:
            conn.handshakeClientSRP(s.srp[0], s.srp[1], settings=settings, serverName=cfg.host if sni else None)
        else:
            conn.handshakeClientCert(settings=settings, session=session, serverName=cfg.host if sni else None)
        if verify:
            problem = _verify_chain(cfg, [bytes(c.bytes) for c in conn.session.serverCertChain.x509List])
            if problem:
                conn.close()
                return ClientResult(accepted=False, error=problem)
        conn.write(payload)
        echoed = bytes(conn.read(max=len(payload), min=len(payload)))
        result = ClientResult(
            accepted=True,
            version=TlsVersion.from_wire((int(conn.version[0]), int(conn.version[1]))).value,
            cipher=conn.getCipherName(),
            echoed=echoed,
            session=conn.session,
            resumed=conn.resumed,
        )
        conn.close()
        return result
    except (TLSError, OSError, ValueError, AssertionError) as exc:
        return ClientResult(accepted=False, error=f"{type(exc).__name__}: {exc}")
    finally:
        raw.close()


def _verify_chain(cfg: ServerConfig, chain_der: list[bytes]) -> str:
    """'' if ``chain_der`` verifies to the scenario's root for its host, else the reason.

    Checked by ``openssl verify`` (the same verifier s_client uses), since tlslite-ng checks
    nothing itself.
    """
    assert OPENSSL is not None, "openssl is not installed"
    with tempfile.TemporaryDirectory() as tmp:
        leaf = Path(tmp) / "leaf.pem"
        untrusted = Path(tmp) / "chain.pem"
        leaf.write_bytes(der_to_pem(chain_der[0]))
        untrusted.write_bytes(b"".join(der_to_pem(d) for d in chain_der[1:]))
        cmd = [OPENSSL, "verify", "-purpose", "sslserver", "-CAfile", str(cfg.ca_pem)]
        if chain_der[1:]:
            cmd += ["-untrusted", str(untrusted)]
        cmd += ["-verify_ip", cfg.host] if _is_ip(cfg.host) else ["-verify_hostname", cfg.host]
        proc = subprocess.run([*cmd, str(leaf)], capture_output=True, text=True, timeout=TIMEOUT)
    return "" if proc.returncode == 0 else f"verification failed: {proc.stdout}{proc.stderr}"


#: OpenSSL 1.0.2's names of the suites the scapy backend serves (``openssl ciphers -V`` of 1.0.2).
NASSL_NAMES = {
    "TLS_RSA_EXPORT_WITH_RC4_40_MD5": "EXP-RC4-MD5",
    "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5": "EXP-RC2-CBC-MD5",
    "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA": "EXP-DES-CBC-SHA",
    "TLS_RSA_WITH_DES_CBC_SHA": "DES-CBC-SHA",
    "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA": "EXP-EDH-RSA-DES-CBC-SHA",
    "TLS_DHE_RSA_WITH_DES_CBC_SHA": "EDH-RSA-DES-CBC-SHA",
    "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA": "EXP-EDH-DSS-DES-CBC-SHA",
    "TLS_DHE_DSS_WITH_DES_CBC_SHA": "EDH-DSS-DES-CBC-SHA",
    "TLS_RSA_WITH_SEED_CBC_SHA": "SEED-SHA",
    "TLS_DHE_RSA_WITH_SEED_CBC_SHA": "DHE-RSA-SEED-SHA",
    "TLS_DHE_DSS_WITH_SEED_CBC_SHA": "DHE-DSS-SEED-SHA",
    "TLS_ECDH_ECDSA_WITH_RC4_128_SHA": "ECDH-ECDSA-RC4-SHA",
    "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA": "ECDH-ECDSA-DES-CBC3-SHA",
    "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA": "ECDH-ECDSA-AES128-SHA",
    "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA": "ECDH-ECDSA-AES256-SHA",
    "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256": "ECDH-ECDSA-AES128-SHA256",
    "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384": "ECDH-ECDSA-AES256-SHA384",
    "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256": "ECDH-ECDSA-AES128-GCM-SHA256",
    "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384": "ECDH-ECDSA-AES256-GCM-SHA384",
    "TLS_ECDH_RSA_WITH_RC4_128_SHA": "ECDH-RSA-RC4-SHA",
    "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA": "ECDH-RSA-DES-CBC3-SHA",
    "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA": "ECDH-RSA-AES128-SHA",
    "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA": "ECDH-RSA-AES256-SHA",
    "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256": "ECDH-RSA-AES128-SHA256",
    "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384": "ECDH-RSA-AES256-SHA384",
    "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256": "ECDH-RSA-AES128-GCM-SHA256",
    "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384": "ECDH-RSA-AES256-GCM-SHA384",
}

#: Why the nassl client cannot run here, or ``None``: nassl comes with the dev extra (pyproject.toml), which
#: ``python -m pip install -e .`` alone does not install; without it the scapy backend's suites are not run here.
NASSL_MISSING: str | None = (
    None
    if importlib.util.find_spec("nassl") is not None
    else "nassl (OpenSSL 1.0.2, the client for the suites only the scapy backend serves) is not installed: "
    "python -m pip install -e '.[dev]'"
)


class _SendsWhole:
    """The socket nassl writes to: nassl passes each ``send()`` a whole TLS record and ignores what a partial send
    left out (nassl/ssl_client.py ``_flush_ssl_engine``), so every send here is a ``sendall``."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, data: bytes) -> int:
        self.sock.sendall(data)
        return len(data)

    def recv(self, size: int) -> bytes:
        return self.sock.recv(size)

    def close(self) -> None:
        self.sock.close()


def nassl_can_offer(cfg: ServerConfig) -> bool:
    """OpenSSL 1.0.2 (nassl) is installed and can offer every suite of the scenario, and it names some."""
    names = cfg.scenario.suites
    return NASSL_MISSING is None and bool(names) and all(n in NASSL_NAMES for n in names)


def nassl_client(
    cfg: ServerConfig,
    *,
    verify: bool,
    ciphers: str | None = None,
    version: TlsVersion | None = None,
    trust: Path | None = None,
    payload: bytes = b"ping",
    sock: socket.socket | None = None,
) -> ClientResult:
    """OpenSSL 1.0.2 through nassl: handshake offering ``ciphers`` (default: the scenario's suites in OpenSSL
    1.0.2's names), at ``version`` (default: the highest both speak; TLS 1.0 for an EXPORT-only scenario, whose
    OpenSSL 1.0.2 hello would otherwise be SSLv2-compatible), send ``payload``, read the echo, send close_notify.

    A verifying run has OpenSSL check the chain to ``trust`` (default: the scenario's root) during the handshake
    and checks the host name on the received chain with ``openssl verify`` (OpenSSL 1.0.2 checks no names).
    ``sock``: an already connected socket to use (a test's proxy), else one to ``cfg``'s address.
    """
    # Imported here: nassl is a dev extra (NASSL_MISSING).
    from nassl._nassl import OpenSSLError
    from nassl.legacy_ssl_client import LegacySslClient
    from nassl.ssl_client import OpenSslVerifyEnum, OpenSslVersionEnum

    # nassl's protocol settings by the version a test forces (SSLV23: the highest both speak).
    versions = {
        None: OpenSslVersionEnum.SSLV23,
        TlsVersion.SSL3: OpenSslVersionEnum.SSLV3,
        TlsVersion.TLS1_0: OpenSslVersionEnum.TLSV1,
        TlsVersion.TLS1_1: OpenSslVersionEnum.TLSV1_1,
        TlsVersion.TLS1_2: OpenSslVersionEnum.TLSV1_2,
    }
    s = cfg.scenario
    names = ciphers or ":".join(NASSL_NAMES[n] for n in s.suites)
    if version is None and s.suites and all("_EXPORT_" in n for n in s.suites):
        version = TlsVersion.TLS1_0
    try:
        raw = sock or socket.create_connection((cfg.host, cfg.port), timeout=TIMEOUT)
    except OSError as exc:
        return ClientResult(accepted=False, error=str(exc))
    raw.settimeout(TIMEOUT)
    client = LegacySslClient(
        underlying_socket=raw if sock is not None else _SendsWhole(raw),  # type: ignore[arg-type]
        ssl_version=versions[version],
        ssl_verify=OpenSslVerifyEnum.PEER if verify else OpenSslVerifyEnum.NONE,
        ssl_verify_locations=(trust or cfg.ca_pem) if verify else None,
    )
    client.set_cipher_list(names)
    try:
        client.do_handshake()
        if verify:
            chain = [x509.load_pem_x509_certificate(pem.encode()) for pem in client.get_received_chain()]
            problem = _verify_chain(cfg, [c.public_bytes(serialization.Encoding.DER) for c in chain])
            if problem:
                return ClientResult(accepted=False, error=problem)
        cipher = client.get_current_cipher_name()
        # A few KiB at a time, each echo read back before the next: nassl's memory BIOs take a few KiB per write,
        # and what a large recv() brings beyond that is lost.
        echoed = b""
        for i in range(0, len(payload), 4096):
            client.write(payload[i : i + 4096])
            while len(echoed) < min(i + 4096, len(payload)):
                chunk = client.read(4096)
                if not chunk:
                    break
                echoed += chunk
        # nassl's shutdown() closes without sending the close_notify SSL_shutdown wrote into its memory BIO: send it.
        client._ssl.shutdown()
        client._flush_ssl_engine()
        return ClientResult(accepted=True, cipher=cipher, echoed=echoed)
    except (OpenSSLError, OSError, ValueError) as exc:
        return ClientResult(accepted=False, error=f"{type(exc).__name__}: {exc}")
    finally:
        raw.close()
