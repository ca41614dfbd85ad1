"""#SSLD, #SSLO, #SSLS, #SSLH, #SSLSEND, #SSLSENDEXT, #SSLRECV/#SSLRCV against real servers.

telit-ssl-ug §5, §5.1, §5.2, §5.4; telit-gsm-ssl §4.2, §4.5; docs/DECISIONS-issue4.md D13-D22.
Answers are compared byte for byte; what reached the server is read from its recorder.
"""

from __future__ import annotations

import time

import pytest

from servers.apps import Scripted, Then
from servers.pki import Pki
from servers.recorder import Outcome
from tests.emulator.conftest import ERROR, ModuleFactory, cme, ok
from tests.emulator.telit_net import (
    DEADLINE,
    dial,
    escape,
    last,
    online_echo,
    prepare,
    scenario,
    serve,
    settle,
    store_file,
    until,
)

TLS10_ECHO = scenario("tls10-echo")

CONNECT = b"\r\nCONNECT\r\n"
NO_CARRIER = b"\r\nNO CARRIER\r\n"
PUSH = scenario("push-three", app=Scripted(chunks=(b"first\r\n", b"second\r\n"), pause=0.1,
                                            then=Then.CLOSE))


def test_online_mode_escape_restore_close(make_module: ModuleFactory, pki: Pki) -> None:
    """§5.4.1: CONNECT, data both ways, +++ / OK, #SSLS, #SSLO, +++, #SSLH, #SSLS."""
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, auth=1, cfg="1,300,90,100,1")
    with serve(pki, "valid") as endpoint:
        assert dial(dte, endpoint) == CONNECT
        assert online_echo(dte, b"hello server") == b"hello server"
        assert escape(dte) == b"\r\nOK\r\n"
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,2,0")  # ECDHE: no §4.2.2 id (D16)
        assert dte.at("AT#SSLO=1") == CONNECT
        assert online_echo(dte, b"again") == b"again"
        escape(dte)
        assert dte.at("AT#SSLH=1") == ok()
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,1")
        record = last(endpoint)
    assert record.outcome is Outcome.COMPLETED
    assert record.bytes_received == len(b"hello serveragain")
    assert record.ended_by == "client-close"


def test_plus_without_guard_is_data(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, cfg="1,300,90,100,1")
    with serve(pki, "valid") as endpoint:
        dial(dte, endpoint)
        assert online_echo(dte, b"a+++b") == b"a+++b"
        dte.out.take()
        time.sleep(0.3)
        assert dte.instance.online
        assert dte.out.take() == b""


def test_command_mode_send_recv(make_module: ModuleFactory, pki: Pki) -> None:
    """§5.4.2 / §5.4.3: #SSLSEND ^Z, #SSLRECV and #SSLRCV, #SSLSENDEXT, ESC, TIMEOUT."""
    _, (dte,) = make_module("telit/le910-v2")
    prepare(dte, pki, cipher=3)
    with serve(pki, TLS10_ECHO) as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,2,3")  # TLS_RSA_WITH_AES_128_CBC_SHA
        assert dte.at("AT#SSLRECV=1,15,2") == ok("#SSLRECV: 0", "TIMEOUT")
        assert dte.at("AT#SSLSEND=1") == b"\r\n> "
        assert dte.send(b"Send this string to the SSL server!\x1a") == ok()
        dte.instance.feed(b"")
        time.sleep(0.2)
        assert dte.at("AT#SSLRCV=1,15") == b"\r\n#SSLRCV: 15\r\nSend this strin\r\nOK\r\n"
        assert dte.at("AT#SSLRECV=1,100") == b"\r\n#SSLRECV: 20\r\ng to the SSL server!\r\nOK\r\n"
        assert dte.at("AT#SSLSEND=1") == b"\r\n> "
        assert dte.send(b"never sent\x1b") == ok()  # D19: ESC abandons
        payload = bytes(range(256)) * 5 + b"\x1a\x1b\x08" * 7
        assert dte.at(f"AT#SSLSENDEXT=1,{len(payload)}") == b"\r\n> "
        assert dte.send(payload) == ok()
        received = b""
        deadline = time.monotonic() + DEADLINE
        while len(received) < len(payload) and time.monotonic() < deadline:
            answer = dte.at("AT#SSLRECV=1,1000,5")
            head, _, rest = answer.partition(b"\r\n#SSLRECV: ")[2].partition(b"\r\n")
            received += rest[:int(head)]
            assert rest[int(head):] == b"\r\nOK\r\n"
        assert received == payload
        assert dte.at("AT#SSLH=1") == ok()
        record = last(endpoint)
    assert record.bytes_received == 35 + len(payload)
    assert record.cipher == "TLS_RSA_WITH_AES_128_CBC_SHA"


