"""quectel-gsm-ssl: products, identification, the bearer commands of the examples, +QSSLCFG."""

from __future__ import annotations

import pytest

from emulator.module import Module
from emulator.profiles import get_profile
from tests.emulator.conftest import ERROR, Terminal, ok, terminal

PRODUCTS = {"quectel-gsm/m10": "M10", "quectel-gsm/m66": "M66", "quectel-gsm/m85": "M85",
            "quectel-gsm/m95": "M95"}


def quectel(profile: str = "quectel-gsm/m95") -> Terminal:
    return terminal(profile)


@pytest.mark.parametrize(("name", "model"), sorted(PRODUCTS.items()))
def test_products_and_identification(name: str, model: str) -> None:
    """§1: M10, M66, M85, M95; ATI / +CGMI / +CGMM / +QGMR."""
    profile = get_profile(name)
    assert profile.document == "quectel-gsm-ssl"
    assert profile.dialect == "quectel-gsm"
    term = quectel(name)
    assert term.at("ATI") == ok("Quectel")
    assert term.at("AT+CGMI") == ok("Quectel")
    assert term.at("AT+CGMM") == ok(model)
    assert term.at("AT+QGMR") == ok(profile.firmware)
    assert term.at("AT+CGMR") == ok(profile.firmware)
    assert term.at("AT#SSLEN=1,1") == ERROR  # no Telit command


def bearer_up(term: Terminal) -> None:
    """§3.1 Step 2, spaces as the example writes them."""
    assert term.at("AT+ QIFGCNT=0") == ok()
    assert term.at('AT+ QICSGP=1,"CMNET"') == ok()
    assert term.at("AT+QIREGAPP") == ok()
    assert term.at("AT+QIACT") == ok()
    assert term.at("AT+QILOCIP") == b"\r\n10.1.83.188\r\n"  # an address, no result code
    assert term.at("AT+QIMUX=1") == ok()


def test_bearer_sequence_and_states() -> None:
    """§1.2, §2.2.6 <state>: IP INITIAL -> IP START -> IP GPRSACT -> IP STATUS; DEACT OK."""
    term = quectel()
    assert term.at("AT+QSSLSTATE") == ok('+QSSLSTATE: "IP INITIAL"')
    assert term.at("AT+QILOCIP") == ERROR  # no context yet
    assert term.at("AT+QIFGCNT=0") == ok()
    assert term.at("AT+QIFGCNT?") == ok("+QIFGCNT: 0")
    assert term.at("AT+QIFGCNT=2") == ERROR
    assert term.at('AT+QICSGP=1,"CMNET"') == ok()
    assert term.at("AT+QIREGAPP") == ok()
    assert term.at("AT+QSSLSTATE") == ok('+QSSLSTATE: "IP START"')
    assert term.at("AT+QIREGAPP") == ERROR
    assert term.at('AT+QICSGP=1,"X"') == ERROR  # only in IP INITIAL
    assert term.at("AT+QIACT") == ok()
    assert term.at("AT+QSSLSTATE") == ok('+QSSLSTATE: "IP GPRSACT"')
    assert term.at("AT+QIACT") == ERROR
    assert term.at("AT+QILOCIP") == b"\r\n10.1.83.188\r\n"
    assert term.at("AT+QSSLSTATE") == ok('+QSSLSTATE: "IP STATUS"')
    assert term.at("AT+QIMUX=1") == ok()
    assert term.at("AT+QIMUX?") == ok("+QIMUX: 1")
    assert term.at("AT+QINDI=1") == ok()
    assert term.at("AT+QINDI?") == ok("+QINDI: 1")
    assert term.at("AT+QINDI=3") == ERROR
    assert term.at("AT+QIDEACT") == b"\r\nDEACT OK\r\n"
    assert term.at("AT+QSSLSTATE") == ok('+QSSLSTATE: "IP INITIAL"')


def test_qiact_registers_by_itself() -> None:
    """§1.4.1 lists no order constraint; from IP INITIAL +QIACT activates directly."""
    term = quectel()
    assert term.at("AT+QIACT") == ok()
    assert term.at("AT+QILOCIP") == b"\r\n10.1.83.188\r\n"


def test_qsslcfg_test_form() -> None:
    """§2.2.1 Test Command."""
    assert quectel().at("AT+QSSLCFG=?") == ok('+QSSLCFG: "type",(0-5),"value"')


def test_qsslcfg_defaults_per_context() -> None:
    """§2.2.1: "ctxindex" reads a whole context; six contexts."""
    term = quectel()
    for index in range(6):
        assert term.at(f'AT+QSSLCFG="ctxindex",{index}') == ok(
            f'+QSSLCFG: {index},4,0,"0XFFFF","","",""')
    assert term.at('AT+QSSLCFG="ctxindex",6') == ERROR
    assert term.at('AT+QSSLCFG="ctxindex"') == ERROR


