"""The pytest plugin (servers.pytest_plugin), run in pytester sessions."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

from servers.farm import Farm
from servers.manifest import write_manifest
from servers.pki import Pki
from servers.scenarios import by_id

pytestmark = pytest.mark.timeout(120)


def _plugin_args() -> tuple[str, ...]:
    """``-p servers.pytest_plugin`` until the ``modem_servers`` entry point is installed; after
    that, the entry point loads it and ``-p`` would register the same module twice."""
    installed = any(ep.value == "servers.pytest_plugin" for ep in entry_points(group="pytest11"))
    return ("-p", "no:cacheprovider") if installed else ("-p", "servers.pytest_plugin", "-p", "no:cacheprovider")


PLUGIN = _plugin_args()

CLIENT = """
import socket, ssl

def connect(cfg, verify=True, host=None):
    ctx = ssl.create_default_context(cafile=str(cfg.ca_pem)) if verify else ssl._create_unverified_context()
    try:
        with socket.create_connection((cfg.host if host is None else "127.0.0.1", cfg.port), timeout=5) as raw:
            with ctx.wrap_socket(raw, server_hostname=host or cfg.host) as tls:
                tls.sendall(b"ping")
                return tls.recv(4) == b"ping"
    except (ssl.SSLError, OSError):
        return False
"""


def test_plugin_loads_without_building_a_pki(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("PKI built")

    # The plugin imports build_pki when the fixture runs, so this catches any build.
    monkeypatch.setattr("servers.pki.build_pki", boom)
    pytester.makepyfile(
        test_plain="def test_nothing_tls():\n    assert 1 + 1 == 2\n",
        test_control="def test_uses_pki(pki):\n    assert pki\n",
    )
    result = pytester.runpytest_inprocess(*PLUGIN)
    result.assert_outcomes(passed=1, errors=1)  # the control proves the guard would fire
    result.stdout.fnmatch_lines(["*RuntimeError: PKI built*"])


def test_options_in_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_inprocess(*PLUGIN, "--help")
    result.stdout.fnmatch_lines(["*--server-host*", "*--server-bind*", "*--servers-manifest*"])


def test_tls_server_factory(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
from servers.recorder import Outcome

def test_valid(tls_server):
    server = tls_server("valid")
    assert server.config.host == "localhost" and server.config.port > 0
    assert connect(server.config)
    assert server.recorder.last().outcome is Outcome.COMPLETED

def test_expired(tls_server):
    server = tls_server("expired-leaf")
    assert not connect(server.config)
    assert connect(server.config, verify=False)

def test_override_suite_picks_tlslite(tls_server):
    server = tls_server("version-tls1.2", suites=["TLS_RSA_WITH_RC4_128_SHA"])
    assert server.config.scenario.backend.value == "tlslite"
    assert not connect(server.config)  # ssl cannot offer RC4: refused, and recorded
    assert server.recorder.last().client_hello is not None

def test_files_for_the_module(tls_server):
    cfg = tls_server("client-cert-required").config
    assert cfg.ca.pem.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert cfg.ca.der.read_bytes()[:1] == b"\\x30"
    assert cfg.client_key.pkcs1_pem.read_bytes().startswith(b"-----BEGIN RSA PRIVATE KEY-----")
    assert cfg.client_cert.b64.read_bytes()[:2] == b"MI"
"""
    )
    result = pytester.runpytest_inprocess(*PLUGIN)
    result.assert_outcomes(passed=4)


def test_server_host_goes_into_the_certificates(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
def test_host(pki, tls_server):
    assert pki.server_host == "modem.test"
    cfg = tls_server("valid").config
    assert cfg.host == "modem.test"
    assert connect(cfg, host="modem.test")
    assert not connect(cfg, host="localhost")
"""
    )
    result = pytester.runpytest_inprocess(*PLUGIN, "--server-host", "modem.test", "--server-bind", "127.0.0.1")
    result.assert_outcomes(passed=1)


def test_servers_manifest_is_used_instead_of_local_endpoints(pytester: pytest.Pytester, farm_pki: Pki) -> None:
    scenarios = [by_id("valid"), by_id("expired-leaf")]
    with Farm(farm_pki, scenarios=scenarios) as farm:
        path = pytester.path / "m.json"
        write_manifest(farm, path)
        port = farm["valid"].config.port
        pytester.makepyfile(
            CLIENT
            + f"""
import pytest

def test_from_manifest(tls_server):
    server = tls_server("valid")
    assert server.recorder is None and server.config.port == {port}
    assert connect(server.config)
    assert not connect(tls_server("expired-leaf").config)

def test_missing_scenario_is_skipped(tls_server):
    tls_server("wrong-host")

def test_overrides_are_skipped(tls_server):
    tls_server("valid", suites=["TLS_RSA_WITH_AES_128_CBC_SHA"])
"""
        )
        result = pytester.runpytest_inprocess(*PLUGIN, "--servers-manifest", str(path), "-rs")
    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(["*not in the servers manifest*", "*no overrides*"])


def test_server_idle_sets_the_endpoints_idle_deadline_and_refuses_a_bad_value(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        CLIENT
        + """
import socket, ssl, time

def test_dropped_after_the_idle_deadline(tls_server):
    server = tls_server("valid")
    ctx = ssl._create_unverified_context()
    with socket.create_connection((server.config.host, server.config.port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname=server.config.host) as tls:
            started = time.monotonic()
            assert tls.recv(4) == b""  # says nothing: the server closes it after --server-idle
            assert time.monotonic() - started < 4  # not the default 30 s
    assert connect(server.config)  # the control: a client that talks is served
"""
    )
    pytester.runpytest(*PLUGIN, "--server-idle", "0.5").assert_outcomes(passed=1)
    result = pytester.runpytest(*PLUGIN, "--server-idle", "soon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--server-idle takes a positive number of seconds, not 'soon'*"])
