"""What the module offers and negotiates for each <SSL_version> and <cipher_suites> (quectel-ec200-ssl §1.2
Tables 2 and 3, §2.2.1), SNI (§1.6) and session resumption ("session_cache"): the ClientHello the farm
recorded, and a handshake with a server of that version or suite alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.quectel_ec200.common import COMMANDS, CTX, clause, qsslcfg, ssl_close, ssl_open
from conformance.shared.servers import records_after
from conformance.shared.tlsnames import suite_code
from harness.checks import expect_ok
from harness.modem import Modem
from servers.protocol import Backend, TlsVersion
from servers.pytest_plugin import ServerHandle
from servers.recorder import ConnectionRecord
from servers.scenarios import by_id

# +QSSLCLOSE (§2.2.5) ends each connection, which commits the server's record of it.
pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "1.2"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.1"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.2"),  # the verdict is +QSSLOPEN's <err>
    pytest.mark.spec("quectel-ec200-ssl", "2.2.5"),
]
CLAUSE = "quectel-ec200-ssl §1.2, §2.2.1"
VERSIONS = {int(code): TlsVersion(name) for code, name in COMMANDS["versions"].items() if code.isdigit()}
SUITES = {code: name for code, name in COMMANDS["suites"].items() if code.startswith("0X")}
ORDER = list(VERSIONS.values())
ALL_VERSIONS, ALL_SUITES = int(COMMANDS["versions"]["all"]), str(COMMANDS["suites"]["all"])
TlsServer = Callable[..., ServerHandle]


def scenario_of(name: str) -> str:
    """The farm's one-suite endpoint of an IANA suite (servers/scenarios.py)."""
    return "suite-" + name.lower().replace("_", "-")


def attempt(modem: Modem, server: ServerHandle) -> tuple[int | None, ConnectionRecord]:
    """Open client 4 to ``server``, close it, and return the <err> and what the server recorded."""
    _, code = ssl_open(modem, server.config)
    (record,) = records_after(lambda: ssl_close(modem), server)
    return code, record


def hello_of(record: ConnectionRecord) -> tuple[tuple[int, int], tuple[int, ...]]:
    """(the highest version offered, the suites offered) of the recorded ClientHello."""
    hello = record.client_hello
    assert hello is not None, f"{CLAUSE}: the server recorded no ClientHello: {record.describe()}"
    top = max(hello.supported_versions) if hello.supported_versions else hello.legacy_version
    return top, hello.offered_suites


def setcfg(modem: Modem, keyword: str, value: object) -> None:
    expect_ok(qsslcfg(modem, keyword, CTX, value), clause("2.2.1"))


@pytest.mark.parametrize("code", sorted(VERSIONS), ids=[v.value for v in VERSIONS.values()])
def test_each_sslversion_is_offered_and_negotiated(modem: Modem, ready: None, tls_server: TlsServer, code: int) -> None:
    version = VERSIONS[code]
    setcfg(modem, "sslversion", code)
    result, record = attempt(modem, tls_server("valid", versions=(version, version)))
    assert hello_of(record)[0] == version.wire, f"{CLAUSE}: <SSL_version> {code} offers {version.value}"
    assert result == 0 and record.version == version.value, (
        f"{CLAUSE}: {version.value} is negotiated: {record.describe()}"
    )
    # Negative control: a server of the next version up (or down, for TLS 1.2) alone is refused.
    other = ORDER[ORDER.index(version) + 1] if version is not ORDER[-1] else ORDER[-2]
    result, record = attempt(modem, tls_server("valid", versions=(other, other)))
    assert result != 0 and not record.handshake_done, f"{CLAUSE}: <SSL_version> {code} must not reach {other.value}"


@pytest.mark.erratum("QEC-05")
def test_all_offers_tls_1_2_and_accepts_a_lower_server(
    modem: Modem, ready: None, tls_server: TlsServer, observe: Callable[[str], None]
) -> None:
    setcfg(modem, "sslversion", ALL_VERSIONS)
    for version in (TlsVersion.TLS1_2, TlsVersion.TLS1_1, TlsVersion.TLS1_0):
        result, record = attempt(modem, tls_server("valid", versions=(version, version)))
        assert hello_of(record)[0] == TlsVersion.TLS1_2.wire, f"{CLAUSE}: 4 'All' offers up to TLS 1.2 (QEC-05)"
        assert result == 0 and record.version == version.value, f"{CLAUSE}: 'All' accepts {version.value}"
    # Negative control: TLS 1.3 is not in Table 2, so a TLS 1.3-only server is refused.
    result, record = attempt(modem, tls_server("valid", versions=(TlsVersion.TLS1_3, TlsVersion.TLS1_3)))
    assert result != 0 and not record.handshake_done, f"{CLAUSE}: TLS 1.3 is not in Table 2"
    result, record = attempt(modem, tls_server("valid", versions=(TlsVersion.SSL3, TlsVersion.SSL3)))
    observe(f"{CLAUSE}: 'All' against an SSL 3.0-only server: <err> {result}, {record.version or 'no handshake'}")


