"""The socket-driver registry (conformance/shared/drivers.py): one line per document, a clear skip without one."""

from __future__ import annotations

from typing import cast

import pytest

from conformance.shared import drivers
from conformance.shared.driver import AuthMode, NotSelectable, SocketDriver, Storage
from conformance.shared.drivers import DriverFactory, NoDriver
from conformance.telit.driver import TelitDriver
from conformance.telit_gsm.driver import TelitGsmDriver
from harness.modem import Modem
from harness.profiles import DOCUMENTS, all_profiles
from servers.protocol import TlsVersion

# Static: mypy checks that each driver class is a factory of the protocol (tests are type-checked too).
FACTORIES: tuple[DriverFactory, ...] = (TelitDriver, TelitGsmDriver)


def test_every_registered_document_resolves_to_a_driver_of_the_protocol() -> None:
    profiles = all_profiles()
    for document in drivers.documents():
        assert document in DOCUMENTS, f"{document}: not a document of harness/profiles.py"
        profile = next(p for p in profiles.values() if p.document == document)
        driver = drivers.driver_for(cast(Modem, None), profile)
        assert isinstance(driver, SocketDriver) and driver.document == document
        assert drivers.auth_clauses(document) and all(c.doc == document for c in drivers.auth_clauses(document))
        settings = {driver.auth_setting(mode).clause.doc for mode in AuthMode}
        assert settings == {document}, "each auth mode cites the driver's own document"


def test_a_document_without_a_driver_is_a_lookup_error_naming_it() -> None:
    with pytest.raises(NoDriver, match=r"no driver for no-such-document .*telit-ssl-ug"):
        drivers.factory("no-such-document")


CONFTEST = """
pytest_plugins = ["conformance.conftest"]
"""

SUITE = """
import pytest
from conformance.shared import drivers

@pytest.fixture(autouse=True)
def no_telit_driver(monkeypatch):
    monkeypatch.delitem(drivers.REGISTRY, "telit-ssl-ug")

@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_uses_the_driver(driver, profile):
    pass

@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_serves_without_a_driver(modem, profile, serve):
    assert serve("valid").config.port > 0
"""


def test_the_driver_fixture_skips_a_document_without_one(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(SUITE)
    plugins = ("-p", "harness.plugin", "-p", "servers.pytest_plugin", "-p", "no:cacheprovider")
    result = pytester.runpytest(*plugins, "--profile", "telit/he910", "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*not run: no driver for telit-ssl-ug*"])


def test_versions_and_suites_are_what_the_profile_can_select() -> None:
    profiles = all_profiles()
    he910 = drivers.driver_for(cast(Modem, None), profiles["telit/he910"])
    assert he910.versions() == (TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2), "Tab. 1, platform 12"
    assert "TLS_RSA_WITH_AES_128_CBC_SHA" in he910.suites() and "TLS_RSA_WITH_NULL_SHA" in he910.suites()
    with pytest.raises(NotSelectable, match=r"SSLv3 is not selectable; selectable: TLSv1, TLSv1.1, TLSv1.2"):
        he910.set_version(TlsVersion.SSL3)
    with pytest.raises(NotSelectable, match="no <CipherSuite> proposes TLS_AES_128_GCM_SHA256"):
        he910.set_suite("TLS_AES_128_GCM_SHA256")
    ge865 = drivers.driver_for(cast(Modem, None), profiles["telit/ge865"])
    assert ge865.versions() == ()
    with pytest.raises(NotSelectable, match="none"):
        ge865.set_version(TlsVersion.TLS1_2)
    gc864 = drivers.driver_for(cast(Modem, None), profiles["telit-gsm/gc864"])
    assert gc864.suites() == ("SSL_RSA_WITH_RC4_128_MD5", "SSL_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA")
    assert gc864.storage is Storage.NVM and he910.storage is Storage.RAM, "RAM where the document offers it"
    assert gc864.server_overrides() == {"versions": (TlsVersion.TLS1_0, TlsVersion.TLS1_2)}, "errata TSU-21"
