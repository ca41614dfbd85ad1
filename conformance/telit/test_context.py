"""The PDP context the sockets need (telit-ssl-ug §2): +CGDCONT defines it and reads it back, #SGACT=<cid>,1
activates it and answers the address the network gave, then OK.

Errata TSU-52: the read form of +CGDCONT is 3GPP TS 27.007 §10.1.1's (§2 refers to the AT reference for it);
the activation line is accepted with or without a space and quotes.
"""

from __future__ import annotations

import pytest

from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.context import activation_address, activation_line
from conformance.telit.sockets import dial, ssls
from harness.apn import Network
from harness.checks import expect_error, expect_ok
from harness.modem import Modem, Response

CLAUSE = "telit-ssl-ug §2"
pytestmark = [pytest.mark.spec("telit-ssl-ug", "2"), pytest.mark.erratum("TSU-52")]
#: A second context for the control (cid 2 is in every Telit module's <cid> range): its APN is the suite's own.
OTHER_CID, OTHER_APN = 2, "conformance.test"


def context_fields(r: Response, cid: int) -> list[str]:
    """<cid>, <PDP_type>, <APN> of the ``+CGDCONT:`` read line of ``cid``, quotes removed (27.007 §10.1.1)."""
    rows = [[v.strip('"') for v in row] for row in r.fields("+CGDCONT") if row and row[0] == str(cid)]
    assert len(rows) == 1, f"{CLAUSE} (27.007 §10.1.1): one +CGDCONT read line for <cid> {cid}; {r.describe()}"
    return rows[0][:3]


def test_cgdcont_defines_the_context_read_back(modem: Modem, network: Network) -> None:
    expect_ok(modem.command(f'AT+CGDCONT=1,"IP","{network.apn}"'), CLAUSE)
    try:
        # Control: another context with another APN is read back as its own, and context 1 keeps its values,
        # so a read form that repeats one line (or ignores the set form) fails.
        expect_ok(modem.command(f'AT+CGDCONT={OTHER_CID},"IP","{OTHER_APN}"'), CLAUSE)
        r = expect_ok(modem.command("AT+CGDCONT?"), f"{CLAUSE} (27.007 §10.1.1 read form)")
        assert context_fields(r, 1) == ["1", "IP", network.apn], f"{CLAUSE}: context 1 as set; {r.describe()}"
        assert context_fields(r, OTHER_CID) == [str(OTHER_CID), "IP", OTHER_APN], (
            f"{CLAUSE}: context {OTHER_CID} as set; {r.describe()}"
        )
    finally:
        modem.command(f"AT+CGDCONT={OTHER_CID}")  # 27.007: <cid> alone undefines it (teardown, not judged)


def test_activation_answers_the_address_then_ok(modem: Modem, network: Network, ready: None, serve: Serve) -> None:
    server = serve("valid")
    expect_ok(modem.command("AT#SGACT=1,0", timeout=DIAL_TIMEOUT), f"{CLAUSE}: <stat> 0 deactivates the context")
    # Negative control: "To work with sockets, you must configure a PDP context ... and activate it": with the
    # context down no socket connects.
    expect_error(dial(modem, server.config), f"{CLAUSE}: no SSL socket without an active PDP context")
    assert ssls(modem)[1] != "2", f"{CLAUSE}: the failed dial left no connection"
    r = expect_ok(modem.command(activation_line(network), timeout=DIAL_TIMEOUT), f"{CLAUSE}: #SGACT=1,1")
    activation_address(r, f"{CLAUSE}: '#SGACT:212.195.45.65 <- returns the IP address provided by the network'")
    expect_ok(dial(modem, server.config), f"{CLAUSE}: the socket connects through the activated context")
