"""The example transcripts of telit-gsm-ssl, replayed from ``vectors/telit_gsm/examples.toml``.

One test per example, marks from its entry (``conformance/shared/examples.py``): a new example is a table
entry, not a module.
"""

from __future__ import annotations

import pytest

from conformance.shared.examples import params, run
from conformance.shared.pem import pem_lf
from harness.profiles import Profile
from servers.pytest_plugin import ServerHandle

DOCUMENT, FOLDER = "telit-gsm-ssl", "telit_gsm"

# The profile parametrization reads the definition's spec marks to choose this document's profiles; the
# examples' own clauses are per-parameter marks. Every example runs on the products the document's
# applicability table lists, so that is the clause the module as a whole cites.
pytestmark = pytest.mark.spec(DOCUMENT, "Applicability table")


def values(profile: Profile, server: ServerHandle | None) -> dict[str, object]:
    """The document's placeholders: the farm's root CA as #SSLSECDATA takes it (§3.3: LF line ends)."""
    return {"ca_pem": pem_lf(server.config.ca.pem)} if server is not None else {}


@pytest.mark.parametrize("example", params(FOLDER, DOCUMENT))
def test_example(example: str, request: pytest.FixtureRequest, profile: Profile) -> None:
    run(FOLDER, example, request, profile, values)
