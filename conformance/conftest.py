"""Fixtures every document's suite shares: the profile's socket driver, a socket made ready through it, and
servers fitted to the profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conformance.shared.driver import SocketDriver
from conformance.shared.drivers import NoDriver, driver_for
from conformance.shared.servers import Serve, register_key_secrets
from harness import redaction
from harness.apn import Network
from harness.modem import Modem
from harness.profiles import Profile
from servers.pki import Pki
from servers.pytest_plugin import ServerHandle
from servers.scenarios import FTPS_PASSWORD

# The FTPS login is a password the suite types into the module (telit-ssl-ug §7.1): never in a report.
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
def driver(modem: Modem, profile: Profile) -> SocketDriver:
    """The socket driver of the profile's document (conformance/shared/drivers.py), bound to instance 1;
    a document without one is not run, and says so."""
    try:
        return driver_for(modem, profile)
    except NoDriver as e:
        pytest.skip(f"not run: {e}")


@pytest.fixture
def ready(driver: SocketDriver, network: Network, tls_server: Callable[..., ServerHandle]) -> Iterator[None]:
    """The driver's data connection up and its socket enabled (``driver.prepare``); afterwards the socket is
    closed and disabled (``driver.release``).

    It asks for ``tls_server`` so that it is torn down first: the socket is closed before the test's
    servers stop, instead of racing their remote close (a NO CARRIER URC) with the close command.
    """
    driver.prepare(network)
    yield
    driver.release()


@pytest.fixture
def serve(tls_server: Callable[..., ServerHandle], profile: Profile, modem: Modem) -> Serve:
    """``serve(scenario, **overrides) -> ServerHandle``: a farm endpoint the profile's module can reach.

    The document's driver supplies what its modules need of the farm (``server_overrides``: telit-gsm-ssl
    modules speak up to TLS 1.0, errata TSU-21); what the test passes wins.
    """
    try:
        defaults = driver_for(modem, profile).server_overrides()
    except NoDriver:
        defaults = {}

    def start(scenario: str, **overrides: Any) -> ServerHandle:
        handle = tls_server(scenario, **{**defaults, **overrides})
        register_key_secrets(handle)  # a lab farm's keys are not the session PKI's: never in a report either
        return handle

    return start
