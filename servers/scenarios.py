"""The scenario catalog: what each endpoint serves and what a client must conclude. Data, not code.

Modelled on x509-limbo's test cases: each :class:`Scenario` has an id, a description, what the
server sends (credential, chain, versions, suites, client-certificate policy, resumption), the
verdict a verifying client and a non-verifying client must reach, and where it comes from
(RFC clause, badssl.com host, TLS-Anvil, or a section of the five documents).

The verdicts are for a client configured as the scenario says: it trusts the root named by
``trust``, dials ``dial`` (the host name, or the IP address), offers the scenario's versions and
suites, and presents ``client_credential`` if one is named. "Verifying" means: chain to
``trust`` and host-name check (RFC 6125 §6); "non-verifying": neither (telit-ssl-ug §4.7.2
"SSL Verify None", quectel-gsm-ssl ``seclevel`` 0). Things a non-verifying client still
refuses (a key that does not match the certificate, a refused client certificate, a suite no
backend serves) have ``nonverifying = REJECT``.

Every suite of :data:`servers.suites.SUITES` has one ``suite-...`` scenario, served by the
backend of its row or refused with the row's reason (``unservable``).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

import tlsref.suites as tlsref

from .apps import STALLS, App, Echo, Ftps, Hold, Http, NoRead, Scripted, Silent, Then
from .certbuilder import KeyKind
from .protocol import Backend, TlsVersion
from .suites import SUITES, SuiteInfo, suite

__all__ = [
    "CATALOG",
    "FTPS_PASSWORD",
    "FTPS_USER",
    "SRP_PASSWORD",
    "SRP_USER",
    "ClientAuth",
    "Dial",
    "Scenario",
    "Verdict",
    "backend_for",
    "by_id",
]

#: SRP credentials of the SRP suite scenarios (RFC 5054 §2.4). No AT command of the five
#: documents sets them, so a module can only offer these suites; tlslite-ng's and OpenSSL's
#: clients can complete them with these.
SRP_USER = "modem"
SRP_PASSWORD = "conformance"
#: FTPS login of the ``ftps`` scenario (telit-ssl-ug §7.1 #FTPOPEN <username>,<password>). The password
#: is distinctive on purpose: the suite treats it as a secret and proves no report carries it.
FTPS_USER = "modem"
FTPS_PASSWORD = "ftps-Pw-7c1e94"


class Verdict(enum.Enum):
    """What a client must conclude: connect (``accept``) or abort the handshake (``reject``)."""

    ACCEPT = "accept"
    REJECT = "reject"


class ClientAuth(enum.Enum):
    """Client-certificate policy (RFC 5246 §7.4.4 CertificateRequest, RFC 8446 §4.3.2)."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


class Dial(enum.Enum):
    """What the client dials and checks the certificate against (RFC 6125 §6.2.1)."""

    HOST = "host"
    IP = "ip"