@pytest.mark.erratum("QEC-02", "QEC-03")
@pytest.mark.parametrize("code", sorted(SUITES), ids=[SUITES[c] for c in sorted(SUITES)])
def test_each_ciphersuite_is_offered_alone_and_negotiated(
    modem: Modem, ready: None, tls_server: TlsServer, code: str
) -> None:
    name = SUITES[code]
    setcfg(modem, "ciphersuite", code)
    scenario = by_id(scenario_of(name))
    result, record = attempt(modem, tls_server(scenario.id))
    assert hello_of(record)[1] == (int(code, 16),), f"{CLAUSE}: {code} offers {name} alone"
    if scenario.backend is Backend.REFUSE:
        # No backend here serves it (ARCHITECTURE.md "TLS servers"): the offer is checked, and the dial must
        # fail cleanly with a Table 5 code.
        assert result not in (0, None), f"{CLAUSE}: an unserved {name} fails cleanly; <err> {result}"
        return
    assert result == 0 and record.cipher == name, f"{CLAUSE}: {name} is negotiated: {record.describe()}"
    # Negative control: a server of another served suite alone is refused.
    other = next(n for c, n in sorted(SUITES.items()) if c != code and by_id(scenario_of(n)).backend is Backend.OPENSSL)
    result, record = attempt(modem, tls_server(scenario_of(other)))
    assert result != 0 and not record.handshake_done, f"{CLAUSE}: {code} must not negotiate {other}"


@pytest.mark.erratum("QEC-02")
def test_ffff_offers_every_suite_of_table_3(modem: Modem, ready: None, tls_server: TlsServer) -> None:
    setcfg(modem, "ciphersuite", ALL_SUITES)
    _, record = attempt(modem, tls_server("valid"))
    offered = set(hello_of(record)[1])
    want = {suite_code(n) for n in SUITES.values()}
    assert offered == want, (
        f"{CLAUSE}: 0XFFFF offers the 32 suites of Table 3; extra {offered - want}, missing {want - offered}"
    )


@pytest.mark.spec("quectel-ec200-ssl", "1.6")
@pytest.mark.erratum("QEC-20")
def test_sni_is_sent_only_when_enabled(modem: Modem, ready: None, tls_server: TlsServer) -> None:
    server = tls_server("valid")
    setcfg(modem, "sni", 1)
    _, record = attempt(modem, server)
    assert record.client_hello is not None and record.client_hello.sni == server.config.host, (
        f"{clause('1.6')}: 'sni' 1 sends server_name {server.config.host!r}; {record.describe()}"
    )
    setcfg(modem, "sni", 0)  # control
    (record,) = records_after(lambda: (ssl_open(modem, server.config), ssl_close(modem)), server, 2)[1:]
    assert record.client_hello is not None and record.client_hello.sni is None, f"{clause('1.6')}: 'sni' 0 sends none"


@pytest.mark.erratum("QEC-20")
@pytest.mark.parametrize("cache", [1, 0], ids=["on", "off"])
def test_session_cache_resumes_the_second_connection(
    modem: Modem, ready: None, tls_server: TlsServer, cache: int
) -> None:
    setcfg(modem, "session_cache", cache)
    server = tls_server("resumption-tls1.2")
    for _ in range(2):
        r, code = ssl_open(modem, server.config)
        assert code == 0, f"{clause('2.2.2')}: the resumption endpoint opens; {r.describe()}"
        ssl_close(modem)
    first, second = records_after(lambda: None, server, 2)
    assert first.resumed is False, f"{CLAUSE}: the first handshake is full: {first.describe()}"
    assert second.resumed is bool(cache), f"{CLAUSE}: 'session_cache' {cache}: resumed {second.resumed}"
