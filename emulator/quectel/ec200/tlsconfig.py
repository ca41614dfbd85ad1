"""The handshake an SSL context asks for (quectel-ec200-ssl §1.2, §1.5, §1.6, §2.2.1, §2.2.2).

- Versions (<SSL_version>): 0 SSL 3.0, 1 TLS 1.0, 2 TLS 1.1, 3 TLS 1.2 alone; 4 "All": SSL 3.0 to
  TLS 1.2 (Table 2 lists no other; vectors errata).
- Suites: the one <cipher_suites> names, or 0XFFFF every suite of Table 3 in the document's
  order. The static-ECDH suites are offered too; a server that picks one is refused with a
  handshake_failure alert (the TLS client cannot complete them).
- "secllevel" 0 verifies nothing; 1 verifies the server's chain against the "cacert" and
  "cacertex" files; 2 also presents "clientcert" / "clientkey" if the server asks (if both paths
  are set). A missing or unusable file fails the open.
- "ignorelocaltime" 0 checks every certificate's validity dates against the module's clock
  (+CCLK, §1.5); 1 checks no date.
- "ignoremulticertchainverify" 1: only the leaf's issuer is looked for (a stored CA, or a
  certificate the server sent); the chain above a sent issuer is not verified.
- "ignoreinvalidcertsign" 1: a certificate whose issuer's name matches is accepted even if the
  signature does not verify.
- "sni" 1 sends the server_name extension when <serveraddr> is a host name (RFC 6066 §3: never
  a literal address); 0 never (§1.6).
- "session_cache" 1 offers the session of the previous connection of the same context to the
  same server and port (session-ID resumption); 0 never.
- "negotiatetime" bounds the whole handshake (§2.2.2); the TCP connection itself waits
  :data:`DIAL_TIMEOUT` at most (the document's 150 s network time, shortened for CI).
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import Encoding

from emulator.core.scheduler import Scheduler
from emulator.quectel.common.pem import BadFile, certificates, private_key
from emulator.quectel.ec200 import files
from emulator.quectel.ec200.defects import (
    CCLK_IGNORED,
    LOCALTIME_ALWAYS_IGNORED,
    SECLEVEL_IGNORED,
    SESSION_ALWAYS_CACHED,
    SNI_IGNORED,
)
from emulator.quectel.ec200.qsslcfg import TABLE3
from emulator.quectel.ec200.state import ALL_SUITES, QContext, SslContext
from emulator.tls.client import (
    SSL3,
    TLS1_0,
    TLS1_1,
    TLS1_2,
    ClientConfig,
    ClientCredentials,
    HandshakeError,
    TlsLink,
    Version,
    dial_tcp,
    secure,
)
from emulator.tls.verify import BAD_CERTIFICATE, CERTIFICATE_EXPIRED, UNKNOWN_CA, VerifyError, load_chain

VERSIONS: Final[dict[int, tuple[Version, Version]]] = {
    0: (SSL3, SSL3), 1: (TLS1_0, TLS1_0), 2: (TLS1_1, TLS1_1), 3: (TLS1_2, TLS1_2),
    4: (SSL3, TLS1_2)}
#: How long the TCP connection may take (emulator's choice; the document's is 150 s).
DIAL_TIMEOUT: Final = 10.0
_MAX_DEPTH = 10


class NegotiationTimeout(HandshakeError):
    """The handshake did not finish within "negotiatetime"."""


@dataclass(frozen=True, kw_only=True)
class Policy:
    """How the server's chain is checked (see the module docstring)."""

    anchors: tuple[x509.Certificate, ...]
    now: Callable[[], datetime.datetime] | None  # None: no validity date is checked
    signatures: bool
    one_level: bool

    def check(self, ders: list[bytes]) -> None:
        """Accept the chain or raise :class:`VerifyError`."""
        chain = load_chain(ders)
        if not chain:
            raise VerifyError("the server sent no certificate", BAD_CERTIFICATE)
        if not self.anchors:
            raise VerifyError("no CA certificate stored", UNKNOWN_CA)
        when = None if self.now is None else self.now()
        current, pool = chain[0], list(chain[1:])
        for _ in range(_MAX_DEPTH):
            _dates(current, when)
            for anchor in self.anchors:
                if current == anchor or self._issued(current, anchor):
                    _dates(anchor, when)
                    return
            issuer = next((c for c in pool if self._issued(current, c)), None)
            if issuer is None:
                raise VerifyError(f"no stored or sent issuer for {current.issuer.rfc4514_string()}",
                                  UNKNOWN_CA)
            if self.one_level:  # "ignoremulticertchainverify" 1
                _dates(issuer, when)
                return
            pool.remove(issuer)
            current = issuer
        raise VerifyError("certificate chain too long", UNKNOWN_CA)

    def _issued(self, cert: x509.Certificate, issuer: x509.Certificate) -> bool:
        if cert.issuer != issuer.subject:
            return False
        if not self.signatures:  # "ignoreinvalidcertsign" 1
            return True
        try:
            cert.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            return False
        return True


