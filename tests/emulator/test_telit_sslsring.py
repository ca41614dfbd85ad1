"""SSLSRING (telit-ssl-ug §5.1.2.2.2, §5.4.4; D20) and NO CARRIER after the server closes (D21)."""

from __future__ import annotations

import pytest

from servers.apps import Scripted, Then
from servers.pki import Pki
from tests.emulator.conftest import ModuleFactory, ok
from tests.emulator.telit_net import dial, last, prepare, scenario, serve, settle, until

NO_CARRIER = b"\r\nNO CARRIER\r\n"
REQUEST = b"Make a request to the server"
RESPONSE = bytes(i % 251 for i in range(400))


def responder(name: str, body: bytes) -> object:
    """A server that answers the request with ``body`` and closes (§5.4.4)."""
    return scenario(name, app=Scripted(chunks=(body,), wait_for_client=len(REQUEST), then=Then.CLOSE))


def test_mode_1(make_module: ModuleFactory, pki: Pki) -> None:
    """§5.4.4.1: SSLSRING: 1,400; read 300; SSLSRING: 1,100; read 100; NO CARRIER."""
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki, cfg="1,300,90,100,50,1")
    with serve(pki, responder("ring-1", RESPONSE)) as endpoint:  # type: ignore[arg-type]
        assert dial(dte, endpoint, mode=1) == ok()
        dte.at("AT#SSLSEND=1")
        answer = until(dte, dte.send(REQUEST + b"\x1a"), b"SSLSRING: 1,400\r\n")
        assert answer == ok() + b"\r\nSSLSRING: 1,400\r\n"
        last(endpoint)
        assert settle(dte) == b""
        assert dte.at("AT#SSLRECV=1,300") == (b"\r\n#SSLRECV: 300\r\n" + RESPONSE[:300] + b"\r\nOK\r\n"
                                               + b"\r\nSSLSRING: 1,100\r\n")
        assert dte.at("AT#SSLRECV=1,100") == (b"\r\n#SSLRECV: 100\r\n" + RESPONSE[300:] + b"\r\nOK\r\n"
                                               + NO_CARRIER)
        assert dte.at("AT#SSLS=1") == ok("#SSLS: 1,1")


@pytest.mark.parametrize(("profile_name", "limit"), [("telit/he910", 1300), ("telit/ge910", 256)])
def test_mode_2_chunks(make_module: ModuleFactory, pki: Pki, profile_name: str, limit: int) -> None:
    """§5.4.4.2: the bytes in URCs of at most 256 (2G) / 1300 (3G/4G), then NO CARRIER."""
    body = bytes(i % 253 for i in range(3000))
    _, (dte,) = make_module(profile_name)
    prepare(dte, pki, cfg="1,300,90,100,50,2")
    with serve(pki, responder(f"ring-2-{limit}", body)) as endpoint:  # type: ignore[arg-type]
        dial(dte, endpoint, mode=1)
        dte.at("AT#SSLSEND=1")
        answer = until(dte, dte.send(REQUEST + b"\x1a"), NO_CARRIER)
        last(endpoint)
    assert answer.startswith(ok())
    urcs = answer[len(ok()):-len(NO_CARRIER)]
    received = b""
    while urcs:
        assert urcs.startswith(b"\r\nSSLSRING: 1,")
        head, _, rest = urcs[len(b"\r\nSSLSRING: 1,"):].partition(b",")
        count = int(head)
        assert 0 < count <= limit
        received += rest[:count]
        assert rest[count:count + 2] == b"\r\n"
        urcs = rest[count + 2:]
    assert received == body
    assert answer.endswith(NO_CARRIER)
    assert dte.at("AT#SSLRECV=1,10") == b"\r\n+CME ERROR: SSL not connected\r\n"


def test_mode_0_is_silent(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module("telit/he910")
    prepare(dte, pki)
    app = Scripted(chunks=(b"quiet",), wait_for_client=len(REQUEST), then=Then.STAY_OPEN)
    with serve(pki, scenario("ring-0", app=app)) as endpoint:
        dial(dte, endpoint, mode=1)
        dte.at("AT#SSLSEND=1")
        assert dte.send(REQUEST + b"\x1a") == ok()
        assert settle(dte) == b""
        assert dte.at("AT#SSLRECV=1,100") == b"\r\n#SSLRECV: 5\r\nquiet\r\nOK\r\n"
        assert dte.at("AT#SSLH=1") == ok()
