"""The quectel-ec200-ssl dialect's named defects: each shows where it should, and only with its switch.

They are in ``emulator.defects``'s union since the suite kills them (the kill matrix, issue 12).
Each check runs the same steps without and with the defect and compares one observable.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterator

import pytest

from emulator.defects import DEFECTS as UNION
from emulator.module import Module
from emulator.profiles import get_profile
from emulator.quectel.ec200 import defects as qd
from servers.pki import Pki
from tests.emulator.conftest import ERROR, Dte, ok
from tests.emulator.telit_net import last, serve
from tests.emulator.test_quectel_ec200_config import geterror
from tests.emulator.test_quectel_ec200_ssl import (
    DATA,
    ECHO,
    EXPIRED,
    JUST_VALID,
    PROMPT,
    PUSH_CLOSE,
    SEND_OK,
    bearer,
    configure,
    escape,
    fill,
    open_ssl,
    wait,
)

PRODUCT = "quectel-ec200/ec200m-cn"
OWN = frozenset(d.name for d in qd.DEFECTS)
Factory = Callable[..., Dte]
Check = Callable[[Factory, Pki, tuple[str, ...]], object]


@pytest.fixture
def quectel() -> Iterator[Factory]:
    """``quectel(*defects)``: a module with those defects (and none), its DTE, bearer up."""
    made: list[Module] = []

    def make(*defects: str) -> Dte:
        module = Module(get_profile(PRODUCT), defects=defects)
        made.append(module)
        dte = Dte(module.instances[0])
        dte.at("ATE0")
        bearer(dte)
        return dte

    yield make
    for module in made:
        module.close()


def test_defect_data() -> None:
    assert len(OWN) == len(qd.DEFECTS)
    assert OWN <= set(UNION) and all(UNION[d.name] is d for d in qd.DEFECTS)  # registered (emulator/defects.py)
    commands: set[str] = set()
    for defect in qd.DEFECTS:
        assert defect.name.startswith("quectel-ec200-")
        assert defect.clause.startswith("quectel-ec200-ssl §")
        assert defect.commands and not defect.benign and not defect.products
        commands.update(defect.commands)
    assert {"+QSSLCFG", "+QSSLOPEN", "+QSSLSEND", "+QSSLRECV", "+QSSLCLOSE", "+QSSLSTATE", "+QSSLURC",
            "+QIGETERROR", "+QIACT", "+QISWTMD", "ATO"} <= commands


def negotiatetime(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    return make(*defects).at('AT+QSSLCFG="negotiatetime",0')


def seclevel(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    configure(dte, pki, 1, trust="ecdsa")  # the wrong CA for the RSA chain
    with serve(pki, ECHO) as endpoint:
        return open_ssl(dte, endpoint.config.port)


def localtime(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    configure(dte, pki, 1)
    assert dte.at('AT+QSSLCFG="ignorelocaltime",1,0') == ok()
    with serve(pki, EXPIRED) as endpoint:
        return open_ssl(dte, endpoint.config.port)


def cclk(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    configure(dte, pki, 1)
    assert dte.at('AT+QSSLCFG="ignorelocaltime",1,0') == ok()
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    assert dte.at(f'AT+CCLK="{past:%y/%m/%d,%H:%M:%S}+00"') == ok()
    with serve(pki, JUST_VALID) as endpoint:
        return open_ssl(dte, endpoint.config.port)


def sni(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    assert dte.at('AT+QSSLCFG="sni",1,1') == ok()
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLCLOSE=4") == ok()
        return last(endpoint).client_hello.sni  # type: ignore[union-attr]


def session(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        for _ in range(2):
            assert open_ssl(dte, endpoint.config.port) == 0
            assert dte.at("AT+QSSLCLOSE=4") == ok()
        return endpoint.recorder.wait_for(2)[1].resumed


def reuse(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        return dte.at(f'AT+QSSLOPEN=1,1,4,"localhost",{endpoint.config.port},0')[:9]


def failure_zero(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    configure(dte, pki, 1)
    with serve(pki, EXPIRED) as endpoint:
        assert dte.at('AT+QSSLCFG="ignorelocaltime",1,0') == ok()
        return open_ssl(dte, endpoint.config.port)


def send_short(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLSEND=4,18") == PROMPT
        assert dte.send(DATA).startswith(SEND_OK)
        assert dte.at("AT+QSSLCLOSE=4") == ok()
        return last(endpoint).bytes_received


def send_fail(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, "no-read") as endpoint:  # the farm's endpoint that never reads: its buffer fills
        assert open_ssl(dte, endpoint.config.port) == 0
        answer = fill(dte, 64)[1]
        assert dte.at("AT+QSSLCLOSE=4,0") == ok()
        return answer


def recv_length(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLSEND=4,2") == PROMPT
        wait(dte, dte.send(b"ab"), b'"recv",4\r\n')
        return dte.at("AT+QSSLRECV=4,1500").split(b"\r\n")[1]


def close_keeps(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLCLOSE=4") == ok()
        try:  # the server sees the close (clean), or never does (the defect): a deadline, not a sleep
            return len(endpoint.recorder.wait_for(1, timeout=3.0))
        except TimeoutError:
            return 0


def state_mode(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port, mode=1) == 0
        return dte.at("AT+QSSLSTATE=4").split(b",")[8]


def buffer_urc(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLSEND=4,2") == PROMPT
        answer = dte.send(b"ab")
        dte.out.arrives(b'"recv",4', 3.0)  # the echo is back (clean), or no URC comes (the defect)
        answer += dte.out.take()
        assert dte.at("AT+QSSLRECV=4,1500") == b"\r\n+QSSLRECV: 2\r\nab\r\nOK\r\n"
        return b'"recv",4' in answer


def push_length(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port, mode=1) == 0
        assert dte.at("AT+QSSLSEND=4,18") == PROMPT
        pushed = wait(dte, dte.send(DATA), DATA)
        return pushed.split(b"+QSSLURC: ")[1].split(b"\r\n")[0]


def escape_guard(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert dte.at(f'AT+QSSLOPEN=1,1,4,"localhost",{endpoint.config.port},2') == b"\r\nCONNECT\r\n"
        dte.instance.feed(b"a+++b")
        return dte.out.arrives(b"\r\nOK\r\n", 1.0)  # no guard times: data (clean), an escape (the defect)


def closed_urc(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, PUSH_CLOSE) as endpoint:
        assert open_ssl(dte, endpoint.config.port, mode=1) == 0
        return dte.out.arrives(b'"closed",4', 3.0)


def stale(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    assert dte.at('AT+QSSLCFG="bad",1') == ERROR
    assert dte.at('AT+QSSLCFG="sni",1') == ok('+QSSLCFG: "sni",1,0')
    return geterror(dte)


def description(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    assert dte.at('AT+QSSLCFG="bad",1') == ERROR
    return dte.at("AT+QIGETERROR")


def closetimemode(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    assert dte.at('AT+QSSLCFG="closetimemode",1,1') == ok()
    with serve(pki, "hold-open") as server:  # the farm's endpoint that never answers the close
        assert open_ssl(dte, server.config.port) == 0
        started = time.monotonic()
        assert dte.at("AT+QSSLCLOSE=4,1") == ok()  # 1 ms (clean), 1 s (the defect): the server never answers
        return time.monotonic() - started >= 0.9


def qiact(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    return make(*defects).at("AT+QIACT?")


def ato(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    return make(*defects).at("ATO")


def qiswtmd(make: Factory, pki: Pki, defects: tuple[str, ...]) -> object:
    dte = make(*defects)
    with serve(pki, ECHO) as endpoint:
        assert dte.at(f'AT+QSSLOPEN=1,1,4,"localhost",{endpoint.config.port},2') == b"\r\nCONNECT\r\n"
        escape(dte)
        answer = dte.at("AT+QISWTMD=4,2")
        if answer == b"\r\nCONNECT\r\n":
            escape(dte)
        return answer


CASES: dict[str, tuple[Check, object, object]] = {
    qd.NEGOTIATETIME_DEFAULT: (negotiatetime, ok('+QSSLCFG: "negotiatetime",0,300'),
                               ok('+QSSLCFG: "negotiatetime",0,120')),
    qd.SECLEVEL_IGNORED: (seclevel, 566, 0),
    qd.LOCALTIME_ALWAYS_IGNORED: (localtime, 566, 0),
    qd.CCLK_IGNORED: (cclk, 566, 0),
    qd.SNI_IGNORED: (sni, "localhost", None),
    qd.SESSION_ALWAYS_CACHED: (session, False, True),
    qd.OPEN_REUSES_CLIENTID: (reuse, ERROR[:9], ok()[:9]),
    qd.OPEN_FAILURE_AS_SUCCESS: (failure_zero, 566, 0),
    qd.SEND_SHORT: (send_short, 18, 17),
    qd.SEND_FAIL_AS_ERROR: (send_fail, b"\r\nSEND FAIL\r\n", ERROR),
    qd.RECV_WRONG_LENGTH: (recv_length, b"+QSSLRECV: 2", b"+QSSLRECV: 3"),
    qd.CLOSE_KEEPS_CONNECTION: (close_keeps, 1, 0),
    qd.STATE_WRONG_MODE: (state_mode, b"1", b"0"),
    qd.BUFFER_URC_MISSING: (buffer_urc, True, False),
    qd.PUSH_WRONG_LENGTH: (push_length, b'"recv",4,18', b'"recv",4,19'),
    qd.ESCAPE_WITHOUT_GUARD: (escape_guard, False, True),
    qd.CLOSED_URC_MISSING: (closed_urc, True, False),
    qd.GETERROR_STALE: (stale, 0, 552),
    qd.GETERROR_DESCRIPTION_SHIFTED: (description, ok("+QIGETERROR: 552,Invalid parameter"),
                                      ok("+QIGETERROR: 552,Memory not enough")),
    qd.CLOSETIMEMODE_IGNORED: (closetimemode, False, True),
    qd.QIACT_READ_INACTIVE: (qiact, ok('+QIACT: 1,1,1,"10.7.157.1"'), ok('+QIACT: 1,0,1,"10.7.157.1"')),
    qd.ATO_WITHOUT_CONNECTION_OK: (ato, b"\r\nNO CARRIER\r\n", ok()),
    qd.QISWTMD_NO_CONNECT: (qiswtmd, b"\r\nCONNECT\r\n", ok()),
}


def test_every_defect_has_a_case() -> None:
    assert set(CASES) == OWN


@pytest.mark.parametrize("name", sorted(CASES))
def test_defect_shows_only_with_its_switch(quectel: Factory, pki: Pki, name: str) -> None:
    check, good, broken = CASES[name]
    assert check(quectel, pki, ()) == good
    assert check(quectel, pki, (name,)) == broken
