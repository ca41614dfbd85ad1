"""Example telit-ssl-ug §4.7.3.1: Server authentication mode, 2G modules.

Configuration only; storing the CA comes with #SSLSECDATA.

The transcript lives in vectors/telit/examples.toml and is replayed line for line.
"""

from __future__ import annotations

import pytest

from conformance.telit.common import run_example
from harness.modem import Modem
from harness.profiles import Profile


@pytest.mark.spec("telit-ssl-ug", "4.7.3.1")
@pytest.mark.spec("telit-ssl-ug", "4.2.1")
@pytest.mark.needs("seccfg_2g")
def test_example_4_7_3_1(modem: Modem, profile: Profile) -> None:
    run_example("4.7.3.1", profile, {1: modem})
