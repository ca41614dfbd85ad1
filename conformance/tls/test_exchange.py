"""Data through an accepted connection, on every module through its document's driver: what the module sends
arrives at the server, and what the server answers is read back, byte for byte (telit-ssl-ug §5.1.2.1,
§5.1.2.2.1; telit-gsm-ssl §4.2.2.1, §4.2.2.2: each driver cites its document's send and receive clauses).

The farm's ``valid`` endpoint echoes what it receives (servers/apps). The negative control comes first: with
nothing sent, nothing is read, so the echo check cannot pass on data the module made up.
"""

from __future__ import annotations

import pytest

from conformance.shared import drivers
from conformance.shared.driver import AuthMode, SocketDriver
from conformance.shared.servers import Serve, records_after
from conformance.tls.citing import cites_every_driver
from harness.modem import Modem

#: Printable ASCII without Ctrl-Z (some documents end send data with it), long enough to span the farm's
#: read buffer: every byte value from 0x20 to 0x7E, three times over.
PAYLOAD = bytes(range(0x20, 0x7F)) * 3
#: How long the control waits for bytes that must not come over a real network (seconds; harness/waits.py).
QUIET = 2.0


@cites_every_driver(drivers.exchange_clauses)
def test_accepted_connection_echoes_what_the_module_sends(
    driver: SocketDriver, modem: Modem, ready: None, serve: Serve
) -> None:
    server = serve("valid")
    driver.set_auth(AuthMode.NONE)
    result = driver.dial(server.config)
    clauses = ", ".join(str(c) for c in type(driver).exchange_clauses)
    if not result.ok:
        pytest.fail(f"{clauses}: the valid endpoint must be reachable to exchange data; {result.describe()}")
    assert driver.receive(len(PAYLOAD), deadline_s=modem.waits.quiet(QUIET)) == b"", (
        f"{clauses}: nothing was sent and the echo server sends nothing first, yet data was read"
    )
    driver.send(PAYLOAD)
    got = driver.receive(len(PAYLOAD))
    assert got == PAYLOAD, f"{clauses}: sent {len(PAYLOAD)} bytes, read back {len(got)}: {got[:80]!r}..."
    (record,) = records_after(driver.close, server)
    assert record.handshake_done and record.bytes_received == len(PAYLOAD), (
        f"{clauses}: the server must have received the {len(PAYLOAD)} bytes sent: {record.describe()}"
    )
