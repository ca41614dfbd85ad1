"""quectel-gsm-ssl transparent mode, +QSSLOPEN <connectmode> 1 (§2.2.2, errata QGS-23): OK, the result URC and
CONNECT; data both ways; +++ with guard times; ATO; NO CARRIER on the server's close; a failure without CONNECT.
And the harness engine's reading of it: the CONNECT after OK enters online data state."""

from __future__ import annotations

import time

from emulator.quectel.gsm.defects import ESCAPE_WITHOUT_GUARD
from harness.dialects import DIALECTS
from harness.engine import Engine, State
from harness.events import OnlineData, Urc
from servers.apps import Scripted, Then
from servers.pki import Pki
from servers.protocol import TlsVersion
from servers.scenarios import ClientAuth
from tests.emulator.conftest import Dte, ModuleFactory, ok
from tests.emulator.telit_net import DEADLINE, last, scenario, serve

PROFILE = "quectel-gsm/m95"
ECHO = scenario("quectel-gsm-transparent-echo", min_version=TlsVersion.TLS1_0)
CLIENT_AUTH = scenario("quectel-gsm-transparent-client-auth", min_version=TlsVersion.TLS1_0,
                       client_auth=ClientAuth.REQUIRED, client_credential="client")
PUSH_CLOSE = scenario("quectel-gsm-transparent-push-close", min_version=TlsVersion.TLS1_0,
                      app=Scripted(chunks=(b"first", b"second"), pause=0.2, then=Then.CLOSE))
#: ATS12=5: a tenth of a second of guard time (V.250 S12, fiftieths).
S12, GUARD = 5, 0.1


def bearer(dte: Dte) -> None:
    """§3.1 Step 2, and a short guard time."""
    for line in ("AT+QIFGCNT=0", 'AT+QICSGP=1,"CMNET"', "AT+QIREGAPP", "AT+QIACT", "AT+QIMUX=1", f"ATS12={S12}"):
        assert dte.at(line) == ok(), line


def connected() -> bytes:
    """OK, +QSSLOPEN: 1,0, CONNECT (errata QGS-23)."""
    return b"\r\nOK\r\n\r\n+QSSLOPEN: 1,0\r\n\r\nCONNECT\r\n"


def escape(dte: Dte) -> bytes:
    time.sleep(GUARD * 1.5)
    dte.out.take()
    dte.instance.feed(b"+++")
    return dte.out.wait_for(b"\r\nOK\r\n", DEADLINE, take=True)


def test_transparent_mode(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, ECHO) as endpoint:
        port = endpoint.config.port
        assert dte.at(f'AT+QSSLOPEN=1,0,"localhost",{port},1') == connected()
        dte.instance.feed(b"a+++b")  # +++ without silence around it is data
        assert dte.out.wait_size(5, DEADLINE) == b"a+++b"
        assert escape(dte) == b"\r\nOK\r\n"
        assert dte.at("AT") == ok()
        assert dte.at("ATO") == b"\r\nCONNECT\r\n"
        dte.instance.feed(b"again")
        assert dte.out.wait_size(5, DEADLINE) == b"again"
        escape(dte)
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
        assert dte.at("ATO") == b"\r\nNO CARRIER\r\n"
        record = last(endpoint)
    assert record.bytes_received == 10


def test_escape_without_guard_defect(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE, defects=[ESCAPE_WITHOUT_GUARD])
    bearer(dte)
    with serve(pki, ECHO) as endpoint:
        assert dte.at(f'AT+QSSLOPEN=1,0,"localhost",{endpoint.config.port},1').endswith(b"\r\nCONNECT\r\n")
        dte.instance.feed(b"a+++b")
        assert b"\r\nOK\r\n" in dte.out.wait_for(b"\r\nOK\r\n", DEADLINE)  # defect: +++ inside data escapes


def test_server_close_is_no_carrier(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, PUSH_CLOSE) as endpoint:
        port = endpoint.config.port
        assert dte.at(f'AT+QSSLOPEN=1,0,"localhost",{port},1') == connected()
        got = dte.out.wait_for(b"\r\nNO CARRIER\r\n", DEADLINE, take=True)
        assert got == b"firstsecond\r\nNO CARRIER\r\n"
        assert dte.at("ATO") == b"\r\nNO CARRIER\r\n"
        # The socket index is free again: a new open is not "occupied".
        assert dte.at(f'AT+QSSLOPEN=1,0,"localhost",{port},1') == connected()


def test_failed_open_gives_no_connect(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, CLIENT_AUTH) as endpoint:
        answer = dte.at(f'AT+QSSLOPEN=1,0,"localhost",{endpoint.config.port},1')
        if b"+QSSLOPEN" not in answer:
            answer += dte.out.wait_for(b"+QSSLOPEN: 1,-1\r\n", DEADLINE, take=True)
        assert answer == b"\r\nOK\r\n\r\n+QSSLOPEN: 1,-1\r\n"
        assert dte.at("AT") == ok()


def test_engine_takes_an_unsolicited_connect_into_online_data_state() -> None:
    engine = Engine(DIALECTS["quectel-gsm"])
    engine.receive_data(b'\r\n+QSSLOPEN: 1,0\r\n\r\nCONNECT\r\nab\r\nOK\r\n')
    events = []
    while isinstance(event := engine.next_event(), (Urc, OnlineData)):
        events.append(event)
    assert [e.text for e in events if isinstance(e, Urc)] == ["+QSSLOPEN: 1,0", "CONNECT"]
    assert engine.state is State.ONLINE  # "OK" is data until +++ was sent
