"""Each secure-socket defect changes what it says, checked against real servers.

Every check runs the same scenario on a clean module and on a module with the defect and
compares one observable: an answer on the AT port, or what the server recorded. The clean run
is the documented behaviour; the defective run shows the deviation the registry describes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from emulator.defects import DEFECTS
from emulator.tls.suites import CODES
from servers.apps import Scripted, Then
from servers.pki import Pki
from servers.scenarios import ClientAuth
from tests.emulator.conftest import ModuleFactory, ok
from tests.emulator.telit_net import dial, escape, last, prepare, scenario, serve, settle, until
from tests.emulator.test_defects import run_script

Observe = Callable[[ModuleFactory, Pki, tuple[str, ...]], object]
NO_CARRIER = b"\r\nNO CARRIER\r\n"


def expired_leaf_accepted(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, auth=1)
    with serve(pki, "expired-leaf") as endpoint:
        answer = dial(dte, endpoint, mode=1)
        dte.at("AT#SSLH=1")
        last(endpoint)
    return answer


def offered_suites(make: ModuleFactory, pki: Pki, defects: tuple[str, ...], *,
                   cipher: int = 3) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, cipher=cipher)
    with serve(pki, scenario("any-echo")) as endpoint:
        dial(dte, endpoint, mode=1)
        dte.at("AT#SSLH=1")
        hello = last(endpoint).client_hello
    assert hello is not None
    return hello.cipher_suites


def offered_version_2g(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    """GE865, <CipherSuite> 1 (RC4_128_MD5, marked under TLS 1.0 only in telit-ssl-ug §8.1.1): the
    highest version of its ClientHello."""
    _, (dte,) = make("telit/ge865", defects=defects)
    prepare(dte, pki, cipher=1)
    with serve(pki, scenario("any-echo")) as endpoint:
        dial(dte, endpoint, mode=1)
        dte.at("AT#SSLH=1")
        hello = last(endpoint).client_hello
    assert hello is not None
    return hello.max_version


def over_limit_store(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    """GE865 (limit 2047): a PEM of 3000 bytes to #SSLSECDATA (RAM); the answers to the command and the data."""
    _, (dte,) = make("telit/ge865", defects=defects)
    assert dte.at("AT+CMEE=2;#SSLEN=1,1") == ok()
    data = b"A" * 3000
    prompt = dte.at(f"AT#SSLSECDATA=1,3,1,{len(data)}")
    return prompt, dte.send(data + b"\x1a") if prompt == b"\r\n> " else b""


def client_chain(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, auth=2)
    with serve(pki, scenario("optional-client", client_auth=ClientAuth.OPTIONAL)) as endpoint:
        assert dial(dte, endpoint, mode=1) == ok()
        dte.at("AT#SSLH=1")
        return len(last(endpoint).client_chain)


PUSH_400 = scenario("push-400", app=Scripted(chunks=(b"r" * 400,), then=Then.STAY_OPEN))


def ring_mode_1(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, cfg="1,300,90,100,50,1")
    with serve(pki, PUSH_400) as endpoint:
        answer = until(dte, dial(dte, endpoint, mode=1), b"SSLSRING")
        answer += settle(dte)
        dte.at("AT#SSLH=1")
    return answer


def ring_mode_2_largest(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, cfg="1,300,90,100,50,2")
    body = b"z" * 3000
    push = scenario("push-3000", app=Scripted(chunks=(body,), then=Then.CLOSE))
    with serve(pki, push) as endpoint:
        answer = until(dte, dial(dte, endpoint, mode=1), NO_CARRIER)
        last(endpoint)
    return max(int(n) for n in re.findall(rb"SSLSRING: 1,(\d+),", answer))


def received_payload(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki)
    with serve(pki, scenario("recv-echo")) as endpoint:
        dial(dte, endpoint, mode=1)
        dte.at("AT#SSLSEND=1")
        dte.send(b"payload\x1a")
        time.sleep(0.2)
        answer = dte.at("AT#SSLRECV=1,100")
        dte.at("AT#SSLH=1")
    return answer


def remote_close(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki)
    closing = scenario("closing", app=Scripted(chunks=(b"bye",), then=Then.CLOSE))
    with serve(pki, closing) as endpoint:
        online = dial(dte, endpoint) + settle(dte, 0.5)
        last(endpoint)
    with serve(pki, closing) as endpoint:
        dial(dte, endpoint, mode=1)
        settle(dte, 0.3)
        command = dte.at("AT#SSLRECV=1,10") + settle(dte)
        last(endpoint)
    state = dte.at("AT#SSLS=1")
    return online, command, state


