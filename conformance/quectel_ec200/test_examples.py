"""The example transcripts of quectel-ec200-ssl (§3.1-§3.5), replayed from ``vectors/quectel_ec200/examples.toml``.

One test per example, marks from its entry (``conformance/shared/examples.py``): a new example is a table
entry, not a module.
"""

from __future__ import annotations

import pytest

from conformance.shared.examples import params, run
from harness.apn import Network
from harness.profiles import Profile
from servers.pytest_plugin import ServerHandle

DOCUMENT, FOLDER = "quectel-ec200-ssl", "quectel_ec200"

# The profile parametrization reads the definition's spec marks to choose this document's profiles; the
# examples' own clauses are per-parameter marks. §1 names the modules every example applies to.
pytestmark = pytest.mark.spec(DOCUMENT, "1")


@pytest.mark.parametrize("example", params(FOLDER, DOCUMENT))
def test_example(example: str, request: pytest.FixtureRequest, profile: Profile, network: Network) -> None:
    def values(profile: Profile, server: ServerHandle | None) -> dict[str, object]:
        """The document's placeholders (errata QEC-10): the run's APN for "UNINET"."""
        return {"apn": network.apn}

    run(FOLDER, example, request, profile, values)
