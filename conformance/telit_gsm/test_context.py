"""Context activation (telit-gsm-ssl §2.1): ``AT#SGACT=1,1`` answers ``#SGACT: "<address>"``, then OK "if
activation success"; SSL sockets need it (errata TSU-52: the address quoted or not)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.context import activation_address, activation_line
from conformance.telit.sockets import dial, ssls
from harness.apn import Network
from harness.checks import expect_error, expect_ok
from harness.modem import Modem

CLAUSE = "telit-gsm-ssl §2.1"


@pytest.mark.spec("telit-gsm-ssl", "2.1")
@pytest.mark.erratum("TSU-52")
def test_activation_answers_the_address_then_ok(modem: Modem, network: Network, ready: None, serve: Serve) -> None:
    server = serve("valid")
    expect_ok(modem.command("AT#SGACT=1,0", timeout=DIAL_TIMEOUT), f"{CLAUSE}: deactivate the context")
    # Negative control: "the user must open it by issuing AT#SGACT=1,1": with the context down no socket connects.
    expect_error(dial(modem, server.config), f"{CLAUSE}: no SSL socket without AT#SGACT=1,1")
    assert ssls(modem)[1] != "2", f"{CLAUSE}: the failed dial left no connection"
    r = expect_ok(modem.command(activation_line(network), timeout=DIAL_TIMEOUT), f"{CLAUSE}: AT#SGACT=1,1")
    activation_address(r, f"{CLAUSE}: 'The response code to the AT#SGACT=1 command reports the IP address'")
    expect_ok(dial(modem, server.config), f"{CLAUSE}: the socket connects on the activated <cid> 1")
