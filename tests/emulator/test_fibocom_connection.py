"""+MIPOPEN over real TLS and what +GTSSLMODE / +GTSSLVER / +GTSSLCIPHER / +GTSSLFILE / +CCLK
make of it; +GTSSLERR codes by cause; +MIPRTCP, +MIPCLOSE and the emulator's +MIPSEND
(fibocom-l610-ssl §1, §2; the servers of ``servers/`` on loopback)."""

from __future__ import annotations

import contextlib
import datetime
import re
import socket
import threading
from collections.abc import Iterator

import pytest

import emulator.fibocom.dial as fibocom_dial
from emulator.fibocom.ciphers import CIPHERS
from servers.apps import Scripted, Then
from servers.pki import Pki
from servers.recorder import Outcome
from servers.scenarios import ClientAuth
from tests.emulator.conftest import ERROR, Dte, ModuleFactory, ok
from tests.emulator.telit_net import DEADLINE, last, scenario, serve

PRODUCT = "fibocom/l610"
PROMPT = b"\r\n>"
ANY_VERSION = scenario("fibocom-any-version")
_MIPRTCP = re.compile(rb"\r\n\+MIPRTCP: (\d+),(\d+),([0-9A-F]*)\r\n")


@pytest.fixture
def dte(make_module: ModuleFactory) -> Dte:
    """A module with its bearer up (+MIPCALL)."""
    _, (terminal,) = make_module(PRODUCT)
    assert terminal.at('AT+MIPCALL=1,"CMNET"') == ok() + b"\r\n+MIPCALL: 10.0.0.2\r\n"
    return terminal


def load(dte: Dte, kind: str, data: bytes) -> None:
    """+GTSSLFILE of ``data`` as it is (PEM text is Base64, Appendix)."""
    assert dte.at(f'AT+GTSSLFILE="{kind}",{len(data)}') == PROMPT
    assert dte.send(data) == ok()


def mipopen(dte: Dte, port: int, host: str = "localhost", number: int = 1) -> bytes:
    """``AT+MIPOPEN``: OK at once, then the result URC; returns the URC."""
    answer = dte.at(f'AT+MIPOPEN={number},,"{host}",{port},2')
    assert answer.startswith(ok())
    urc = answer[len(ok()):]  # a failure known before dialling comes with the answer
    if not urc:
        marker = f"+MIPOPEN: {number},".encode()
        text = dte.out.wait_for(marker, DEADLINE, take=True)  # the URC is written whole
        end = text.index(b"\r\n", text.index(marker)) + 2
        urc, rest = text[:end], text[end:]
        dte.out(rest)  # what followed it (+MIPRTCP) stays for the test
    return urc


def mipsend(dte: Dte, data: bytes, number: int = 1) -> None:
    """``AT+MIPSEND`` (the emulator's choice), the prompt, the data, OK; URCs that came with
    the answer are left for :func:`received`."""
    assert dte.at(f"AT+MIPSEND={number},{len(data)}") == PROMPT
    answer = dte.send(data)
    assert answer.startswith(ok()), answer
    dte.out(answer[len(ok()):])


def tls12(dte: Dte) -> None:
    """The catalog's scenarios serve TLS 1.2 and up: <sslver> 4."""
    assert dte.at("AT+GTSSLVER=4") == ok()


def gtsslerr(dte: Dte) -> bytes:
    return dte.at("AT+GTSSLERR?")


CONNECTED = b"\r\n+MIPOPEN: 1,1\r\n"
FAILED = b"\r\n+MIPOPEN: 1,0\r\n"
CLOSED = ok() + b"\r\n+MIPCLOSE: 1,1\r\n"


def received(dte: Dte, size: int) -> bytes:
    """Collect +MIPRTCP URCs until ``size`` bytes came; check each count against its hex."""
    data = b""
    text = b""
    while len(data) < size:
        text += dte.out.wait_for(b"\r\n", DEADLINE, take=True)
        for match in _MIPRTCP.finditer(text):
            assert match.group(1) == b"1"
            chunk = bytes.fromhex(match.group(3).decode())
            assert int(match.group(2)) == len(chunk)
            assert len(chunk) <= fibocom_dial.MIPRTCP_LIMIT
            data += chunk
        text = _MIPRTCP.sub(b"", text)
        text = text[text.rfind(b"\r\n+MIPRTCP") :] if b"+MIPRTCP" in text else b""
    return data


