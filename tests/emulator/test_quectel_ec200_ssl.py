"""quectel-ec200-ssl over real TLS: +QSSLOPEN in the three access modes, +QSSLSEND, +QSSLRECV,
+QSSLURC, +QSSLCLOSE, +QSSLSTATE, +QIGETERROR, +++ / ATO / +QISWTMD, and the handshake the
SSL context asks for (versions, suites, secllevel, ignorelocaltime against +CCLK, the ignore*
switches, SNI, session_cache, negotiatetime)."""

from __future__ import annotations

import datetime
import re
import socket
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from emulator.core.scheduler import Scheduler
from emulator.quectel.ec200 import tlsconfig
from emulator.quectel.ec200.qsslcfg import TABLE3
from emulator.tls.client import TLS1_2, ClientConfig
from emulator.tls.verify import VerifyError
from servers.apps import Scripted, Then
from servers.pki import Pki
from servers.scenarios import ClientAuth
from tests.emulator.conftest import ERROR, Dte, ModuleFactory, ok
from tests.emulator.telit_net import DEADLINE, GUARD, S12, last, scenario, serve
from tests.emulator.test_quectel_ec200_config import geterror

PROFILE = "quectel-ec200/ec200m-cn"
ECHO = scenario("ec200-echo")
CLIENT_AUTH = scenario("ec200-client-auth", client_auth=ClientAuth.REQUIRED, client_credential="client")
PUSH_CLOSE = scenario("ec200-push-close", app=Scripted(chunks=(b"first", b"second"), pause=0.2, then=Then.CLOSE))
PROMPT = b"\r\n> "
SEND_OK = b"\r\nSEND OK\r\n"
DATA = b"Test data from SSL"


def bearer(dte: Dte) -> None:
    """§3.1."""
    assert dte.at('AT+QICSGP=1,1,"UNINET","","",1') == ok()
    assert dte.at("AT+QIACT=1") == ok()
    assert dte.at(f"ATS12={S12}") == ok()


def upload(dte: Dte, name: str, data: bytes) -> None:
    assert dte.at(f'AT+QFUPL="{name}",{len(data)}') == b"\r\nCONNECT\r\n"
    assert dte.send(data).startswith(f"\r\n+QFUPL: {len(data)},".encode())


def configure(dte: Dte, pki: Pki, seclevel: int, *, ctx: int = 1, trust: str = "rsa") -> None:
    """§3.2, files uploaded as §4 says."""
    assert dte.at(f'AT+QSSLCFG="secllevel",{ctx},{seclevel}') == ok()
    if seclevel >= 1:
        upload(dte, f"UFS:ca{ctx}.pem", pki.roots[trust].pem.read_bytes())
        assert dte.at(f'AT+QSSLCFG="cacert",{ctx},"UFS:ca{ctx}.pem"') == ok()
    if seclevel == 2:
        credential = pki.credentials["client"]
        upload(dte, "UFS:cc.pem", credential.leaf_files.pem.read_bytes())
        upload(dte, "UFS:ck.pem", credential.key_files.pkcs8_pem.read_bytes())
        assert dte.at(f'AT+QSSLCFG="clientcert",{ctx},"UFS:cc.pem"') == ok()
        assert dte.at(f'AT+QSSLCFG="clientkey",{ctx},"UFS:ck.pem"') == ok()


def open_ssl(dte: Dte, port: int, *, client: int = 4, ctx: int = 1, host: str = "localhost",
             mode: int = 0) -> int:
    """OK, then ``+QSSLOPEN: <clientID>,<err>``; returns <err>."""
    answer = dte.at(f'AT+QSSLOPEN=1,{ctx},{client},"{host}",{port},{mode}')
    assert answer.startswith(ok()), answer
    found = answer[len(ok()):]
    pattern = rf"\r\n\+QSSLOPEN: {client},(\d+)\r\n".encode()
    if re.search(pattern, found) is None:
        found += dte.out.wait_for(f"+QSSLOPEN: {client},".encode(), DEADLINE, take=True)
        if not found.endswith(b"\r\n"):
            found += dte.out.wait_for(b"\r\n", DEADLINE, take=True)
    match = re.search(pattern, found)
    assert match is not None, found
    return int(match.group(1))


