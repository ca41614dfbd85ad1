"""The Fibocom dialect's named defects: each shows where it should, and only with its switch.

They are in ``emulator.defects``'s union since the suite kills them (the kill matrix, issue 13).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest

from emulator.defects import DEFECTS as UNION
from emulator.fibocom import defects as fd
from emulator.module import Module
from emulator.profiles import get_profile
from servers.apps import Scripted, Then
from servers.pki import Pki
from tests.emulator.conftest import ERROR, Dte, ok
from tests.emulator.telit_net import last, scenario, serve
from tests.emulator.test_fibocom_connection import (
    ANY_VERSION,
    CLOSED,
    CONNECTED,
    FAILED,
    PROMPT,
    mipopen,
    mipsend,
    received,
)

PRODUCT = "fibocom/l610"
OWN = frozenset(d.name for d in fd.DEFECTS)
Factory = Callable[..., Dte]


@pytest.fixture
def fibocom() -> Iterator[Factory]:
    """``fibocom(*defects)``: a module with those defects (and none), its DTE, bearer up."""
    made: list[Module] = []

    def make(*defects: str, bearer: bool = True) -> Dte:
        module = Module(get_profile(PRODUCT), defects=defects)
        made.append(module)
        dte = Dte(module.instances[0])
        dte.at("ATE0")
        if bearer:
            dte.at("AT+MIPCALL=1")
        return dte

    yield make
    for module in made:
        module.close()


def test_defect_data() -> None:
    assert len(OWN) == len(fd.DEFECTS)
    assert OWN <= set(UNION) and all(UNION[d.name] is d for d in fd.DEFECTS)
    commands: set[str] = set()
    for defect in fd.DEFECTS:
        assert defect.name.startswith("fibocom-")
        assert defect.clause.startswith("fibocom-l610-ssl §")
        assert defect.commands
        commands.update(defect.commands)
    assert {"+GTSSLFILE", "+GTSSLMODE", "+GTSSLERR", "+GTSSLVER", "+GTSSLCIPHER", "+MIPCALL",
            "+MIPOPEN", "+MIPRTCP", "+MIPCLOSE", "+MIPSEND"} <= commands
    assert {d.name for d in fd.DEFECTS if d.benign} == {fd.MIPOPEN_URC_FIRST, fd.MIPCALL_STATUS_SHAPE}


def test_41st_trustfile(fibocom: Factory) -> None:
    for defects, answer in (((), ERROR), ((fd.FILE_41ST_TRUSTFILE,), PROMPT)):
        dte = fibocom(*defects)
        for _ in range(40):
            assert dte.at('AT+GTSSLFILE="TRUSTFILE",4') == PROMPT
            assert dte.send(b"QUJD") == ok()
        assert dte.at('AT+GTSSLFILE="TRUSTFILE",4') == answer


def test_mode_ignored(fibocom: Factory, pki: Pki) -> None:
    with serve(pki, ANY_VERSION) as endpoint:
        for defects, urc in (((), FAILED), ((fd.MODE_IGNORED,), CONNECTED)):
            dte = fibocom(*defects)
            assert dte.at("AT+GTSSLMODE=1") == ok()
            assert mipopen(dte, endpoint.config.port) == urc


def test_err_stale(fibocom: Factory, pki: Pki) -> None:
    with serve(pki, ANY_VERSION) as endpoint:
        for defects, after in (((), ok()), ((fd.ERR_STALE,), ok("+GTSSLERR: -11"))):
            dte = fibocom(*defects)
            dte.at("AT+GTSSLMODE=1")
            assert mipopen(dte, endpoint.config.port) == FAILED
            dte.at("AT+GTSSLMODE=0")
            assert mipopen(dte, endpoint.config.port) == CONNECTED
            assert dte.at("AT+GTSSLERR?") == after


def test_ver_wrong_default(fibocom: Factory) -> None:
    assert fibocom().at("AT+GTSSLVER?") == ok("+GTSSLVER: 2")
    assert fibocom(fd.VER_WRONG_DEFAULT).at("AT+GTSSLVER?") == ok("+GTSSLVER: 4")


def test_cipher_disable_ignored(fibocom: Factory) -> None:
    for defects, answer in (((), ok("+GTSSLCIPHER: 5")), ((fd.CIPHER_DISABLE_IGNORED,),
                                                         ok("+GTSSLCIPHER: 1,5"))):
        dte = fibocom(*defects)
        dte.at("AT+GTSSLCIPHER=1,1")
        dte.at("AT+GTSSLCIPHER=5,1")
        assert dte.at("AT+GTSSLCIPHER=1,0") == ok()
        assert dte.at("AT+GTSSLCIPHER?") == answer


def test_host_clock(fibocom: Factory, pki: Pki) -> None:
    """An expired leaf, the module clock set inside its dates: accepted, unless the host's time
    rules."""
    root = pki.roots["rsa"].pem.read_bytes()
    leaf = pki.credentials["rsa-expired"].leaf
    inside = leaf.not_valid_before_utc + datetime.timedelta(days=30)
    with serve(pki, "expired-leaf") as endpoint:
        for defects, urc in (((), CONNECTED), ((fd.HOST_CLOCK,), FAILED)):
            dte = fibocom(*defects)
            for line in ("AT+GTSSLVER=4", "AT+GTSSLMODE=1", f'AT+CCLK="{inside:%y/%m/%d,%H:%M:%S}"'):
                assert dte.at(line) == ok()
            assert dte.at(f'AT+GTSSLFILE="TRUSTFILE",{len(root)}') == PROMPT
            assert dte.send(root) == ok()
            assert mipopen(dte, endpoint.config.port) == urc


def test_mipcall_no_address(fibocom: Factory) -> None:
    assert fibocom(bearer=False).at("AT+MIPCALL=1") == ok() + b"\r\n+MIPCALL: 10.0.0.2\r\n"
    assert fibocom(fd.MIPCALL_NO_ADDRESS, bearer=False).at("AT+MIPCALL=1") == ok()


def test_miprtcp_drops_byte(fibocom: Factory, pki: Pki) -> None:
    text = b"0123456789"
    push = scenario("fibocom-defect-push", app=Scripted(chunks=(text,), then=Then.STAY_OPEN))
    with serve(pki, push) as endpoint:
        for defects, expected in (((), text), ((fd.MIPRTCP_DROPS_BYTE,), text[:-1])):
            dte = fibocom(*defects)
            assert mipopen(dte, endpoint.config.port) == CONNECTED
            urc = dte.out.wait_for(b"\r\n", 5.0, take=True)
            assert urc == (f"\r\n+MIPRTCP: 1,{len(expected)},".encode()
                           + expected.hex().upper().encode() + b"\r\n")


def test_mipclose_no_urc(fibocom: Factory, pki: Pki) -> None:
    with serve(pki, ANY_VERSION) as endpoint:
        for defects, answer in (((), CLOSED), ((fd.MIPCLOSE_NO_URC,), ok())):
            dte = fibocom(*defects)
            assert mipopen(dte, endpoint.config.port) == CONNECTED
            assert dte.at("AT+MIPCLOSE=1") == answer


def test_mipsend_short(fibocom: Factory, pki: Pki) -> None:
    with serve(pki, ANY_VERSION) as endpoint:
        for defects, echoed in (((), b"abcd"), ((fd.MIPSEND_SHORT,), b"abc")):
            dte = fibocom(*defects)
            assert mipopen(dte, endpoint.config.port) == CONNECTED
            mipsend(dte, b"abcd")
            assert received(dte, len(echoed)) == echoed
            dte.at("AT+MIPCLOSE=1")
        assert last(endpoint) is not None



def test_mipopen_result_before_ok(fibocom: Factory, pki: Pki) -> None:
    """Benign: the result line before OK, success and failure alike; data still follows it."""
    text = b"hello"
    push = scenario("fibocom-defect-first", app=Scripted(chunks=(text,), then=Then.STAY_OPEN))
    with serve(pki, push) as endpoint:
        dte = fibocom(fd.MIPOPEN_URC_FIRST)
        answer = dte.at(f'AT+MIPOPEN=1,,"localhost",{endpoint.config.port},2')
        assert answer.startswith(ok("+MIPOPEN: 1,1"))
        dte.out(answer[len(ok("+MIPOPEN: 1,1")):])  # the data URC may come with the answer
        assert received(dte, len(text)) == text
        dte.at("AT+GTSSLMODE=1")
        assert dte.at(f'AT+MIPOPEN=2,,"localhost",{endpoint.config.port},2') == ok("+MIPOPEN: 2,0")
    assert dte.at("AT+GTSSLERR?") == ok("+GTSSLERR: -11")


def test_mipcall_status_and_address(fibocom: Factory) -> None:
    dte = fibocom(fd.MIPCALL_STATUS_SHAPE, bearer=False)
    assert dte.at("AT+MIPCALL=1") == ok() + b"\r\n+MIPCALL: 1,10.0.0.2\r\n"
