"""Example telit-ssl-ug §4.3.2: #SSLEN in modules providing several SSL sockets.

The transcript lives in vectors/telit/examples.toml and is replayed line for line.
"""

from __future__ import annotations

import pytest

from conformance.telit.common import run_example
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "4.3.2")
@pytest.mark.spec("telit-ssl-ug", "4.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.spec("telit-ssl-ug", "4.6")
@pytest.mark.spec("telit-ssl-ug", "8.2")
@pytest.mark.needs("six_sockets", "second_instance")
@pytest.mark.erratum("TSU-05")
def test_example_4_3_2(modem: Modem, modem2: Modem, profile: Profile) -> None:
    run_example("4.3.2", profile, {1: modem, 2: modem2})