# ---------------------------------------------------------------- what the ClientHello offers
def test_defaults_offer_tls_1_0_and_every_id(dte: Dte, pki: Pki) -> None:
    """§1.4.4 TLS 1.0 by default; no id enabled: the defaults, the whole §1.5.4 table."""
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPCLOSE=1") == CLOSED
        record = last(endpoint)
    hello = record.client_hello
    assert hello is not None
    assert hello.legacy_version == (3, 1)
    assert hello.cipher_suites == tuple(CIPHERS[i] for i in range(1, 32))
    assert record.version == "TLSv1"
    assert hello.sni == "localhost"
    assert gtsslerr(dte) == ok()


@pytest.mark.parametrize(("sslver", "wire"), [(2, (3, 1)), (3, (3, 2)), (4, (3, 3))])
def test_gtsslver_is_the_version_offered(dte: Dte, pki: Pki, sslver: int,
                                         wire: tuple[int, int]) -> None:
    assert dte.at(f"AT+GTSSLVER={sslver}") == ok()
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        dte.at("AT+MIPCLOSE=1")
        assert last(endpoint).client_hello.legacy_version == wire  # type: ignore[union-attr]


def test_ssl3(dte: Dte, pki: Pki) -> None:
    """<sslver> 1: SSL 3.0, to a server that speaks nothing else."""
    assert dte.at("AT+GTSSLVER=1") == ok()
    with serve(pki, "version-ssl3") as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        dte.at("AT+MIPCLOSE=1")
        assert last(endpoint).version == "SSLv3"


def test_enabled_ids_only(dte: Dte, pki: Pki) -> None:
    """§1.5: the enabled ids, in id order, and nothing else; negotiated by the server."""
    for line in ("AT+GTSSLVER=4", "AT+GTSSLCIPHER=30,1", "AT+GTSSLCIPHER=13,1"):
        assert dte.at(line) == ok()
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        dte.at("AT+MIPCLOSE=1")
        hello = last(endpoint).client_hello
    assert hello is not None
    assert hello.cipher_suites == (CIPHERS[13], CIPHERS[30])


def test_tls12_suites_at_tls_1_0_cannot_connect(dte: Dte, pki: Pki) -> None:
    """Ids 1-6 are TLS 1.2 suites: at the default TLS 1.0 the server has nothing to choose
    (a protocol failure, -7); at TLS 1.2 the same ids connect (the control)."""
    for number in range(1, 7):
        assert dte.at(f"AT+GTSSLCIPHER={number},1") == ok()
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
        assert gtsslerr(dte) == ok("+GTSSLERR: -7")
        assert dte.at("AT+GTSSLVER=4") == ok()
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert gtsslerr(dte) == ok()


# ---------------------------------------------------------------- verification (+GTSSLMODE)
def test_mode_1_without_trustfile_is_11(dte: Dte, pki: Pki) -> None:
    """§1.2.1, §1.3.4, Example 2: nothing is dialled."""
    assert dte.at("AT+GTSSLMODE=1") == ok()
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
        assert gtsslerr(dte) == ok("+GTSSLERR: -11")
        assert dte.at("AT+GTSSLERR") == ok("+GTSSLERR: -11")
        assert endpoint.recorder.records == ()


def test_mode_1_with_the_root_connects(dte: Dte, pki: Pki) -> None:
    tls12(dte)
    assert dte.at("AT+GTSSLMODE=1") == ok()
    load(dte, "TRUSTFILE", pki.roots["rsa"].pem.read_bytes())
    with serve(pki, "valid") as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        # Read while the server still holds the connection: once it stops, +MIPCLOSE may come at any moment.
        assert gtsslerr(dte) == ok()


@pytest.mark.parametrize("name", ["untrusted-root", "self-signed", "expired-leaf",
                                  "not-yet-valid-leaf", "expired-intermediate"])
def test_mode_1_refuses(dte: Dte, pki: Pki, name: str) -> None:
    """-11 "certificate validation failed"; under mode 0 the same server connects."""
    tls12(dte)
    load(dte, "TRUSTFILE", pki.roots["rsa"].pem.read_bytes())
    with serve(pki, name) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPCLOSE=1") == CLOSED
        assert dte.at("AT+GTSSLMODE=1") == ok()
        assert mipopen(dte, endpoint.config.port) == FAILED
    assert gtsslerr(dte) == ok("+GTSSLERR: -11")


