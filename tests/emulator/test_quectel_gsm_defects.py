"""quectel-gsm-ssl named defects: each switches one deviation, shown beside the right behaviour.

The defects are not in ``emulator/defects.py``'s union yet (the lead adds them once the suite
kills them), so ``Module(defects=...)`` refuses their names: these tests switch them on a module
built without, then power-cycle it so that the power-on state sees them too.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from functools import partial

import pytest

from emulator.core.defect import Defect
from emulator.defects import DEFECTS as UNION
from emulator.module import Module
from emulator.profiles import get_profile
from emulator.quectel.gsm import defects as qd
from emulator.quectel.gsm.products import NAMES
from servers.apps import Scripted, Then
from servers.pki import Pki
from servers.protocol import TlsVersion
from tests.emulator.conftest import ERROR, Dte, cme, ok
from tests.emulator.telit_net import DEADLINE, last, scenario, serve
from tests.emulator.test_quectel_gsm_ssl import ECHO, PROMPT, bearer, configure, open_ssl, recv_all

PUSH_CLOSE = scenario("quectel-defect-push-close", min_version=TlsVersion.TLS1_0,
                      app=Scripted(chunks=(b"bye",), then=Then.CLOSE))


class Made:
    """Modules built by a test, switched off after it."""

    def __init__(self) -> None:
        self.modules: list[Module] = []

    def __call__(self, *defects: str, profile: str = "quectel-gsm/m95") -> tuple[Module, Dte]:
        module = Module(get_profile(profile))
        module.defects = frozenset(defects)
        module.power_cycle()
        self.modules.append(module)
        dte = Dte(module.instances[0])
        dte.at("ATE0")
        return module, dte


@pytest.fixture
def made() -> Iterator[Made]:
    factory = Made()
    yield factory
    for module in factory.modules:
        module.close()


def _wait(condition: Callable[[], bool]) -> None:
    """Poll a white-box condition until it holds (a deadline, no fixed sleep)."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def _waiting(module: Module, count: int) -> bool:
    sock = module.state.sockets.get(1)
    return sock is not None and sock.link is not None and sock.link.waiting >= count


def _gone(module: Module) -> bool:
    sock = module.state.sockets.get(1)
    return sock is None or sock.link is None or sock.link.closed


def test_defects_are_well_formed() -> None:
    """One per command of the document at least; names of the dialect; each in the union."""
    names = {d.name for d in qd.DEFECTS}
    assert len(names) == len(qd.DEFECTS)
    assert all(isinstance(d, Defect) and d.name.startswith("quectel-gsm-") for d in qd.DEFECTS)
    assert all(d.clause.startswith("quectel-gsm-ssl §") and d.commands for d in qd.DEFECTS)
    assert all(d.products <= NAMES for d in qd.DEFECTS)
    covered = {c for d in qd.DEFECTS for c in d.commands}
    assert covered >= {"+QSSLCFG", "+QSSLOPEN", "+QSSLCLOSE", "+QSSLSEND", "+QSSLRECV",
                       "+QSSLSTATE", "+QSECWRITE", "+QSECREAD", "+QSECDEL", "+QSSLURC"}
    assert names <= set(UNION)


def test_httpsctxi_default(made: Made) -> None:
    assert made()[1].at('AT+QSSLCFG="httpsctxi"') == ok('+QSSLCFG: "httpsctxi",-1')
    assert made(qd.HTTPSCTXI_DEFAULT_ZERO)[1].at('AT+QSSLCFG="httpsctxi"') == ok('+QSSLCFG: "httpsctxi",0')


def test_secwrite_overwrites(made: Made) -> None:
    for defect, second in (((), cme(3)), ((qd.SECWRITE_OVERWRITES,), b"\r\nCONNECT\r\n")):
        _, dte = made(*defect)
        dte.at("AT+CMEE=1")
        assert dte.at('AT+QSECWRITE="RAM:a",1') == b"\r\nCONNECT\r\n"
        assert dte.send(b"x") == ok("+QSECWRITE: 1,7800")
        assert dte.at('AT+QSECWRITE="RAM:a",1') == second


def test_secread_checksum(made: Made) -> None:
    for defect, printed in (((), "7800"), ((qd.SECREAD_CHECKSUM_DIFFERS,), "7801")):
        _, dte = made(*defect)
        assert dte.at('AT+QSECWRITE="RAM:a",1') == b"\r\nCONNECT\r\n"
        assert dte.send(b"x") == ok("+QSECWRITE: 1,7800")
        assert dte.at('AT+QSECREAD="RAM:a"') == ok(f"+QSECREAD: 1,{printed}")


def test_secdel_keeps_file(made: Made) -> None:
    for defect, after in (((), ERROR), ((qd.SECDEL_KEEPS_FILE,), ok("+QSECREAD: 1,7800"))):
        _, dte = made(*defect)
        assert dte.at('AT+QSECWRITE="RAM:a",1') == b"\r\nCONNECT\r\n"
        dte.send(b"x")
        assert dte.at('AT+QSECDEL="RAM:a"') == ok()
        assert dte.at('AT+QSECREAD="RAM:a"') == after
        assert dte.at('AT+QSECWRITE="RAM:a",1') == b"\r\nCONNECT\r\n"  # it may be written again
        assert dte.send(b"y") == ok("+QSECWRITE: 1,7900")
        assert dte.at('AT+QSECREAD="RAM:a"') == ok("+QSECREAD: 1,7900")


def _opened(made: Made, pki: Pki, *defects: str, seclevel: int = 0) -> tuple[Module, Dte]:
    module, dte = made(*defects)
    bearer(dte)
    configure(dte, pki, seclevel)
    return module, dte