def fastd_resumed(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/ge910", defects=defects)
    prepare(dte, pki)
    with serve(pki, scenario("fastd")) as endpoint:
        dial(dte, endpoint, mode=1, closure=1)
        dte.at("AT#SSLH=1")
        assert dte.at("AT#SSLFASTD=1,1") == ok()
        dte.at("AT#SSLH=1")
        records = endpoint.recorder.wait_for(2)
    return records[1].resumed


def der_stored(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    dte.at("AT+CMEE=2;#SSLEN=1,1;#SSLSECCFG=1,0,1,0")
    der = pki.roots["rsa"].der.read_bytes()
    dte.at(f"AT#SSLSECDATA=1,1,1,{len(der)}")
    stored = dte.send(der)
    return stored, dte.at("AT#SSLSECDATA=1,2,1")


def sendext_bytes(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki)
    with serve(pki, scenario("sendext-echo")) as endpoint:
        dial(dte, endpoint, mode=1)
        dte.at("AT#SSLSENDEXT=1,10")
        dte.send(b"0123456789")
        dte.at("AT#SSLH=1")
        return last(endpoint).bytes_received


def unguarded_escape(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, cfg="1,300,90,100,1")
    with serve(pki, scenario("escape-echo")) as endpoint:
        dial(dte, endpoint)
        dte.out.take()
        dte.instance.feed(b"a+++b")
        answer = settle(dte, 0.4)
        online = dte.instance.online
        if online:
            escape(dte)
        dte.at("AT#SSLH=1")
    return answer, online


def expired_root_accepted(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, auth=1, trust="expired-root")
    with serve(pki, "expired-root") as endpoint:
        answer = dial(dte, endpoint, mode=1)
        dte.at("AT#SSLH=1")
        last(endpoint)
    return answer


def ring_mode_2_headers(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    """The <SSId>s and the largest <dataLen> of mode 2 URCs for a 3000-byte push (he910: 1300 a URC)."""
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, cfg="1,300,90,100,50,2")
    push = scenario("push-3000", app=Scripted(chunks=(b"z" * 3000,), then=Then.CLOSE))
    with serve(pki, push) as endpoint:
        answer = until(dte, dial(dte, endpoint, mode=1), NO_CARRIER)
        last(endpoint)
    headers = re.findall(rb"SSLSRING: (\d+),(\d+),", answer)
    return sorted({int(s) for s, _ in headers}), max(int(n) for _, n in headers)


def idle_close(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    """<maxTo> 1 s: whether an idle ONLINE connection ends with NO CARRIER within 2.5 s."""
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, cfg="1,300,1,100,1")
    with serve(pki, scenario("idle-echo")) as endpoint:
        answer = dial(dte, endpoint) + settle(dte, 2.5)
        if NO_CARRIER not in answer:
            escape(dte)
        dte.at("AT#SSLH=1")
        last(endpoint)
    return NO_CARRIER in answer


def timeout_taken(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    """Whether #SSLD and #SSLSEND take their optional <Timeout> (§5, §5.1.2.1)."""
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki)
    with serve(pki, scenario("timeout-echo")) as endpoint:
        dialled = dial(dte, endpoint, mode=1, extra=",100") == ok()
        if not dialled:
            dial(dte, endpoint, mode=1)
        prompted = dte.at("AT#SSLSEND=1,50") == b"\r\n> "
        if prompted:
            dte.send(b"x\x1a")
        dte.at("AT#SSLH=1")
    return dialled, prompted


def timeout_honoured(make: ModuleFactory, pki: Pki, defects: tuple[str, ...]) -> object:
    """<defTo> 2 s, <Timeout> 2 (0.2 s): whether #SSLD to the farm's silent-hello endpoint fails within 1 s (§5), and
    #SSLSENDEXT to its no-read endpoint, once the buffer is full (§5.1.2.1)."""
    _, (dte,) = make("telit/he910", defects=defects)
    prepare(dte, pki, cfg="1,300,90,20,1")
    with serve(pki, "silent-hello") as silent:
        started = time.monotonic()
        refused = dial(dte, silent, mode=1, extra=",2").endswith(b"ERROR: SSL error during handshake\r\n")
        dialled = refused and time.monotonic() - started < 1.0
    with serve(pki, "no-read") as quiet:
        assert dial(dte, quiet, mode=1, extra=",2") == ok()
        took = 0.0
        for _ in range(40):
            assert dte.at("AT#SSLSENDEXT=1,1500,2") == b"\r\n> "
            started = time.monotonic()
            if dte.send(b"f" * 1500) != ok():
                took = time.monotonic() - started
                break
        dte.at("AT#SSLH=1")
    return dialled, 0.1 < took < 1.0


# defect -> (observation, clean value, defective value); None: "anything but the clean one".
CHECKS: dict[str, tuple[Observe, object, object]] = {
    "telit-accepts-expired-cert": (expired_leaf_accepted, b"\r\n+CME ERROR: SSL error during handshake\r\n", ok()),
    "telit-extra-cipher-offered": (offered_suites, (CODES["TLS_RSA_WITH_AES_128_CBC_SHA"],),
                                   (CODES["TLS_RSA_WITH_AES_128_CBC_SHA"], CODES["TLS_RSA_WITH_NULL_SHA"])),
    "telit-null-sha-offered": (lambda m, p, d: CODES["TLS_RSA_WITH_NULL_SHA"] in offered_suites(m, p, d, cipher=0),  # type: ignore[operator]
                               False, True),
    "telit-no-client-cert": (client_chain, 1, 0),
    "telit-wrong-sslsring-count": (ring_mode_1, ok() + b"\r\nSSLSRING: 1,400\r\n",
                                   ok() + b"\r\nSSLSRING: 1,401\r\n"),
    "telit-sslsring-over-limit": (ring_mode_2_largest, 1300, 2600),
    "telit-corrupt-recv-byte": (received_payload, b"\r\n#SSLRECV: 7\r\npayload\r\nOK\r\n",
                                b"\r\n#SSLRECV: 7\r\nqayload\r\nOK\r\n"),
    "telit-no-carrier-missing": (remote_close,
                                 (b"\r\nCONNECT\r\nbye" + NO_CARRIER,
                                  b"\r\n#SSLRECV: 3\r\nbye\r\nOK\r\n" + NO_CARRIER, ok("#SSLS: 1,1")),
                                 (b"\r\nCONNECT\r\nbye" + NO_CARRIER,
                                  b"\r\n#SSLRECV: 3\r\nbye\r\nOK\r\n", ok("#SSLS: 1,1"))),
    "telit-fastd-full-handshake": (fastd_resumed, True, False),
    "telit-der-ignored": (der_stored, None, (ok(), b"\r\n+CME ERROR: SSL certs and keys wrong or not stored\r\n")),
    "telit-sendext-short": (sendext_bytes, 10, 9),
    "telit-escape-without-guard": (unguarded_escape, (b"a+++b", True), (b"\r\nOK\r\n", False)),
    "telit-accepts-expired-root": (expired_root_accepted, b"\r\n+CME ERROR: SSL error during handshake\r\n", ok()),
    "telit-sslsring-wrong-ssid": (ring_mode_2_headers, ([1], 1300), ([2], 1300)),
    "telit-sslsring-over-1300": (ring_mode_2_headers, ([1], 1300), ([1], 1301)),
    "telit-maxto-ignored": (idle_close, True, False),
    "telit-ssld-timeout-refused": (timeout_taken, (True, True), (False, True)),
    "telit-2g-column-ignored": (offered_version_2g, (3, 1), (3, 3)),
    "telit-secdata-limit-ignored": (over_limit_store, None, (b"\r\n> ", ok())),
    "telit-sslsend-timeout-refused": (timeout_taken, (True, True), (True, False)),
    "telit-timeout-ignored": (timeout_honoured, (True, True), (False, False)),
}
COVERED = set(CHECKS)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("defect", sorted(CHECKS))
def test_defect_changes_what_it_says(make_module: ModuleFactory, pki: Pki, defect: str) -> None:
    observe, clean_value, broken_value = CHECKS[defect]
    clean = observe(make_module, pki, ())
    broken = observe(make_module, pki, (defect,))
    if clean_value is not None:
        assert clean == clean_value
    assert broken == broken_value
    assert broken != clean


@pytest.mark.parametrize("defect", sorted(CHECKS))
def test_data_defects_leave_the_configuration_alone(defect: str) -> None:
    assert run_script("telit/he910", (defect,)) == run_script("telit/he910", ())


@pytest.mark.parametrize("defect", sorted(CHECKS))
def test_clauses_are_machine_readable(defect: str) -> None:
    clause = DEFECTS[defect].clause
    for part in clause.split("; "):
        document, _, sections = part.partition(" ")
        assert document in ("telit-ssl-ug", "telit-gsm-ssl"), clause
        for section in sections.split(", "):
            assert re.fullmatch(r"§\d+(\.\d+)*", section), clause
    assert not DEFECTS[defect].benign