def _cclk(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%y/%m/%d,%H:%M:%S")


def test_validity_is_read_on_the_module_clock(dte: Dte, pki: Pki) -> None:
    """Examples 3-4: a leaf expired by the clock fails (-11); with +CCLK set inside its
    validity the same server connects; set after it again, it fails."""
    tls12(dte)
    leaf = pki.credentials["rsa-expired"].leaf
    inside = leaf.not_valid_before_utc + (leaf.not_valid_after_utc - leaf.not_valid_before_utc) / 2
    assert dte.at("AT+GTSSLMODE=1") == ok()
    load(dte, "TRUSTFILE", pki.roots["rsa"].pem.read_bytes())
    with serve(pki, "expired-leaf") as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
        assert gtsslerr(dte) == ok("+GTSSLERR: -11")
        assert dte.at(f'AT+CCLK="{_cclk(inside)}"') == ok()
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert gtsslerr(dte) == ok()
        assert dte.at("AT+MIPCLOSE=1") == CLOSED
        after = leaf.not_valid_after_utc + datetime.timedelta(days=1)
        assert dte.at(f'AT+CCLK="{_cclk(after)}"') == ok()
        assert mipopen(dte, endpoint.config.port) == FAILED


# ---------------------------------------------------------------- files read at connection time
def test_bad_files_are_found_when_connecting(dte: Dte, pki: Pki) -> None:
    """Base64 that is no certificate / key: -19 (TRUSTFILE, mode 1 only), -17, -18."""
    not_a_cert = b"QUJDRA=="
    load(dte, "TRUSTFILE", not_a_cert)
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED  # mode 0 reads no trust file
        dte.at("AT+MIPCLOSE=1")
        assert dte.at("AT+GTSSLMODE=1") == ok()
        assert mipopen(dte, endpoint.config.port) == FAILED
        assert gtsslerr(dte) == ok("+GTSSLERR: -19")
        assert dte.at("AT+GTSSLMODE=0") == ok()
        load(dte, "CERTFILE", not_a_cert)
        assert mipopen(dte, endpoint.config.port) == FAILED
        assert gtsslerr(dte) == ok("+GTSSLERR: -17")


def test_bad_keyfile(dte: Dte, pki: Pki) -> None:
    load(dte, "KEYFILE", pki.roots["rsa"].pem.read_bytes())  # a certificate, not a key
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
    assert gtsslerr(dte) == ok("+GTSSLERR: -18")


def test_client_certificate_and_key(dte: Dte, pki: Pki) -> None:
    """§1.1.2: CERTFILE and KEYFILE for two-way authentication; without them the server
    that requires one refuses the handshake (the control)."""
    tls12(dte)
    required = scenario("fibocom-client-cert", client_auth=ClientAuth.REQUIRED)
    with serve(pki, required) as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
        client = pki.credentials["client"]
        load(dte, "CERTFILE", client.leaf_files.pem.read_bytes())
        load(dte, "KEYFILE", client.key_files.pkcs8_pem.read_bytes())
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPCLOSE=1") == CLOSED
        assert endpoint.recorder.wait_for(2, DEADLINE)[-1].outcome is Outcome.COMPLETED


# ---------------------------------------------------------------- failures by cause
@contextlib.contextmanager
def raw_server(behaviour: str) -> Iterator[int]:
    """A TCP listener that, per connection, says nothing ("silent") or closes ("close")."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    held: list[socket.socket] = []

    def run() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if behaviour == "close":
                conn.recv(4096)
                conn.close()
            else:
                held.append(conn)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        listener.close()
        for conn in held:
            conn.close()


def test_connection_refused_is_4(dte: Dte) -> None:
    with raw_server("close") as port:
        pass  # closed: nothing listens on the port any more
    assert mipopen(dte, port, host="127.0.0.1") == FAILED
    assert gtsslerr(dte) == ok("+GTSSLERR: -4")


def test_handshake_not_answered_is_8(dte: Dte, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fibocom_dial, "HANDSHAKE_TIMEOUT", 0.5)
    with raw_server("silent") as port:
        assert mipopen(dte, port, host="127.0.0.1") == FAILED
    assert gtsslerr(dte) == ok("+GTSSLERR: -8")


def test_closed_by_the_server_is_9(dte: Dte) -> None:
    with raw_server("close") as port:
        assert mipopen(dte, port, host="127.0.0.1") == FAILED
    assert gtsslerr(dte) == ok("+GTSSLERR: -9")


def test_protocol_version_refused_is_7(dte: Dte, pki: Pki) -> None:
    """A TLS 1.2-only server and the default TLS 1.0: the server's alert, -7."""
    with serve(pki, "version-tls1.2") as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
    assert gtsslerr(dte) == ok("+GTSSLERR: -7")


def test_a_good_connection_clears_the_code(dte: Dte, pki: Pki) -> None:
    """§1.3.2: the code is the last connection's."""
    assert dte.at("AT+GTSSLMODE=1") == ok()
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
        assert gtsslerr(dte) == ok("+GTSSLERR: -11")
        assert dte.at("AT+GTSSLMODE=0") == ok()
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert gtsslerr(dte) == ok()  # before the server stops: then +MIPCLOSE may come at any moment


# ---------------------------------------------------------------- data and close
def test_miprtcp_carries_the_bytes_as_hex(dte: Dte, pki: Pki) -> None:
    """Example 5: ``+MIPRTCP: <id>,<n>,<hex>``, upper-case hex of <n> bytes."""
    tls12(dte)
    with serve(pki, "push-stay-open") as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        urc = dte.out.wait_for(b"\r\n", DEADLINE, take=True)
        urc += dte.out.wait_for(b"0D0A\r\n", DEADLINE, take=True) if b"0D0A\r\n" not in urc else b""
    text = b"Response of the server\r\n"
    assert urc == f"\r\n+MIPRTCP: 1,{len(text)},".encode() + text.hex().upper().encode() + b"\r\n"


def test_large_data_spans_several_urcs(dte: Dte, pki: Pki) -> None:
    """Sent with +MIPSEND (the emulator's choice), echoed, back in URCs of at most 512 bytes."""
    payload = bytes(range(256)) * 5  # 1280 bytes
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        mipsend(dte, payload)
        assert received(dte, len(payload)) == payload


def test_mipclose(dte: Dte, pki: Pki) -> None:
    """Examples 1, 4: OK then ``+MIPCLOSE: 1,1``; the server sees the close; the id is free."""
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPCLOSE=1") == CLOSED
        assert last(endpoint).outcome is Outcome.COMPLETED
        assert dte.at("AT+MIPCLOSE=1") == ERROR
        assert mipopen(dte, endpoint.config.port) == CONNECTED


def test_server_close_is_reported(dte: Dte, pki: Pki) -> None:
    """Pushed chunks, then the server closes: ``+MIPCLOSE: 1,0`` (the emulator's choice)."""
    chunks = scenario("fibocom-push-close",
                      app=Scripted(chunks=(b"one", b"two"), pause=0.05, then=Then.CLOSE))
    with serve(pki, chunks) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        out = dte.out.wait_for(b"+MIPCLOSE: 1,0\r\n", DEADLINE, take=True)
    assert b"".join(bytes.fromhex(m.group(3).decode()) for m in _MIPRTCP.finditer(out)) == b"onetwo"
    assert dte.at("AT+MIPCLOSE=1") == ERROR


def test_socket_in_use_and_a_second_socket(dte: Dte, pki: Pki) -> None:
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at(f'AT+MIPOPEN=1,,"localhost",{endpoint.config.port},2') == ERROR
        assert mipopen(dte, endpoint.config.port, number=2) == b"\r\n+MIPOPEN: 2,1\r\n"


def test_bearer_down_closes_sockets(dte: Dte, pki: Pki) -> None:
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPCALL=0") == ok() + b"\r\n+MIPCALL: 0\r\n"
        assert last(endpoint).outcome is Outcome.COMPLETED
    assert dte.at("AT+MIPCLOSE=1") == ERROR


def test_mipsend_cut_short(dte: Dte, pki: Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    """The send prompt ends like the +GTSSLFILE one: ERROR after the silence, nothing sent."""
    import emulator.fibocom.upload as upload

    monkeypatch.setattr(upload, "INPUT_TIMEOUT", 0.3)
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPSEND=1,10") == PROMPT
        assert dte.send(b"abc") == b""
        assert dte.out.wait_for(ERROR, DEADLINE, take=True) == ERROR
        mipsend(dte, b"xyz")
        assert received(dte, 3) == b"xyz"

