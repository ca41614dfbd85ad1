"""Fixtures of the Telit suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.telit.common import enabled_socket
from conformance.telit.sockets import prepare_socket, release_socket
from harness.checks import expect_ok
from harness.modem import Modem
from harness.profiles import Profile


@pytest.fixture
def enabled(modem: Modem) -> Iterator[int]:
    """SSId 1 enabled on AT instance 1 for the test (telit-ssl-ug §4.1), disabled afterwards."""
    yield from enabled_socket(modem, 1)


@pytest.fixture
def owned(modem: Modem, modem2: Modem) -> Iterator[int]:
    """SSId 1 enabled on AT instance 1, seen from instance 2 with verbose errors (AT+CMEE=2): the
    "other instance" of telit-ssl-ug §4.2.2 and §4.3. Released afterwards."""
    expect_ok(modem2.command("AT+CMEE=2"), "telit-ssl-ug §4.3.1")
    modem2.command("AT#SSLEN=1,0")  # release it if instance 2 held it (result not judged: setup)
    yield from enabled_socket(modem, 1)


@pytest.fixture
def second_socket(modem: Modem, profile: Profile, ready: None) -> Iterator[int]:
    """SSId 2 of a several-socket module (telit-ssl-ug §4.3.2) enabled and configured like SSId 1 for the
    test, on the same AT instance; closed and disabled afterwards."""
    prepare_socket(modem, profile, 2)
    try:
        yield 2
    finally:
        release_socket(modem, 2)