def test_remote_close_in_command_mode(make_module: ModuleFactory, pki: Pki) -> None:
    """D21: NO CARRIER once the last byte is read; then 833."""
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki)
    with serve(pki, PUSH) as endpoint:
        dial(dte, endpoint, mode=1)
        last(endpoint)  # the server has closed
        settle(dte)  # and the module has seen it
        assert dte.at("AT#SSLRECV=1,7") == b"\r\n#SSLRECV: 7\r\nfirst\r\n\r\nOK\r\n"
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,2,0")  # bytes left: still connected
        assert dte.at("AT#SSLRECV=1,100") == (b"\r\n#SSLRECV: 8\r\nsecond\r\n\r\nOK\r\n"
                                              + NO_CARRIER)
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,1")
        assert dte.at("AT#SSLRECV=1,100") == cme("SSL not connected")
        assert dte.at("AT#SSLH=1") == cme("SSL not connected")


def test_remote_close_with_nothing_left(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki)
    with serve(pki, scenario("close-at-once", app=Scripted(chunks=(), then=Then.CLOSE))) as endpoint:
        assert until(dte, dial(dte, endpoint, mode=1), NO_CARRIER) == ok() + NO_CARRIER
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,1")


def test_remote_close_in_online_mode(make_module: ModuleFactory, pki: Pki) -> None:
    """§5.1.1, §6.1: the data, then NO CARRIER; back in command mode, socket closed."""
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki)
    with serve(pki, PUSH) as endpoint:
        answer = until(dte, dial(dte, endpoint), NO_CARRIER)
        assert answer == CONNECT + b"first\r\nsecond\r\n" + NO_CARRIER
        assert not dte.instance.online
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,1")


def test_restore_prints_what_waited(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki)
    app = Scripted(chunks=(b"waiting\r\n",), then=Then.STAY_OPEN)
    with serve(pki, scenario("push-stay", app=app)) as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        time.sleep(0.3)
        assert dte.at("AT#SSLO=1") == CONNECT + b"waiting\r\n"
        escape(dte)
        assert dte.at("AT#SSLH=1") == ok()
        last(endpoint)


def test_max_to_closes_an_idle_online_connection(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, cfg="1,300,1,100,1")  # <maxTo> 1 s
    with serve(pki, "valid") as endpoint:
        started = time.monotonic()
        assert until(dte, dial(dte, endpoint), NO_CARRIER, 3) == CONNECT + NO_CARRIER
        assert 0.9 < time.monotonic() - started < 2.5
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,1")
        assert last(endpoint).ended_by == "client-close"


def test_packet_size_and_tx_timeout(make_module: ModuleFactory, pki: Pki) -> None:
    """D18: sent when <pktSz> bytes are buffered, or <txTo> after the first byte."""
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, cfg="1,10,90,100,5")  # 10-byte packets, txTo 500 ms
    with serve(pki, "valid") as endpoint:
        dial(dte, endpoint)
        dte.out.take()
        dte.instance.feed(b"0123456789abc")
        assert dte.out.wait_size(10, 0.4) == b"0123456789"  # one full packet at once
        time.sleep(0.2)
        assert dte.out.take() == b"0123456789"  # "abc" waits for <txTo>
        assert dte.out.wait_size(3, 1.0) == b"abc"
        escape(dte)
        dte.at("AT#SSLH=1")


