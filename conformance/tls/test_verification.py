"""The farm's certificate-verification scenarios on every module, through its document's socket driver.

Each scenario of the catalog (servers/scenarios.py) is dialled under each authentication mode the documents
define, in words every document shares (:class:`~conformance.shared.driver.AuthMode`); the driver maps the
mode to its document's value and cites the clause (telit-ssl-ug §4.2.1/§4.2.2 <auth_mode>, telit-gsm-ssl
§3.2). What a module must do follows from the mode and the catalog's verdicts:

- a mode that verifies the server (server, server+client: "CA Certificate storage is needed") reaches the
  catalog's verdict for a verifying client; one that does not (none: "SSL verify none: no authentication,
  no security data is needed", telit-ssl-ug §4.2.1/§4.2.2; "No authentication", telit-gsm-ssl §3.2)
  reaches the non-verifying client's verdict;
- a server that requires a client certificate is refused unless the mode presents one (server+client:
  "Certificate (client) and Private Key (client) are needed");
- the host-name check is a verdict only where the document says the module makes it (the driver's
  ``host_name_clause``); elsewhere it is observed (telit: errata TSU-24).

Every check has its negative control beside it, under the same mode and the same kind of storage: a
scenario that must be refused is followed by the valid chain, which must be accepted (the refusal is the
scenario's, not a broken setup); one that must be accepted is followed by a scenario that must be refused
(untrusted root when the mode verifies, a required client certificate when it does not), so an acceptance
cannot come from a module that accepts everything. The outcomes go into the report's TLS table (module by
scenario, one table per mode: harness/report_tls.py).

These are additional to each document's own tests (conformance/telit/test_ssld.py checks <auth_mode> with
the document's values); the verdicts of those do not depend on these.
"""

from __future__ import annotations

import pytest

from conformance.shared import drivers
from conformance.shared.driver import AuthMode, DialResult, NotSelectable, SecurityData, SocketDriver
from conformance.shared.servers import Serve
from conformance.tls.citing import cites_every_driver
from harness.plugin.fixtures import Observe
from harness.profiles import Profile
from harness.report_tls import OBSERVATION, cell
from servers.endpoint import ServerConfig
from servers.pki import Pki
from servers.scenarios import ClientAuth, Scenario, Verdict, by_id

#: The verification scenarios, in the table's column order (ids of servers/scenarios.py).
SCENARIOS = (
    "valid",
    "untrusted-root",
    "expired-leaf",
    "not-yet-valid-leaf",
    "expired-root",
    "not-yet-valid-root",
    "wrong-host",
    "self-signed",
    "incomplete-chain",
    "client-cert-required",
    "client-cert-required-untrusted",
)
#: Scenarios whose verifying verdict rests on the host-name check alone (RFC 6125 §6).
HOST_NAME_SCENARIOS = frozenset({"wrong-host"})
#: The control that must be accepted beside a refusal, under every mode.
ACCEPTED_CONTROL = "valid"
#: The control that must be refused beside an acceptance: by the module when it verifies, by the server
#: (no client certificate) when it does not.
REFUSED_CONTROL = {True: "untrusted-root", False: "client-cert-required"}
#: The client credential presented in server+client mode when the scenario names none (servers/pki.py).
DEFAULT_CLIENT = "client"

ACCEPTED, REFUSED, OBSERVED = "accepted", "refused", OBSERVATION


def expected(scenario: Scenario, mode: AuthMode, driver: SocketDriver) -> str:
    """``accepted``, ``refused``, or ``observed`` (not a verdict) for ``scenario`` under ``mode``."""
    if scenario.client_auth is ClientAuth.REQUIRED and not mode.presents_client_certificate:
        return REFUSED
    if mode.verifies_server and scenario.id in HOST_NAME_SCENARIOS and driver.host_name_clause() is None:
        return OBSERVED
    verdict = scenario.verifying if mode.verifies_server else scenario.nonverifying
    return ACCEPTED if verdict is Verdict.ACCEPT else REFUSED


