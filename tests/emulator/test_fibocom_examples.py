"""fibocom-l610-ssl §2: the six examples replayed against the emulator, as far as it goes.

What differs from the printed transcripts, and why (emulator/README.md "The Fibocom dialect"):
the failure URC is printed ``+MIPOPEN: 1,0`` (the document: ``+MIPOPEN 1.0`` / ``+MIPOPEN 1,0``);
hosts, ports and files are the farm's (the trust file's length is its own, not 850); Example 3's
"expired" certificate is the farm's leaf outside its dates by the module clock; Example 5 loads
``"CERTFILE"`` without the leading blank and types the data after ``>``; Example 6 enables ids
1-6 first (none is enabled at power on).
"""

from __future__ import annotations

import datetime

from emulator.fibocom.ciphers import CIPHERS
from servers.apps import Scripted, Then
from servers.pki import Pki
from tests.emulator.conftest import Dte, ModuleFactory, ok
from tests.emulator.telit_net import last, scenario, serve
from tests.emulator.test_fibocom_connection import (
    ANY_VERSION,
    CLOSED,
    CONNECTED,
    FAILED,
    PROMPT,
    mipopen,
    received,
)

PRODUCT = "fibocom/l610"
MIPCALL = ok() + b"\r\n+MIPCALL: 10.0.0.2\r\n"


def _module(make_module: ModuleFactory) -> Dte:
    return make_module(PRODUCT)[1][0]


def _files(dte: Dte, cert: int, key: int, trust: int) -> None:
    assert dte.at("at+gtsslfile?") == ok(f"+GTSSLFILE: CERTFILE,{cert}", f"+GTSSLFILE: KEYFILE,{key}",
                                         f"+GTSSLFILE: TRUSTFILE,{trust}")


def test_example_1_mode_0(make_module: ModuleFactory, pki: Pki) -> None:
    dte = _module(make_module)
    assert dte.at("AT+MIPCALL=1") == MIPCALL
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("at+mipclose=1") == CLOSED


def test_example_2_mode_1_without_trust_file(make_module: ModuleFactory, pki: Pki) -> None:
    dte = _module(make_module)
    assert dte.at("AT+MIPCALL=1") == MIPCALL
    assert dte.at("at+gtsslmode=1") == ok()
    assert dte.at("at+gtsslmode?") == ok("+GTSSLMODE: 1")
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
    assert dte.at("AT+GTSSLERR?") == ok("+GTSSLERR: -11")
    _files(dte, 0, 0, 0)


def test_examples_3_and_4_the_clock(make_module: ModuleFactory, pki: Pki) -> None:
    dte = _module(make_module)
    assert dte.at("AT+MIPCALL=1") == MIPCALL
    assert dte.at("AT+GTSSLVER=4") == ok()  # the farm's catalog serves TLS 1.2 and up
    assert dte.at("at+gtsslmode=1") == ok()
    assert dte.at("at+gtsslmode?") == ok("+GTSSLMODE: 1")
    root = pki.roots["rsa"].pem.read_bytes()
    assert dte.at(f'AT+GTSSLFILE="TRUSTFILE",{len(root)}') == PROMPT
    assert dte.send(root) == ok()
    _files(dte, 0, 0, 1)
    leaf = pki.credentials["rsa-expired"].leaf
    inside = leaf.not_valid_before_utc + datetime.timedelta(days=30)
    with serve(pki, "expired-leaf") as endpoint:
        assert mipopen(dte, endpoint.config.port) == FAILED
        assert dte.at("AT+GTSSLERR?") == ok("+GTSSLERR: -11")
        # Example 4: the time without a zone.
        assert dte.at(f'AT+CCLK="{inside:%y/%m/%d,%H:%M:%S}"') == ok()
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPCLOSE=1") == CLOSED


def test_example_5_client_files_and_miprtcp(make_module: ModuleFactory, pki: Pki) -> None:
    dte = _module(make_module)
    assert dte.at("AT+MIPCALL=1") == MIPCALL
    assert dte.at("AT+GTSSLMODE?") == ok("+GTSSLMODE: 0")
    _files(dte, 0, 0, 0)
    client = pki.credentials["client"]
    cert = client.leaf_files.pem.read_bytes()
    key = client.key_files.pkcs8_pem.read_bytes()
    assert dte.at(f'AT+GTSSLFILE="CERTFILE",{len(cert)}') == PROMPT
    assert dte.send(cert) == ok()
    assert dte.at(f'AT+GTSSLFILE="KEYFILE",{len(key)}') == PROMPT
    assert dte.send(key) == ok()
    _files(dte, 1, 1, 0)
    # The example's server sends the time once a second; its text, sent at once.
    text = b"5\n" + b"".join(f"Wed Jan 21 15:58:{s:02d} MSK 2015\n".encode() for s in range(4, 52))
    clock = scenario("fibocom-example-5", app=Scripted(chunks=(text,), then=Then.STAY_OPEN))
    with serve(pki, clock) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert received(dte, len(text)) == text
        assert dte.at("AT+MIPCLOSE=1") == CLOSED


def test_example_6_one_cipher(make_module: ModuleFactory, pki: Pki) -> None:
    dte = _module(make_module)
    assert dte.at("AT+COPS?") == ok('+COPS: 0,0,"CHINA MOBILE",7')
    assert dte.at('AT+MIPCALL=1,"CMNET"') == MIPCALL
    for number in range(1, 7):  # not in the example: none is enabled at power on
        assert dte.at(f"AT+GTSSLCIPHER={number},1") == ok()
    assert dte.at("AT+GTSSLCIPHER?") == ok("+GTSSLCIPHER: 1,2,3,4,5,6")
    for number in (1, 2, 3, 4, 6):
        assert dte.at(f"AT+GTSSLCIPHER={number},0") == ok()
    assert dte.at("AT+GTSSLCIPHER?") == ok("+GTSSLCIPHER: 5")
    assert dte.at("AT+GTSSLVER=4") == ok()  # id 5 is a TLS 1.2 suite
    with serve(pki, ANY_VERSION) as endpoint:
        assert mipopen(dte, endpoint.config.port) == CONNECTED
        assert dte.at("AT+MIPCLOSE=1") == CLOSED
        hello = last(endpoint).client_hello
    assert hello is not None and hello.cipher_suites == (CIPHERS[5],)