def test_dial_errors(make_module: ModuleFactory, pki: Pki) -> None:
    """D14 / D17: 836, the PDP context, 837, 832, 839, 834, 833; CMEE 0 plain ERROR."""
    _, (dte,) = make_module("telit/he910")
    dte.at("AT+CMEE=2")
    assert dte.at('AT#SSLD=1,443,"localhost",0,1') == cme("SSL not activated")
    dte.at("AT#SSLEN=1,1")
    assert dte.at('AT#SSLD=1,443,"localhost",0,1') == cme("SSL cannot activate")
    dte.at("AT#SGACT=1,1")
    assert dte.at('AT#SSLD=1,443,"localhost",1,1') == cme("operation not supported")  # Tab. 3
    dte.at("AT#SSLSECCFG=1,0,1")
    assert dte.at('AT#SSLD=1,443,"localhost",0,1') == cme("SSL certs and keys wrong or not stored")
    dte.at("AT#SSLSECCFG=1,0,0")
    with serve(pki, "valid") as endpoint:
        port = endpoint.config.port
    assert dte.at(f'AT#SSLD=1,{port},"localhost",0,1,10') == cme("SSL socket error")
    assert dte.at('AT#SSLD=1,443,"name.invalid",0,1,10') == cme("SSL socket error")
    for command in ("AT#SSLO=1", "AT#SSLH=1", "AT#SSLSEND=1", "AT#SSLSENDEXT=1,5", "AT#SSLRECV=1,5"):
        assert dte.at(command) == cme("SSL not connected"), command
    dte.at("AT#SSLSECCFG=1,0,1")
    store_file(dte, 1, 1, pki.roots["rsa"].pem)
    with serve(pki, "expired-leaf") as endpoint:
        assert dial(dte, endpoint, mode=1) == cme("SSL error during handshake")
        assert not last(endpoint).handshake_done
    with serve(pki, "valid") as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        assert dial(dte, endpoint, mode=1) == cme("SSL already connected")
        dte.at("AT+CMEE=0")
        assert dial(dte, endpoint, mode=1) == ERROR
        assert dte.at("AT#SSLH=1") == ok()


def test_another_instance_cannot_use_the_socket(make_module: ModuleFactory, pki: Pki) -> None:
    _, (first, second) = make_module("telit/le866", instances=2)
    prepare(first, pki, ssid=3)
    second.at("AT+CMEE=2")
    with serve(pki, TLS10_ECHO) as endpoint:
        assert dial(first, endpoint, ssid=3, mode=1) == ok()
        assert second.at("AT#SSLS=3") == ok("#SSLS: 3,2,0")  # read-like: any instance (D6)
        for command in ("AT#SSLO=3", "AT#SSLH=3", "AT#SSLSEND=3", "AT#SSLRECV=3,5"):
            assert second.at(command) == cme("Resource used by another instance"), command
        assert second.at("AT#SSLS=4") == ok("#SSLS: 4,0")
        assert first.at("AT#SSLEN=3,0") == ok()  # closes the connection (emulator's choice)
        assert last(endpoint).ended_by == "client-close"


