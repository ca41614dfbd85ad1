"""Shared fixtures for the servers' own tests: one PKI and one farm per session.

The farm serves every scenario of the catalog; tests that need fresh records or special
timeouts start their own endpoint from the same PKI (cheap: no key generation).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest

from servers.farm import Farm
from servers.pki import Pki, build_pki


def pytest_configure(config: pytest.Config) -> None:
    # pytester comes from the top-level conftest. tests/servers needs the openssl command;
    # .ci/run installs Debian's openssl when missing.
    if shutil.which("openssl") is None:
        raise pytest.UsageError("tests/servers need the `openssl` command (apt-get install openssl)")


@pytest.fixture(scope="session")
def farm_pki() -> Iterator[Pki]:
    """The PKI every test here shares (host localhost, IP 127.0.0.1)."""
    pki = build_pki("localhost", "127.0.0.1")
    try:
        yield pki
    finally:
        pki.close()


@pytest.fixture(scope="session")
def farm(farm_pki: Pki) -> Iterator[Farm]:
    """Every scenario of the catalog, each on its own port of 127.0.0.1."""
    with Farm(farm_pki) as running:
        yield running


def openssl_version() -> str:
    """``openssl version`` output, for messages."""
    return subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True).stdout.strip()