_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """One endpoint of the farm: what the server does and what a client must conclude."""

    id: str
    description: str
    #: where the scenario comes from: RFC clause, badssl host, TLS-Anvil, document section
    source: str
    backend: Backend = Backend.OPENSSL
    #: PKI credential the server presents (:data:`servers.pki.CREDENTIALS`)
    credential: str = "rsa"
    #: send the intermediates after the leaf (``False``: the leaf alone, an incomplete chain)
    send_intermediates: bool = True
    #: also send the root (RFC 5246 §7.4.2: "MAY be omitted")
    send_root: bool = False
    #: root a verifying client is given (:attr:`servers.pki.Pki.roots`)
    trust: str = "rsa"
    dial: Dial = Dial.HOST
    min_version: TlsVersion = TlsVersion.TLS1_2
    max_version: TlsVersion = TlsVersion.TLS1_3
    #: IANA names the server accepts, in preference order; empty: the backend's defaults
    suites: tuple[str, ...] = ()
    client_auth: ClientAuth = ClientAuth.NONE
    #: root the server trusts for client certificates
    client_ca: str = "client-ca"
    #: credential the client presents for the verdicts to hold (None: none)
    client_credential: str | None = None
    #: session resumption offered (session IDs and tickets, RFC 5077, RFC 8446 §2.2)
    resumption: bool = True
    app: App = field(default_factory=Echo)
    verifying: Verdict = Verdict.ACCEPT
    nonverifying: Verdict = Verdict.ACCEPT
    #: what a verifying OpenSSL-based client reports when it rejects: the X509 verify error
    #: text of OpenSSL's ``X509_verify_cert_error_string`` (compare case-insensitively)
    expected_error: str | None = None
    #: why no backend serves this scenario; set exactly when ``backend`` is ``REFUSE``
    unservable: str | None = None
    #: SRP credentials the client needs (RFC 5054), ``None`` for certificate suites
    srp: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"scenario id {self.id!r} is not a lowercase slug")
        if (self.backend is Backend.REFUSE) != (self.unservable is not None):
            raise ValueError(f"{self.id}: unservable is set exactly for REFUSE scenarios")
        if self.min_version.wire > self.max_version.wire:
            raise ValueError(f"{self.id}: min_version above max_version")
        if self.min_version is TlsVersion.SSL3 and self.backend is Backend.OPENSSL:
            raise ValueError(f"{self.id}: OpenSSL 3.0 cannot serve SSLv3 (ARCHITECTURE.md)")
        if self.verifying is Verdict.ACCEPT and self.nonverifying is Verdict.REJECT:
            raise ValueError(f"{self.id}: a non-verifying client cannot be stricter")

    @property
    def stalls(self) -> bool:
        """The server stalls the client on purpose (:data:`servers.apps.STALLS`): it never answers the hello,
        never closes, or never reads. The verdicts are for the handshake a stall allows (none for ``Silent``);
        anything that iterates the catalog expecting an answer leaves these out."""
        return isinstance(self.app, STALLS)

    @property
    def suite_infos(self) -> tuple[SuiteInfo, ...]:
        """The :class:`SuiteInfo` rows of :attr:`suites`."""
        return tuple(suite(name) for name in self.suites)


_RFC5280_VALIDITY = "RFC 5280 §4.1.2.5, §6.1.3 (a)(2)"


def _suite_scenario(info: SuiteInfo) -> Scenario:
    """The one-suite endpoint of a row of :data:`SUITES`."""
    credential = {KeyKind.RSA: "rsa", KeyKind.ECDSA: "ecdsa", KeyKind.DSA: "dsa"}[info.key]
    ref = tlsref.by_name(info.iana)
    if ref.kex == "ECDH":
        # RFC 4492 §2.1/§2.3: static ECDH needs an EC leaf allowing keyAgreement, signed by the suite's
        # authentication algorithm (servers/pki.py ecdh-rsa, ecdh-ecdsa).
        credential = "ecdh-rsa" if info.key is KeyKind.RSA else "ecdh-ecdsa"
    refused = info.backend is Backend.REFUSE
    scapy = info.backend is Backend.SCAPY
    return Scenario(
        id="suite-" + info.iana.lower().replace("_", "-"),
        description=f"only {info.iana} (0x{info.code:04X}), {'TLS 1.0' if ref.export else 'TLS 1.2'} at most"
        + (f"; refused: {info.unservable}" if refused else ""),
        source="; ".join(info.sources),
        backend=info.backend,
        credential=credential,
        trust="ecdsa" if info.key is KeyKind.ECDSA else "rsa",
        # OpenSSL 3.0 has no SSLv3 (ARCHITECTURE.md): its suites start at TLS 1.0 here.
        min_version=TlsVersion.TLS1_0
        if info.backend is Backend.OPENSSL and info.min_version is TlsVersion.SSL3
        else info.min_version,
        # RFC 4346 §A.5: EXPORT suites MUST NOT be negotiated in TLS 1.1 or later.
        max_version=TlsVersion.TLS1_0 if ref.export else TlsVersion.TLS1_2,
        suites=(info.iana,),
        # the scapy backend keeps no session cache (servers/endpoint_scapy.py)
        resumption=not scapy,
        verifying=Verdict.REJECT if refused else Verdict.ACCEPT,
        nonverifying=Verdict.REJECT if refused else Verdict.ACCEPT,
        unservable=info.unservable,
        srp=(SRP_USER, SRP_PASSWORD) if info.srp else None,
    )