def control_for(want: str, mode: AuthMode) -> str:
    """The scenario dialled beside one expected to give ``want``: its outcome must be the opposite."""
    return REFUSED_CONTROL[mode.verifies_server] if want == ACCEPTED else ACCEPTED_CONTROL


def load(driver: SocketDriver, mode: AuthMode, config: ServerConfig, pki: Pki) -> None:
    """Store what ``mode`` needs: nothing for none, the server's root for server authentication, and the
    client certificate and key as well for server+client (the scenario's, else the farm's trusted one)."""
    if mode.verifies_server:
        driver.store(SecurityData.CA_CERT, config.ca)
    if mode.presents_client_certificate:
        if config.client_cert is not None and config.client_key is not None:
            driver.store(SecurityData.CLIENT_CERT, config.client_cert)
            driver.store(SecurityData.CLIENT_KEY, config.client_key)
        else:
            credential = pki.credentials[DEFAULT_CLIENT]
            driver.store(SecurityData.CLIENT_CERT, credential.leaf_files)
            driver.store(SecurityData.CLIENT_KEY, credential.key_files)


def attempt(driver: SocketDriver, config: ServerConfig) -> DialResult:
    """Dial, then close whatever came of it (the socket is free for the next dial)."""
    result = driver.dial(config)
    driver.close()
    return result


@cites_every_driver(drivers.auth_clauses)
@pytest.mark.parametrize("mode", list(AuthMode), ids=[m.value for m in AuthMode])
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_verification_scenario(
    driver: SocketDriver,
    profile: Profile,
    pki: Pki,
    ready: None,
    serve: Serve,
    observe: Observe,
    request: pytest.FixtureRequest,
    scenario_id: str,
    mode: AuthMode,
) -> None:
    setting = driver.auth_setting(mode)
    scenario = by_id(scenario_id)
    want = expected(scenario, mode, driver)
    control_id = control_for(want, mode)
    control_want = expected(by_id(control_id), mode, driver)
    assert control_want == (REFUSED if want == ACCEPTED else ACCEPTED), (
        f"suite: the control {control_id} must give the opposite of {scenario_id} under {mode.value}"
    )
    name, row = cell(
        f"{mode.value} authentication",
        profile.name,
        scenario_id,
        want,
        order=SCENARIOS.index(scenario_id),
        row_note=str(setting),
    )
    request.node.user_properties.append((name, row))
    where = (
        f'{setting} ("{setting.quote}"), {scenario_id}: {scenario.description} [{scenario.source}]'
        if setting.quote
        else f"{setting}, {scenario_id}: {scenario.description} [{scenario.source}]"
    )

    server = serve(scenario_id)
    try:
        load(driver, mode, server.config, pki)
        driver.set_auth(mode)
    except NotSelectable as e:  # the module cannot be put in this mode now (the driver says why): the clause
        pytest.skip(f"not run: {e}")  # applies, this module's state (a file kept until power-off) prevents it
    result = attempt(driver, server.config)
    row["observed"] = result.outcome
    row["detail"] = f"the module answered {result.final}"

    # The negative control, under the same mode; its own root where it differs (stored the same way).
    control = serve(control_id)
    if control.config.ca != server.config.ca or control.config.client_cert is not None:
        try:
            load(driver, mode, control.config, pki)
        except NotSelectable as e:
            pytest.skip(f"not run: the control {control_id}: {e}")
    control_result = attempt(driver, control.config)
    row["detail"] += f"; control {control_id}: {control_result.outcome} ({control_result.final})"

    assert control_result.outcome == control_want, (
        f"{setting}: the control {control_id} must be {control_want} under the same settings; "
        f"{control_result.describe()}"
    )
    if want == OBSERVED:
        # Not a verdict: the document does not say whether the name is checked (telit: errata TSU-24).
        observe(f"{setting}, {scenario.description}: {result.outcome} ({result.final})", instead_of_verdict=True)
    assert result.outcome == want, f"{where}: must be {want}; {result.describe()}"
    if not result.ok:
        assert result.error, f"{where}: a refused dial must report the module's error; {result.describe()}"