def test_seclevel_ignored(made: Made, pki: Pki) -> None:
    with serve(pki, "untrusted-root") as endpoint:
        for defect, code in (((), b"-1"), ((qd.SECLEVEL_IGNORED,), b"0")):
            _, dte = _opened(made, pki, *defect, seclevel=1)
            assert open_ssl(dte, endpoint.config.port) == code


def test_rtc_always_ignored(made: Made, pki: Pki) -> None:
    with serve(pki, "expired-leaf") as endpoint:
        for defect, code in (((), b"-1"), ((qd.RTC_ALWAYS_IGNORED,), b"0")):
            _, dte = _opened(made, pki, *defect, seclevel=1)
            assert open_ssl(dte, endpoint.config.port) == code


def test_occupied_as_error(made: Made, pki: Pki) -> None:
    with serve(pki, ECHO) as endpoint:
        for defect, code in (((), b"-2"), ((qd.OCCUPIED_AS_ERROR,), b"-1")):
            _, dte = _opened(made, pki, *defect)
            assert open_ssl(dte, endpoint.config.port) == b"0"
            assert open_ssl(dte, endpoint.config.port) == code


def test_close_keeps_connection(made: Made, pki: Pki) -> None:
    for defect, seen_closed in (((), True), ((qd.CLOSE_KEEPS_CONNECTION,), False)):
        with serve(pki, ECHO) as endpoint:
            _, dte = _opened(made, pki, *defect)
            assert open_ssl(dte, endpoint.config.port) == b"0"
            assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
            assert open_ssl(dte, endpoint.config.port) == b"0"  # the index is free either way
            assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
            if seen_closed:
                assert len(endpoint.recorder.wait_for(2, DEADLINE)) == 2
            else:
                assert endpoint.recorder.in_flight == 2  # neither connection ended


def test_close_nothing_ok(made: Made) -> None:
    for defect, answer in (((), ERROR), ((qd.CLOSE_NOTHING_OK,), b"\r\n2, CLOSE OK\r\n")):
        _, dte = made(*defect)
        assert dte.at("AT+QSSLCLOSE=2") == answer


def test_send_short(made: Made, pki: Pki) -> None:
    for defect, count in (((), 5), ((qd.SEND_SHORT,), 4)):
        with serve(pki, ECHO) as endpoint:
            _, dte = _opened(made, pki, *defect)
            assert open_ssl(dte, endpoint.config.port) == b"0"
            assert dte.at("AT+QSSLSEND=1,5") == PROMPT
            assert dte.send(b"12345").startswith(b"\r\nSEND OK\r\n")
            assert dte.at("AT+QSSLCLOSE=1").startswith(b"\r\n1, CLOSE OK\r\n")
            assert last(endpoint).bytes_received == count


def test_recv_wrong_length(made: Made, pki: Pki) -> None:
    with serve(pki, PUSH_CLOSE) as endpoint:
        for defect, count in (((), 3), ((qd.RECV_WRONG_LENGTH,), 4)):
            module, dte = _opened(made, pki, *defect)
            assert open_ssl(dte, endpoint.config.port) == b"0"
            _wait(partial(_waiting, module, 3))
            answer = dte.at("AT+QSSLRECV=0,1,1500")
            assert re.match(rb"\r\n\+QSSLRECV: 127\.0\.0\.1:\d+,TCP,(\d+)\r\nbye\r\nOK\r\n", answer)
            assert f",TCP,{count}\r\n".encode() in answer


def test_state_no_ssl_flag(made: Made, pki: Pki) -> None:
    with serve(pki, ECHO) as endpoint:
        for defect, flag in (((), b",1\r\n"), ((qd.STATE_NO_SSL_FLAG,), b",0\r\n")):
            _, dte = _opened(made, pki, *defect)
            assert open_ssl(dte, endpoint.config.port) == b"0"
            assert dte.at("AT+QSSLSTATE").endswith(b'"CONNECTED"' + flag + b"\r\nOK\r\n")


def test_recv_urc_repeated(made: Made, pki: Pki) -> None:
    with serve(pki, ECHO) as endpoint:
        for defect, urcs in (((), 1), ((qd.RECV_URC_REPEATED,), 2)):
            module, dte = _opened(made, pki, *defect)
            assert open_ssl(dte, endpoint.config.port) == b"0"
            seen = b""
            for count, data in enumerate((b"ab", b"cd"), start=1):
                seen += dte.out.take()  # Dte.at drops what came before it
                assert dte.at(f"AT+QSSLSEND=1,{len(data)}") == PROMPT
                seen += dte.send(data)
                _wait(partial(_waiting, module, 2 * count))
            seen += dte.out.take()
            assert seen.count(b'+QSSLURC: "recv",0,1') == urcs, seen


def test_closed_urc_missing(made: Made, pki: Pki) -> None:
    with serve(pki, PUSH_CLOSE) as endpoint:
        for defect, closed in (((), True), ((qd.CLOSED_URC_MISSING,), False)):
            module, dte = _opened(made, pki, *defect)
            assert open_ssl(dte, endpoint.config.port) == b"0"
            urcs = bytearray()
            assert recv_all(dte, 1, 3, header=f"+QSSLRECV: 127.0.0.1:{endpoint.config.port}".encode(),
                            urcs=urcs) == b"bye"
            _wait(partial(_gone, module))
            urcs += dte.out.take()
            assert (b'\r\n+QSSLURC: "closed",1\r\n' in urcs) == closed, bytes(urcs)
            assert dte.at("AT+QSSLRECV=0,1,10") == ERROR