def _version_scenario(version: TlsVersion, backend: Backend, source: str) -> Scenario:
    return Scenario(
        id="version-"
        + {"SSLv3": "ssl3", "TLSv1": "tls1.0"}.get(version.value, version.value.lower().replace("tlsv", "tls")),
        description=f"{version.value} only",
        source=source,
        backend=backend,
        min_version=version,
        max_version=version,
    )


# fmt: off
_CHAIN: tuple[Scenario, ...] = (
    Scenario(id="valid", description="RSA root → intermediate → leaf; the root is not sent",
             source="RFC 8446 §4.4.2; RFC 5246 §7.4.2; badssl.com sha256"),
    Scenario(id="valid-root-sent", description="valid RSA chain, root sent as well",
             source="RFC 5246 §7.4.2 (the root MAY be omitted, so it may be sent)", send_root=True),
    Scenario(id="valid-ecdsa", description="ECDSA root → intermediate → leaf",
             source="RFC 8422 §5.3; badssl.com ecc256", credential="ecdsa", trust="ecdsa"),
    Scenario(id="incomplete-chain", description="leaf only: the intermediate is not sent",
             source="RFC 5246 §7.4.2; badssl.com incomplete-chain", send_intermediates=False,
             verifying=Verdict.REJECT, expected_error="unable to get local issuer certificate"),
    Scenario(id="untrusted-root", description="chain to a root the client is not given (root sent)",
             source="RFC 5280 §6.1; badssl.com untrusted-root", credential="rsa-untrusted",
             send_root=True, verifying=Verdict.REJECT,
             expected_error="self-signed certificate in certificate chain"),
    Scenario(id="self-signed", description="self-signed leaf for the server host",
             source="RFC 5280 §6.1; badssl.com self-signed", credential="rsa-self-signed",
             verifying=Verdict.REJECT, expected_error="self-signed certificate"),
    Scenario(id="expired-leaf", description="leaf expired a year ago",
             source=f"{_RFC5280_VALIDITY}; badssl.com expired", credential="rsa-expired",
             verifying=Verdict.REJECT, expected_error="certificate has expired"),
    Scenario(id="not-yet-valid-leaf", description="leaf valid from a year ahead",
             source=_RFC5280_VALIDITY, credential="rsa-not-yet-valid",
             verifying=Verdict.REJECT, expected_error="certificate is not yet valid"),
    Scenario(id="just-expired-leaf", description="leaf whose notAfter passed two minutes before the farm started",
             source=f"{_RFC5280_VALIDITY} (boundary)", credential="rsa-just-expired",
             verifying=Verdict.REJECT, expected_error="certificate has expired"),
    Scenario(id="just-valid-leaf", description="leaf whose notBefore is two minutes before the farm started",
             source=f"{_RFC5280_VALIDITY} (boundary)", credential="rsa-just-valid"),
    Scenario(id="generalized-time-leaf", description="leaf valid until 2050-01-01, a GeneralizedTime",
             source="RFC 5280 §4.1.2.5 (UTCTime through 2049, GeneralizedTime from 2050)",
             credential="rsa-generalized-time"),
    Scenario(id="expired-intermediate", description="valid leaf under an expired intermediate",
             source=_RFC5280_VALIDITY, credential="rsa-expired-intermediate",
             verifying=Verdict.REJECT, expected_error="certificate has expired"),
    Scenario(id="not-yet-valid-intermediate", description="valid leaf under a not-yet-valid intermediate",
             source=_RFC5280_VALIDITY, credential="rsa-not-yet-valid-intermediate",
             verifying=Verdict.REJECT, expected_error="certificate is not yet valid"),
    Scenario(id="expired-root", description="valid leaf and intermediate under an expired trusted root",
             source="RFC 5280 §6.1.1 (d); OpenSSL checks the anchor's validity too",
             credential="rsa-expired-root", trust="expired-root",
             verifying=Verdict.REJECT, expected_error="certificate has expired"),
    Scenario(id="not-yet-valid-root", description="valid leaf and intermediate under a not-yet-valid trusted root",
             source="RFC 5280 §6.1.1 (d); OpenSSL checks the anchor's validity too",
             credential="rsa-not-yet-valid-root", trust="not-yet-valid-root",
             verifying=Verdict.REJECT, expected_error="certificate is not yet valid"),
    Scenario(id="large-root", description="valid chain whose root is larger than 2047 bytes (every encoding)",
             source="telit-gsm-ssl §2.2.2 (2047-byte certificate limit)",
             credential="rsa-large-root", trust="large-root"),
    Scenario(id="huge-root", description="valid chain whose root is larger than 8192 bytes (every encoding)",
             source="telit-ssl-ug §4.4 (the module's largest <Size>: 8192 on the 3G/4G modules emulated here)",
             credential="rsa-huge-root", trust="huge-root"),
    Scenario(id="wrong-host", description="leaf for wrong.host.invalid",
             source="RFC 6125 §6.4; badssl.com wrong.host", credential="rsa-other-host",
             verifying=Verdict.REJECT, expected_error="hostname mismatch"),
    Scenario(id="ip-san", description="leaf whose only SAN is the server's IP address; dialled by IP",
             source="RFC 5280 §4.2.1.6 (iPAddress); RFC 6125 §1.7.2",
             credential="rsa-ip-san", dial=Dial.IP),
    Scenario(id="no-san", description="leaf with the host in its CN and no subjectAltName",
             source="RFC 6125 §6.4.4 (CN-ID checked only without any DNS-ID); badssl.com no-subject (inverse)",
             credential="rsa-no-san"),
    Scenario(id="wrong-key", description="the RSA chain served with a key that is not the leaf's",
             source="RFC 5246 §7.4.3 (ServerKeyExchange signature); TLS-Anvil ServerKeyExchange signature tests",
             backend=Backend.TLSLITE, credential="rsa-wrong-key", max_version=TlsVersion.TLS1_2,
             verifying=Verdict.REJECT, nonverifying=Verdict.REJECT),
    Scenario(id="sha1-leaf", description="leaf signed with sha1WithRSAEncryption",
             source="CA/B Forum BR §7.1.3.2.1; badssl.com sha1-intermediate", credential="rsa-sha1",
             verifying=Verdict.REJECT, expected_error="CA signature digest algorithm too weak"),
    Scenario(id="wrong-eku", description="leaf whose extendedKeyUsage is clientAuth only",
             source="RFC 5280 §4.2.1.12; RFC 5246 §7.4.2", credential="rsa-wrong-eku",
             verifying=Verdict.REJECT, expected_error="unsuitable certificate purpose"),
)

