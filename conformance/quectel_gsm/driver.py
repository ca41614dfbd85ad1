"""The socket driver of quectel-gsm-ssl modules: the shared protocol (conformance/shared/driver.py) in +QSSL
commands.

The bearer of §1.2 (+QIFGCNT, +QICSGP, +QIREGAPP, +QIACT, +QILOCIP, +QIMUX), security data in RAM
(+QSECWRITE "RAM:<name>", §2.2.7) named in SSL context 0 (+QSSLCFG "cacert"/"clientcert"/"clientkey"),
<seclevel> (§2.2.1), <sslversion> and <ciphersuite> (§1.1 Tables 1 and 2, §2.2.1), +QSSLOPEN in
non-transparent mode with its result URC (§2.2.2), +QSSLSEND of a fixed length (§2.2.4), +QSSLRECV
(§2.2.5) and +QSSLCLOSE (§2.2.3) on socket 1, as the examples of §3 use them.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from conformance.quectel_common.steps import cclk
from conformance.quectel_gsm.common import (
    COMMANDS,
    CTX,
    OPEN_TIMEOUT,
    SSID,
    URC_MARGIN,
    bearer_up,
    open_line,
    open_result,
    qsslcfg,
    read_all,
    ssl_close,
    upload,
)
from conformance.shared.driver import AuthMode, AuthSetting, DialResult, NotSelectable, SecurityData, Storage
from conformance.shared.servers import DIAL_TIMEOUT
from harness.apn import Network
from harness.checks import expect_ok
from harness.clauses import Clause
from harness.modem import Modem
from harness.profiles import Profile
from servers.endpoint import ServerConfig
from servers.pki import CertFiles, KeyFiles
from servers.protocol import TlsVersion

#: <seclevel> (§2.2.1; errata QGS-14 for 2).
AUTH_MODES: dict[AuthMode, int] = {AuthMode.NONE: 0, AuthMode.SERVER: 1, AuthMode.SERVER_CLIENT: 2}
#: What §2.2.1 says of each <seclevel>.
AUTH_QUOTES: dict[AuthMode, str] = {
    AuthMode.NONE: "0 No authentication",
    AuthMode.SERVER: "1 Manage server authentication",
    AuthMode.SERVER_CLIENT: "2 Manage server and client authentication if requested by the remote server",
}
#: The RAM files of the security data, named as §3.1 names them, and the +QSSLCFG keyword that uses each.
FILES: dict[SecurityData, tuple[str, str]] = {
    SecurityData.CA_CERT: ("RAM:ca_cert.pem", "cacert"),
    SecurityData.CLIENT_CERT: ("RAM:client_cert.pem", "clientcert"),
    SecurityData.CLIENT_KEY: ("RAM:client_key.pem", "clientkey"),
}
#: <sslversion> 0-3 (Table 1) by protocol version; 4 is "ALL SUPPORT".
VERSIONS: dict[TlsVersion, int] = {
    TlsVersion(str(name)): int(code) for code, name in COMMANDS["versions"].items() if code.isdigit()
}
#: <ciphersuite> code (Table 2) by IANA name; "0XFFFF" is "All support".
SUITES: dict[str, str] = {str(name): code for code, name in COMMANDS["suites"].items() if code.startswith("0X")}
ALL_VERSIONS, ALL_SUITES = int(COMMANDS["versions"]["all"]), str(COMMANDS["suites"]["all"])
#: +QSSLSEND sends at most this many bytes a command (§2.2.4, errata QGS-06); +QSSLRECV reads at most 1500.
SEND_CHUNK = 1460


class QuectelGsmDriver:
    """Socket 1 on SSL context 0 of a quectel-gsm-ssl module (§3.1's choice)."""

    document = "quectel-gsm-ssl"
    auth_clauses: ClassVar[tuple[Clause, ...]] = (Clause("quectel-gsm-ssl", "2.2.1"),)
    #: +QSSLSEND and +QSSLRECV, and +QSSLCLOSE, which ends the connection so that the server's record of what
    #: arrived is committed (conformance/tls/test_exchange.py reads it after close())
    exchange_clauses: ClassVar[tuple[Clause, ...]] = (
        Clause("quectel-gsm-ssl", "2.2.4"),
        Clause("quectel-gsm-ssl", "2.2.5"),
        Clause("quectel-gsm-ssl", "2.2.3"),
    )
    ssid, ctx = SSID, CTX

    def __init__(self, modem: Modem, profile: Profile) -> None:
        self.modem = modem
        self.profile = profile
        self._stored: list[str] = []

    # ------------------------------------------------------------------ lifecycle
    def prepare(self, network: Network) -> None:
        """The bearer (§1.2), the RTC set to now (errata QGS-21), <ignorertctime> 0, and context 0 as every test
        starts from it: all versions, all suites, no authentication (§2.2.1)."""
        bearer_up(self.modem, network)
        self.modem.command(cclk(datetime.datetime.now(datetime.UTC)))  # not judged: +CCLK is not this document's
        where = "quectel-gsm-ssl §2.2.1"
        expect_ok(qsslcfg(self.modem, "ignorertctime", 0), where)
        expect_ok(qsslcfg(self.modem, "sslversion", self.ctx, ALL_VERSIONS), where)
        expect_ok(qsslcfg(self.modem, "ciphersuite", self.ctx, f'"{ALL_SUITES}"'), where)
        expect_ok(qsslcfg(self.modem, "seclevel", self.ctx, 0), where)

    def release(self) -> None:
        """Close socket 1 and delete the RAM files stored (results not judged)."""
        if self.modem.discarded_after_test:
            return  # powered off after the test: nothing to put back for the next one (issue 15)
        ssl_close(self.modem, self.ssid)
        for name in self._stored:
            self.modem.command(f'AT+QSECDEL="{name}"')
        self._stored.clear()

    def server_overrides(self) -> dict[str, Any]:
        """The farm's servers accept TLS 1.0 to 1.2: the highest version of Table 1 is TLS 1.2, and §3 selects
        TLS 1.1 (<sslversion> 2)."""
        return {"versions": (TlsVersion.TLS1_0, TlsVersion.TLS1_2)}

    # ------------------------------------------------------------------ authentication
    def auth_setting(self, mode: AuthMode) -> AuthSetting:
        """<seclevel> 0/1/2 of +QSSLCFG (§2.2.1)."""
        return AuthSetting(mode, f"<seclevel> {AUTH_MODES[mode]}", self.auth_clauses[0], AUTH_QUOTES[mode])

    def host_name_clause(self) -> Clause | None:
        """None: the document does not say whether the server's name is checked."""
        return None

    @property
    def storage(self) -> Storage:
        """RAM: "RAM:filename", "File is uploaded to RAM" (§2.2.7)."""
        return Storage.RAM

    def store(self, kind: SecurityData, files: CertFiles | KeyFiles) -> None:
        """Upload the PEM file to RAM (+QSECWRITE, §2.2.7) and name it in context 0 (+QSSLCFG, §2.2.1). A key
        goes as PKCS#1 PEM where it is RSA (§3.1's client_key.pem), else PKCS#8 PEM; the bytes are the file's,
        so that the report's redaction finds them."""
        if isinstance(files, KeyFiles):
            path = files.pkcs1_pem or files.pkcs8_pem
        else:
            path = files.pem
        name, keyword = FILES[kind]
        upload(self.modem, name, path.read_bytes(), secret=kind is SecurityData.CLIENT_KEY)
        if name not in self._stored:
            self._stored.append(name)
        expect_ok(qsslcfg(self.modem, keyword, self.ctx, f'"{name}"'), "quectel-gsm-ssl §2.2.1")

    def set_auth(self, mode: AuthMode) -> None:
        """``AT+QSSLCFG="seclevel",0,<seclevel>`` (§2.2.1)."""
        expect_ok(qsslcfg(self.modem, "seclevel", self.ctx, AUTH_MODES[mode]), "quectel-gsm-ssl §2.2.1")

    # ------------------------------------------------------------------ versions and suites
    def versions(self) -> tuple[TlsVersion, ...]:
        """SSL 3.0 to TLS 1.2 (Table 1)."""
        return tuple(VERSIONS)

    def set_version(self, version: TlsVersion) -> None:
        """``AT+QSSLCFG="sslversion",0,<sslversion>``: the one version of Table 1 (§2.2.1)."""
        if version not in VERSIONS:
            offered = ", ".join(v.value for v in VERSIONS)
            raise NotSelectable(f"quectel-gsm-ssl §1.1 Table 1: {version.value} not selectable; selectable: {offered}")
        expect_ok(qsslcfg(self.modem, "sslversion", self.ctx, VERSIONS[version]), "quectel-gsm-ssl §2.2.1")

    def suites(self) -> tuple[str, ...]:
        """The six suites of Table 2."""
        return tuple(SUITES)

    def set_suite(self, name: str | None) -> None:
        """``AT+QSSLCFG="ciphersuite",0,"<code>"``; None: "0XFFFF" (All support)."""
        if name is not None and name not in SUITES:
            raise NotSelectable(f"quectel-gsm-ssl §1.1 Table 2: no <ciphersuite> for {name}: {self.suites()}")
        code = ALL_SUITES if name is None else SUITES[name]
        expect_ok(qsslcfg(self.modem, "ciphersuite", self.ctx, f'"{code}"'), "quectel-gsm-ssl §2.2.1")

    # ------------------------------------------------------------------ the connection
    def dial(self, server: ServerConfig) -> DialResult:
        """+QSSLOPEN (§2.2.2): OK, then ``+QSSLOPEN: 1,<connectcode>``; 0 is success, and the module's error is
        the connect code it gave (or the final result when the command itself was refused)."""
        r = self.modem.command(open_line(server, ssid=self.ssid, ctx=self.ctx), timeout=DIAL_TIMEOUT)
        if not r.ok:
            return DialResult(ok=False, final=r.final.text, error=r.final.text, response=r)
        code = open_result(self.modem, r, self.ssid, OPEN_TIMEOUT + URC_MARGIN)
        final = f"+QSSLOPEN: {self.ssid},{code}" if code is not None else "no +QSSLOPEN result URC"
        return DialResult(ok=code == 0, final=final, error=None if code == 0 else final, response=r)

    def send(self, data: bytes) -> None:
        """``AT+QSSLSEND=1,<length>``, at most 1460 bytes a command, answered SEND OK (§2.2.4)."""
        for i in range(0, len(data), SEND_CHUNK):
            piece = data[i : i + SEND_CHUNK]
            r = self.modem.command(f"AT+QSSLSEND={self.ssid},{len(piece)}", data=piece, timeout=DIAL_TIMEOUT)
            assert r.final.text == "SEND OK", f"quectel-gsm-ssl §2.2.4: SEND OK expected; {r.describe()}"

    def receive(self, size: int, deadline_s: float = 30.0) -> bytes:
        """+QSSLRECV on context 0 (§2.2.5), waiting for ``+QSSLURC: "recv"`` when the buffer is empty."""
        return read_all(self.modem, size, cid=0, ssid=self.ssid, deadline_s=deadline_s)

    def close(self) -> None:
        """``AT+QSSLCLOSE=1`` (§2.2.3); result not judged (the socket may be closed already)."""
        ssl_close(self.modem, self.ssid)
