"""Fixtures every document's suite shares: secure-socket preparation and servers fitted to the profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from harness import redaction
from harness.modem import Modem
from harness.network import Network
from harness.profiles import Profile
from servers.pki import Pki
from servers.protocol import TlsVersion
from servers.pytest_plugin import ServerHandle
from servers.scenarios import FTPS_PASSWORD

# The FTPS login is a password the suite types into #FTPOPEN (telit-ssl-ug §7.1): never in a report.
redaction.add(FTPS_PASSWORD)


@pytest.fixture(scope="session")
def pki(pki: Pki) -> Pki:
    """The servers' PKI, with every private key it holds registered as a secret, in every encoding."""
    for credential in pki.credentials.values():
        files = credential.key_files
        for path in (files.pkcs8_pem, files.pkcs8_der, files.pkcs1_pem, files.pkcs1_der):
            if path is not None:
                redaction.add(path.read_bytes())
    return pki


@pytest.fixture
def ready(
    modem: Modem, profile: Profile, network: Network, tls_server: Callable[..., ServerHandle]
) -> Iterator[None]:
    """PDP up, SSId 1 enabled, TLS 1.2 where selectable; afterwards the socket is closed and disabled.

    It asks for ``tls_server`` so that it is torn down first: the socket is closed before the test's
    servers stop, instead of racing their remote close (a NO CARRIER URC) with #SSLH.
    """
    from conformance.telit.sockets import DEFAULT_S12, prepare

    prepare(modem, profile, network)
    yield
    if modem.online:
        modem.escape()
    modem.command("AT#SSLH=1")
    modem.command("AT#SSLEN=1,0")
    modem.command(f"ATS12={DEFAULT_S12}")  # V.250 default guard time, as prepare() found it (errata TSU-20)


@pytest.fixture
def serve(tls_server: Callable[..., ServerHandle], profile: Profile) -> Callable[..., ServerHandle]:
    """``serve(scenario, **overrides)``: a farm endpoint the profile's module can reach.

    telit-gsm-ssl modules speak up to TLS 1.0 (errata TSU-21), so their servers accept TLS 1.0 too.
    """

    def start(scenario: str, **overrides: Any) -> ServerHandle:
        if profile.document == "telit-gsm-ssl" and "versions" not in overrides:
            overrides["versions"] = (TlsVersion.TLS1_0, TlsVersion.TLS1_2)
        return tls_server(scenario, **overrides)

    return start
