"""The example transcripts of telit-ssl-ug, replayed from ``vectors/telit/examples.toml``.

One test per example, marks from its entry (``conformance/shared/examples.py``): a new example is a table
entry, not a module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from conformance.shared.examples import examples, params, run
from conformance.shared.pem import pem_lf
from conformance.telit.common import placeholders
from harness.modem import Modem
from harness.profiles import Profile
from harness.vectors import load
from servers.pytest_plugin import ServerHandle

DOCUMENT, FOLDER = "telit-ssl-ug", "telit"

# The profile parametrization reads the definition's spec marks to choose this document's profiles; the
# examples' own clauses are per-parameter marks. Every example runs on the products the document's
# applicability table lists, so that is the clause the module as a whole cites.
pytestmark = pytest.mark.spec(DOCUMENT, "Applicability table")

SSLSRING_MAX: Mapping[str, int] = load("telit/sockets")["sslsring"]["max_chunk"]


def values(profile: Profile, server: ServerHandle | None) -> dict[str, object]:
    """The document's placeholders: the profile's (``conformance/telit/common.py``), the SSLSRING mode-2 chunk
    size of its technology (§5.1.2.2.2), and the farm's root CA as #SSLSECDATA takes it (§4.4: LF line ends)."""
    out = dict(placeholders(profile))
    out["sslsring_max"] = SSLSRING_MAX[profile.technology]
    if server is not None:
        ca = pem_lf(server.config.ca.pem)
        out["ca_pem"], out["ca_size"] = ca, len(ca)
    return out


def recv_spelling(modem: Modem, observe: Callable[[str], None]) -> str:
    """The receive command the §5.4.2 / §5.4.3 replays send (errata TSU-38, revisiting TSU-14): the examples'
    #SSLRCV if the module knows it (its test form answers OK), else #SSLRECV, the one the command list and
    §5.1.2.2.1 define. Which one the module knows is an observation, not a verdict."""
    known = modem.command("AT#SSLRCV=?").final.is_ok
    observe(f"#SSLRCV (the spelling of §5.4.2, §5.4.3) {'known' if known else 'not known: replayed with #SSLRECV'}")
    return "SSLRCV" if known else "SSLRECV"


@pytest.mark.parametrize("example", params(FOLDER, DOCUMENT))
def test_example(example: str, request: pytest.FixtureRequest, profile: Profile) -> None:
    entry = examples(FOLDER)[example]
    # errata TSU-05: §4.3.1 prints one "Resource used by another instance" with a final period.
    tolerate = "TSU-05" in entry.get("errata", [])
    placeholders: Callable[[Profile, ServerHandle | None], dict[str, object]] = values
    if "{recv}" in entry["transcript"]:
        recv = recv_spelling(request.getfixturevalue("modem"), request.getfixturevalue("observe"))

        def placeholders(profile: Profile, server: ServerHandle | None) -> dict[str, object]:
            return {**values(profile, server), "recv": recv}

    run(FOLDER, example, request, profile, placeholders, tolerate_period=tolerate)
