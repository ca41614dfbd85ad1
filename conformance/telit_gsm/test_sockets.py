"""Secure sockets in the older GSM guide: #SSLRCV, the certificate limit, the three suites
(telit-gsm-ssl §2.2.1, §2.2.2, §3.3, §4.2.2)."""

from __future__ import annotations

import time

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import Serve
from conformance.telit.sockets import CA_CERT, CTRL_Z, configure, dial, iana_code, records_after_close, store, table
from harness.checks import expect_error, expect_ok, single
from harness.modem import Modem
from harness.profiles import Profile
from servers.pki import Pki


@pytest.mark.spec("telit-gsm-ssl", "4.2.2")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.1")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.2")
@pytest.mark.erratum("TSU-14")
def test_sslrcv_reads_what_the_server_sent(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    expect_ok(dial(modem, server.config), "telit-gsm-ssl §4.1")
    expect_ok(modem.command("AT#SSLSEND=1", data=b"Send data in command mode!" + CTRL_Z), "telit-gsm-ssl §4.2.2.1")
    got = b""
    deadline = time.monotonic() + modem.waits.network(20)  # each read waits at most its <timeout>, 1 s
    while time.monotonic() < deadline:
        r = expect_ok(modem.command("AT#SSLRCV=1,100,10", timeout=10), "telit-gsm-ssl §4.2.2.2")
        count = int(single(r, "#SSLRCV", "telit-gsm-ssl §4.2.2.2")[0])
        assert count <= 100, f"telit-gsm-ssl §4.2.2.2: <numBytesRead> at most <MaxNumByte> 100; {r.describe()}"
        got += r.payloads[0]
        if len(got) >= 26:
            break
    assert got == b"Send data in command mode!"


@pytest.mark.spec("telit-gsm-ssl", "2.2.1")
def test_cipher_0_offers_the_three_suites(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    server = serve("valid")
    configure(modem, profile, cipher=0)
    dial(modem, server.config)
    hello = records_after_close(modem, server)[0].client_hello
    offered = hello.offered_suites if hello else None
    assert offered is not None and set(offered) == {iana_code(name) for name in table(profile)}, (
        f"telit-gsm-ssl §2.2.1: the module offers {table(profile)}; offered {offered}"
    )


@pytest.mark.spec("telit-gsm-ssl", "2.2.2")
@pytest.mark.spec("telit-gsm-ssl", "3.3")
@pytest.mark.erratum("TSU-17")
def test_certificate_over_2047_bytes_is_refused(modem: Modem, profile: Profile, pki: Pki, enabled: int) -> None:
    big = pem_lf(pki.roots["large-root"].pem)
    assert len(big) > 2047, "the PKI's large root must exceed the limit for this test to mean anything"
    expect_error(store(modem, profile, CA_CERT, big), "telit-gsm-ssl §2.2.2: the maximum size is 2047 bytes")
    small = pem_lf(pki.roots["rsa"].pem)
    assert len(small) <= 2047
    expect_ok(store(modem, profile, CA_CERT, small), "telit-gsm-ssl §3.3 (negative control: within the limit)")