_CLIENT_SOURCE = "RFC 5246 §7.4.4, §7.4.6; telit-ssl-ug §4.7.4; quectel-gsm-ssl §2.2.1 seclevel 2"
_CLIENT: tuple[Scenario, ...] = (
    Scenario(id="client-cert-required", description="client certificate required; the client sends a trusted one",
             source=_CLIENT_SOURCE, client_auth=ClientAuth.REQUIRED, client_credential="client",
             max_version=TlsVersion.TLS1_2),
    Scenario(id="client-cert-required-untrusted", description="client certificate required; the client's is from an untrusted CA",
             source=_CLIENT_SOURCE, client_auth=ClientAuth.REQUIRED, client_credential="client-untrusted",
             max_version=TlsVersion.TLS1_2, verifying=Verdict.REJECT, nonverifying=Verdict.REJECT),
    Scenario(id="client-cert-required-expired", description="client certificate required; the client's has expired",
             source=_CLIENT_SOURCE, client_auth=ClientAuth.REQUIRED, client_credential="client-expired",
             max_version=TlsVersion.TLS1_2, verifying=Verdict.REJECT, nonverifying=Verdict.REJECT),
    Scenario(id="client-cert-required-none", description="client certificate required; the client sends none",
             source=_CLIENT_SOURCE + " (the server MAY answer handshake_failure)",
             client_auth=ClientAuth.REQUIRED, max_version=TlsVersion.TLS1_2,
             verifying=Verdict.REJECT, nonverifying=Verdict.REJECT),
    Scenario(id="client-cert-optional-none", description="client certificate requested but optional; none sent",
             source="RFC 5246 §7.4.6 (empty Certificate message)", client_auth=ClientAuth.OPTIONAL,
             max_version=TlsVersion.TLS1_2),
    Scenario(id="client-cert-optional-sent", description="client certificate requested but optional; a trusted one sent",
             source="RFC 5246 §7.4.6", client_auth=ClientAuth.OPTIONAL, client_credential="client",
             max_version=TlsVersion.TLS1_2),
)

