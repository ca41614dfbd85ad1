"""quectel-gsm-ssl SSL connections over real TLS: +QSSLOPEN, +QSSLSEND, +QSSLRECV, +QSSLURC,
+QSSLCLOSE, +QSSLSTATE, the handshake's configuration, plain TCP beside SSL, and the examples
§3.1-§3.3 replayed (with the farm's addresses in place of the document's)."""

from __future__ import annotations

import datetime
import re
import time
from pathlib import Path

import pytest

from emulator.quectel.gsm.qsslopen import TABLE2_ORDER
from servers.apps import Scripted, Then
from servers.apps.tcp_echo import TcpEchoServer
from servers.pki import Pki
from servers.protocol import TlsVersion
from servers.scenarios import ClientAuth
from tests.emulator.conftest import ERROR, Dte, ModuleFactory, ok
from tests.emulator.telit_net import DEADLINE, last, scenario, serve

PROFILE = "quectel-gsm/m95"
ECHO = scenario("quectel-echo", min_version=TlsVersion.TLS1_0)
CLIENT_AUTH = scenario("quectel-client-auth", min_version=TlsVersion.TLS1_0,
                       client_auth=ClientAuth.REQUIRED, client_credential="client")
PUSH_CLOSE = scenario("quectel-push-close", min_version=TlsVersion.TLS1_0,
                      app=Scripted(chunks=(b"first", b"second"), pause=0.2, then=Then.CLOSE))
SEND_OK = b"\r\nSEND OK\r\n"
PROMPT = b"\r\n> "


def sent(dte: Dte, data: bytes) -> bytes:
    """Type ``data`` after the prompt: SEND OK, and what came with it (a URC may follow at once)."""
    answer = dte.send(data)
    assert answer.startswith(SEND_OK), answer
    return answer[len(SEND_OK):]


def expect_urc(dte: Dte, already: bytes, urc: bytes) -> None:
    """``urc`` came with ``already`` or comes now."""
    if urc not in already:
        dte.out.wait_for(urc, DEADLINE, take=True)


def bearer(dte: Dte) -> None:
    """§3.1 Step 2."""
    for line in ("AT+QIFGCNT=0", 'AT+QICSGP=1,"CMNET"', "AT+QIREGAPP", "AT+QIACT"):
        assert dte.at(line) == ok()
    assert dte.at("AT+QILOCIP") == b"\r\n10.1.83.188\r\n"
    assert dte.at("AT+QIMUX=1") == ok()


def upload(dte: Dte, name: str, path: Path) -> None:
    data = path.read_bytes()
    assert dte.at(f'AT+QSECWRITE="{name}",{len(data)},100') == b"\r\nCONNECT\r\n"
    assert dte.send(data).startswith(f"\r\n+QSECWRITE: {len(data)},".encode())


def configure(dte: Dte, pki: Pki, seclevel: int, *, ctx: int = 0, version: int = 4) -> None:
    """Files in RAM and the context as "seclevel" needs them (§2.2.1 NOTE 2)."""
    assert dte.at(f'AT+QSSLCFG="sslversion",{ctx},{version}') == ok()
    assert dte.at(f'AT+QSSLCFG="seclevel",{ctx},{seclevel}') == ok()
    if seclevel >= 1:
        upload(dte, "RAM:ca.pem", pki.roots["rsa"].pem)
        assert dte.at(f'AT+QSSLCFG="cacert",{ctx},"RAM:ca.pem"') == ok()
    if seclevel == 2:
        credential = pki.credentials["client"]
        upload(dte, "RAM:cc.pem", credential.leaf_files.pem)
        upload(dte, "RAM:ck.pem", credential.key_files.pkcs8_pem)
        assert dte.at(f'AT+QSSLCFG="clientcert",{ctx},"RAM:cc.pem"') == ok()
        assert dte.at(f'AT+QSSLCFG="clientkey",{ctx},"RAM:ck.pem"') == ok()


def open_ssl(dte: Dte, port: int, *, ssid: int = 1, ctx: int = 0, host: str = "localhost",
             extra: str = "") -> bytes:
    """``+QSSLOPEN``: OK, then the URC (at once or later); returns the URC's <connectcode>."""
    answer = dte.at(f'AT+QSSLOPEN={ssid},{ctx},"{host}",{port},0{extra}')
    assert answer.startswith(ok()), answer
    found = answer[len(ok()):]
    pattern = rf"\r\n\+QSSLOPEN: {ssid},(-?\d)\r\n".encode()
    if re.search(pattern, found) is None:
        found += dte.out.wait_for(f"+QSSLOPEN: {ssid},".encode(), DEADLINE, take=True)
        if not found.endswith(b"\r\n"):
            found += dte.out.wait_for(b"\r\n", DEADLINE, take=True)
    match = re.search(pattern, found)
    assert match is not None, found
    return match.group(1)


