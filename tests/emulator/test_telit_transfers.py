"""64 KiB each way through an echo server, in ONLINE and in COMMAND mode, arriving intact."""

from __future__ import annotations

import random

from servers.pki import Pki
from tests.emulator.conftest import Dte, ModuleFactory, ok
from tests.emulator.telit_net import dial, escape, last, prepare, scenario, serve

SIZE = 64 * 1024
PAYLOAD = random.Random(4).randbytes(SIZE)  # every byte value, +++ and ^Z included by chance


def test_online_64k_each_way(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/le910-v2")
    prepare(dte, pki, cfg="1,1500,90,100,1")
    with serve(pki, scenario("bulk-online")) as endpoint:
        assert dial(dte, endpoint) == b"\r\nCONNECT\r\n"
        dte.out.take()
        for start in range(0, SIZE, 4096):  # a DTE writes in pieces
            dte.instance.feed(PAYLOAD[start:start + 4096])
        assert dte.out.wait_size(SIZE, 20) == PAYLOAD
        assert escape(dte) == b"\r\nOK\r\n"
        assert dte.at("AT#SSLH=1") == ok()
        record = last(endpoint)
    assert record.bytes_received == SIZE
    assert record.bytes_sent == SIZE


def recv_all(dte: Dte, size: int) -> bytes:
    received = b""
    while len(received) < size:
        answer = dte.at("AT#SSLRECV=1,1000,20")
        assert answer.startswith(b"\r\n#SSLRECV: ")
        head, _, rest = answer[len(b"\r\n#SSLRECV: "):].partition(b"\r\n")
        assert head != b"0", "TIMEOUT before all bytes came back"
        count = int(head)
        assert rest[count:] == b"\r\nOK\r\n"
        received += rest[:count]
    return received


def test_command_mode_64k_each_way(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/le910-v2")
    prepare(dte, pki)
    with serve(pki, scenario("bulk-command")) as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        for start in range(0, SIZE, 1500):
            chunk = PAYLOAD[start:start + 1500]
            assert dte.at(f"AT#SSLSENDEXT=1,{len(chunk)}") == b"\r\n> "
            assert dte.send(chunk) == ok()
        assert recv_all(dte, SIZE) == PAYLOAD
        assert dte.at("AT#SSLH=1") == ok()
        record = last(endpoint)
    assert record.bytes_received == SIZE