@pytest.mark.parametrize(("keyword", "value", "printed"), [
    ("sslversion", "0", "0"), ("sslversion", "3", "3"), ("sslversion", "4", "4"),
    ("seclevel", "0", "0"), ("seclevel", "1", "1"), ("seclevel", "2", "2"),
    ("ciphersuite", '"0X0035"', '"0X0035"'), ("ciphersuite", '"0x002f"', '"0X002F"'),
    ("ciphersuite", '"0X0005"', '"0X0005"'), ("ciphersuite", '"0X0004"', '"0X0004"'),
    ("ciphersuite", '"0X000A"', '"0X000A"'), ("ciphersuite", '"0X003D"', '"0X003D"'),
    ("ciphersuite", '"0XFFFF"', '"0XFFFF"'),
    ("ciphersuite", '"0X0035","0X000A"', '"0X0035","0X000A"'),
    ("cacert", '"RAM:ca_cert.pem"', '"RAM:ca_cert.pem"'),
    ("cacert", '"NVRAM:CA0"', '"NVRAM:CA0"'), ("cacert", '"NVRAM:CA1"', '"NVRAM:CA1"'),
    ("clientcert", '"RAM:client_cert.pem"', '"RAM:client_cert.pem"'),
    ("clientcert", '"NVRAM:CC0"', '"NVRAM:CC0"'),
    ("clientkey", '"RAM:client_key.pem"', '"RAM:client_key.pem"'),
    ("clientkey", '"NVRAM:CK0"', '"NVRAM:CK0"'),
])
def test_qsslcfg_per_context_set_and_query(keyword: str, value: str, printed: str) -> None:
    """§2.2.1: set, then the query with the third parameter omitted; other contexts untouched."""
    term = quectel()
    before = term.at(f'AT+QSSLCFG="{keyword}",2')
    assert term.at(f'AT+QSSLCFG="{keyword}",3,{value}') == ok()
    assert term.at(f'AT+QSSLCFG="{keyword}",3') == ok(f'+QSSLCFG: "{keyword}",{printed}')
    assert term.at(f'AT+QSSLCFG="{keyword}",2') == before


@pytest.mark.parametrize(("keyword", "bad"), [
    ("sslversion", "5"), ("sslversion", '"1"'), ("seclevel", "3"), ("ciphersuite", '"0X0001"'),
    ("ciphersuite", '"0XFFFF","0X0035"'), ("ciphersuite", '"35"'), ("cacert", '"NVRAM:CC0"'),
    ("cacert", '"ROM:ca.pem"'), ("cacert", "RAM"), ("clientcert", '"NVRAM:CA0"'),
    ("clientkey", '"NVRAM:CA1"'), ("sslversion", "1,2"),
])
def test_qsslcfg_per_context_refusals(keyword: str, bad: str) -> None:
    """§2.2.1 "Otherwise response ERROR"; the value stays."""
    term = quectel()
    before = term.at(f'AT+QSSLCFG="{keyword}",0')
    assert term.at(f'AT+QSSLCFG="{keyword}",0,{bad}') == ERROR
    assert term.at(f'AT+QSSLCFG="{keyword}",0') == before


def test_qsslcfg_ctxindex_reflects_settings() -> None:
    term = quectel()
    for line in ('"sslversion",5,1', '"seclevel",5,2', '"ciphersuite",5,"0X002F"',
                 '"cacert",5,"NVRAM:CA1"', '"clientcert",5,"RAM:c.pem"', '"clientkey",5,"NVRAM:CK0"'):
        assert term.at(f"AT+QSSLCFG={line}") == ok()
    assert term.at('AT+QSSLCFG="ctxindex",5') == ok(
        '+QSSLCFG: 5,1,2,"0X002F","NVRAM:CA1","RAM:c.pem","NVRAM:CK0"')


@pytest.mark.parametrize(("keyword", "default", "good", "bad"), [
    ("ignorertctime", 0, (0, 1), (2,)),
    ("https", 0, (0, 1), (2,)),
    ("httpsctxi", -1, (0, 5), (6,)),
    ("smtpstyle", 0, (0, 1, 2), (3,)),
    ("smtpsctxi", -1, (0, 5), (6,)),
])
def test_qsslcfg_module_wide(keyword: str, default: int, good: tuple[int, ...],
                             bad: tuple[int, ...]) -> None:
    """§2.2.1: no <ctxindex>; the second parameter omitted is the query; -1 until set."""
    term = quectel()
    assert term.at(f'AT+QSSLCFG="{keyword}"') == ok(f'+QSSLCFG: "{keyword}",{default}')
    for value in good:
        assert term.at(f'AT+QSSLCFG="{keyword}",{value}') == ok()
        assert term.at(f'AT+QSSLCFG="{keyword}"') == ok(f'+QSSLCFG: "{keyword}",{value}')
    for value in bad:
        assert term.at(f'AT+QSSLCFG="{keyword}",{value}') == ERROR
    assert term.at(f'AT+QSSLCFG="{keyword}",0,0') == ERROR


@pytest.mark.parametrize("line", ['"sslverison",0,1', '"SSLVERSION"', "sslversion,0,1", "",
                                  '"ciphersuite"', '"cacert",0,"RAM:"'])
def test_qsslcfg_typos_are_errors(line: str) -> None:
    assert quectel().at(f"AT+QSSLCFG={line}") == ERROR


def test_keyword_case_is_ignored() -> None:
    term = quectel()
    assert term.at('AT+QSSLCFG="SSLVersion",0,1') == ok()
    assert term.at('AT+QSSLCFG="sslversion",0') == ok('+QSSLCFG: "sslversion",1')


def test_configuration_is_lost_at_power_off() -> None:
    module = Module(get_profile("quectel-gsm/m66"))
    term = Terminal(module.instances[0])
    assert term.at('AT+QSSLCFG="seclevel",1,2') == ok()
    module.power_cycle()
    term.at("ATE0")
    assert term.at('AT+QSSLCFG="seclevel",1') == ok('+QSSLCFG: "seclevel",0')
    module.close()