def recv_all(dte: Dte, ssid: int, count: int, *, header: bytes,
             urcs: bytearray | None = None) -> bytes:
    """+QSSLRECV until ``count`` bytes came (each read OK). URCs that follow an answer are
    collected in ``urcs``; a read that finds nothing waits for the "recv" URC."""
    urc = f'\r\n+QSSLURC: "recv",0,{ssid}\r\n'.encode()
    after = bytearray() if urcs is None else urcs
    got = b""
    while len(got) < count:
        answer = dte.at(f"AT+QSSLRECV=0,{ssid},1500")
        match = re.match(rb"\r\n" + re.escape(header) + rb",TCP,(\d+)\r\n", answer)
        if match is None:
            assert answer.startswith(ok()), answer
            start = len(after)
            after += answer[len(ok()):]
            if urc not in after[start:]:
                after += dte.out.wait_for(urc, DEADLINE, take=True)
            continue
        size = int(match.group(1))
        data = answer[match.end():match.end() + size]
        assert len(data) == size
        rest = answer[match.end() + size:]
        assert rest.startswith(b"\r\nOK\r\n"), answer
        after += rest[len(b"\r\nOK\r\n"):]
        got += data
    return got


@pytest.mark.parametrize("seclevel", [0, 1, 2])
def test_open_send_recv_close(make_module: ModuleFactory, pki: Pki, seclevel: int) -> None:
    """§1.2 Steps 6-8 under each "seclevel"."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, seclevel)
    with serve(pki, CLIENT_AUTH if seclevel == 2 else ECHO) as endpoint:
        port = endpoint.config.port
        assert open_ssl(dte, port) == b"0"
        assert dte.at("AT+QSSLSTATE") == ok('+QSSLSTATE: "IP PROCESSING"',
                                            f'+QSSLSTATE: 1,"TCP","127.0.0.1",{port},"CONNECTED",1')
        assert dte.at("AT+QSSLSEND=1,12") == PROMPT
        rest = sent(dte, b"hello world!")
        expect_urc(dte, rest, b'\r\n+QSSLURC: "recv",0,1\r\n')
        assert dte.at("AT+QSSLSEND=1") == PROMPT
        sent(dte, b"more\x1a")
        assert recv_all(dte, 1, 16, header=f"+QSSLRECV: 127.0.0.1:{port}".encode()) == b"hello world!more"
        assert dte.at("AT+QSSLRECV=0,1,1500") == ok()  # empty: OK alone
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
        record = last(endpoint)
    assert record.bytes_received == 16
    assert (len(record.client_chain) > 0) == (seclevel == 2)
    assert dte.at("AT+QSSLCLOSE=1") == ERROR  # closed already
    assert dte.at("AT+QSSLSEND=1,1") == ERROR
    assert dte.at("AT+QSSLRECV=0,1,10") == ERROR


def test_recv_urc_only_when_the_buffer_was_empty(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.10.1 NOTE 1 and §2.2.5 NOTE: one URC until everything was read; then again."""
    module, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 0)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == b"0"
        for round_ in range(2):
            assert dte.at("AT+QSSLSEND=1,3") == PROMPT
            first = sent(dte, b"abc")
            if b'"recv",0,1' not in first:
                first += dte.out.wait_for(b'"recv",0,1\r\n', DEADLINE, take=True)
            assert dte.at("AT+QSSLSEND=1,3") == PROMPT
            sent(dte, b"def")
            deadline = time.monotonic() + DEADLINE
            # both echoes wait (white-box, for a race-free check)
            while (link := module.state.sockets[1].link) is None or link.waiting < 6:
                assert time.monotonic() < deadline
                time.sleep(0.01)
            # the second echo lands in a buffer that is not empty: no URC
            got = b""
            while len(got) < 6:
                answer = dte.at("AT+QSSLRECV=0,1,2")  # a partial read leaves bytes: no URC either
                assert b"+QSSLURC" not in answer
                if answer != ok():
                    got += answer.split(b"\r\n")[2]
            assert got == b"abcdef", round_
            assert first.count(b"+QSSLURC") == 1
            assert dte.out.take() == b""
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"


