"""pytest plugin: the ``pki`` and ``tls_server`` fixtures and the server options.

Registered by the project as the ``modem_servers`` pytest11 entry point. Loading it costs
nothing: the PKI is built the first time a test asks for ``pki`` or ``tls_server``.

Options (command line, or ini with the same name without dashes; the command line wins):

- ``--server-host``: the name modules dial, put into every certificate (default ``localhost``);
- ``--server-bind``: address the endpoints listen on (default ``127.0.0.1``);
- ``--servers-manifest``: use the farm described by this manifest (``python -m servers``)
  instead of starting endpoints; recorders are then unavailable (``None``).

``tls_server(scenario, *, suites=None, versions=None, app=None)`` starts one endpoint for a
catalog scenario (by id or :class:`~servers.scenarios.Scenario`), optionally overriding its
suites, its ``(min, max)`` versions or its app, and returns a :class:`ServerHandle`
(``config``, ``recorder``). Endpoints stop at the end of the test.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from .apps import App, Ftps
from .control import lab_recorder
from .endpoint import ServerConfig
from .manifest import Manifest, load_manifest
from .pki import Pki
from .protocol import TlsVersion
from .recorder import Recorder
from .scenarios import Scenario, backend_for, by_id

__all__ = ["ServerHandle", "TlsServerFactory"]

_OPTIONS: tuple[tuple[str, str, str | None], ...] = (
    ("server-host", "host name the module dials; written into the certificates (default: localhost)", "localhost"),
    ("server-bind", "address the TLS endpoints listen on (default: 127.0.0.1)", "127.0.0.1"),
    ("servers-manifest", "use the lab farm of this manifest (python -m servers) instead of local endpoints", None),
    ("farm-pki", "keep the farm's PKI in DIR and reuse it: built there by the first run, loaded by the next ones "
     "(runs of the suite one after another; default: a fresh PKI each run, deleted at its end)", None),
    ("server-idle", "seconds a TLS endpoint waits for the module's next bytes before it closes the connection "
     "(default 30; over a slow line give more: a module drained at 9600 baud is silent towards the server for "
     "the ~70 s 64 KiB take to reach the host)", None),
)

_MANIFEST_KEY = pytest.StashKey[Manifest | None]()
#: The endpoints a test started, so that their records can go into its report row.
_HANDLES_KEY = pytest.StashKey[list["ServerHandle"]]()


@dataclass(frozen=True, kw_only=True)
class ServerHandle:
    """A running endpoint as a test sees it: where it is, and what it recorded.

    Against a lab farm (``--servers-manifest``) ``recorder`` reads the farm's records through its control
    endpoint (:class:`servers.control.LabRecorder`), or is ``None`` when the manifest names none.
    """

    config: ServerConfig
    recorder: Recorder | None


#: ``tls_server(scenario, *, suites=None, versions=None, app=None) -> ServerHandle``
TlsServerFactory = Callable[..., ServerHandle]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("modem-servers", "TLS scenario servers")
    for name, help_text, default in _OPTIONS:
        # Help written once and used for both (pytest-timeout does the same).
        group.addoption(f"--{name}", dest=name.replace("-", "_"), default=None, help=help_text)
        parser.addini(name.replace("-", "_"), help_text, default=default)


def _option(config: pytest.Config, name: str) -> str | None:
    dest = name.replace("-", "_")
    value = config.getoption(dest)
    if value is not None:
        return str(value)
    ini = config.getini(dest)
    return str(ini) if ini else None


def pytest_configure(config: pytest.Config) -> None:
    _idle(config)  # a bad --server-idle is a usage error before anything runs, not an error in every test


def _idle(config: pytest.Config) -> float:
    """``--server-idle``: seconds, positive; a usage error otherwise."""
    text = _option(config, "server-idle")
    if text is None:
        return 30.0
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if seconds <= 0:
        raise pytest.UsageError(f"--server-idle takes a positive number of seconds, not {text!r}")
    return seconds


def _manifest(config: pytest.Config) -> Manifest | None:
    if _MANIFEST_KEY not in config.stash:
        path = _option(config, "servers-manifest")
        config.stash[_MANIFEST_KEY] = load_manifest(Path(path)) if path else None
    return config.stash[_MANIFEST_KEY]


def _server_ip(host: str, bind: str) -> str:
    for candidate in (bind, host):
        try:
            ip = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if not ip.is_unspecified:
            return candidate
    return socket.gethostbyname(host)


@pytest.fixture(scope="session")
def pki(pytestconfig: pytest.Config) -> Iterator[Pki]:
    """The session's PKI (roots, server and client credentials, every encoding), for ``--server-host``."""
    from .pki import build_pki, shared_pki  # here, not at import: loading the plugin must cost nothing

    host = _option(pytestconfig, "server-host") or "localhost"
    bind = _option(pytestconfig, "server-bind") or "127.0.0.1"
    keep = _option(pytestconfig, "farm-pki")
    if keep:
        try:
            yield shared_pki(Path(keep), host, _server_ip(host, bind))
        except ValueError as e:
            raise pytest.UsageError(f"--farm-pki: {e}") from None
        return
    built = build_pki(host, _server_ip(host, bind))
    try:
        yield built
    finally:
        built.close()


