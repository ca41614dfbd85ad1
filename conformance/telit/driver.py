"""The socket driver of telit-ssl-ug modules: the shared protocol (conformance/shared/driver.py) in #SSL commands.

PDP context and SSId 1 (#SGACT, #SSLEN, §2, §4.1), security data in RAM (#SSLSECDATA <Action> 3, §4.4),
<auth_mode> of #SSLSECCFG (§4.2.1 for 2G, §4.2.2 for 3G/4G), the version of #SSLSECCFG2 (§3 Tab. 1),
#SSLD in COMMAND mode (§5), #SSLSENDEXT (§5.1.2.1), #SSLRECV (§5.1.2.2.1), #SSLH (§5.3).
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from conformance.shared.driver import AuthMode, AuthSetting, DialResult, NotSelectable, SecurityData, Storage
from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT
from conformance.telit.common import seccfg2_platform, seccfg_form
from conformance.telit.sockets import (
    CA_CERT,
    CIPHERS,
    CLIENT_CERT,
    CLIENT_KEY,
    CTRL_Z,
    DEFAULT_S12,
    STORE_NVM,
    STORE_RAM,
    configure,
    dial,
    prepare,
)
from harness.apn import Network
from harness.checks import expect_ok
from harness.clauses import Clause
from harness.modem import Modem, Response
from harness.profiles import Profile
from servers.endpoint import ServerConfig
from servers.pki import CertFiles, KeyFiles
from servers.protocol import TlsVersion

#: <auth_mode> of #SSLSECCFG (telit-ssl-ug §4.2.1, §4.2.2; telit-gsm-ssl §3.2): 0 "SSL verify none",
#: 1 "Server authentication mode", 2 "Server/Client authentication mode".
AUTH_MODES: dict[AuthMode, int] = {AuthMode.NONE: 0, AuthMode.SERVER: 1, AuthMode.SERVER_CLIENT: 2}
#: What telit-ssl-ug §4.2.1 and §4.2.2 say of each <auth_mode> (the same words in both).
AUTH_QUOTES: dict[AuthMode, str] = {
    AuthMode.NONE: "SSL verify none: no authentication, no security data is needed",
    AuthMode.SERVER: "Server authentication mode: CA Certificate storage is needed",
    AuthMode.SERVER_CLIENT: "Server/Client authentication mode: CA Certificate (server), Certificate (client) "
    "and Private Key (client) are needed",
}
#: <DataType> of #SSLSECDATA (telit-ssl-ug §4.4, telit-gsm-ssl §3.3).
DATA_TYPES: dict[SecurityData, int] = {
    SecurityData.CLIENT_CERT: CLIENT_CERT,
    SecurityData.CA_CERT: CA_CERT,
    SecurityData.CLIENT_KEY: CLIENT_KEY,
}
#: <version> of #SSLSECCFG2 (telit-ssl-ug §3 Tab. 1).
VERSIONS: dict[int, TlsVersion] = {0: TlsVersion.SSL3, 1: TlsVersion.TLS1_0, 2: TlsVersion.TLS1_1, 3: TlsVersion.TLS1_2}
#: #SSLRECV reads at most this many bytes a command here (errata TSU-22).
RECV_CHUNK = 1000
#: #SSLSENDEXT sends at most this many bytes a command (telit-ssl-ug §5.1.2.1 <bytestosend> 1-1500).
SEND_CHUNK = 1500


class TelitDriver:
    """SSId 1 of a telit-ssl-ug module (the one socket every platform has, §4.1)."""

    document = "telit-ssl-ug"
    #: <auth_mode> of the 2G and of the 3G/4G #SSLSECCFG form
    auth_clauses: ClassVar[tuple[Clause, ...]] = (Clause("telit-ssl-ug", "4.2.1"), Clause("telit-ssl-ug", "4.2.2"))
    #: #SSLSENDEXT and #SSLRECV
    exchange_clauses: ClassVar[tuple[Clause, ...]] = (
        Clause("telit-ssl-ug", "5.1.2.1"),
        Clause("telit-ssl-ug", "5.1.2.2.1"),
    )
    ssid = 1
    #: clauses of the steps, overridden by documents of the same family
    store_clause: ClassVar[str] = "telit-ssl-ug §4.4"
    dial_clause: ClassVar[str] = "telit-ssl-ug §5"
    send_clause: ClassVar[str] = "telit-ssl-ug §5.1.2.1"
    recv_clause: ClassVar[str] = "telit-ssl-ug §5.1.2.2.1"
    recv_command: ClassVar[str] = "#SSLRECV"
    auth_quotes: ClassVar[dict[AuthMode, str]] = AUTH_QUOTES

    def __init__(self, modem: Modem, profile: Profile) -> None:
        self.modem = modem
        self.profile = profile
        self._cipher = 0
        self._auth = AuthMode.NONE

    # ------------------------------------------------------------------ lifecycle
    def prepare(self, network: Network) -> None:
        """PDP context 1, SSId 1 enabled, TLS 1.2 where #SSLSECCFG2 exists, <CipherSuite> 0, <auth_mode> 0."""
        prepare(self.modem, self.profile, network)
        self._cipher, self._auth = 0, AuthMode.NONE

    def release(self) -> None:
        """Leave ONLINE mode, close (#SSLH) and disable (#SSLEN=1,0) SSId 1, and set the escape guard time
        back to the V.250 default that prepare() found (errata TSU-20). Results not judged."""
        if self.modem.online:
            self.modem.escape()
        if self.modem.discarded_after_test:
            return  # powered off after the test: nothing to put back for the next one (issue 15)
        self.modem.command(f"AT#SSLH={self.ssid}")
        self.modem.command(f"AT#SSLEN={self.ssid},0")
        self.modem.command(f"ATS12={DEFAULT_S12}")

    def server_overrides(self) -> dict[str, Any]:
        """None: the farm's TLS 1.2 servers serve telit-ssl-ug modules (prepare selects TLS 1.2, Tab. 1)."""
        return {}

    # ------------------------------------------------------------------ authentication
    def auth_setting(self, mode: AuthMode) -> AuthSetting:
        """<auth_mode> 0/1/2 of the profile's #SSLSECCFG form (§4.2.1 2G, §4.2.2 3G/4G, telit-gsm-ssl §3.2)."""
        clause = Clause.parse(str(seccfg_form(self.profile)["source"]))
        return AuthSetting(mode, f"<auth_mode> {AUTH_MODES[mode]}", clause, self.auth_quotes[mode])

    def host_name_clause(self) -> Clause | None:
        """None: the documents do not say whether the server's name is checked (errata TSU-24)."""
        return None

    @property
    def storage(self) -> Storage:
        """RAM: #SSLSECDATA <Action> 3 (telit-ssl-ug §4.4)."""
        return Storage.RAM

    def _secdata_line(self, action: int, data_type: int, size: int) -> str:
        # telit-ssl-ug §4.4: AT#SSLSECDATA=<storeId>,<Action>,<DataType>[,<Size>]
        return f"AT#SSLSECDATA={self.ssid},{action},{data_type},{size}"

    def store(self, kind: SecurityData, files: CertFiles | KeyFiles) -> None:
        """PEM with LF line ends ended by Ctrl-Z (§4.4); a key as PKCS#1 ("RSA private key", <DataType> 2)."""
        if isinstance(files, KeyFiles):
            if files.pkcs1_pem is None:
                raise NotSelectable(f"{self.store_clause}: <DataType> 2 is an RSA private key; this key is not RSA")
            data = pem_lf(files.pkcs1_pem)
        else:
            data = pem_lf(files.pem)
        action = STORE_RAM if self.storage is Storage.RAM else STORE_NVM
        line = self._secdata_line(action, DATA_TYPES[kind], len(data))
        r = self.modem.command(line, data=data + CTRL_Z, secret=kind is SecurityData.CLIENT_KEY, timeout=DIAL_TIMEOUT)
        expect_ok(r, f"{self.store_clause} (store the {kind.value})")

    def set_auth(self, mode: AuthMode) -> None:
        """#SSLSECCFG=1,<CipherSuite>,<auth_mode>[,1] (PEM <cert_format> on 3G/4G, §4.2.2)."""
        configure(self.modem, self.profile, cipher=self._cipher, auth=AUTH_MODES[mode])
        self._auth = mode

    # ------------------------------------------------------------------ versions and suites
    def versions(self) -> tuple[TlsVersion, ...]:
        """The versions of Tab. 1 the platform supports, where #SSLSECCFG2 exists."""
        if not self.profile.has("sslseccfg2"):
            return ()
        return tuple(VERSIONS[v] for v in seccfg2_platform(self.profile)["supported"])

    def set_version(self, version: TlsVersion) -> None:
        """#SSLSECCFG2=1,<version> (telit-ssl-ug §3 Tab. 1)."""
        codes = {v: k for k, v in VERSIONS.items()}
        if version not in self.versions():
            offered = ", ".join(v.value for v in self.versions()) or "none (no #SSLSECCFG2 on this platform)"
            raise NotSelectable(f"telit-ssl-ug §3 Tab. 1: {version.value} is not selectable; selectable: {offered}")
        expect_ok(self.modem.command(f"AT#SSLSECCFG2={self.ssid},{codes[version]}"), "telit-ssl-ug §3 Tab. 1")

    def suites(self) -> tuple[str, ...]:
        """The suites a non-zero <CipherSuite> proposes alone (the profile's #SSLSECCFG form)."""
        form = CIPHERS[self.profile["seccfg_form"]]
        return tuple(str(entry["name"]) for entry in form.values() if isinstance(entry, dict))

    def set_suite(self, name: str | None) -> None:
        """<CipherSuite> of #SSLSECCFG: 0 for the platform's whole table, else the id proposing ``name``."""
        form = CIPHERS[self.profile["seccfg_form"]]
        if name is None:
            cipher = 0
        else:
            ids = [int(k) for k, e in form.items() if isinstance(e, dict) and e.get("name") == name]
            if not ids:
                raise NotSelectable(f"{form['source']}: no <CipherSuite> proposes {name} alone: {self.suites()}")
            cipher = ids[0]
        self._cipher = cipher
        configure(self.modem, self.profile, cipher=cipher, auth=AUTH_MODES[self._auth])

    # ------------------------------------------------------------------ the connection
    def dial(self, server: ServerConfig) -> DialResult:
        """#SSLD in COMMAND mode (<connMode> 1, §5): OK when the handshake completed; on failure the final
        result is the module's own error (+CME ERROR text or code under the +CMEE in force, §8.2)."""
        r = dial(self.modem, server, mode=1, ssid=self.ssid)
        return DialResult(ok=r.ok, final=r.final.text, error=None if r.ok else r.final.text, response=r)

    def _send_once(self, piece: bytes) -> Response:
        return self.modem.command(f"AT#SSLSENDEXT={self.ssid},{len(piece)}", data=piece)

    def send(self, data: bytes) -> None:
        """#SSLSENDEXT, at most 1500 bytes a command (§5.1.2.1: exactly <bytestosend> bytes, no terminator)."""
        for i in range(0, len(data), SEND_CHUNK):
            expect_ok(self._send_once(data[i : i + SEND_CHUNK]), self.send_clause)

    def receive(self, size: int, deadline_s: float = 30.0) -> bytes:
        """Repeated #SSLRECV of at most 1000 bytes and 1 s each (errata TSU-22) until ``size`` bytes came or
        the deadline passed."""
        got = bytearray()
        waits = self.modem.waits
        deadline = time.monotonic() + waits.network(deadline_s, size) + waits.exchanges(-(-size // RECV_CHUNK))
        while len(got) < size and time.monotonic() < deadline:
            want = min(RECV_CHUNK, size - len(got))
            r = self.modem.command(f"AT{self.recv_command}={self.ssid},{want},10", timeout=6)
            got += b"".join(expect_ok(r, self.recv_clause).payloads)
        return bytes(got)

    def close(self) -> None:
        """#SSLH=1 (§5.3), after leaving ONLINE mode; result not judged (the socket may be closed already)."""
        if self.modem.online:
            self.modem.escape()
        self.modem.command(f"AT#SSLH={self.ssid}")
