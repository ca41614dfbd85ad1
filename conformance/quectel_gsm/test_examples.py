"""The example transcripts of quectel-gsm-ssl (§3.1-§3.3), replayed from ``vectors/quectel_gsm/examples.toml``.

One test per example, marks from its entry (``conformance/shared/examples.py``): a new example is a table
entry, not a module.
"""

from __future__ import annotations

import pytest

from conformance.shared.examples import params, run
from harness.apn import Network
from harness.profiles import Profile
from servers.apps.tcp_echo import TcpEchoServer
from servers.pki import Pki
from servers.pytest_plugin import ServerHandle

DOCUMENT, FOLDER = "quectel-gsm-ssl", "quectel_gsm"

# The profile parametrization reads the definition's spec marks to choose this document's profiles; the
# examples' own clauses are per-parameter marks. §1 names the modules every example applies to.
pytestmark = pytest.mark.spec(DOCUMENT, "1")


@pytest.mark.parametrize("example", params(FOLDER, DOCUMENT))
def test_example(
    example: str,
    request: pytest.FixtureRequest,
    profile: Profile,
    pki: Pki,
    network: Network,
    tcp_echo: TcpEchoServer,
) -> None:
    client = pki.credentials["client"]

    def values(profile: Profile, server: ServerHandle | None) -> dict[str, object]:
        """The document's placeholders (errata QGS-19): the files as they are uploaded (§2.2.7: PEM files,
        the key as PKCS#1 like §3.1's client_key.pem), the run's APN and the farm's plain TCP echo."""
        plain = tcp_echo.config
        out: dict[str, object] = {"apn": network.apn, "tcp_host": plain.host, "tcp_port": plain.port}
        files = {"cc": client.leaf_files.pem, "ck": client.key_files.pkcs1_pem or client.key_files.pkcs8_pem}
        if server is not None:
            files["ca"] = server.config.ca.pem
        for name, path in files.items():
            data = path.read_bytes()
            out[f"{name}_pem"], out[f"{name}_size"] = data, len(data)
        return out

    run(FOLDER, example, request, profile, values)
