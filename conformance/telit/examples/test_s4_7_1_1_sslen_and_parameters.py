"""Example telit-ssl-ug §4.7.1.1: #SSLEN command and SSL parameters, 3G modules.

The transcript lives in vectors/telit/examples.toml and is replayed line for line.
"""

from __future__ import annotations

import pytest

from conformance.telit.common import run_example
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "4.7.1.1")
@pytest.mark.spec("telit-ssl-ug", "3")
@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "8.2")
@pytest.mark.needs("platform_12", "fresh_power_on")
@pytest.mark.erratum("TSU-01", "TSU-02")
def test_example_4_7_1_1(modem: Modem, profile: Profile) -> None:
    run_example("4.7.1.1", profile, {1: modem})
