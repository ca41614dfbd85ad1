"""Fixtures every document's suite shares: secure-socket preparation and servers fitted to the profile."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from harness.modem import Modem
from harness.profiles import Profile
from servers.protocol import TlsVersion
from servers.pytest_plugin import ServerHandle


@pytest.fixture
def ready(modem: Modem, profile: Profile, tls_server: Callable[..., ServerHandle]) -> Iterator[None]:
    """PDP up, SSId 1 enabled, TLS 1.2 where selectable; afterwards the socket is closed and disabled.

    It asks for ``tls_server`` so that it is torn down first: the socket is closed before the test's
    servers stop, instead of racing their remote close (a NO CARRIER URC) with #SSLH.
    """
    from conformance.telit.sockets import DEFAULT_S12, prepare

    prepare(modem, profile)
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
