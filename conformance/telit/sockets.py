"""Secure-socket steps the Telit tests share: store security data, dial, send, receive.

Each function sends the AT commands the documents define and checks only what a step needs to go on;
the tests make the assertions that carry their clause.
"""

from __future__ import annotations

import time
from typing import Any

from conformance.shared.servers import DIAL_TIMEOUT, records_after
from conformance.shared.tlsnames import suite_code
from conformance.telit.context import activation_line
from harness.apn import Network
from harness.checks import expect_ok
from harness.modem import Modem, Response
from harness.profiles import Profile
from harness.vectors import load
from servers.endpoint import ServerConfig
from servers.pytest_plugin import ServerHandle
from servers.recorder import ConnectionRecord

SOCKETS: dict[str, Any] = load("telit/sockets")
CIPHERS: dict[str, Any] = load("telit/ciphers")

#: #SSLSECDATA <DataType> (telit-ssl-ug §4.4)
CLIENT_CERT, CA_CERT, CLIENT_KEY = 0, 1, 2
#: #SSLSECDATA <Action> (telit-ssl-ug §4.4)
DELETE, STORE_NVM, READ, STORE_RAM = 0, 1, 2, 3
CTRL_Z, BS, ESC = b"\x1a", b"\x08", b"\x1b"

#: The escape guard time the suite sets (V.250 S12, 1/50 s): 0.2 s; the default is 50 (1 s).
FAST_S12, DEFAULT_S12 = 10, 50


def records_after_close(modem: Modem, server: ServerHandle, count: int = 1) -> tuple[ConnectionRecord, ...]:
    """Close SSId 1 (#SSLH, result not judged) and return the server's first ``count`` records: a record
    is committed when its connection ends, so the socket must be closed before it can be read."""
    return records_after(lambda: modem.command("AT#SSLH=1"), server, count)


def gsm(profile: Profile) -> bool:
    """The older GSM guide's modules (telit-gsm-ssl)."""
    return profile.document == "telit-gsm-ssl"


def recv_command(profile: Profile) -> str:
    """``#SSLRECV`` for telit-ssl-ug modules, ``#SSLRCV`` for telit-gsm-ssl ones (errata TSU-14)."""
    return "#SSLRCV" if gsm(profile) else "#SSLRECV"


def table(profile: Profile) -> list[str]:
    """The suites <CipherSuite> 0 proposes on this profile's platform (telit-ssl-ug §8.1)."""
    if gsm(profile):
        return list(SOCKETS["tables"]["gsm"]["suites"])
    for entry in SOCKETS["tables"].values():
        if profile.platform in entry.get("platforms", []):
            return list(entry["suites"])
    raise KeyError(f"no §8.1 table for platform {profile.platform}")


def iana_code(name: str) -> int:
    """The IANA code of a suite: from the <CipherSuite> lists of the vectors, else from the farm's reference
    table (neutral reference data either way)."""
    for form in CIPHERS.values():
        for entry in form.values():
            if isinstance(entry, dict) and entry.get("name") == name:
                return int(entry["code"])
    return suite_code(name)


def suite_of(profile: Profile, cipher: int) -> str:
    """The IANA name of <CipherSuite> ``cipher`` in this profile's #SSLSECCFG form."""
    return str(CIPHERS[profile["seccfg_form"]][str(cipher)]["name"])


def prepare(modem: Modem, profile: Profile, network: Network | None = None) -> None:
    """PDP context 1 up and SSId 1 enabled (telit-ssl-ug §2, §4.1), TLS 1.2 selected where #SSLSECCFG2
    exists (Tab. 1), so that the farm's TLS 1.2 servers are reachable."""
    network = network or Network()
    expect_ok(modem.command(f'AT+CGDCONT=1,"IP","{network.apn}"'), "telit-ssl-ug §2")
    expect_ok(modem.command(activation_line(network), timeout=DIAL_TIMEOUT), "telit-ssl-ug §2")
    expect_ok(modem.command("AT#SSLEN=1,1"), "telit-ssl-ug §4.1")
    if profile.has("sslseccfg2"):
        expect_ok(modem.command("AT#SSLSECCFG2=1,3"), "telit-ssl-ug §3 Tab. 1")
    # A module keeps its settings between tests: start each from the same security and communication
    # configuration (cipher 0, <auth_mode> 0, PEM; SSLSRING off). For speed, not conformance: <txTo> 100 ms
    # so that short writes leave at once (§4.6), and a 0.2 s escape guard time (V.250 S12 = 10/50 s)
    # instead of 1 s; the `ready` fixture sets S12 back.
    configure(modem, profile, cipher=0, auth=0)
    expect_ok(modem.command("AT#SSLCFG=1,1,300,90,100,1,0,0"), "telit-ssl-ug §4.6")
    if modem.command(f"ATS12={FAST_S12}").ok:
        modem.escape_guard = FAST_S12 / 50 + 0.1


