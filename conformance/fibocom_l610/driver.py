"""The socket driver of fibocom-l610-ssl modules: the shared protocol (conformance/shared/driver.py) in the
document's commands.

The bearer with +MIPCALL (§2 Example6), the module clock with +CCLK (§2 Example4: mode 1 checks the
certificate's validity against it), files loaded with +GTSSLFILE into RAM (§1.1.3 "Persistent: No", §1.1.4
Note: lost at power-off), +GTSSLMODE 0/1 (§1.2.4), +GTSSLVER (§1.4.4), +GTSSLCIPHER one id at a time
(§1.5.4), the SSL socket with +MIPOPEN=<id>,,<host>,<port>,2 (§2, errata FIB-03, FIB-10), its error with
+GTSSLERR? (§1.3.2), data received as +MIPRTCP hex (§2 Example5, errata FIB-09) and sent with the vendor's
+MIPSEND, which the document does not show (errata FIB-11).
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
import weakref
from typing import Any, ClassVar

from conformance.fibocom_l610.common import (
    DOC,
    SOCKET,
    SUITES,
    decode_rtcp,
    drop_urcs,
    error_code,
    mipopen_line,
    now,
    open_result,
    set_clock,
    upload,
)
from conformance.shared.driver import AuthMode, AuthSetting, DialResult, NotSelectable, SecurityData, Storage
from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT
from harness.apn import Network
from harness.checks import expect_ok
from harness.clauses import Clause
from harness.errors import TargetSilent
from harness.modem import Modem
from harness.profiles import Profile
from servers.endpoint import ServerConfig
from servers.pki import CertFiles, KeyFiles
from servers.protocol import TlsVersion

#: <file_type> of +GTSSLFILE for each kind of security data (§1.1.2).
FILE_TYPES: dict[SecurityData, str] = {
    SecurityData.CA_CERT: "TRUSTFILE",
    SecurityData.CLIENT_CERT: "CERTFILE",
    SecurityData.CLIENT_KEY: "KEYFILE",
}
#: <sslver> of +GTSSLVER (§1.4.4).
VERSIONS: dict[int, TlsVersion] = {1: TlsVersion.SSL3, 2: TlsVersion.TLS1_0, 3: TlsVersion.TLS1_1, 4: TlsVersion.TLS1_2}
#: +MIPSEND takes at most this many bytes a command here (errata FIB-11: the vendor's practice).
SEND_CHUNK = 1024
#: The modes, their <checkmode> and what the document says of them.
_AUTH: dict[AuthMode, tuple[str, Clause, str]] = {
    AuthMode.NONE: ("<checkmode> 0", Clause(DOC, "1.2.4"), "0 indicates no verify (default setting)"),
    AuthMode.SERVER: ("<checkmode> 1", Clause(DOC, "1.2.4"), "1 indicates need to verify"),
    AuthMode.SERVER_CLIENT: (
        "<checkmode> 1 with CERTFILE and KEYFILE loaded",
        Clause(DOC, "1.1.2"),
        "CERTFILE and KEYFILE ... (generally for the situation of two-way authentication, when the client "
        "sends the public key certificate to the server, i.e., the server needs to validate the client's legitimacy)",
    ),
}


#: What has been loaded through each link (a module kept for the session keeps its files until power-off,
#: §1.1.4 Note; the embedded emulator opens a new link, a module just powered on, for every test).
_LOADED: weakref.WeakKeyDictionary[object, set[tuple[str, bytes]]] = weakref.WeakKeyDictionary()


class FibocomDriver:
    """Socket 1 of an L610 (the one socket the document shows, errata FIB-10)."""

    document = DOC
    #: +GTSSLMODE's values, and +GTSSLFILE's CERTFILE/KEYFILE for two-way authentication
    auth_clauses: ClassVar[tuple[Clause, ...]] = (Clause(DOC, "1.2.4"), Clause(DOC, "1.1.2"))
    #: received data as +MIPRTCP hex (§2 Example5); sending has no clause (errata FIB-11)
    exchange_clauses: ClassVar[tuple[Clause, ...]] = (Clause(DOC, "2 Example5"),)

    def __init__(self, modem: Modem, profile: Profile) -> None:
        self.modem = modem
        self.profile = profile
        link = getattr(modem, "link", None)  # none for a driver built only to read its clauses
        self._stored: set[tuple[str, bytes]] = _LOADED.setdefault(link, set()) if link is not None else set()
        self._rx = bytearray()
        self._bearer = False

    # ------------------------------------------------------------------ lifecycle
    def prepare(self, network: Network) -> None:
        """The module clock set to now (§2 Example4), TLS 1.2 (+GTSSLVER=4, §1.4.4) so that the farm's
        servers are reachable, no verification (+GTSSLMODE=0, §1.2.4), and the bearer asked for (+MIPCALL,
        §2 Example6: OK, then ``+MIPCALL: <address>``). Its address is not waited for here (a bearer already up
        may refuse the command; the address comes in several shapes, errata FIB-13): :meth:`dial` waits for
        it when the module refuses to open a socket before it came. Example 6 checks the address itself."""
        expect_ok(set_clock(self.modem, now()), f"{DOC} §2 Example4 (+CCLK, errata FIB-07)")
        expect_ok(self.modem.command("AT+GTSSLVER=4"), f"{DOC} §1.4.2")
        expect_ok(self.modem.command("AT+GTSSLMODE=0"), f"{DOC} §1.2.2")
        args = f'"{network.apn}"'
        if network.user is not None:
            args += f',"{network.user}","{network.password or ""}"'
        drop_urcs(self.modem, "+MIPCALL")
        r = self.modem.command(f"AT+MIPCALL=1,{args}", timeout=DIAL_TIMEOUT)
        self._bearer = any(line.startswith("+MIPCALL") for line in r.lines) or self._address_came()

    def _address_came(self) -> bool:
        """Whether a ``+MIPCALL: ...`` URC has arrived (taken from the queue)."""
        self.modem.command("AT")  # collects what arrived meanwhile
        for i, urc in enumerate(self.modem.urcs):
            if urc.text.startswith("+MIPCALL"):
                del self.modem.urcs[i]
                return True
        return False

    def release(self) -> None:
        """Close socket 1 and bring the bearer down; results not judged."""
        if self.modem.discarded_after_test:
            return  # powered off after the test: nothing to put back for the next one (issue 15)
        self.close()
        self.modem.command("AT+MIPCALL=0", timeout=DIAL_TIMEOUT)

    def server_overrides(self) -> dict[str, Any]:
        """None: prepare() selects TLS 1.2, which the farm serves."""
        return {}

    # ------------------------------------------------------------------ authentication
    def auth_setting(self, mode: AuthMode) -> AuthSetting:
        """+GTSSLMODE 0 / 1 (§1.2.4); the client certificate and key are +GTSSLFILE's CERTFILE and KEYFILE
        (§1.1.2), presented when loaded."""
        value, clause, quote = _AUTH[mode]
        return AuthSetting(mode, value, clause, quote)

    def host_name_clause(self) -> Clause | None:
        """None: the document does not say whether the server's name is checked."""
        return None

    @property
    def storage(self) -> Storage:
        """RAM: §1.1.3 "Persistent: No"; §1.1.4 Note "If module power down, all certificates are lost"."""
        return Storage.RAM

    def store(self, kind: SecurityData, files: CertFiles | KeyFiles) -> None:
        """+GTSSLFILE with the PEM file (errata FIB-04); a key in PKCS#1 where it is RSA (Example 5's
        1675-byte KEYFILE), else PKCS#8. A file this driver already loaded is not loaded again: files
        cannot be deleted or modified (§1.1.4 Note), and they stay until power-off. What a second, different
        CERTFILE or KEYFILE does is not stated (errata FIB-12): it is sent, and must be accepted."""
        if isinstance(files, KeyFiles):
            data = pem_lf(files.pkcs1_pem if files.pkcs1_pem is not None else files.pkcs8_pem)
        else:
            data = pem_lf(files.pem)
        file_type = FILE_TYPES[kind]
        key = (file_type, hashlib.sha256(data).digest())
        if key in self._stored:
            return
        r = upload(self.modem, file_type, data, secret=kind is SecurityData.CLIENT_KEY)
        if not r.ok and file_type != "TRUSTFILE" and self._holds(file_type):
            # errata FIB-12: a module may refuse a second CERTFILE / KEYFILE ("at most 1", no modify).
            raise NotSelectable(f"{DOC} §1.1.4 Note: a {file_type} is loaded already and cannot be modified")
        expect_ok(r, f"{DOC} §1.1.2 (load the {kind.value} as {file_type})")
        self._stored.add(key)

    def _holds(self, file_type: str) -> bool:
        return any(loaded == file_type for loaded, _ in self._stored)

    def set_auth(self, mode: AuthMode) -> None:
        """+GTSSLMODE=<checkmode> (§1.2.2). A mode that presents no client certificate cannot be had once a
        CERTFILE is loaded on this module: files stay until power-off and cannot be deleted (§1.1.4 Note)."""
        if not mode.presents_client_certificate and self._holds("CERTFILE"):
            raise NotSelectable(f"{DOC} §1.1.4 Note: a CERTFILE loaded before is presented until power-off")
        checkmode = 0 if mode is AuthMode.NONE else 1
        expect_ok(self.modem.command(f"AT+GTSSLMODE={checkmode}"), f"{DOC} §1.2.2")

    # ------------------------------------------------------------------ versions and suites
    def versions(self) -> tuple[TlsVersion, ...]:
        """SSL 3.0 to TLS 1.2 (§1.4.4 <sslver> 1-4)."""
        return tuple(VERSIONS.values())

    def set_version(self, version: TlsVersion) -> None:
        """+GTSSLVER=<sslver> (§1.4.2)."""
        codes = {v: k for k, v in VERSIONS.items()}
        if version not in codes:
            raise NotSelectable(f"{DOC} §1.4.4: <sslver> selects SSL3.0 to TLS1.2, not {version.value}")
        expect_ok(self.modem.command(f"AT+GTSSLVER={codes[version]}"), f"{DOC} §1.4.2")

    def suites(self) -> tuple[str, ...]:
        """The suites of the 31 <cipalgID>s (§1.5.4)."""
        return tuple(SUITES.values())

    def enabled(self) -> set[int]:
        """The ids +GTSSLCIPHER? lists (§1.5.2; with or without parentheses, errata FIB-06)."""
        from harness.dialects.fibocom import enabled_ciphers

        r = expect_ok(self.modem.command("AT+GTSSLCIPHER?"), f"{DOC} §1.5.2")
        return {int(i) for i in enabled_ciphers(r.lines)}

    def set_suite(self, name: str | None) -> None:
        """Only ``name``'s <cipalgID> enabled (§1.5.4 <cmd> 1, the others 0); ``None``: none enabled, so that
        the module "will load default cipher algorithms" (§1.5.2)."""
        ids = [i for i, suite in SUITES.items() if suite == name]
        if name is not None and not ids:
            raise NotSelectable(f"{DOC} §1.5.4: no <cipalgID> names {name}")
        want = set(ids)
        for i in sorted(self.enabled() - want):
            expect_ok(self.modem.command(f"AT+GTSSLCIPHER={i},0"), f"{DOC} §1.5.2")
        for i in sorted(want):
            expect_ok(self.modem.command(f"AT+GTSSLCIPHER={i},1"), f"{DOC} §1.5.2")

    # ------------------------------------------------------------------ the connection
    def dial(self, server: ServerConfig) -> DialResult:
        """+MIPOPEN=1,,<host>,<port>,2; connected when its result says ``1,1`` (before or after OK, in any
        printed form, errata FIB-03, FIB-13). On failure the module's error is what +GTSSLERR? answers
        (§1.3.2), or the final result when the command itself failed."""
        drop_urcs(self.modem, "+MIPOPEN")
        drop_urcs(self.modem, "+MIPRTCP")
        self._rx.clear()
        r = self.modem.command(mipopen_line(server.host, server.port), timeout=DIAL_TIMEOUT)
        if not r.ok and not self._bearer:
            # The bearer's address had not come yet (prepare): wait for it, then try once more.
            try:
                self.modem.wait_urc("+MIPCALL", timeout=self.modem.waits.network(DIAL_TIMEOUT))
            except TargetSilent:
                pass
            else:
                self._bearer = True
                r = self.modem.command(mipopen_line(server.host, server.port), timeout=DIAL_TIMEOUT)
        result = open_result(self.modem, r, DIAL_TIMEOUT)
        shown = r if result is None or result.before_ok else dataclasses.replace(r, lines=(*r.lines, result.text))
        ok = result is not None and result.connected and result.socket == SOCKET
        if ok:
            return DialResult(ok=True, final=r.final.text, error=None, response=shown)
        if not r.ok:
            return DialResult(ok=False, final=r.final.text, error=r.final.text, response=shown)
        code = error_code(self.modem)
        error = f"+GTSSLERR: {code}" if code is not None else (result.text if result else "no +MIPOPEN result")
        return DialResult(ok=False, final=r.final.text, error=error, response=shown)

    def send(self, data: bytes) -> None:
        """AT+MIPSEND=1,<len>, the ``>`` prompt, exactly <len> bytes, OK (errata FIB-11)."""
        for i in range(0, len(data), SEND_CHUNK):
            piece = data[i : i + SEND_CHUNK]
            r = self.modem.command(f"AT+MIPSEND={SOCKET},{len(piece)}", data=piece, timeout=DIAL_TIMEOUT)
            expect_ok(r, f"{DOC} §2 (sending, errata FIB-11)")

    def receive(self, size: int, deadline_s: float = 30.0) -> bytes:
        """The hex of each ``+MIPRTCP: 1,<n>,<hex>`` decoded and joined (§2 Example5, errata FIB-09) until
        ``size`` bytes came or the deadline passed."""
        deadline = time.monotonic() + self.modem.waits.network(deadline_s, size)
        while len(self._rx) < size:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                urc = self.modem.wait_urc("+MIPRTCP", timeout=left)
            except TargetSilent:
                break
            data = decode_rtcp(urc.text)
            if data is not None:
                self._rx += data
        out = bytes(self._rx[:size])
        del self._rx[:size]
        return out

    def close(self) -> None:
        """AT+MIPCLOSE=1 (§2 Examples 1, 4); result not judged (the socket may be closed already)."""
        self.modem.command(f"AT+MIPCLOSE={SOCKET}", timeout=DIAL_TIMEOUT)
