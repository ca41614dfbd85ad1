"""Statements of the older GSM guide the other modules leave out: SSL on <cid> 1 only (telit-gsm-ssl §2.1), the
delete and read of security data (§3.3), the #SSLRCV timeout answer and its <MaxNumByte> (§4.2.2.2), and the
unquoted numeric address of the examples (§4.5.3, §4.5.4)."""

from __future__ import annotations

import time

import pytest

from conformance.shared.pem import pem_lf
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from conformance.telit.sockets import CA_CERT, CTRL_Z, configure, dial, records_after_close, ssls, store, table
from harness.checks import expect_error, expect_ok, single
from harness.modem import Modem
from harness.profiles import Profile

TEXT = b"Send data in command mode!"  # §4.5.3


@pytest.mark.spec("telit-gsm-ssl", "2.1")
@pytest.mark.erratum("TGS-01")
def test_ssl_only_on_cid_1(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §2.1 warning: "SSL sockets can be opened only on <cid>=1". #SSLCFG's <cid> (paragraph 3.4, as in
    # telit-ssl-ug §4.6) set to 2 is either refused, or the dial on it fails; either way nothing opens.
    server = serve("valid")
    r = modem.command("AT#SSLCFG=1,2,300,90,100,50")
    if r.ok:
        assert not dial(modem, server.config).ok, "telit-gsm-ssl §2.1: no SSL socket on <cid> 2"
        assert ssls(modem)[:2] == ["1", "1"], "telit-gsm-ssl §2.1: the socket stays closed"
    # The control: <cid> 1 dials.
    expect_ok(modem.command("AT#SSLCFG=1,1,300,90,100,50"), "telit-gsm-ssl §2.1 (<cid> 1)")
    expect_ok(dial(modem, server.config), "telit-gsm-ssl §2.1: SSL on <cid> 1")


@pytest.mark.spec("telit-gsm-ssl", "3.3")
@pytest.mark.erratum("TGS-02")
def test_deleted_ca_no_longer_authenticates(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §3.3: "Write, delete and read operations are supported"; <Action> 0 deletes (the family's §4.4 in
    # telit-ssl-ug). The stored CA authenticates the server (the control); deleted, it no longer does.
    server = serve("valid")
    expect_ok(store(modem, profile, CA_CERT, pem_lf(server.config.ca.pem)), "telit-gsm-ssl §3.3")
    configure(modem, profile, auth=1)
    expect_ok(dial(modem, server.config), "telit-gsm-ssl §3.2 <auth_mode> 1 with the CA stored")
    records_after_close(modem, server)
    expect_ok(modem.command(f"AT#SSLSECDATA=1,0,{CA_CERT}"), "telit-gsm-ssl §3.3: delete")
    expect_error(dial(modem, server.config), "telit-gsm-ssl §3.2: <auth_mode> 1 without a CA cannot authenticate")


@pytest.mark.spec("telit-gsm-ssl", "3.3")
@pytest.mark.erratum("TSU-18", "TGS-02")
def test_stored_ca_can_be_read(modem: Modem, profile: Profile, enabled: int, serve: Serve) -> None:
    # §3.3: read is supported; its answer's form is not printed (errata TSU-18): the stored certificate's
    # text must be in it, whatever surrounds it.
    pem = pem_lf(serve("valid").config.ca.pem)
    expect_ok(store(modem, profile, CA_CERT, pem), "telit-gsm-ssl §3.3")
    r = expect_ok(modem.command(f"AT#SSLSECDATA=1,2,{CA_CERT}"), "telit-gsm-ssl §3.3: read")
    answer = b"".join(r.payloads) + "\n".join(r.lines).encode()
    body = [line for line in pem.splitlines() if line and not line.startswith(b"-----")]
    assert body and all(line in answer for line in body), f"telit-gsm-ssl §3.3: the read shows the CA; {r.describe()}"


@pytest.mark.spec("telit-gsm-ssl", "4.2.2.2")
@pytest.mark.erratum("TGS-02")
def test_sslrcv_timeout_answers_0(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.2.2.2: "If the timeout expires, the module prints the following response #SSLRCV: 0".
    server = serve("valid")
    expect_ok(dial(modem, server.config), "telit-gsm-ssl §4.1")
    r = modem.command("AT#SSLRCV=1,100,5", timeout=DIAL_TIMEOUT)
    assert r.lines[:1] == ("#SSLRCV: 0",) and not b"".join(r.payloads), (
        f"telit-gsm-ssl §4.2.2.2: nothing received before <Timeout>: #SSLRCV: 0; {r.describe()}"
    )


@pytest.mark.spec("telit-gsm-ssl", "4.2.2.1")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.2")
def test_sslrcv_reads_at_most_max_num_byte(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.2.2.2: <numBytesRead> "equal or less than <MaxNumBytes>"; 26 bytes echoed, read 10 at a time.
    server = serve("valid")
    expect_ok(dial(modem, server.config), "telit-gsm-ssl §4.1")
    expect_ok(modem.command("AT#SSLSEND=1,100", data=TEXT + CTRL_Z), "telit-gsm-ssl §4.2.2.1 (with <Timeout>)")
    got, counts = b"", []
    deadline = time.monotonic() + modem.waits.network(20)  # each read waits at most its <timeout>, 1 s
    while time.monotonic() < deadline:
        r = expect_ok(modem.command("AT#SSLRCV=1,10,10", timeout=10), "telit-gsm-ssl §4.2.2.2")
        counts.append(int(single(r, "#SSLRCV", "telit-gsm-ssl §4.2.2.2")[0]))
        got += b"".join(r.payloads)
        if len(got) >= len(TEXT):
            break
    assert all(n <= 10 for n in counts), f"telit-gsm-ssl §4.2.2.2: each <numBytesRead> at most 10; {counts}"
    assert got == TEXT, f"telit-gsm-ssl §4.2.2: the echo of what #SSLSEND sent; got {got!r}"


@pytest.mark.spec("telit-gsm-ssl", "4.5.3")
@pytest.mark.spec("telit-gsm-ssl", "4.5.4")
def test_dial_by_unquoted_numeric_address(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §4.5.3, §4.5.4: AT#SSLD=1,443,123.124.125.126,0,0 (the address unquoted). The ip-san scenario is dialled
    # by its IP; <auth_mode> 0, so that the check is the dial, not the name.
    server = serve("ip-san")
    line = f"AT#SSLD=1,{server.config.port},{server.config.host},0,1"
    expect_ok(modem.command(line, timeout=DIAL_TIMEOUT), "telit-gsm-ssl §4.5.3: the unquoted numeric address")
    (record,) = records_after_close(modem, server)
    assert record.handshake_done, f"telit-gsm-ssl §4.5.3: the server saw a completed handshake; {record.describe()}"


@pytest.mark.spec("telit-gsm-ssl", "2.2.1")
def test_server_without_the_three_suites_fails(modem: Modem, profile: Profile, ready: None, serve: Serve) -> None:
    # §2.2.1: "If the server doesn't support these cipher suites, the SSL handshake will always fail". The
    # control: test_cipher_0_offers_the_three_suites (a server with them completes).
    suite = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
    assert suite not in table(profile)
    server = serve("suite-" + suite.lower().replace("_", "-"))
    configure(modem, profile, cipher=0)
    expect_error(dial(modem, server.config), f"telit-gsm-ssl §2.2.1: a server accepting only {suite}")
    assert ssls(modem)[:2] == ["1", "1"], "telit-gsm-ssl §4.1: a failed handshake leaves the socket closed"


@pytest.mark.spec("telit-gsm-ssl", "2.2.2")
@pytest.mark.erratum("TSU-17")
def test_server_with_a_larger_root_cannot_be_authenticated(
    modem: Modem, profile: Profile, ready: None, serve: Serve
) -> None:
    # §2.2.2: "Its maximum size is 2047 bytes; this means that a server with a bigger certificate cannot be
    # authenticated": its root cannot be stored (TSU-17), and <auth_mode> 1 then refuses the server.
    server = serve("large-root")
    big = pem_lf(server.config.ca.pem)
    assert len(big) > 2047, "the large root must exceed the limit for this test to mean anything"
    modem.command(f"AT#SSLSECDATA=1,0,{CA_CERT}")  # no CA left from an earlier test (result not judged: setup)
    store(modem, profile, CA_CERT, big)  # refused (test_certificate_over_2047_bytes_is_refused judges that)
    configure(modem, profile, auth=1)
    expect_error(dial(modem, server.config), "telit-gsm-ssl §2.2.2: the server with a bigger certificate")


@pytest.mark.spec("telit-gsm-ssl", "3.3")
@pytest.mark.spec("telit-gsm-ssl", "4.2.1")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.1")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.2")
@pytest.mark.parametrize(
    "line", ["AT#SSLSECDATA=2,1,1", "AT#SSLO=2", "AT#SSLSEND=2,10", "AT#SSLRCV=2,10,10"],
    ids=["sslsecdata", "sslo", "sslsend", "sslrcv"],
)
def test_ssid_other_than_1_is_refused(modem: Modem, profile: Profile, enabled: int, line: str) -> None:
    # §3.3, §4.2.1, §4.2.2.1, §4.2.2.2: "Since at the moment only a single socket can be configured and used,
    # it has to be 1". (#SSLSECDATA's store would prompt on SSId 1: the refusal must come before any prompt.)
    r = modem.command(line, data=b"\x1b")
    assert not r.prompted and r.final.is_error, f"telit-gsm-ssl: <SSId> has to be 1; {r.describe()}"


@pytest.mark.spec("telit-gsm-ssl", "4.2.2.1")
@pytest.mark.spec("telit-gsm-ssl", "4.2.2.2")
@pytest.mark.parametrize("line", ["AT#SSLSEND=1,10", "AT#SSLRCV=1,10,10"], ids=["sslsend", "sslrcv"])
def test_data_commands_fail_on_an_unconnected_socket(modem: Modem, profile: Profile, ready: None, line: str) -> None:
    # §4.2.2.1 / §4.2.2.2: "ERROR on failure": SSId 1 enabled and configured, but not dialled.
    r = modem.command(line, data=b"\x1b")
    assert not r.prompted and r.final.is_error, f"telit-gsm-ssl §4.2.2: no connection, an error; {r.describe()}"
