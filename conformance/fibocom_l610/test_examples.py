"""The example transcripts of fibocom-l610-ssl (§2 Examples 1-6), replayed from
``vectors/fibocom_l610/examples.toml``: one test per example, marks from its entry
(``conformance/shared/examples.py``)."""

from __future__ import annotations

import datetime

import pytest

from conformance.fibocom_l610.common import cclk, now
from conformance.shared.examples import Data, params, run
from conformance.shared.pem import pem_lf
from harness.profiles import Profile
from servers.pytest_plugin import ServerHandle

DOCUMENT, FOLDER = "fibocom-l610-ssl", "fibocom_l610"
#: How far on the clock of Example 3 is set: after the just-valid-leaf scenario's leaf expired (a year on),
#: in place of the printed 15/01/23,15:30:36, which is inside the farm's other chains (errata FIB-07).
OUTSIDE = datetime.timedelta(days=2 * 365)

pytestmark = pytest.mark.spec(DOCUMENT, "2")


def values(profile: Profile, server: ServerHandle | None) -> dict[str, object]:
    """The document's placeholders: the farm's root CA, client certificate and key as +GTSSLFILE takes them
    (PEM, LF line ends: errata FIB-04), and +CCLK times outside and inside their validity (FIB-07)."""
    out: dict[str, object] = {"clock_outside": cclk(now() + OUTSIDE, zone=False), "clock_now": cclk(now(), zone=False)}
    if server is not None:
        config = server.config
        out["ca_pem"] = Data(pem_lf(config.ca.pem))
        if config.client_cert is not None and config.client_key is not None:
            key = config.client_key.pkcs1_pem or config.client_key.pkcs8_pem  # PKCS#1 where RSA (FIB-04)
            out["cert_pem"], out["key_pem"] = Data(pem_lf(config.client_cert.pem)), Data(pem_lf(key))
    return out


@pytest.mark.parametrize("example", params(FOLDER, DOCUMENT))
def test_example(example: str, request: pytest.FixtureRequest, profile: Profile) -> None:
    run(FOLDER, example, request, profile, values)