def _override(
    scenario: Scenario,
    suites: Sequence[str] | None,
    versions: tuple[TlsVersion, TlsVersion] | None,
    app: App | None,
) -> Scenario:
    changes: dict[str, object] = {}
    if suites is not None:
        changes["suites"] = tuple(suites)
    if versions is not None:
        changes["min_version"], changes["max_version"] = versions
    if suites is not None or versions is not None:
        # The backend follows the suites and versions asked for (servers.scenarios.backend_for).
        backend, reason = backend_for(
            tuple(suites) if suites is not None else scenario.suites,
            versions[0] if versions is not None else scenario.min_version,
        )
        changes["backend"], changes["unservable"] = backend, reason
    if app is not None:
        changes["app"] = app
    return dataclasses.replace(scenario, **changes) if changes else scenario  # type: ignore[arg-type]


@pytest.fixture
def tls_server(request: pytest.FixtureRequest) -> Iterator[TlsServerFactory]:
    """Factory: start the endpoint of a catalog scenario for this test (see the module docstring)."""
    manifest = _manifest(request.config)
    bind = _option(request.config, "server-bind") or "127.0.0.1"
    with ExitStack() as stack:

        def factory(
            scenario: str | Scenario,
            *,
            suites: Sequence[str] | None = None,
            versions: tuple[TlsVersion, TlsVersion] | None = None,
            app: App | None = None,
        ) -> ServerHandle:
            chosen = by_id(scenario) if isinstance(scenario, str) else scenario
            if manifest is not None:
                entry = manifest.entries.get(chosen.id)
                if entry is None:
                    pytest.skip(f"not run: scenario {chosen.id!r} is not in the servers manifest")
                served = (entry.min_version, entry.max_version)
                if suites is not None or app is not None or (versions is not None and tuple(versions) != served):
                    # The clause applies; this farm cannot set the server up for it (harness.verdicts: not run).
                    # Versions it serves already are no override (python -m servers --versions MIN-MAX).
                    pytest.skip(
                        "not run: a lab farm (--servers-manifest) serves its scenarios as they are: no overrides"
                        + (f" (it serves {served[0].value}-{served[1].value})" if versions is not None else "")
                    )
                config = entry.server_config()  # takes the lab farm's records cursor (servers.control)
                return _remember(ServerHandle(config=config, recorder=lab_recorder(config)))
            effective = _override(chosen, suites, versions, app)
            built: Pki = request.getfixturevalue("pki")
            if isinstance(effective.app, Ftps):
                from .apps.ftps import FtpsServer

                ftps = stack.enter_context(FtpsServer(effective, built, bind=bind))
                return _remember(ServerHandle(config=ftps.config, recorder=ftps.recorder))
            from .endpoint import Timeouts, TlsEndpoint

            endpoint = stack.enter_context(
                TlsEndpoint(effective, built, bind=bind, timeouts=Timeouts(idle=_idle(request.config)))
            )
            return _remember(ServerHandle(config=endpoint.config, recorder=endpoint.recorder))

        def _remember(handle: ServerHandle) -> ServerHandle:
            request.node.stash.setdefault(_HANDLES_KEY, []).append(handle)
            return handle

        yield factory


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Put what each server recorded into the test's report (a section per endpoint)."""
    report: pytest.TestReport = yield
    if report.when == "call":
        for handle in item.stash.get(_HANDLES_KEY, []):
            if handle.recorder is None:
                continue
            try:
                records = handle.recorder.records
                open_now = handle.recorder.in_flight
            except Exception as e:  # a lab farm's control endpoint failed: the report says so, the verdict stands
                report.sections.append((f"TLS server: {handle.config.scenario.id}", f"records not read: {e}"))
                continue
            body = "\n".join(r.describe() for r in records)
            if open_now:
                body += f"\n{open_now} connection(s) still open when the test ended (recorded when they close)"
            body = body.strip() or "no connection reached this server"
            report.sections.append(
                (f"TLS server: {handle.config.scenario.id} at {handle.config.host}:{handle.config.port}", body)
            )
    return report
