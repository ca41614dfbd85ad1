"""What the module offers and negotiates for each <sslversion> and <ciphersuite> (quectel-gsm-ssl §1.1 Tables 1
and 2, §2.2.1): the ClientHello the farm recorded, and a handshake with a server of that version or suite alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.quectel_gsm.common import COMMANDS, clause, qsslcfg, ssl_close, ssl_open
from conformance.shared.servers import records_after
from conformance.shared.tlsnames import suite_code
from harness.checks import expect_ok
from harness.modem import Modem
from servers.protocol import TlsVersion
from servers.pytest_plugin import ServerHandle
from servers.recorder import ConnectionRecord

# +QSSLCLOSE (§2.2.3) ends each connection, which commits the server's record of it.
pytestmark = [
    pytest.mark.spec("quectel-gsm-ssl", "1.1"),
    pytest.mark.spec("quectel-gsm-ssl", "2.2.1"),
    pytest.mark.spec("quectel-gsm-ssl", "2.2.3"),
]
CLAUSE = "quectel-gsm-ssl §1.1, §2.2.1"
VERSIONS = {int(code): TlsVersion(name) for code, name in COMMANDS["versions"].items() if code.isdigit()}
SUITES = {code: name for code, name in COMMANDS["suites"].items() if code.startswith("0X")}
ORDER = list(VERSIONS.values())


def scenario_of(name: str) -> str:
    """The farm's one-suite endpoint of an IANA suite (servers/scenarios.py)."""
    return "suite-" + name.lower().replace("_", "-")


def attempt(modem: Modem, server: ServerHandle) -> tuple[int | None, ConnectionRecord]:
    """Open socket 1 to ``server``, close it, and return the connect code and what the server recorded."""
    _, code = ssl_open(modem, server.config)
    (record,) = records_after(lambda: ssl_close(modem), server)
    return code, record


def highest_offered(record: ConnectionRecord) -> tuple[int, int]:
    hello = record.client_hello
    assert hello is not None, f"{CLAUSE}: the server recorded no ClientHello: {record.describe()}"
    return max(hello.supported_versions) if hello.supported_versions else hello.legacy_version


@pytest.mark.parametrize("code", sorted(VERSIONS), ids=[v.value for v in VERSIONS.values()])
def test_each_sslversion_is_offered_and_negotiated(
    modem: Modem, ready: None, tls_server: Callable[..., ServerHandle], code: int
) -> None:
    version = VERSIONS[code]
    expect_ok(qsslcfg(modem, "sslversion", 0, code), clause("2.2.1"))
    result, record = attempt(modem, tls_server("valid", versions=(version, version)))
    assert highest_offered(record) == version.wire, f"{CLAUSE}: <sslversion> {code} offers {version.value}"
    assert result == 0 and record.version == version.value, (
        f"{CLAUSE}: {version.value} is negotiated: {record.describe()}"
    )
    # Negative control: a server of the next version up (or down, for TLS 1.2) alone is refused.
    other = ORDER[ORDER.index(version) + 1] if version is not ORDER[-1] else ORDER[-2]
    result, record = attempt(modem, tls_server("valid", versions=(other, other)))
    assert result != 0 and not record.handshake_done, f"{CLAUSE}: <sslversion> {code} must not reach {other.value}"


def test_all_versions_offers_tls_1_2(modem: Modem, ready: None, tls_server: Callable[..., ServerHandle]) -> None:
    expect_ok(qsslcfg(modem, "sslversion", 0, COMMANDS["versions"]["all"]), clause("2.2.1"))
    result, record = attempt(modem, tls_server("valid", versions=(TlsVersion.TLS1_0, TlsVersion.TLS1_2)))
    assert highest_offered(record) == TlsVersion.TLS1_2.wire, f"{CLAUSE}: 4 ALL SUPPORT offers up to TLS 1.2"
    assert result == 0 and record.version == TlsVersion.TLS1_2.value, f"{CLAUSE}: {record.describe()}"


@pytest.mark.parametrize("code", sorted(SUITES), ids=[SUITES[c] for c in sorted(SUITES)])
def test_each_ciphersuite_is_offered_alone_and_negotiated(
    modem: Modem, ready: None, tls_server: Callable[..., ServerHandle], code: str
) -> None:
    name = SUITES[code]
    expect_ok(qsslcfg(modem, "ciphersuite", 0, f'"{code}"'), clause("2.2.1"))
    expect_ok(qsslcfg(modem, "sslversion", 0, 3), clause("2.2.1"))
    result, record = attempt(modem, tls_server(scenario_of(name)))
    hello = record.client_hello
    assert hello is not None and hello.offered_suites == (int(code, 16),), f"{CLAUSE}: {code} offers {name} alone"
    assert result == 0 and record.cipher == name, f"{CLAUSE}: {name} is negotiated: {record.describe()}"
    # Negative control: a server of another Table 2 suite alone is refused.
    other = next(n for c, n in sorted(SUITES.items()) if c != code)
    result, record = attempt(modem, tls_server(scenario_of(other)))
    assert result != 0 and not record.handshake_done, f"{CLAUSE}: {code} must not negotiate {other}"


def test_all_support_offers_every_suite_of_table_2(
    modem: Modem, ready: None, tls_server: Callable[..., ServerHandle]
) -> None:
    expect_ok(qsslcfg(modem, "ciphersuite", 0, f'"{COMMANDS["suites"]["all"]}"'), clause("2.2.1"))
    _, record = attempt(modem, tls_server("valid"))
    hello = record.client_hello
    assert hello is not None, f"{CLAUSE}: no ClientHello recorded: {record.describe()}"
    assert set(hello.offered_suites) == {suite_code(n) for n in SUITES.values()}, (
        f"{CLAUSE}: 0XFFFF 'All support' offers the six suites of Table 2: {hello.offered_suite_names}"
    )
