"""quectel-ec200-ssl without the network: +QSSLCFG's fourteen keywords, the bearer commands,
the UFS file store, +QIGETERROR, +CCLK, and what a power cycle keeps."""

from __future__ import annotations

import pytest

from emulator.module import Module
from emulator.profiles import get_profile
from emulator.quectel.ec200.products import PRODUCTS
from tests.emulator.conftest import ERROR, Dte, ModuleFactory, ok

PROFILE = "quectel-ec200/ec200m-cn"
CFG = "+QSSLCFG"


def geterror(dte: Dte) -> int:
    """+QIGETERROR's code."""
    answer = dte.at("AT+QIGETERROR")
    assert answer.startswith(b"\r\n+QIGETERROR: ") and answer.endswith(ok()), answer
    return int(answer.split(b": ")[1].split(b",")[0])


def test_products() -> None:
    assert [p.name for p in PRODUCTS] == ["quectel-ec200/ec200m-cn", "quectel-ec200/ec200n-cn",
                                          "quectel-ec200/ec800m-cn", "quectel-ec200/ec800n-cn"]
    for product in PRODUCTS:
        assert get_profile(product.name) is product
        assert product.document == "quectel-ec200-ssl"


def test_test_form(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module(PROFILE)
    answer = dte.at("AT+QSSLCFG=?").decode()
    lines = [line for line in answer.split("\r\n") if line]
    assert lines[-1] == "OK"
    keywords = [line.split('"')[1] for line in lines[:-1]]
    assert keywords == ["sslversion", "ciphersuite", "cacert", "cacertex", "clientcert", "clientkey",
                        "secllevel", "ignorelocaltime", "negotiatetime", "sni", "closetimemode",
                        "ignoremulticertchainverify", "ignoreinvalidcertsign", "session_cache"]
    assert f'{CFG}: "sslversion",(0-5),(0-4)' in lines
    assert f'{CFG}: "negotiatetime",(0-5),(10-300)' in lines
    assert dte.at("AT+QSSLCF=?") == ERROR  # §2.2.1's misprint is no command


DEFAULTS = {"sslversion": "4", "ciphersuite": "0XFFFF", "cacert": '""', "cacertex": '""',
            "clientcert": '""', "clientkey": '""', "secllevel": "0", "ignorelocaltime": "1",
            "negotiatetime": "300", "sni": "0", "closetimemode": "0",
            "ignoremulticertchainverify": "0", "ignoreinvalidcertsign": "0", "session_cache": "0"}
SETS = {"sslversion": ("1", "5"), "ciphersuite": ("0XC02F", "0XC001"), "cacert": ('"UFS:ca.pem"', "1"),
        "cacertex": ('"UFS:ex.pem"', "2"), "clientcert": ('"cc.pem"', "3"), "clientkey": ('"ck.pem"', "4"),
        "secllevel": ("2", "3"), "ignorelocaltime": ("0", "2"), "negotiatetime": ("10", "9"),
        "sni": ("1", "2"), "closetimemode": ("1", "2"), "ignoremulticertchainverify": ("1", "2"),
        "ignoreinvalidcertsign": ("1", "2"), "session_cache": ("1", "2")}


@pytest.mark.parametrize("keyword", list(DEFAULTS))
def test_keyword(make_module: ModuleFactory, keyword: str) -> None:
    """Query, set, query again, on every context; a bad value changes nothing (552)."""
    module, (dte,) = make_module(PROFILE)
    good, wrong = SETS[keyword]
    for index in range(6):
        assert dte.at(f'AT+QSSLCFG="{keyword}",{index}') == ok(f'{CFG}: "{keyword}",{index},{DEFAULTS[keyword]}')
    assert dte.at(f'AT+QSSLCFG="{keyword}",3,{good}') == ok()
    assert geterror(dte) == 0
    assert dte.at(f'AT+QSSLCFG="{keyword}",3,{wrong}') == ERROR
    assert geterror(dte) == 552
    assert dte.at(f'AT+QSSLCFG="{keyword}",3') == ok(f'{CFG}: "{keyword}",3,{good}')
    assert dte.at(f'AT+QSSLCFG="{keyword}",2') == ok(f'{CFG}: "{keyword}",2,{DEFAULTS[keyword]}')
    assert dte.at(f'AT+QSSLCFG="{keyword}",6') == ERROR
    module.power_cycle()  # §2.2.1 "The configurations will not be saved"
    dte.at("ATE0")
    assert dte.at(f'AT+QSSLCFG="{keyword}",3') == ok(f'{CFG}: "{keyword}",3,{DEFAULTS[keyword]}')


def test_example_3_2_and_spellings(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module(PROFILE)
    for line in ('AT+QSSLCFG="sslversion",1,1', "AT+QSSLCFG=\"ciphersuite\",1,0X0035",
                 'AT+QSSLCFG="secllevel",1,1', 'AT+QSSLCFG="cacert",1,"UFS:cacert.pem"'):
        assert dte.at(line) == ok(), line
    assert dte.at('AT+QSSLCFG="seclevel",1') == ok(f'{CFG}: "seclevel",1,1')
    assert dte.at('AT+QSSLCFG="seclevel",1,0') == ok()
    assert dte.at('AT+QSSLCFG="secllevel",1') == ok(f'{CFG}: "secllevel",1,0')
    assert dte.at('AT+QSSLCFG="ciphersuite",1,"0xc030"') == ok()
    assert dte.at('AT+QSSLCFG="ciphersuite",1') == ok(f'{CFG}: "ciphersuite",1,0XC030')
    assert dte.at('AT+QSSLCFG="ciphersuite",1,0XFFFFF') == ERROR  # Table 3's misprint
    assert dte.at('AT+QSSLCFG="sslversoin",1,1') == ERROR
    assert geterror(dte) == 552
    assert dte.at('AT+QSSLCFG="sslversion"') == ERROR
    assert dte.at('AT+QSSLCFG="sslversion",1,1,1') == ERROR


def test_cacertex_all_contexts(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module(PROFILE)
    assert dte.at('AT+QSSLCFG="cacertex",2,"UFS:b.pem"') == ok()
    assert dte.at('AT+QSSLCFG="cacertex"') == ok(*(f'{CFG}: "cacertex",{n},"{"UFS:b.pem" if n == 2 else ""}"'
                                                  for n in range(6)))
    assert dte.at('AT+QSSLCFG="cacert"') == ERROR  # only "cacertex" lists every context


def test_bearer(make_module: ModuleFactory) -> None:
    """§3.1.1-§3.1.3."""
    _, (dte,) = make_module(PROFILE)
    assert dte.at("AT+QIACT?") == ok()
    assert dte.at('AT+QICSGP=1,1,"UNINET","","","",1') == ok()
    assert dte.at("AT+QICSGP=1") == ok('+QICSGP: 1,"UNINET","","",1')
    assert dte.at('AT+QICSGP=1,1,"UNINET","","","x",1') == ERROR
    assert dte.at("AT+QIACT=1") == ok()
    assert dte.at("AT+QIACT?") == ok('+QIACT: 1,1,1,"10.7.157.1"')
    assert dte.at("AT+QIACT=1") == ERROR
    assert dte.at("AT+QIACT=16") == ERROR
    assert dte.at("AT+QIDEACT=1") == ok()
    assert dte.at("AT+QIACT?") == ok()


def test_files(make_module: ModuleFactory) -> None:
    module, (dte,) = make_module(PROFILE)
    assert dte.at('AT+QFUPL="UFS:cacert.pem",4') == b"\r\nCONNECT\r\n"
    assert dte.send(b"abcd") == ok("+QFUPL: 4,206")  # 0x6162 ^ 0x6364
    assert dte.at('AT+QFUPL="cacert.pem",4') == ERROR  # exists (+CME ERROR: 407 with +CMEE=1)
    assert dte.at("AT+CMEE=1") == ok()
    assert dte.at('AT+QFUPL="cacert.pem",4') == b"\r\n+CME ERROR: 407\r\n"
    assert dte.at("AT+QFLST") == ok('+QFLST: "UFS:cacert.pem",4')
    module.power_cycle()  # flash
    dte.at("ATE0")
    assert dte.at('AT+QFLST="UFS:cacert.pem"') == ok('+QFLST: "UFS:cacert.pem",4')
    assert dte.at('AT+QFDEL="UFS:cacert.pem"') == ok()
    assert dte.at('AT+QFDEL="UFS:cacert.pem"') == ERROR
    assert dte.at("AT+QFLST") == ok()


def test_cclk(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module(PROFILE)
    assert dte.at('AT+CCLK="30/01/02,03:04:05+00"') == ok()
    assert dte.at("AT+CCLK?").startswith(b'\r\n+CCLK: "30/01/02,03:04:0')


def test_geterror_and_mode_commands_without_connection(make_module: ModuleFactory) -> None:
    _, (dte,) = make_module(PROFILE)
    assert geterror(dte) == 0
    assert dte.at('AT+QSSLOPEN=1,1,4,"localhost",443,0') == ERROR  # no PDP context active
    assert geterror(dte) == 561
    assert dte.at("AT+QSSLSTATE") == ok()
    assert geterror(dte) == 0
    assert dte.at("AT+QSSLCLOSE=4") == ERROR
    assert geterror(dte) == 572
    assert dte.at("AT+QSSLSEND=4,1") == ERROR
    assert geterror(dte) == 567
    assert dte.at("AT+QSSLRECV=12,1") == ERROR
    assert geterror(dte) == 552
    assert dte.at("ATO") == b"\r\nNO CARRIER\r\n"  # §1.4: no connection left transparent mode
    assert dte.at("AT&D1") == ok()
    assert dte.at("AT+QISWTMD=4,2") == ERROR
    assert dte.at("AT+QISWTMD=?") == ok("+QISWTMD: (0-11),(0-2)")
    assert dte.at("AT+QSSLSEND=?") == ok("+QSSLSEND: (0-11),(1-1460)")
    assert dte.at("AT+QSSLRECV=?") == ok("+QSSLRECV: (0-11),(0-1500)")
    assert dte.at("AT+QSSLCLOSE=?") == ok("+QSSLCLOSE: (0-11),(0-65535)")
    assert dte.at("AT+QSSLSTATE=?") == ok()
    assert dte.at("AT+QSSLOPEN=?") == ok("+QSSLOPEN: (1-15),(0-5),(0-11),<serveraddr>,<server_port>[,(0-2)]")


def test_module_built_directly() -> None:
    module = Module(get_profile("quectel-ec200/ec800n-cn"))
    try:
        dte = Dte(module.instances[0])
        assert dte.at("AT+CGMM") == ok("EC800N-CN")
    finally:
        module.close()


def test_basic_commands_are_the_dialects(make_module: ModuleFactory) -> None:
    """The ``Dialect.basic`` seam: ATO and AT&D exist where the dialect adds them, not elsewhere."""
    _, (quectel,) = make_module(PROFILE)
    _, (telit,) = make_module("telit/he910")
    assert quectel.at("ATO0") == b"\r\nNO CARRIER\r\n"
    assert quectel.at("AT&D3") == ERROR
    assert telit.at("ATO") == ERROR
    assert telit.at("AT&D1") == ERROR
