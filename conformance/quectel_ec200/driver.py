"""The socket driver of quectel-ec200-ssl modules: the shared protocol (conformance/shared/driver.py) in +QSSL
commands.

The bearer of §1.3 (+QICSGP, +QIACT on PDP context 1), security data in the module's file store (+QFUPL,
errata QEC-08) named in SSL context 1 (+QSSLCFG "cacert"/"clientcert"/"clientkey"), <secllevel> (§2.2.1),
<SSL_version> and <cipher_suites> (§1.2 Tables 2 and 3, §2.2.1), +QSSLOPEN in buffer access mode with its
result URC (§2.2.2), +QSSLSEND of a fixed length (§2.2.3), +QSSLRECV (§2.2.4) and +QSSLCLOSE (§2.2.5) on
client 4, as the examples of §3.3 use them.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from conformance.quectel_common.steps import cclk
from conformance.quectel_ec200.common import (
    CLIENT,
    COMMANDS,
    CTX,
    NEGOTIATE,
    URC_MARGIN,
    bearer_up,
    open_line,
    open_result,
    qsslcfg,
    read_all,
    send,
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

#: <secllevel> (§2.2.1; the document's spelling, errata QEC-01, QEC-06).
AUTH_MODES: dict[AuthMode, int] = {AuthMode.NONE: 0, AuthMode.SERVER: 1, AuthMode.SERVER_CLIENT: 2}
AUTH_KEYWORD = "secllevel"
#: What §2.2.1 says of each <secllevel>.
AUTH_QUOTES: dict[AuthMode, str] = {
    AuthMode.NONE: "0 No authentication",
    AuthMode.SERVER: "1 Perform server authentication",
    AuthMode.SERVER_CLIENT: "2 Perform server and client authentication if requested by the remote server",
}
#: The files of the security data and the +QSSLCFG keyword that names each. Their stems are the slots of
#: --allow-nvm-writes on a real module (errata QEC-08).
FILES: dict[SecurityData, tuple[str, str]] = {
    SecurityData.CA_CERT: ("UFS:CA0.pem", "cacert"),
    SecurityData.CLIENT_CERT: ("UFS:CC0.pem", "clientcert"),
    SecurityData.CLIENT_KEY: ("UFS:CK0.pem", "clientkey"),
}
#: <SSL_version> 0-3 (Table 2) by protocol version; 4 is "All" (errata QEC-05).
VERSIONS: dict[TlsVersion, int] = {
    TlsVersion(str(name)): int(code) for code, name in COMMANDS["versions"].items() if code.isdigit()
}
#: <cipher_suites> code (Table 3) by IANA name (errata QEC-03); "0XFFFF" is every suite (errata QEC-02).
SUITES: dict[str, str] = {str(name): code for code, name in COMMANDS["suites"].items() if code.startswith("0X")}
ALL_VERSIONS, ALL_SUITES = int(COMMANDS["versions"]["all"]), str(COMMANDS["suites"]["all"])
#: +QSSLSEND sends at most 1460 bytes a command (§2.2.3 NOTE).
SEND_CHUNK = int(COMMANDS["qsslsend"]["sendlen"][1])


class QuectelEc200Driver:
    """Client 4 on SSL context 1 and PDP context 1 of a quectel-ec200-ssl module (the examples' choice, §3.3)."""

    document = "quectel-ec200-ssl"
    #: <secllevel> (§2.2.1), and +QSSLOPEN, whose <err> reports the verdict of the handshake that uses it
    #: (§2.2.2: "parameters configured with AT+QSSLCFG will be used in the handshake procedure")
    auth_clauses: ClassVar[tuple[Clause, ...]] = (
        Clause("quectel-ec200-ssl", "2.2.1"),
        Clause("quectel-ec200-ssl", "2.2.2"),
    )
    #: +QSSLSEND and +QSSLRECV, and +QSSLCLOSE, which ends the connection so that the server's record of what
    #: arrived is committed (conformance/tls/test_exchange.py reads it after close())
    exchange_clauses: ClassVar[tuple[Clause, ...]] = (
        Clause("quectel-ec200-ssl", "2.2.3"),
        Clause("quectel-ec200-ssl", "2.2.4"),
        Clause("quectel-ec200-ssl", "2.2.5"),
    )
    client, ctx = CLIENT, CTX

    def __init__(self, modem: Modem, profile: Profile) -> None:
        self.modem = modem
        self.profile = profile
        self._stored: list[str] = []

    # ------------------------------------------------------------------ lifecycle
    def prepare(self, network: Network) -> None:
        """The bearer (§1.3 steps 1-2), the module clock set to now (§1.5, errata QEC-16), and SSL context 1 as
        every test starts from it (§1.3 step 3): all versions, all suites, no authentication, the validity check
        and both chain checks on, <close_timeout> in seconds, the shortest <negotiate_time> (§2.2.1). A module
        kept for the session (a real one) is reset here, whatever an earlier test left."""
        bearer_up(self.modem, network)
        self.modem.command(cclk(datetime.datetime.now(datetime.UTC)))  # not judged: +CCLK is not this document's
        where = "quectel-ec200-ssl §2.2.1"
        for keyword, value in (
            ("sslversion", ALL_VERSIONS),
            ("ciphersuite", ALL_SUITES),
            (AUTH_KEYWORD, 0),
            ("ignorelocaltime", 0),
            ("ignoremulticertchainverify", 0),
            ("ignoreinvalidcertsign", 0),
            ("closetimemode", 0),
            ("negotiatetime", NEGOTIATE),
        ):
            expect_ok(qsslcfg(self.modem, keyword, self.ctx, value), where)

    def release(self) -> None:
        """Close client 4, delete the files stored and set the module clock back to the present time, which a
        test may have moved for certificate validity (§1.5; results not judged)."""
        if self.modem.discarded_after_test:
            return  # powered off after the test: nothing to put back for the next one (issue 15)
        ssl_close(self.modem, self.client)
        self.modem.command(cclk(datetime.datetime.now(datetime.UTC)))
        for name in self._stored:
            self.modem.command(f'AT+QFDEL="{name}"')
        self._stored.clear()

    def server_overrides(self) -> dict[str, Any]:
        """The farm's servers accept TLS 1.0 to 1.2: the highest version of Table 2 is TLS 1.2."""
        return {"versions": (TlsVersion.TLS1_0, TlsVersion.TLS1_2)}

    # ------------------------------------------------------------------ authentication
    def auth_setting(self, mode: AuthMode) -> AuthSetting:
        """<secllevel> 0/1/2 of +QSSLCFG (§2.2.1)."""
        return AuthSetting(mode, f"<secllevel> {AUTH_MODES[mode]}", self.auth_clauses[0], AUTH_QUOTES[mode])

    def host_name_clause(self) -> Clause | None:
        """None: the document does not say whether the server's name is checked."""
        return None

    @property
    def storage(self) -> Storage:
        """NVM: the module's flash file store ("UFS:", errata QEC-08); the document offers no RAM store."""
        return Storage.NVM

    def store(self, kind: SecurityData, files: CertFiles | KeyFiles) -> None:
        """Upload the PEM file (+QFUPL, errata QEC-08) and name it in context 1 (+QSSLCFG, §2.2.1). A key goes
        as PKCS#1 PEM where it is RSA, else PKCS#8 PEM; the bytes are the file's, so that the report's
        redaction finds them."""
        if isinstance(files, KeyFiles):
            path = files.pkcs1_pem or files.pkcs8_pem
        else:
            path = files.pem
        name, keyword = FILES[kind]
        upload(self.modem, name, path.read_bytes(), secret=kind is SecurityData.CLIENT_KEY)
        if name not in self._stored:
            self._stored.append(name)
        expect_ok(qsslcfg(self.modem, keyword, self.ctx, f'"{name}"'), "quectel-ec200-ssl §2.2.1")

    def set_auth(self, mode: AuthMode) -> None:
        """``AT+QSSLCFG="secllevel",1,<secllevel>`` (§2.2.1)."""
        expect_ok(qsslcfg(self.modem, AUTH_KEYWORD, self.ctx, AUTH_MODES[mode]), "quectel-ec200-ssl §2.2.1")

    # ------------------------------------------------------------------ versions and suites
    def versions(self) -> tuple[TlsVersion, ...]:
        """SSL 3.0 to TLS 1.2 (Table 2)."""
        return tuple(VERSIONS)

    def set_version(self, version: TlsVersion) -> None:
        """``AT+QSSLCFG="sslversion",1,<SSL_version>``: the one version of Table 2 (§2.2.1)."""
        if version not in VERSIONS:
            offered = ", ".join(v.value for v in VERSIONS)
            raise NotSelectable(
                f"quectel-ec200-ssl §1.2 Table 2: {version.value} not selectable; selectable: {offered}"
            )
        expect_ok(qsslcfg(self.modem, "sslversion", self.ctx, VERSIONS[version]), "quectel-ec200-ssl §2.2.1")

    def suites(self) -> tuple[str, ...]:
        """The 32 suites of Table 3."""
        return tuple(SUITES)

    def set_suite(self, name: str | None) -> None:
        """``AT+QSSLCFG="ciphersuite",1,<code>`` (unquoted hex, as §3.2 writes it); None: 0XFFFF (every suite)."""
        if name is not None and name not in SUITES:
            raise NotSelectable(f"quectel-ec200-ssl §1.2 Table 3: no <cipher_suites> code for {name}")
        code = ALL_SUITES if name is None else SUITES[name]
        expect_ok(qsslcfg(self.modem, "ciphersuite", self.ctx, code), "quectel-ec200-ssl §2.2.1")

    # ------------------------------------------------------------------ the connection
    def dial(self, server: ServerConfig) -> DialResult:
        """+QSSLOPEN in buffer access mode (§2.2.2): OK, then ``+QSSLOPEN: 4,<err>``; 0 is success, and the
        module's error is the <err> it gave (or the final result when the command itself was refused)."""
        r = self.modem.command(open_line(server, client=self.client, ctx=self.ctx, mode=0), timeout=DIAL_TIMEOUT)
        if not r.ok:
            return DialResult(ok=False, final=r.final.text, error=r.final.text, response=r)
        code = open_result(self.modem, r, self.client, NEGOTIATE + URC_MARGIN)
        final = f"+QSSLOPEN: {self.client},{code}" if code is not None else "no +QSSLOPEN result URC"
        if code not in (0, None):
            # §2.2.2: "If the URC is not received ... use AT+QSSLCLOSE"; a failed open leaves nothing to close,
            # but a module that keeps the clientID would refuse the next dial (563).
            ssl_close(self.modem, self.client)
        return DialResult(ok=code == 0, final=final, error=None if code == 0 else final, response=r)

    def send(self, data: bytes) -> None:
        """``AT+QSSLSEND=4,<sendlen>``, at most 1460 bytes a command, answered SEND OK (§2.2.3)."""
        for i in range(0, len(data), SEND_CHUNK):
            r = send(self.modem, data[i : i + SEND_CHUNK], self.client)
            assert r.final.text == "SEND OK", f"quectel-ec200-ssl §2.2.3: SEND OK expected; {r.describe()}"

    def receive(self, size: int, deadline_s: float = 30.0) -> bytes:
        """+QSSLRECV in buffer access mode (§2.2.4), waiting for ``+QSSLURC: "recv",4`` when the buffer is empty."""
        return read_all(self.modem, size, client=self.client, deadline_s=deadline_s)

    def close(self) -> None:
        """``AT+QSSLCLOSE=4`` (§2.2.5); result not judged (the socket may be closed already)."""
        ssl_close(self.modem, self.client)