def wait(dte: Dte, already: bytes, needle: bytes) -> bytes:
    return already if needle in already else already + dte.out.wait_for(needle, DEADLINE, take=True)


def state_line(port: int, local: int, *, client: int = 4, state: int = 2, mode: int = 0,
               host: str = "localhost") -> str:
    return f'+QSSLSTATE: {client},"SSLClient","{host}",{port},{local},{state},1,{client},{mode},"usbmodem",1'


def local_port(dte: Dte) -> int:
    answer = dte.at("AT+QSSLSTATE=4").decode()
    return int(answer.split(",")[4])


@pytest.mark.parametrize("seclevel", [0, 1, 2])
def test_buffer_access_mode(make_module: ModuleFactory, pki: Pki, seclevel: int) -> None:
    """§3.3.1-§3.3.4 under each "secllevel"."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, seclevel)
    with serve(pki, CLIENT_AUTH if seclevel == 2 else ECHO) as endpoint:
        port = endpoint.config.port
        assert open_ssl(dte, port) == 0
        assert geterror(dte) == 0
        local = local_port(dte)
        assert local > 0
        assert dte.at("AT+QSSLSTATE") == ok(state_line(port, local))
        assert dte.at("AT+QSSLSEND=4") == PROMPT
        rest = dte.send(DATA + b"\x1a")
        assert rest.startswith(SEND_OK), rest
        wait(dte, rest[len(SEND_OK):], b'\r\n+QSSLURC: "recv",4\r\n')
        assert dte.at("AT+QSSLSEND=4,18") == PROMPT
        assert dte.send(DATA).startswith(SEND_OK)
        got = b""
        deadline = time.monotonic() + DEADLINE
        while len(got) < 36:
            assert time.monotonic() < deadline
            answer = dte.at("AT+QSSLRECV=4,1500")
            match = re.match(rb"\r\n\+QSSLRECV: (\d+)\r\n", answer)
            assert match is not None, answer
            size = int(match.group(1))
            got += answer[match.end():match.end() + size]
            assert answer[match.end() + size:].startswith(ok()), answer
            if size == 0:
                time.sleep(0.02)
        assert got == DATA * 2
        assert dte.at("AT+QSSLRECV=4,1500") == ok("+QSSLRECV: 0")  # §2.2.4: the buffer is empty
        assert dte.at("AT+QSSLCLOSE=4") == ok()
        record = last(endpoint)
    assert record.bytes_received == 36
    assert (len(record.client_chain) > 0) == (seclevel == 2)
    assert dte.at("AT+QSSLSTATE") == ok()
    assert dte.at("AT+QSSLSEND=4,1") == ERROR
    assert dte.at("AT+QSSLRECV=4,10") == ERROR
    assert geterror(dte) == 567


def test_direct_push_mode(make_module: ModuleFactory, pki: Pki) -> None:
    """§3.4."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, ECHO) as endpoint:
        port = endpoint.config.port
        assert open_ssl(dte, port, mode=1) == 0
        assert dte.at("AT+QSSLSTATE") == ok(state_line(port, local_port(dte), mode=1))
        assert dte.at("AT+QSSLSEND=4,18") == PROMPT
        rest = dte.send(DATA)
        assert rest.startswith(SEND_OK)
        pushed = wait(dte, rest[len(SEND_OK):], DATA)
        assert b'\r\n+QSSLURC: "recv",4,18\r\n' + DATA in pushed
        assert dte.at("AT+QSSLRECV=4,1500") == ok("+QSSLRECV: 0")
        assert dte.at("AT+QSSLCLOSE=4") == ok()


def timed_close(dte: Dte, line: str) -> float:
    """Seconds until ``line`` (a +QSSLCLOSE) answered OK."""
    started = time.monotonic()
    assert dte.at(line) == ok()
    return time.monotonic() - started


