"""Example telit-ssl-ug §4.7.3.2.2: Server authentication mode, 3G/4G modules, PEM format (configuration).

The transcript lives in vectors/telit/examples.toml and is replayed line for line.
"""

from __future__ import annotations

import pytest

from conformance.telit.common import run_example
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "4.7.3.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.needs("cert_format")
def test_example_4_7_3_2_2(modem: Modem, profile: Profile) -> None:
    run_example("4.7.3.2.2", profile, {1: modem})
