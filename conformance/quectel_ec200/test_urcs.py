"""+QSSLURC: "closed": the server ends the connection (quectel-ec200-ssl §2.3.2), in buffer access mode."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from conformance.quectel_ec200.common import (
    CLIENT,
    clause,
    expect_error_code,
    recv,
    ssl_close,
    ssl_open,
    state_rows,
)
from conformance.shared.servers import Serve
from harness.checks import expect_error, expect_ok
from harness.events import Urc
from harness.modem import Modem

# The buffer is read with +QSSLRECV (§2.2.4) until the URC comes.
pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "2.3.2"),
    pytest.mark.spec("quectel-ec200-ssl", "2.2.4"),
    pytest.mark.erratum("QEC-12"),
]
CLAUSE = clause("2.3.2")
CLOSED = 567  # Table 5: "Socket has been closed"
CHUNKS = b"chunk-1\r\nchunk-2\r\nchunk-3\r\n"  # the push-then-close scenario's three chunks


def read_until_closed(modem: Modem, deadline_s: float) -> tuple[bytes, Urc]:
    """Read the buffer (§2.2.4) until ``+QSSLURC: "closed"`` comes, before or after the data was read (the
    document does not say which); stops reading at the first ERROR ("abnormally closed", §2.2.4)."""
    got = bytearray()
    deadline = time.monotonic() + modem.waits.network(deadline_s)
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


@pytest.mark.spec("quectel-ec200-ssl", "2.2.3")  # a send after the close: ERROR
@pytest.mark.spec("quectel-ec200-ssl", "5")  # and its code, 567
@pytest.mark.erratum("QEC-13", "QEC-14")
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
    # §2.2.3 "abnormally closed ... ERROR", and §5: 567 "Socket has been closed" (errata QEC-13).
    expect_error(modem.command(f"AT+QSSLSEND={CLIENT},1"), f"{clause('2.2.3')}: a send after the server closed")
    expect_error_code(modem, CLOSED, f"{clause('5')}: after +QSSLSEND on the connection the server closed", observe)
    expect_ok(ssl_close(modem), f"{CLAUSE}: 'AT+QSSLCLOSE=<clientID> must be executed'")
    expect_error_code(modem, 0, f"{clause('5')}: after the successful +QSSLCLOSE", observe)  # control
    assert all(r[5] == "0" for r in state_rows(modem, CLIENT)), f'{CLAUSE}: then the state is "initial"'
    r, code = ssl_open(modem, serve("valid").config)  # control: the clientID is free again
    assert r.ok and code == 0, f"{CLAUSE}: after +QSSLCLOSE the clientID opens again; {r.describe()}"
