"""Fixtures of the telit-gsm-ssl suite (the older 2G guide; same command family as telit-ssl-ug)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.telit.common import enabled_socket
from harness.modem import Modem


@pytest.fixture
def enabled(modem: Modem) -> Iterator[int]:
    """SSId 1 enabled for the test (the only socket, telit-gsm-ssl §3.2), disabled afterwards."""
    yield from enabled_socket(modem, 1)
