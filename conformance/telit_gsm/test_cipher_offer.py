"""What a telit-gsm-ssl module offers in its ClientHello for each non-zero <cipher_suite>, as the farm records it
(telit-gsm-ssl §3.2, §2.2.1)."""

from __future__ import annotations

import pytest

from conformance.shared.servers import Serve
from conformance.telit.common import seccfg_form
from conformance.telit.sockets import configure, dial, iana_code, records_after_close, suite_of
from harness.modem import Modem
from harness.profiles import Profile

pytestmark = pytest.mark.spec("telit-gsm-ssl", "3.2")


def offered(modem: Modem, serve: Serve) -> tuple[int, ...]:
    """Dial the farm and return the IANA codes the module offered (signalling values left out)."""
    server = serve("valid")
    dial(modem, server.config)  # the handshake may fail (RC4): only the ClientHello is judged here
    (record,) = records_after_close(modem, server)
    assert record.client_hello is not None, f"no ClientHello reached the server: {record.describe()}"
    return record.client_hello.offered_suites


@pytest.mark.spec("telit-gsm-ssl", "2.2.1")
def test_each_nonzero_id_offers_exactly_its_suite(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §3.2: "<Cipher Suite> represents the set of algorithms which will be used to negotiate": 1, 2 and 3 name one
    # suite each, and only 0 leaves the choice to the server "among the supported suites". Its negative control is
    # test_sockets.py::test_cipher_0_offers_the_three_suites, where the same record shows the three.
    form = seccfg_form(profile)
    for cipher in range(1, form["ciphers"][1] + 1):
        configure(modem, profile, cipher=cipher)
        got = offered(modem, serve)
        want = suite_of(profile, cipher)
        assert got == (iana_code(want),), (
            f"telit-gsm-ssl §3.2: <cipher_suite> {cipher} is {want} (0x{iana_code(want):04X}) alone; "
            f"offered {[f'0x{c:04X}' for c in got]}"
        )