_VERSIONS: tuple[Scenario, ...] = (
    _version_scenario(TlsVersion.SSL3, Backend.TLSLITE, "RFC 6101; telit-ssl-ug §4.2.2 Tab. 1; fibocom-l610-ssl §1.4.4"),
    _version_scenario(TlsVersion.TLS1_0, Backend.OPENSSL, "RFC 2246; telit-ssl-ug §4.2.2 Tab. 1; quectel-gsm-ssl §1.1 Tab. 1"),
    _version_scenario(TlsVersion.TLS1_1, Backend.OPENSSL, "RFC 4346; telit-ssl-ug §4.2.2 Tab. 1; quectel-gsm-ssl §1.1 Tab. 1"),
    _version_scenario(TlsVersion.TLS1_2, Backend.OPENSSL, "RFC 5246; telit-ssl-ug §4.2.2 Tab. 1; quectel-ec200-ssl +QSSLCFG sslversion"),
    _version_scenario(TlsVersion.TLS1_3, Backend.OPENSSL, "RFC 8446"),
)

_RESUMPTION: tuple[Scenario, ...] = (
    Scenario(id="resumption-tls1.2", description="TLS 1.2 with session IDs and tickets: a second connection may resume",
             source="RFC 5246 §7.4.1.2; RFC 5077; quectel-ec200-ssl §2.2.1 session_cache",
             max_version=TlsVersion.TLS1_2),
    Scenario(id="resumption-tls1.3", description="TLS 1.3 with tickets: a second connection may resume with a PSK",
             source="RFC 8446 §2.2, §4.6.1", min_version=TlsVersion.TLS1_3),
    Scenario(id="resumption-off", description="TLS 1.2 without session cache or tickets: every handshake is full",
             source="RFC 5246 §7.4.1.2 (the server may refuse to resume); telit-ssl-ug §7 (no TLS reuse)",
             backend=Backend.TLSLITE, max_version=TlsVersion.TLS1_2, resumption=False),
)

