"""The fixtures a test asks for: ``modem`` and ``modem2`` (AT instances 1 and 2 of the target),
``network`` (the APN and its credentials) and ``observe`` (behaviour the documents leave open). The
``profile`` argument is parametrized at collection (:mod:`harness.plugin.collection`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from harness.apn import Network
from harness.modem import Modem
from harness.plugin.options import SETTINGS
from harness.plugin.targets import POOL
from harness.profiles import Profile

__all__ = ["modem", "modem2", "network", "observe"]


@pytest.fixture
def modem(request: pytest.FixtureRequest, profile: Profile) -> Iterator[Modem]:
    """AT instance 1 of the target, checked with ``AT`` before the test; closed after it."""
    yield from request.config.stash[POOL].open(request, profile, 1)


@pytest.fixture
def modem2(request: pytest.FixtureRequest, profile: Profile, modem: Modem) -> Iterator[Modem]:
    """AT instance 2 of the same module (opened after instance 1, so both share one module)."""
    yield from request.config.stash[POOL].open(request, profile, 2)


@pytest.fixture
def network(request: pytest.FixtureRequest) -> Network:
    """The APN and credentials of PDP context 1 (``--apn``, ``--apn-user``, ``--apn-password``)."""
    return request.config.stash[SETTINGS].network


@pytest.fixture
def observe(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Record behaviour the documents leave open (host-name checking...): shown in the report as an
    observation, apart from verdicts, and in results.json under ``observations``."""

    def record(text: str) -> None:
        request.node.user_properties.append(("observation", text))

    return record
