"""The documents' example transcripts, replayed byte-exact through ``emulator://`` ports.

Each step is (instance, command, information lines, final result) as printed in the document;
the expected bytes are the echo of the command and the V.250 framing of the answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence

import pytest
import serial

from tests.emulator.conftest import ok

serial.protocol_handler_packages.append("emulator.urlhandler")

Step = tuple[int, str, Sequence[str], str]
OK = "OK"
RESOURCE = "+CME ERROR: Resource used by another instance"  # D5: without the final period
NOT_ACTIVATED = "+CME ERROR: SSL not activated"
SSLCFG_TEST_HE910 = "#SSLCFG: (1),(1),(0-1500),(0-65535),(10-5000),(0-255),(0-2),(0),(0)"
SSLCFG_TEST_LE866 = "#SSLCFG: (1-6),(1-5),(0-1500),(0-65535),(10-5000),(0-255),(0-2),(0),(0)"


def sslen(*enabled: int) -> list[str]:
    return [f"#SSLEN: {n},{int(n in enabled)}" for n in range(1, 7)]


# telit-ssl-ug §4.3.1, HE910 (one SSL socket), COM1 = instance 1, COM4 = instance 2.
S_4_3_1: list[Step] = [
    (1, "AT+CGMM", ["HE910"], OK),
    (1, "AT#PORTCFG?", ["#PORTCFG: 0,0"], OK),
    (1, "AT#SSLCFG=?", [SSLCFG_TEST_HE910], OK),
    (1, "AT+CMEE=2", [], OK),
    (1, "AT#SSLEN?", ["#SSLEN: 1,0"], OK),
    (1, "AT#SSLEN=1,1", [], OK),
    (1, "AT#SSLEN?", ["#SSLEN: 1,1"], OK),
    (2, "AT+CMEE?", ["+CMEE: 0"], OK),
    (2, "AT+CMEE=2", [], OK),
    (2, "AT#SSLEN?", ["#SSLEN: 1,1"], OK),
    (2, "AT#SSLEN=1,0", [], RESOURCE),
    (1, "AT#SSLEN=1,0", [], OK),
    (1, "AT#SSLEN?", ["#SSLEN: 1,0"], OK),
    (2, "AT#SSLEN?", ["#SSLEN: 1,0"], OK),
    (2, "AT#SSLEN=1,1", [], OK),
    (1, "AT#SSLEN?", ["#SSLEN: 1,1"], OK),
    (1, "AT#SSLEN=1,0", [], RESOURCE),  # the document adds a period here (D5)
]

# telit-ssl-ug §4.3.2, LE866 (six SSL sockets), COM1 = instance 1, COM25 = instance 2.
S_4_3_2: list[Step] = [
    (1, "AT+CGMM", ["LE866-SV1"], OK),
    (1, "AT#PORTCFG?", ["#PORTCFG: 1,1"], OK),
    (1, "AT#SSLCFG=?", [SSLCFG_TEST_LE866], OK),
    (1, "AT+CMEE=2", [], OK),
    (1, "AT#SSLEN?", sslen(), OK),
    (1, "AT#SSLEN=1,1", [], OK),
    (1, "AT#SSLEN?", sslen(1), OK),
    (2, "AT+CMEE?", ["+CMEE: 0"], OK),
    (2, "AT+CMEE=2", [], OK),
    (2, "AT#SSLEN?", sslen(1), OK),
    (2, "AT#SSLEN=1,0", [], RESOURCE),
    (2, "AT#SSLEN=2,1", [], OK),
    (1, "AT#SSLEN=1,0", [], OK),
    (1, "AT#SSLEN?", sslen(2), OK),
    (1, "AT#SSLEN=2,0", [], RESOURCE),
    (1, "AT#SSLEN=3,1", [], OK),
    (1, "AT#SSLEN=4,1", [], OK),
    (1, "AT#SSLEN?", sslen(2, 3, 4), OK),
    (2, "AT#SSLEN?", sslen(2, 3, 4), OK),
    (2, "AT#SSLEN=1,1", [], OK),
    (2, "AT#SSLEN?", sslen(1, 2, 3, 4), OK),
    (2, "AT#SSLEN=4,0", [], RESOURCE),
]

# telit-ssl-ug §4.7.1.1, HE910. The document reads "#SSLSECCFG2: 1,1,0,0,0,0"; Tab. 1 is
# normative and makes 3 the HE910 default (D1).
S_4_7_1_1: list[Step] = [
    (1, "AT+CGMM", ["HE910"], OK),
    (1, "AT+CMEE=2", [], OK),
    (1, "AT#SSLEN=?", ["#SSLEN: (1),(0,1)"], OK),
    (1, "AT#SSLEN?", ["#SSLEN: 1,0"], OK),
    (1, "AT#SSLSECCFG2?", [], NOT_ACTIVATED),
    (1, "AT#SSLSECCFG?", [], NOT_ACTIVATED),
    (1, "AT#SSLCFG?", [], NOT_ACTIVATED),
    (1, "AT#SSLEN=1,1", [], OK),
    (1, "AT#SSLSECCFG2?", ["#SSLSECCFG2: 1,3,0,0,0,0"], OK),
    (1, "AT#SSLSECCFG?", ["#SSLSECCFG: 1,0,0"], OK),
    (1, "AT#SSLCFG?", ["#SSLCFG: 1,1,300,90,100,50,0,0,0,0"], OK),
]

# telit-ssl-ug §4.7.2.1 and §4.7.3.1, 2G (after enabling the socket, which §4.1 requires).
S_4_7_2_1: list[Step] = [
    (1, "AT#SSLEN=1,1", [], OK),
    (1, "AT#SSLSECCFG=1,0,0", [], OK),
    (1, "AT#SSLSECCFG=1,1,1", [], OK),
]

# telit-ssl-ug §6.2 up to the certificate, 3G; the document's "AT#SLEN" is read as #SSLEN.
S_6_2: list[Step] = [
    (1, 'AT+CGDCONT=1,"IP","Access_Point_Name"', [], OK),
    (1, "AT#SCFG?", ["#SCFG: 1,1,300,90,600,50", "#SCFG: 2,1,300,90,600,50",
                     "#SCFG: 3,1,300,90,600,50", "#SCFG: 4,2,300,90,600,50",
                     "#SCFG: 5,2,300,90,600,50", "#SCFG: 6,2,300,90,600,50"], OK),
    (1, "AT#SGACT=1,1", ["#SGACT: 10.7.125.7"], OK),
    (1, "AT#SSLEN=1,1", [], OK),
    (1, "AT#SSLSECCFG=1,0,1,1", [], OK),
    (1, "AT#SSLEN=1,0", [], OK),
]


def expected_bytes(command: str, lines: Sequence[str], final: str) -> bytes:
    echo = (command + "\r").encode()
    if final == OK:
        return echo + ok(*lines)
    body = "".join(f"\r\n{line}" for line in lines) + ("\r\n" if lines else "")
    return echo + f"{body}\r\n{final}\r\n".encode()


@pytest.fixture
def open_ports() -> Iterator[dict[str, list[serial.Serial]]]:
    opened: dict[str, list[serial.Serial]] = {"ports": []}
    yield opened
    for port in opened["ports"]:
        port.close()


def replay(profile_name: str, steps: Sequence[Step],
           opened: dict[str, list[serial.Serial]]) -> None:
    key = uuid.uuid4().hex  # a module of this test's own
    ports = {n: serial.serial_for_url(f"emulator://{profile_name}?instance={n}&module={key}",
                                      timeout=2.0)
             for n in sorted({step[0] for step in steps})}
    opened["ports"].extend(ports.values())
    for number, (instance, command, lines, final) in enumerate(steps, 1):
        port = ports[instance]
        expected = expected_bytes(command, lines, final)
        port.write((command + "\r").encode())
        got = port.read(len(expected))  # deadline: the port's 2 s timeout
        assert got == expected, f"step {number}: instance {instance} {command}"
        assert port.in_waiting == 0, f"step {number}: extra bytes after {command}"


@pytest.mark.parametrize(("profile_name", "steps"), [
    pytest.param("telit/he910", S_4_3_1, id="s4.3.1-he910"),
    pytest.param("telit/le866", S_4_3_2, id="s4.3.2-le866"),
    pytest.param("telit/le910-v2", S_4_3_2[3:], id="s4.3.2-le910-v2"),
    pytest.param("telit/he910", S_4_7_1_1, id="s4.7.1.1-he910"),
    pytest.param("telit/ge865", S_4_7_2_1, id="s4.7.2.1-ge865"),
    pytest.param("telit/gl865-v3", S_4_7_2_1, id="s4.7.2.1-gl865-v3"),
    pytest.param("telit/he910", S_6_2, id="s6.2-he910"),
])
def test_transcript(profile_name: str, steps: Sequence[Step],
                    open_ports: dict[str, list[serial.Serial]]) -> None:
    replay(profile_name, steps, open_ports)


def test_transcript_fed_byte_by_byte() -> None:
    key = uuid.uuid4().hex
    port = serial.serial_for_url(f"emulator://telit/he910?module={key}", timeout=2.0)
    try:
        for _, command, lines, final in S_4_7_1_1:
            expected = expected_bytes(command, lines, final)
            for byte in (command + "\r").encode():
                port.write(bytes([byte]))
            assert port.read(len(expected)) == expected
    finally:
        port.close()