@pytest.mark.parametrize(("profile_name", "lines"), [
    ("telit/he910", ["#SSLD: (1),(1-65535),,(0),(0,1),(1-5000)", "#SSLO: (1)", "#SSLS: (1)",
                     "#SSLH: (1),(0)", "#SSLSEND: (1),(1-5000)", "#SSLSENDEXT: (1),(1-1500),(1-5000)",
                     "#SSLRECV: (1),(1-1000),(1-5000)", "#SSLRCV: (1),(1-1000),(1-5000)"]),
    ("telit/ge910", ["#SSLD: (1),(1-65535),,(0,1),(0,1),(1-5000)", "#SSLH: (1),(0,1)",
                     "#SSLFASTD: (1),(0,1)"]),
    ("telit-gsm/gc864", ["#SSLRCV: (1),(1-1000),(1-5000)", "#SSLFASTD: (1),(0,1)"]),
])
def test_test_forms(make_module: ModuleFactory, profile_name: str, lines: list[str]) -> None:
    _, (dte,) = make_module(profile_name)
    for line in lines:
        assert dte.at(f"AT{line.split(':')[0]}=?") == ok(line)


@pytest.mark.parametrize(("profile_name", "absent"), [
    ("telit/he910", "#SSLFASTD"), ("telit/le866", "#SSLFASTD"),
    ("telit-gsm/gc864", "#SSLRECV"), ("telit-gsm/gc864", "#SSLSENDEXT"),
])
def test_commands_a_product_lacks(make_module: ModuleFactory, profile_name: str, absent: str) -> None:
    _, (dte,) = make_module(profile_name)
    dte.at("AT+CMEE=2")
    assert dte.at(f"AT{absent}=?") == ERROR


def test_gsm_command_mode_and_selint(make_module: ModuleFactory, pki: Pki) -> None:
    """telit-gsm-ssl §4.2.2: #SSLSEND / #SSLRCV; SSL errors need #SELINT=2 (D9)."""
    _, (dte,) = make_module("telit-gsm/gc864")
    prepare(dte, pki, gsm=True)
    with serve(pki, scenario("gsm-echo")) as endpoint:
        assert dte.at(f"AT#SSLD=1,{endpoint.config.port},127.0.0.1,0,1") == ok()  # unquoted
        dte.at("AT#SSLSEND=1")
        assert dte.send(b"Response of the server!\x1a") == ok()
        time.sleep(0.2)
        assert dte.at("AT#SSLRCV=1,100") == b"\r\n#SSLRCV: 23\r\nResponse of the server!\r\nOK\r\n"
        assert dte.at("AT#SSLH=1") == ok("DISCONNECTED")  # §4.5.2: opened in COMMAND mode
        assert dte.at("AT#SSLH=1") == cme("SSL not connected")
        dte.at("AT#SELINT=0")
        assert dte.at("AT#SSLH=1") == ERROR
        record = last(endpoint)
        dte.at("AT#SELINT=2")
        assert dte.at(f"AT#SSLD=1,{endpoint.config.port},127.0.0.1,0,0") == b"\r\nCONNECT\r\n"
        escape(dte)
        assert dte.at("AT#SSLH=1") == ok()  # §4.5.3, §4.5.4: opened in ONLINE mode
    assert record.version == "TLSv1"  # D23: telit-gsm-ssl offers up to TLS 1.0
    assert record.client_hello is not None and record.client_hello.sni is None  # dialled by IP


def test_power_off_stops_everything(make_module: ModuleFactory, pki: Pki) -> None:
    """Connections, readers and timers end with the module (power cycle and close)."""
    import threading

    before = {t.name for t in threading.enumerate()}
    module, (dte,) = make_module("telit/he910")
    prepare(dte, pki, cfg="1,300,90,100,50,1")
    with serve(pki, TLS10_ECHO) as endpoint:
        assert dial(dte, endpoint) == CONNECT
        module.power_cycle()
        assert not dte.instance.online
        assert last(endpoint).outcome is Outcome.COMPLETED
        dte.at("ATE0")
        prepare(dte, pki)
        assert dial(dte, endpoint, mode=1) == ok()
        module.close()
        assert len(endpoint.recorder.wait_for(2)) == 2
    time.sleep(0.1)
    left = {t.name for t in threading.enumerate()} - before
    assert not {name for name in left if name.startswith("emulator")}, left
