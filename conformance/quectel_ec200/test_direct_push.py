"""Direct push mode: received data comes in the URC itself (quectel-ec200-ssl §1.4 item 2, §2.3.1, §2.2.2
<access_mode> 1)."""

from __future__ import annotations

import pytest

from conformance.quectel_ec200.common import CLIENT, clause, push_data, send, ssl_open
from conformance.quectel_ec200.conftest import Opened
from conformance.shared.servers import Serve
from harness.modem import Modem

pytestmark = [
    pytest.mark.spec("quectel-ec200-ssl", "2.3.1"),
    pytest.mark.spec("quectel-ec200-ssl", "1.4"),
    pytest.mark.needs("direct_push"),
]
CLAUSE = clause("2.3.1")


@pytest.mark.spec("quectel-ec200-ssl", "2.2.3")  # the echo answers what +QSSLSEND sent
def test_echo_arrives_in_the_urc_with_its_length(modem: Modem, opened: Opened) -> None:
    opened(1)
    assert send(modem, b"Test data from SSL").final.text == "SEND OK", f"{clause('2.2.3')}: SEND OK"
    urc = modem.wait_urc(f'+QSSLURC: "recv",{CLIENT}', timeout=modem.waits.network(10.0))
    assert urc.text == f'+QSSLURC: "recv",{CLIENT},18' and urc.payload == b"Test data from SSL", (
        f'{CLAUSE}: +QSSLURC: "recv",<clientID>,<current_recvlength><CR><LF><data>; {urc.text!r} {urc.payload!r}'
    )


def test_pushed_data_needs_no_read(modem: Modem, ready: None, serve: Serve) -> None:
    server = serve("push-stay-open")
    r, code = ssl_open(modem, server.config, mode=1)
    assert r.ok and code == 0, f"{clause('2.2.2')}: <access_mode> 1 opens; {r.describe()}"
    want = b"Response of the server\r\n"  # the scenario's first chunk
    assert push_data(modem, len(want)) == want, f"{CLAUSE}: the server's bytes, in URCs, with no +QSSLRECV"


@pytest.mark.spec("quectel-ec200-ssl", "2.2.3")
def test_a_large_echo_is_pushed_whole(modem: Modem, opened: Opened) -> None:
    opened(1)
    data = bytes(i % 251 for i in range(1460))
    assert send(modem, data).final.text == "SEND OK", f"{clause('2.2.3')}: SEND OK"
    # Control of the length check inside push_data: every URC's <current_recvlength> is its data's length.
    assert push_data(modem, len(data)) == data, f"{CLAUSE}: the 1460 bytes arrive, in one URC or several"