_APPS: tuple[Scenario, ...] = (
    Scenario(id="https", description="valid chain with an HTTP/1.1 responder behind it",
             source="telit-ssl-ug §6.1, §6.2 (#SSLD / #HTTPQRY to an HTTPS server)", app=Http()),
    Scenario(id="push-then-close", description="valid chain; after the handshake the server sends three chunks 0.2 s apart, then closes",
             source="telit-ssl-ug §5.1.2.2.2 SSLSRING, §5.1.1 NO CARRIER; quectel-ec200-ssl §2.3.1, §2.3.2",
             app=Scripted(chunks=(b"chunk-1\r\n", b"chunk-2\r\n", b"chunk-3\r\n"), pause=0.2, then=Then.CLOSE)),
    Scenario(id="push-stay-open", description="valid chain; the server sends one chunk after the handshake and stays open, echoing",
             source="telit-ssl-ug §5.1.2.2.2 SSLSRING; quectel-ec200-ssl §2.3.1 +QSSLURC \"recv\"",
             app=Scripted(chunks=(b"Response of the server\r\n",), then=Then.STAY_OPEN)),
    Scenario(id="ftps", description="explicit FTPS (AUTH TLS) on the valid RSA chain, two files to get",
             source="telit-ssl-ug §7, §7.1 (#FTPOPEN, #FTPGET); RFC 4217 §4",
             max_version=TlsVersion.TLS1_2, app=Ftps(user=FTPS_USER, password=FTPS_PASSWORD)),
)

#: Endpoints that stall the client (:attr:`Scenario.stalls`): what a module's timeouts and buffers bound. A client
#: gets no answer it could judge from them, so the verdict rows and the cross-vendor modules leave them out.
_STALLING: tuple[Scenario, ...] = (
    Scenario(id="silent-hello", description="takes the ClientHello and never answers it (no ServerHello, no close)",
             source="quectel-ec200-ssl §2.2.1 <negotiate_time>; telit-ssl-ug §5 <Timeout> (handshake); RFC 5246 §7.3",
             app=Silent(), verifying=Verdict.REJECT, nonverifying=Verdict.REJECT),
    Scenario(id="hold-open", description="valid chain; reads and never closes, not even after the client's close_notify",
             source="quectel-ec200-ssl §2.2.5 <close_timeout>, §2.2.1 <close_time_mode>; RFC 8446 §6.1",
             max_version=TlsVersion.TLS1_2, app=Hold()),
    Scenario(id="no-read", description="valid chain; never reads after the handshake (4 KiB receive buffer), held open",
             source="quectel-ec200-ssl §2.2.3 SEND FAIL; telit-ssl-ug §5.1.2.1 <Timeout> (send)",
             max_version=TlsVersion.TLS1_2, app=NoRead()),
)
# fmt: on

#: The whole catalog, in a stable order: chain, client certificate, versions, resumption, apps,
#: one scenario per cipher suite, then the stalling endpoints.
CATALOG: tuple[Scenario, ...] = (
    _CHAIN + _CLIENT + _VERSIONS + _RESUMPTION + _APPS + tuple(_suite_scenario(s) for s in SUITES) + _STALLING
)

_BY_ID = {s.id: s for s in CATALOG}
if len(_BY_ID) != len(CATALOG):
    raise AssertionError("duplicate scenario ids in the catalog")


def backend_for(suites: tuple[str, ...], min_version: TlsVersion) -> tuple[Backend, str | None]:
    """Backend (and refusal reason) that can serve ``suites`` from ``min_version`` up.

    OpenSSL when it serves every suite and no SSLv3 is asked; scapy when a suite is one only scapy
    serves (it runs the others of the rows too); tlslite-ng when every suite is one it can name;
    otherwise REFUSE with the first row's reason.
    """
    infos = [suite(name) for name in suites]
    refused = [i for i in infos if i.backend is Backend.REFUSE]
    if refused:
        return Backend.REFUSE, refused[0].unservable
    if any(i.backend is Backend.SCAPY for i in infos):
        return Backend.SCAPY, None
    if all(i.openssl is not None for i in infos) and min_version is not TlsVersion.SSL3:
        return Backend.OPENSSL, None
    return Backend.TLSLITE, None


def by_id(scenario_id: str) -> Scenario:
    """The catalog entry ``scenario_id``; ``KeyError`` naming it if there is none."""
    try:
        return _BY_ID[scenario_id]
    except KeyError:
        raise KeyError(f"no scenario {scenario_id!r} in the catalog") from None