def configure(
    modem: Modem, profile: Profile, *, cipher: int = 0, auth: int = 0, der: bool = False, ssid: int = 1
) -> None:
    """#SSLSECCFG for ``ssid``; ``der`` selects <cert_format> 0 on 3G/4G (§4.2.2)."""
    line = f"AT#SSLSECCFG={ssid},{cipher},{auth}"
    if profile.has("cert_format"):
        line += f",{0 if der else 1}"
    expect_ok(modem.command(line), "telit-ssl-ug §4.2")


def prepare_socket(modem: Modem, profile: Profile, ssid: int) -> None:
    """Another SSId of a several-socket module (telit-ssl-ug §4.3.2) enabled and configured as ``prepare``
    configures SSId 1: TLS 1.2 where #SSLSECCFG2 exists, cipher 0, <auth_mode> 0, PEM, SSLSRING off."""
    expect_ok(modem.command(f"AT#SSLEN={ssid},1"), "telit-ssl-ug §4.1, §4.3.2")
    if profile.has("sslseccfg2"):
        expect_ok(modem.command(f"AT#SSLSECCFG2={ssid},3"), "telit-ssl-ug §3 Tab. 1")
    configure(modem, profile, cipher=0, auth=0, ssid=ssid)
    expect_ok(modem.command(f"AT#SSLCFG={ssid},1,300,90,100,1,0,0"), "telit-ssl-ug §4.6")


def release_socket(modem: Modem, ssid: int) -> None:
    """Close and disable ``ssid`` (results not judged: teardown)."""
    if modem.online:
        modem.escape()
    if modem.discarded_after_test:
        return  # powered off after the test: nothing to put back for the next one (issue 15)
    modem.command(f"AT#SSLH={ssid}")
    modem.command(f"AT#SSLEN={ssid},0")


def store(
    modem: Modem,
    profile: Profile,
    data_type: int,
    data: bytes,
    *,
    der: bool = False,
    action: int = STORE_NVM,
    secret: bool = False,
) -> Response:
    """#SSLSECDATA store (telit-ssl-ug §4.4): PEM ended by Ctrl-Z, or DER by exact size (3G/4G)."""
    if gsm(profile):
        line = f"AT#SSLSECDATA=1,{action},{data_type}"  # telit-gsm-ssl §3.3: no <Size>
    else:
        line = f"AT#SSLSECDATA=1,{action},{data_type},{len(data)}"
    payload = data if der else data + CTRL_Z
    return modem.command(line, data=payload, secret=secret, timeout=DIAL_TIMEOUT)


def dial(modem: Modem, server: ServerConfig, *, mode: int = 1, closure: int = 0, ssid: int = 1) -> Response:
    """#SSLD to ``server`` (telit-ssl-ug §5): COMMAND mode (1) answers OK, ONLINE mode (0) CONNECT."""
    line = f'AT#SSLD={ssid},{server.port},"{server.host}",{closure},{mode}'
    return modem.command(line, timeout=DIAL_TIMEOUT)


def send_ext(modem: Modem, data: bytes, *, ssid: int = 1, chunk: int = 1500) -> None:
    """Send ``data`` with #SSLSENDEXT, at most ``chunk`` bytes a command (§5.1.2.1)."""
    for i in range(0, len(data), chunk):
        piece = data[i : i + chunk]
        expect_ok(modem.command(f"AT#SSLSENDEXT={ssid},{len(piece)}", data=piece), "telit-ssl-ug §5.1.2.1")


def recv(modem: Modem, profile: Profile, size: int, *, ssid: int = 1, timeout: int = 10) -> Response:
    """One #SSLRECV (or #SSLRCV) of at most ``size`` bytes, ``timeout`` in 100 ms units (§5.1.2.2.1)."""
    return modem.command(f"AT{recv_command(profile)}={ssid},{size},{timeout}", timeout=timeout / 10 + 5)


def recv_exactly(modem: Modem, profile: Profile, size: int, *, deadline_s: float = 30.0, idle_reads: int = 3) -> bytes:
    """Read ``size`` bytes with repeated #SSLRECV of at most 1000 bytes (errata TSU-22); give up after
    ``idle_reads`` reads in a row that timed out (1 s each) or at the deadline, and return what came."""
    got = bytearray()
    deadline = time.monotonic() + modem.waits.network(deadline_s, size) + modem.waits.exchanges(-(-size // 1000))
    idle = 0
    while len(got) < size and time.monotonic() < deadline and idle < idle_reads:
        r = expect_ok(recv(modem, profile, min(1000, size - len(got))), "telit-ssl-ug §5.1.2.2.1")
        piece = b"".join(r.payloads)
        got += piece
        idle = 0 if piece else idle + 1
    return bytes(got)


def ssls(modem: Modem, ssid: int = 1) -> list[str]:
    """The fields of ``#SSLS: <SSId>,<state>[,<cipher_suite>]`` (telit-ssl-ug §5.4.1)."""
    r = expect_ok(modem.command(f"AT#SSLS={ssid}"), "telit-ssl-ug §5.4.1")
    rows = r.fields("#SSLS")
    assert len(rows) == 1, f"telit-ssl-ug §5.4.1: one #SSLS line expected; {r.describe()}"
    return rows[0]