def test_close_lingers_until_the_server_closes_or_close_timeout(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.5 <close_timeout>, §2.2.1 <close_time_mode>: close_notify, then at most <close_timeout> for the
    server's close; 0 closes at once."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    assert dte.at('AT+QSSLCFG="closetimemode",1,1') == ok()
    with serve(pki, "hold-open") as server:  # the farm's endpoint that never answers the close
        assert open_ssl(dte, server.config.port) == 0
        assert 0.3 <= timed_close(dte, "AT+QSSLCLOSE=4,300") < 0.3 + DEADLINE  # milliseconds, all of them
        assert open_ssl(dte, server.config.port) == 0
        assert timed_close(dte, "AT+QSSLCLOSE=4,0") < 0.3  # "0 means closing immediately"
    # Held until the endpoint stopped; close_notify went first both times.
    assert ["close_notify" in " ".join(r.app_log) for r in server.recorder.wait_for(2, timeout=DEADLINE)] == [True] * 2
    assert dte.at('AT+QSSLCFG="closetimemode",1,0') == ok()
    with serve(pki, ECHO) as endpoint:  # a server that answers the close: no need to linger
        assert open_ssl(dte, endpoint.config.port) == 0
        assert timed_close(dte, "AT+QSSLCLOSE=4,10") < 2.0
        assert dte.at("AT+QIGETERROR") == ok("+QIGETERROR: 0,Operation successful")


def test_dns_servers(make_module: ModuleFactory, pki: Pki) -> None:
    """§4 item 2: +QIDNSCFG; without a usable DNS server a name gives 565, an address still opens."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    assert dte.at("AT+QIDNSCFG=?") == ok("+QIDNSCFG: (1-15),<pridnsaddr>,<secdnsaddr>")
    assert dte.at("AT+QIDNSCFG=1") == ok('+QIDNSCFG: 1,"10.7.157.254","10.7.157.253"')
    assert dte.at('AT+QIDNSCFG=1,"dns.example"') == ERROR
    assert dte.at('AT+QIDNSCFG=16,"8.8.8.8"') == ERROR
    assert dte.at('AT+QIDNSCFG=1,"0.0.0.0"') == ok()  # the secondary stays
    assert dte.at("AT+QIDNSCFG=1") == ok('+QIDNSCFG: 1,"0.0.0.0","10.7.157.253"')
    assert dte.at('AT+QIDNSCFG=1,"0.0.0.0","0.0.0.0"') == ok()
    with serve(pki, ECHO) as endpoint:
        port = endpoint.config.port
        assert open_ssl(dte, port) == 565
        assert geterror(dte) == 565
        assert open_ssl(dte, port, host="127.0.0.1") == 0  # an address needs no DNS
        assert dte.at("AT+QSSLCLOSE=4,0") == ok()
        assert dte.at('AT+QIDNSCFG=1,"10.7.157.254","10.7.157.253"') == ok()
        assert open_ssl(dte, port) == 0
        assert dte.at("AT+QSSLCLOSE=4,0") == ok()


def escape(dte: Dte) -> bytes:
    time.sleep(GUARD * 1.5)
    dte.out.take()
    dte.instance.feed(b"+++")
    return dte.out.wait_for(b"\r\nOK\r\n", DEADLINE, take=True)


def test_transparent_mode(make_module: ModuleFactory, pki: Pki) -> None:
    """§3.5, §1.4: CONNECT, data both ways, +++ with guard times, ATO, +QISWTMD."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, ECHO) as endpoint:
        port = endpoint.config.port
        assert dte.at(f'AT+QSSLOPEN= 1,1,4,"localhost",{port},2') == b"\r\nCONNECT\r\n"
        dte.instance.feed(b"a+++b")  # +++ without silence around it is data
        assert dte.out.wait_size(5, DEADLINE) == b"a+++b"
        assert escape(dte) == b"\r\nOK\r\n"
        assert dte.at("AT+QSSLSTATE=4") == ok(state_line(port, local_port(dte), mode=0))
        assert dte.at("ATO") == b"\r\nCONNECT\r\n"
        dte.instance.feed(b"again")
        assert dte.out.wait_size(5, DEADLINE) == b"again"
        escape(dte)
        assert dte.at("AT+QISWTMD=4,1") == ok()
        assert dte.at("AT+QSSLSTATE=4") == ok(state_line(port, local_port(dte), mode=1))
        assert dte.at("AT+QISWTMD=4,2") == b"\r\nCONNECT\r\n"
        dte.instance.feed(b"third")
        assert dte.out.wait_size(5, DEADLINE) == b"third"
        escape(dte)
        assert dte.at("AT+QSSLCLOSE=4") == ok()
        assert dte.at("ATO") == b"\r\nNO CARRIER\r\n"
        record = last(endpoint)
    assert record.bytes_received == 15


def test_transparent_mode_server_close(make_module: ModuleFactory, pki: Pki) -> None:
    """§3.5.1: NO CARRIER when the server closes; the socket is "closing" until +QSSLCLOSE."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, PUSH_CLOSE) as endpoint:
        port = endpoint.config.port
        assert dte.at(f'AT+QSSLOPEN=1,1,4,"localhost",{port},2') == b"\r\nCONNECT\r\n"
        got = dte.out.wait_for(b"\r\nNO CARRIER\r\n", DEADLINE, take=True)
        assert got == b"firstsecond\r\nNO CARRIER\r\n"
        assert dte.at("AT+QSSLSTATE=4") == ok(state_line(port, local_port(dte), state=4, mode=2))
        assert dte.at("ATO") == b"\r\nNO CARRIER\r\n"
        assert dte.at("AT+QSSLCLOSE=4") == ok()


def test_server_close_in_buffer_mode(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.3.2: "closed" once read; "closing" until +QSSLCLOSE; a read of it is ERROR."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, PUSH_CLOSE) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        dte.out.wait_for(b'"recv",4\r\n', DEADLINE, take=True)
        time.sleep(0.5)  # both chunks and the close arrive (scripted pause 0.2 s)
        got, seen = b"", b""
        while got != b"firstsecond":
            answer = dte.at("AT+QSSLRECV=4,1500")
            assert answer.startswith(b"\r\n+QSSLRECV: "), answer
            got += answer.split(b"\r\n")[2]
            seen += answer
        wait(dte, seen, b'\r\n+QSSLURC: "closed",4\r\n')
        assert dte.at("AT+QSSLRECV=4,10") == ERROR
        assert geterror(dte) == 567
        assert ",4,1,4,0," in dte.at("AT+QSSLSTATE").decode()  # <socket_state> 4 "Closing"
        assert dte.at("AT+QSSLCLOSE=4") == ok()
        assert dte.at("AT+QSSLSTATE") == ok()


def test_client_id_in_use_and_send_limits(make_module: ModuleFactory, pki: Pki) -> None:
    """563 leaves the open connection alone; over 1460 is ERROR, ESC cancels (571)."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, ECHO) as endpoint:
        port = endpoint.config.port
        assert open_ssl(dte, port) == 0
        assert dte.at(f'AT+QSSLOPEN=1,1,4,"localhost",{port},0') == ERROR
        assert geterror(dte) == 563
        assert dte.at("AT+QSSLSEND=4,1461") == ERROR
        assert dte.at("AT+QSSLSEND=4") == PROMPT
        assert dte.send(b"x" * 1461 + b"\x1a") == ERROR
        assert dte.at("AT+QSSLSEND=4") == PROMPT
        assert dte.send(b"never\x1b") == ok()
        assert geterror(dte) == 571
        assert dte.at("AT+QSSLSEND=4,2") == PROMPT
        rest = dte.send(b"ok")
        assert rest.startswith(SEND_OK)
        wait(dte, rest, b'"recv",4\r\n')
        assert dte.at("AT+QSSLRECV=4,1") == b"\r\n+QSSLRECV: 1\r\no\r\nOK\r\n"
        assert dte.at("AT+QSSLCLOSE=4,0") == ok()
        record = last(endpoint)
    assert record.bytes_received == 2


def fill(dte: Dte, sends: int) -> tuple[int, bytes]:
    """+QSSLSEND of 1460 bytes until an answer other than SEND OK, ``sends`` at most: (SEND OKs, that answer)."""
    for count in range(sends):
        assert dte.at("AT+QSSLSEND=4,1460") == PROMPT
        answer = dte.send(b"f" * 1460)
        if not answer.startswith(SEND_OK):
            return count, answer
    return sends, SEND_OK


def test_send_fail_when_the_server_stops_reading(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.2.3 "If connection has been established but buffer is full: SEND FAIL" (errata QEC-22: a 4096-byte
    buffer); the connection stays open, and an echo that reads takes as many sends."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, "no-read") as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        sent, answer = fill(dte, 64)
        assert answer == b"\r\nSEND FAIL\r\n" and 2 <= sent < 40, (sent, answer)
        assert geterror(dte) == 0
        assert dte.at("AT+QSSLSTATE=4").startswith(b'\r\n+QSSLSTATE: 4,"SSLClient"')  # still connected
        assert dte.at("AT+QSSLCLOSE=4,0") == ok()
    with serve(pki, ECHO) as echo:  # control: the same sends to a server that reads all go
        assert open_ssl(dte, echo.config.port) == 0
        assert fill(dte, sent + 8) == (sent + 8, SEND_OK)
        assert dte.at("AT+QSSLCLOSE=4,0") == ok()


def test_deactivation_closes(make_module: ModuleFactory, pki: Pki) -> None:
    """§2.3.2 "the state of GPRS PDP is deactivated"."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 0
        answer = dte.at("AT+QIDEACT=1")
        assert wait(dte, answer, b'+QSSLURC: "closed",4\r\n').startswith(ok())
        assert ",4,1,4,0," in dte.at("AT+QSSLSTATE").decode()
        assert dte.at("AT+QSSLCLOSE=4") == ok()


def hello_for(dte: Dte, pki: Pki, settings: tuple[str, ...], *, host: str = "localhost",
              server_suites: tuple[str, ...] = ()) -> tuple[int, object]:
    with serve(pki, scenario("ec200-hello", suites=server_suites)) as endpoint:
        for line in settings:
            assert dte.at(line) == ok(), line
        code = open_ssl(dte, endpoint.config.port, host=host)
        if code == 0:
            assert dte.at("AT+QSSLCLOSE=4") == ok()
        return code, last(endpoint)


def test_versions_and_suites(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    code, record = hello_for(dte, pki, ('AT+QSSLCFG="sslversion",1,1', 'AT+QSSLCFG="ciphersuite",1,0X0035'))
    assert code == 0
    assert record.client_hello.offered_suites == (0x0035,)  # type: ignore[attr-defined]
    assert record.version == "TLSv1" and record.cipher_code == 0x0035  # type: ignore[attr-defined]
    code, record = hello_for(dte, pki, ('AT+QSSLCFG="sslversion",1,4', 'AT+QSSLCFG="ciphersuite",1,0XFFFF'))
    assert code == 0
    assert record.client_hello.offered_suites == TABLE3  # type: ignore[attr-defined]
    assert record.client_hello.max_version == (3, 3)  # type: ignore[attr-defined]
    # A static-ECDH suite alone: no server here completes it; the open fails cleanly.
    code, record = hello_for(dte, pki, ('AT+QSSLCFG="ciphersuite",1,0XC004',))
    assert code == 566
    assert record.client_hello.offered_suites == (0xC004,)  # type: ignore[attr-defined]


def test_sni(make_module: ModuleFactory, pki: Pki) -> None:
    """§1.6: the server_name extension only when "sni" is 1."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    _, record = hello_for(dte, pki, ())
    assert record.client_hello.sni is None  # type: ignore[attr-defined]
    _, record = hello_for(dte, pki, ('AT+QSSLCFG="sni",1,1',))
    assert record.client_hello.sni == "localhost"  # type: ignore[attr-defined]


def test_session_cache(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    for cache in (0, 1):
        assert dte.at(f'AT+QSSLCFG="session_cache",1,{cache}') == ok()
        with serve(pki, ECHO) as endpoint:
            for _ in range(2):
                assert open_ssl(dte, endpoint.config.port) == 0
                assert dte.at("AT+QSSLCLOSE=4") == ok()
            records = endpoint.recorder.wait_for(2)
        assert [r.resumed for r in records] == [False, bool(cache)], cache


EXPIRED = scenario("ec200-expired", credential="rsa-expired")
JUST_VALID = scenario("ec200-just-valid", credential="rsa-just-valid")
UNTRUSTED = scenario("ec200-untrusted", credential="rsa-untrusted", send_root=True)


def test_validity_against_cclk(make_module: ModuleFactory, pki: Pki) -> None:
    """§1.5: "ignorelocaltime" 0 checks the dates against the module's clock."""
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 1)
    with serve(pki, EXPIRED) as endpoint:
        assert dte.at('AT+QSSLCFG="ignorelocaltime",1,0') == ok()
        assert open_ssl(dte, endpoint.config.port) == 566
        assert geterror(dte) == 566
        assert dte.at('AT+QSSLCFG="ignorelocaltime",1,1') == ok()
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLCLOSE=4") == ok()
    with serve(pki, JUST_VALID) as endpoint:
        assert dte.at('AT+QSSLCFG="ignorelocaltime",1,0') == ok()
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLCLOSE=4") == ok()
        past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
        assert dte.at(f'AT+CCLK="{past:%y/%m/%d,%H:%M:%S}+00"') == ok()
        assert open_ssl(dte, endpoint.config.port) == 566  # the module's clock is before notBefore
        assert dte.at('AT+QSSLCFG="ignorelocaltime",1,1') == ok()
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLCLOSE=4") == ok()


def test_multi_level_chain_switch(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    configure(dte, pki, 1)
    with serve(pki, UNTRUSTED) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 566
        assert dte.at('AT+QSSLCFG="ignoremulticertchainverify",1,1') == ok()
        assert open_ssl(dte, endpoint.config.port) == 0
        assert dte.at("AT+QSSLCLOSE=4") == ok()


def test_missing_ca_file(make_module: ModuleFactory, pki: Pki) -> None:
    _, (dte,) = make_module(PROFILE)
    bearer(dte)
    assert dte.at('AT+QSSLCFG="secllevel",1,1') == ok()
    with serve(pki, ECHO) as endpoint:
        assert open_ssl(dte, endpoint.config.port) == 566
        assert dte.at('AT+QSSLCFG="cacert",1,"UFS:none.pem"') == ok()
        assert open_ssl(dte, endpoint.config.port) == 566


def test_negotiate_deadline() -> None:
    """§2.2.1 "negotiatetime": a server that never answers the ClientHello."""
    listener = socket.create_server(("127.0.0.1", 0))
    scheduler = Scheduler()
    try:
        config = ClientConfig(suites=TABLE3, min_version=TLS1_2, max_version=TLS1_2)
        started = time.monotonic()
        with pytest.raises(tlsconfig.NegotiationTimeout):
            tlsconfig.dial("127.0.0.1", listener.getsockname()[1], config, 0.3, scheduler, None)
        assert 0.25 < time.monotonic() - started < 3
    finally:
        scheduler.close()
        listener.close()


def test_negotiate_time_through_qsslopen(make_module: ModuleFactory) -> None:
    """§2.2.1, §2.2.2: the result URC reports the timeout (569) once "negotiatetime" passed; the
    context's value is shortened (white-box) so that the test does not wait the minimum 10 s."""
    module, (dte,) = make_module(PROFILE)
    bearer(dte)
    setattr(module.state.contexts[1], "negotiatetime", 0.3)  # noqa: B010
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        assert open_ssl(dte, listener.getsockname()[1], host="127.0.0.1") == 569
        assert geterror(dte) == 569
        assert dte.at("AT+QSSLSTATE") == ok()
    finally:
        listener.close()


def _cert(subject: str, issuer: str, key: ec.EllipticCurvePrivateKey, signer: ec.EllipticCurvePrivateKey,
          *, ca: bool) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    return (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .sign(signer, hashes.SHA256()))


def test_policy_switches() -> None:
    """"ignoreinvalidcertsign" 1 accepts an issuer whose name matches but whose signature does not
    verify; "ignoremulticertchainverify" 1 stops at the leaf's (sent) issuer."""
    keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(4)]
    root = _cert("Root", "Root", keys[0], keys[0], ca=True)
    impostor = _cert("Root", "Root", keys[1], keys[1], ca=True)  # same name, other key
    intermediate = _cert("Intermediate", "Other Root", keys[2], keys[3], ca=True)  # chains to no anchor
    leaf = _cert("leaf", "Root", keys[2], keys[0], ca=False)
    leaf2 = _cert("leaf", "Intermediate", keys[3], keys[2], ca=False)
    der = [c.public_bytes(Encoding.DER) for c in (leaf, leaf2, intermediate)]

    def policy(anchor: x509.Certificate, *, signatures: bool = True, one_level: bool = False) -> tlsconfig.Policy:
        return tlsconfig.Policy(anchors=(anchor,), now=None, signatures=signatures, one_level=one_level)

    policy(root).check([der[0]])  # control: the right root
    with pytest.raises(VerifyError):
        policy(impostor).check([der[0]])
    policy(impostor, signatures=False).check([der[0]])
    with pytest.raises(VerifyError):
        policy(root).check([der[1], der[2]])
    policy(root, one_level=True).check([der[1], der[2]])
