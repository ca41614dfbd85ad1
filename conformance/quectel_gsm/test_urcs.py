"""+QSSLURC "closed": the module closes a socket the peer closed (quectel-gsm-ssl §2.2.10.2)."""

from __future__ import annotations

import pytest

from conformance.quectel_gsm.common import SSID, clause, ssl_open
from conformance.shared.servers import Serve
from harness.checks import expect_error
from harness.modem import Modem
from servers.apps import Scripted, Then

pytestmark = pytest.mark.spec("quectel-gsm-ssl", "2.2.10.2")
CLAUSE = clause("2.2.10.2")


def test_closed_urc_when_the_server_closes(modem: Modem, ready: None, serve: Serve) -> None:
    # The farm's push-then-close endpoint, told to send nothing: it closes right after the handshake.
    r, code = ssl_open(modem, serve("push-then-close", app=Scripted(chunks=(), then=Then.CLOSE)).config)
    assert code == 0, f"{clause('2.2.2')}: the endpoint opens; {r.describe()}"
    urc = modem.wait_urc('+QSSLURC: "closed"', timeout=modem.waits.network(10))
    assert urc.text == f'+QSSLURC: "closed",{SSID}', f'{CLAUSE}: +QSSLURC: "closed",<ssid>; got {urc.text!r}'
    # "the module will close <ssid> SSL connection automatically": nothing more can be sent on it.
    expect_error(modem.command(f"AT+QSSLSEND={SSID},5"), f"{CLAUSE}: the socket is closed")


def test_no_closed_urc_while_the_server_stays(modem: Modem, ready: None, serve: Serve) -> None:
    # Negative control: the echo endpoint stays open; no "closed" comes.
    assert ssl_open(modem, serve("valid").config)[1] == 0
    with pytest.raises(Exception, match="target silent"):
        modem.wait_urc('+QSSLURC: "closed"', timeout=modem.waits.quiet(1.5))
