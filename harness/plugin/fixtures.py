"""The fixtures a test asks for: ``modem`` and ``modem2`` (AT instances 1 and 2 of the target),
``network`` (the APN and its credentials) and ``observe`` (behaviour the documents leave open). The
``profile`` argument is parametrized at collection (:mod:`harness.plugin.collection`).

An observation is not a verdict, and never counts as one. A test that checks its clause and records what
the documents leave open beside it calls ``observe(text)``: its verdict is its checks'. A test, or a case of
one, that can only observe (the documents do not state what the module must do: host-name checking where a
document is silent on it) ends with ``observe(text, instead_of_verdict=True)``: the observation is
recorded and the test ends *not run as a verdict*, so it counts as no pass of its clauses in the report's
traceability matrix; a test that never gives a verdict is marked ``@pytest.mark.observation`` as well, and
``python -m tools coverage`` then counts none of its spec marks as covering a section.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

import pytest

from harness.apn import Network
from harness.modem import Modem
from harness.plugin.options import SETTINGS
from harness.plugin.targets import POOL
from harness.profiles import Profile

__all__ = ["OBSERVED_PREFIX", "Observe", "modem", "modem2", "network", "observe"]

#: How a test that ended on an observation instead of a verdict is reported (a "not run" skip:
#: harness/verdicts.py; the clause applies, but no document says what the module must do).
OBSERVED_PREFIX = "not run as a verdict"


class Observe(Protocol):
    """The ``observe`` fixture: record behaviour the documents leave open (see the module docstring)."""

    def __call__(self, text: str, *, instead_of_verdict: bool = False) -> None: ...


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "observation: the test only records observations (observe(..., instead_of_verdict=True)); its spec "
        "marks say which clauses it observes, and count as covering none (python -m tools coverage)",
    )


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
def observe(request: pytest.FixtureRequest) -> Observe:
    """Record behaviour the documents leave open (host-name checking...): shown in the report as an
    observation, apart from verdicts, and in results.json under ``observations``. With
    ``instead_of_verdict=True`` the test ends there, *not run as a verdict* (no pass of its clauses)."""

    def record(text: str, *, instead_of_verdict: bool = False) -> None:
        request.node.user_properties.append(("observation", text))
        if instead_of_verdict:
            cited = ", ".join(f"{m.args[0]} §{m.args[1]}" for m in request.node.iter_markers("spec")) or "no clause"
            pytest.skip(f"{OBSERVED_PREFIX} ({cited}): no document says what the module must do; observed: {text}")

    return record