def _dates(cert: x509.Certificate, now: datetime.datetime | None) -> None:
    # §1.5: "earlier than the time of 'Not before' or later than the time of 'Not after'".
    if now is None:
        return
    if now < cert.not_valid_before_utc or now > cert.not_valid_after_utc:
        raise VerifyError(f"certificate outside its validity at {now:%Y-%m-%d %H:%M:%S}",
                          CERTIFICATE_EXPIRED)


def suites(context: SslContext) -> tuple[int, ...]:
    """The ClientHello's suites."""
    return TABLE3 if context.suite == ALL_SUITES else (context.suite,)


def _file(ctx: QContext, path: str, what: str) -> bytes:
    data = files.read(ctx.state, path)
    if data is None:
        raise BadFile(f"no {what} file {path!r}")
    return data


def _anchors(ctx: QContext, context: SslContext) -> tuple[x509.Certificate, ...]:
    paths = [p for p in (context.cacert, context.cacertex) if p]
    if not paths:
        raise BadFile("no CA certificate path")
    found: list[x509.Certificate] = []
    for path in paths:
        found += certificates(_file(ctx, path, "CA certificate"))
    return tuple(found)


def server_name(context: SslContext, host: str, *, defective: bool) -> str | None:
    """The SNI host name, or ``None``."""
    if context.sni != 1 or defective:
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host.lower()
    return None  # RFC 6066 §3: no literal addresses


def client_config(ctx: QContext, context: SslContext, host: str) -> ClientConfig:
    """What the handshake offers, checks and presents; :class:`BadFile` if a file is missing."""
    low, high = VERSIONS[context.version]
    policy: Policy | None = None
    credentials = None
    if context.seclevel >= 1 and not ctx.has_defect(SECLEVEL_IGNORED):
        ignore_time = context.ignorelocaltime == 1 or ctx.has_defect(LOCALTIME_ALWAYS_IGNORED)
        clock = None if ctx.has_defect(CCLK_IGNORED) else ctx.clock.now
        now: Callable[[], datetime.datetime] | None = None
        if not ignore_time:
            now = clock if clock is not None else (lambda: datetime.datetime.now(datetime.UTC))
        policy = Policy(anchors=_anchors(ctx, context), now=now,
                        signatures=context.ignoreinvalidcertsign == 0,
                        one_level=context.ignoremulticertchainverify == 1)
    if context.seclevel == 2 and context.clientcert and context.clientkey:
        chain = certificates(_file(ctx, context.clientcert, "client certificate"))
        key = private_key(_file(ctx, context.clientkey, "client key"))
        credentials = ClientCredentials(chain=tuple(c.public_bytes(Encoding.DER) for c in chain), key=key)
    return ClientConfig(suites=suites(context), min_version=low, max_version=high,
                        credentials=credentials,
                        server_name=server_name(context, host, defective=ctx.has_defect(SNI_IGNORED)),
                        chain_check=None if policy is None else policy.check)


def caches(ctx: QContext, context: SslContext) -> bool:
    """Whether sessions are kept and offered ("session_cache")."""
    return context.session_cache == 1 or ctx.has_defect(SESSION_ALWAYS_CACHED)


@dataclass
class Dialled:
    """A handshake's outcome: the link and the local port of its TCP connection."""

    link: TlsLink
    local_port: int


def dial(address: str, port: int, config: ClientConfig, negotiate: float, scheduler: Scheduler,
         session: object | None) -> Dialled:
    """TCP, then the handshake within ``negotiate`` seconds (:class:`NegotiationTimeout`)."""
    sock = dial_tcp(address, port, timeout=DIAL_TIMEOUT)
    local_port = int(sock.getsockname()[1])
    sock.settimeout(negotiate)
    expired: list[bool] = []

    def expire() -> None:
        expired.append(True)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    timer = scheduler.call_later(negotiate, expire)
    try:
        link = secure(sock, config, session=session)
    except Exception as error:
        if expired:
            raise NegotiationTimeout(f"no handshake within {negotiate:g} s") from error
        raise
    finally:
        timer.cancel()
    if expired:
        link.close(notify=False)
        raise NegotiationTimeout(f"no handshake within {negotiate:g} s")
    return Dialled(link=link, local_port=local_port)
