"""+QSSLURC: "closed": the server ends the connection (quectel-ec200-ssl §2.3.2), in buffer access mode."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from conformance.quectel_ec200.common import CLIENT, clause, recv, ssl_close, ssl_open, state_rows
from conformance.shared.servers import Serve
from harness.checks import expect_ok
from harness.events import Urc
from harness.modem import Modem

# The buffer is read with +QSSLRECV (§2.2.4) until the URC comes.
pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "2.3.2"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.4"),
    pytest.mark.erratum("QEC-12"),
]
CLAUSE = clause("2.3.2")
CHUNKS = b"chunk-1\r\nchunk-2\r\nchunk-3\r\n"  # the push-then-close scenario's three chunks


def read_until_closed(modem: Modem, deadline_s: float) -> tuple[bytes, Urc]:
    """Read the buffer (§2.2.4) until ``+QSSLURC: "closed"`` comes, before or after the data was read (the
    document does not say which); stops reading at the first ERROR ("abnormally closed", §2.2.4)."""
    got = bytearray()
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        r = recv(modem)
        piece = b"".join(r.payloads) if r.ok else b""
        got += piece
        if piece:
            continue
        urc = modem.wait_urc('+QSSLURC: "', timeout=max(0.1, deadline - time.monotonic()))
        if urc.text.startswith('+QSSLURC: "closed"'):
            return bytes(got), urc
        if not r.ok:
            break
    return bytes(got), modem.wait_urc('+QSSLURC: "closed"', timeout=max(0.1, deadline - time.monotonic()))


def test_closed_urc_leaves_the_socket_closing_until_closed(
    modem: Modem, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    server = serve("push-then-close").config
    r, code = ssl_open(modem, server)
    assert r.ok and code == 0, f"{clause('2.2.2')}: the endpoint opens; {r.describe()}"
    got, urc = read_until_closed(modem, 10.0)
    assert urc.text == f'+QSSLURC: "closed",{CLIENT}', f'{CLAUSE}: +QSSLURC: "closed",<clientID>; {urc.text!r}'
    # §2.3.2 calls this an "abnormal disconnection" and §2.2.4 answers ERROR on an "abnormally closed"
    # connection: whether the data sent before the close can all be read is open, and recorded.
    observe(f"{CLAUSE}: {len(got)} of the {len(CHUNKS)} bytes sent before the close were read")
    (row,) = state_rows(modem, CLIENT)
    assert row[5] in ("4", "0"), f"{CLAUSE}: the state 'may be \"closing\"' (4) until +QSSLCLOSE: {row}"
    expect_ok(ssl_close(modem), f"{CLAUSE}: 'AT+QSSLCLOSE=<clientID> must be executed'")
    assert all(r[5] == "0" for r in state_rows(modem, CLIENT)), f'{CLAUSE}: then the state is "initial"'
    r, code = ssl_open(modem, serve("valid").config)  # control: the clientID is free again
    assert r.ok and code == 0, f"{CLAUSE}: after +QSSLCLOSE the clientID opens again; {r.describe()}"
