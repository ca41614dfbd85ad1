"""Fixtures of the Telit suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.telit.common import enabled_socket
from harness.modem import Modem


@pytest.fixture
def enabled(modem: Modem) -> Iterator[int]:
    """SSId 1 enabled on AT instance 1 for the test (telit-ssl-ug §4.1), disabled afterwards."""
    yield from enabled_socket(modem, 1)