def test_closed_urc_after_the_data_is_read(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.10.2: the server's close; the module closes the socket itself."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 0)
    with serve(pki, PUSH_CLOSE) as endpoint:
        port = endpoint.config.port
        assert open_ssl(dte, port) == b"0"
        after = bytearray()  # the close may come right after the last read's OK, inside its answer
        assert recv_all(dte, 1, 11, header=f"+QSSLRECV: 127.0.0.1:{port}".encode(), urcs=after) == b"firstsecond"
        closed = b'\r\n+QSSLURC: "closed",1\r\n'
        if closed not in after:
            dte.out.wait_for(closed, DEADLINE, take=True)
    assert dte.at("AT+QSSLRECV=0,1,10") == ERROR  # a read from a closed socket
    assert dte.at("AT+QSSLCLOSE=1") == ERROR
    assert dte.at("AT+QSSLSTATE") == ok('+QSSLSTATE: "IP STATUS"')


def test_occupied_index_and_failures(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.2 <connectcode> -2 (also for a plain TCP socket, §1.3) and -1."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 1)
    with serve(pki, ECHO) as endpoint, TcpEchoServer() as plain:
        port = endpoint.config.port
        assert open_ssl(dte, port, ssid=2) == b"0"
        assert open_ssl(dte, port, ssid=2) == b"-2"
        assert dte.at(f'AT+QIOPEN=4,"TCP","127.0.0.1",{plain.config.port}') == ok()
        dte.out.wait_for(b"4, CONNECT OK\r\n", DEADLINE, take=True)
        assert open_ssl(dte, port, ssid=4) == b"-2"
        assert open_ssl(dte, port, ssid=3) == b"0"  # a free index works
        assert dte.at('AT+QSSLCFG="cacert",1,"RAM:missing.pem"') == ok()
        assert dte.at('AT+QSSLCFG="seclevel",1,1') == ok()
        assert open_ssl(dte, port, ssid=5, ctx=1) == b"-1"  # no such file
        assert dte.at("AT+QSSLCLOSE=2") == b"\r\n2, CLOSE OK\r\n"
        assert dte.at("AT+QSSLCLOSE=3") == b"\r\n3, CLOSE OK\r\n"
        assert dte.at("AT+QICLOSE=4") == b"\r\n4, CLOSE OK\r\n"
    assert open_ssl(dte, 1, ssid=0) == b"-1"  # nothing listens


def test_open_refusals(make_module: ModuleFactory) -> None:
    """§2.2.2: ERROR unless the format is right; the test form prints the parameter names."""
    _, (dte,) = make_module(PROFILE)
    assert dte.at('AT+QSSLOPEN=1,0,"localhost",443,0') == ERROR  # no PDP context
    bearer(dte)
    for bad in ('6,0,"h",1,0', '1,6,"h",1,0', '1,0,h,1,0', '1,0,"h",0,0', '1,0,"h",1,2',
                '1,0,"h",1,0,9', '1,0,"h",1,0,301', '1,0,"h",1', '1,0,"",1,0'):
        assert dte.at(f"AT+QSSLOPEN={bad}") == ERROR, bad
    assert dte.at("AT+QSSLOPEN=?") == ok(
        "+QSSLOPEN: <ssid>,<ctxindex>,<ipaddr/domainname>,<port>,<connectmode>[,<timeout>]")
    assert dte.at("AT+QSSLOPEN?") == ok()
    assert dte.at("AT+QSSLCLOSE=?") == ok("+QSSLCLOSE: (0-5)[,(0,1)]")
    assert dte.at("AT+QSSLSEND=?") == ok("+QSSLSEND: (0-5)[,(1-1460)]")
    assert dte.at("AT+QSSLRECV=?") == ok("+QSSLRECV: (0,1),(0-5),(1-1500)")
    assert dte.at("AT+QSSLSTATE=?") == ok()
    assert dte.at("AT+QSSLSTATE?") == ok()


def test_send_limits_and_cancel(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.4: 1-1460, ESC cancels, more than 1460 before Ctrl-Z is an error."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 0)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == b"0"
        assert dte.at("AT+QSSLSEND=1,1461") == ERROR
        assert dte.at("AT+QSSLSEND=1,0") == ERROR
        assert dte.at("AT+QSSLSEND=1") == PROMPT
        assert dte.send(b"x" * 1461 + b"\x1a") == ERROR
        assert dte.at("AT+QSSLSEND=1") == PROMPT
        assert dte.send(b"dropped\x1b") == ok()
        assert dte.at("AT+QSSLSEND=1,1460") == PROMPT
        sent(dte, b"y" * 1460)
        assert recv_all(dte, 1, 1460, header=f"+QSSLRECV: 127.0.0.1:{endpoint.config.port}".encode()) == b"y" * 1460
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
        assert last(endpoint).bytes_received == 1460


@pytest.mark.parametrize(("version", "wire"), [(1, "TLSv1"), (2, "TLSv1.1"), (3, "TLSv1.2"),
                                               (4, "TLSv1.2")])
def test_sslversion_on_the_wire(make_module: ModuleFactory, pki: Pki, version: int, wire: str) -> None:
    """§2.2.1 <sslversion> (SSL 3.0 needs a server that still speaks it: not tested here)."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 0, version=version)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == b"0"
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
        record = last(endpoint)
    assert record.version == wire


def test_ssl3(make_module: ModuleFactory, pki: Pki) -> None:
    """§1.1 Table 1, §2.2.1 <sslversion> 0: SSL 3.0 only."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 0, version=0)
    with serve(pki, "version-ssl3") as endpoint:
        assert open_ssl(dte, endpoint.config.port) == b"0"
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
        assert last(endpoint).version == "SSLv3"
    with serve(pki, ECHO) as endpoint:  # control: a TLS-only server refuses SSL 3.0
        assert open_ssl(dte, endpoint.config.port) == b"-1"


@pytest.mark.parametrize(("code", "name"), [
    (0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"), (0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
    (0x0004, "TLS_RSA_WITH_RC4_128_MD5"), (0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
    (0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"), (0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256")])
def test_each_table2_suite_completes(make_module: ModuleFactory, pki: Pki, code: int,
                                     name: str) -> None:
    """§1.1 Table 2: each suite alone makes a handshake; another alone does not."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 1)
    other = 0x0035 if code != 0x0035 else 0x002F
    with serve(pki, "suite-" + name.lower().replace("_", "-")) as endpoint:
        assert dte.at(f'AT+QSSLCFG="ciphersuite",0,"0X{other:04X}"') == ok()
        assert open_ssl(dte, endpoint.config.port) == b"-1"
        assert dte.at(f'AT+QSSLCFG="ciphersuite",0,"0X{code:04X}"') == ok()
        assert open_ssl(dte, endpoint.config.port) == b"0"
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
        assert endpoint.recorder.wait_for(2, DEADLINE)[-1].cipher_code == code


def test_ciphersuite_in_the_client_hello(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.1 <ciphersuite>: exactly the chosen Table 2 suites; 0XFFFF all six."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 0)
    with serve(pki, ECHO) as endpoint:
        for count, (setting, offered) in enumerate(
                (('"0XFFFF"', TABLE2_ORDER), ('"0X002F"', (0x002F,)),
                 ('"0X0035","0X000A"', (0x0035, 0x000A))), start=1):
            assert dte.at(f'AT+QSSLCFG="ciphersuite",0,{setting}') == ok()
            assert open_ssl(dte, endpoint.config.port) == b"0"
            assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
            hello = endpoint.recorder.wait_for(count, DEADLINE)[-1].client_hello
            assert hello is not None
            assert tuple(s for s in hello.cipher_suites if s != 0x00FF) == offered


def test_ignorertctime_against_the_module_clock(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.1 "ignorertctime": 0 checks validity at the RTC (+CCLK), 1 ignores it.

    The farm's "expired-leaf" expired a year ago and was valid the year before.
    """
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 1)
    with serve(pki, "expired-leaf") as endpoint:
        port = endpoint.config.port
        assert open_ssl(dte, port) == b"-1"  # the RTC tells the host's time: expired
        back = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=548)
        assert dte.at(f'AT+CCLK="{back:%y/%m/%d,%H:%M:%S}+00"') == ok()
        assert open_ssl(dte, port) == b"0"  # valid at the module's time
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
        now = datetime.datetime.now(datetime.UTC)
        assert dte.at(f'AT+CCLK="{now:%y/%m/%d,%H:%M:%S}+00"') == ok()
        assert open_ssl(dte, port) == b"-1"
        assert dte.at('AT+QSSLCFG="ignorertctime",1') == ok()
        assert open_ssl(dte, port) == b"0"
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"


def test_seclevel_refuses_an_untrusted_server(make_module: ModuleFactory, pki: Pki) -> None:
    """"seclevel" 1 verifies the server; 0 does not."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 1)
    with serve(pki, "untrusted-root") as endpoint:
        assert open_ssl(dte, endpoint.config.port) == b"-1"
        assert dte.at('AT+QSSLCFG="seclevel",0,0') == ok()
        assert open_ssl(dte, endpoint.config.port) == b"0"
        assert dte.at("AT+QSSLCLOSE=1") == b"\r\n1, CLOSE OK\r\n"


def _replay(dte: Dte, steps: list[tuple[str, bytes]]) -> None:
    for line, expected in steps:
        assert dte.at(line) == expected, line


def test_example_3_1_ram(make_module: ModuleFactory, pki: Pki) -> None:
    """§3.1, steps as printed (certificates and address from the farm)."""
    _, (dte,) = make_module(PROFILE)
    files = {"RAM:ca_cert.pem": pki.roots["rsa"].pem,
             "RAM:client_cert.pem": pki.credentials["client"].leaf_files.pem,
             "RAM:client_key.pem": pki.credentials["client"].key_files.pkcs8_pem}
    sums = {}
    for name, path in files.items():
        data = path.read_bytes()
        assert dte.at(f'AT+QSECWRITE="{name}",{len(data)},100') == b"\r\nCONNECT\r\n"
        answer = dte.send(data)
        match = re.fullmatch(rf"\r\n\+QSECWRITE: {len(data)},([0-9a-f]+)\r\n\r\nOK\r\n".encode(), answer)
        assert match is not None, answer
        sums[name] = match.group(1).decode()
    _replay(dte, [("AT+ QIFGCNT=0", ok()), ('AT+ QICSGP=1,"CMNET"', ok()), ("AT+QIREGAPP", ok()),
                  ("AT+QIACT", ok()), ("AT+QILOCIP", b"\r\n10.1.83.188\r\n"), ("AT+QIMUX=1", ok()),
                  ('AT+QSSLCFG="sslversion",0,2', ok()), ('AT+QSSLCFG="ciphersuite",0,"0XFFFF"', ok()),
                  ('AT+QSSLCFG="seclevel",0,2', ok())])
    for name in files:
        assert dte.at(f'AT+QSECREAD="{name}"') == ok(f"+QSECREAD: 1,{sums[name]}")
    _replay(dte, [('AT+QSSLCFG="cacert",0,"RAM:ca_cert.pem"', ok()),
                  ('AT+QSSLCFG="clientcert",0,"RAM:client_cert.pem"', ok()),
                  ('AT+QSSLCFG="clientkey",0,"RAM:client_key.pem"', ok())])
    with serve(pki, CLIENT_AUTH) as endpoint:
        port = endpoint.config.port
        assert dte.at(f'AT+ QSSLOPEN =1, 0,"127.0.0.1",{port},0') == ok()
        assert dte.out.wait_for(b"\r\n+QSSLOPEN: 1,0\r\n", DEADLINE, take=True) == b"\r\n+QSSLOPEN: 1,0\r\n"
        assert dte.at("AT+QSSLSEND=1,12") == PROMPT
        rest = sent(dte, b"123456789012")
        expect_urc(dte, rest, b'\r\n+QSSLURC: "recv",0,1\r\n')
        assert dte.at("AT+QSSLSEND=1") == PROMPT
        sent(dte, b"1234567\x1a")
        assert recv_all(dte, 1, 19, header=f"+QSSLRECV: 127.0.0.1:{port}".encode()) == b"1234567890121234567"
        _replay(dte, [("AT+QSSLCLOSE=1", b"\r\n1, CLOSE OK\r\n")])
        assert len(last(endpoint).client_chain) >= 1
    _replay(dte, [('AT+QSECDEL="RAM:ca_cert.pem"', ok()), ('AT+QSECDEL="RAM:client_cert.pem"', ok()),
                  ('AT+QSECDEL="RAM:client key.pem"', b"\r\nERROR\r\n"),  # §3.1 prints a space
                  ('AT+QSECDEL="RAM:client_key.pem"', ok()), ("AT+QIDEACT", b"\r\nDEACT OK\r\n")])


def test_example_3_2_nvram(make_module: ModuleFactory, pki: Pki) -> None:
    """§3.2: the same in NVRAM (CA0, CC0, CK0)."""
    _, (dte,) = make_module(PROFILE)
    files = {"NVRAM:CA0": pki.roots["rsa"].pem, "NVRAM:CC0": pki.credentials["client"].leaf_files.pem,
             "NVRAM:CK0": pki.credentials["client"].key_files.pkcs8_pem}
    for name, path in files.items():
        upload(dte, name, path)
        assert dte.at(f'AT+QSECREAD="{name}"').startswith(b"\r\n+QSECREAD: 1,")
    bearer(dte)
    _replay(dte, [('AT+QSSLCFG="sslversion",0,2', ok()), ('AT+QSSLCFG="ciphersuite",0,"0XFFFF"', ok()),
                  ('AT+QSSLCFG="seclevel",0,2', ok()), ('AT+QSSLCFG="cacert",0,"NVRAM:CA0"', ok()),
                  ('AT+QSSLCFG="clientcert",0,"NVRAM:CC0"', ok()),
                  ('AT+QSSLCFG="clientkey",0, "NVRAM:CK0"', ok())])
    with serve(pki, CLIENT_AUTH) as endpoint:
        assert open_ssl(dte, endpoint.config.port, host="127.0.0.1") == b"0"
        assert dte.at("AT+QSSLSEND=1,12") == PROMPT
        sent(dte, b"123456789012")
        assert recv_all(dte, 1, 12, header=f"+QSSLRECV: 127.0.0.1:{endpoint.config.port}".encode()) == b"123456789012"
        _replay(dte, [("AT+QSSLCLOSE=1", b"\r\n1, CLOSE OK\r\n"), ("AT+QIDEACT", b"\r\nDEACT OK\r\n")])


def test_example_3_3_coexistence(make_module: ModuleFactory, pki: Pki) -> None:
    """§3.3: plain TCP on index 1, SSL on index 3, "seclevel" 0."""
    _, (dte,) = make_module(PROFILE)
    with TcpEchoServer() as plain, serve(pki, ECHO) as endpoint:
        tcp_port, ssl_port = plain.config.port, endpoint.config.port
        _replay(dte, [("AT+ QIFGCNT=0", ok()), ('AT+ QICSGP=1,"CMNET"', ok()), ("AT+QIREGAPP", ok()),
                      ("AT+QIACT", ok()), ("AT+QILOCIP", b"\r\n10.1.83.188\r\n"), ("AT+QIMUX=1", ok()),
                      ("AT+QINDI=1", ok()), (f'AT+QIOPEN=1,"TCP","127.0.0.1",{tcp_port}', ok())])
        dte.out.wait_for(b"\r\n1, CONNECT OK\r\n", DEADLINE, take=True)
        assert dte.at("AT+QISEND=1,10") == PROMPT
        rest = sent(dte, b"Abcde12345")
        expect_urc(dte, rest, b"\r\n+QIRDI: 0,1,1\r\n")
        answer = dte.at("AT+QIRD=0,1,1,1024")
        assert answer.startswith(f"\r\n+QIRD: 127.0.0.1:{tcp_port},TCP,".encode()), answer
        _replay(dte, [('AT+QSSLCFG="sslversion",0,2', ok()), ('AT+QSSLCFG="seclevel",0,0', ok()),
                      ('AT+QSSLCFG="ciphersuite",0,"0XFFFF"', ok())])
        assert dte.at(f'AT+ QSSLOPEN =3,0,"127.0.0.1",{ssl_port},0') == ok()
        dte.out.wait_for(b"\r\n+QSSLOPEN: 3,0\r\n", DEADLINE, take=True)
        assert dte.at("AT+QSSLSTATE") == ok(
            '+QSSLSTATE: "IP PROCESSING"',
            f'+QSSLSTATE: 1,"TCP","127.0.0.1",{tcp_port},"CONNECTED",0',
            f'+QSSLSTATE: 3,"TCP","127.0.0.1",{ssl_port},"CONNECTED",1')
        assert dte.at("AT+QSSLSEND=3,12") == PROMPT
        rest = sent(dte, b"123456789012")
        expect_urc(dte, rest, b'\r\n+QSSLURC: "recv",0,3\r\n')
        assert recv_all(dte, 3, 12, header=f"+QSSLRECV: 127.0.0.1:{ssl_port}".encode()) == b"123456789012"
        _replay(dte, [("AT+QSSLCLOSE=3", b"\r\n3, CLOSE OK\r\n"), ("AT+QICLOSE=1", b"\r\n1, CLOSE OK\r\n"),
                      ("AT+QIDEACT", b"\r\nDEACT OK\r\n")])
