"""``emulator://...?fault=...``: the real embedded emulator behind faults, through pyserial and the harness."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
import serial

from emulator.registry import REGISTRY
from harness.dialects import TELIT
from harness.errors import LinkError, RemoteProtocolError, TargetSilent
from harness.link import Link
from harness.modem import Modem
from harness.transcript import Transcript
from tests.faults.helpers import OK, at, collect

pytestmark = pytest.mark.timeout(20)

if "emulator.urlhandler" not in serial.protocol_handler_packages:
    serial.protocol_handler_packages.append("emulator.urlhandler")


@pytest.fixture
def url() -> str:
    """A URL of a module of its own (``module=`` key), to which a test appends ``&fault=...``."""
    return f"emulator://telit/he910?module={uuid.uuid4().hex}"


@pytest.fixture
def ports() -> Iterator[list[serial.Serial]]:
    opened: list[serial.Serial] = []
    yield opened
    for port in opened:
        port.close()


def open_port(ports: list[serial.Serial], address: str, timeout: float = 0.05) -> serial.Serial:
    port = serial.serial_for_url(address, timeout=timeout)
    ports.append(port)
    return port


def test_split_bytes_delivers_byte_by_byte_with_pauses(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=split-bytes:5", timeout=0)
    started = time.monotonic()  # before the write: the pauses are scheduled from it, not from the first read
    port.write(b"AT+CGMM\r")
    assert port.in_waiting <= 1  # nothing more is due yet: the bytes come one at a time
    got = b""
    reads = 0
    while not got.endswith(OK) and time.monotonic() - started < 3:
        data = port.read(64)
        if data:
            reads += 1
            assert len(data) <= 2  # never a whole response at once
            got += data
        time.sleep(0.001)
    assert got == b"AT+CGMM\r\r\nHE910\r\n" + OK
    # A pause between bytes, not a timing budget: one pause of slack for where the schedule starts.
    assert time.monotonic() - started >= 0.005 * (len(got) - 2)
    assert reads >= len(got) // 2


def test_commands_through_benign_faults(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=split-bytes&fault=urc-between:RING")
    assert at(port, "AT", OK + b"\r\nRING\r\n") == b"AT\r" + OK + b"\r\nRING\r\n"
    assert at(port, "ATE0", b"RING\r\n") == b"ATE0\r" + OK + b"\r\nRING\r\n"
    assert at(port, "AT+CGMM", b"RING\r\n") == b"\r\nHE910\r\n" + OK + b"\r\nRING\r\n"


def test_fault_text_keeps_plus_and_percent_escapes(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=urc-between:+CREG:%202")
    assert at(port, "AT", b"2\r\n") == b"AT\r" + OK + b"\r\n+CREG: 2\r\n"


def test_drop_final_leaves_the_response_unfinished(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=drop-final")
    assert at(port, "AT+CGMM", None, within=0.3) == b"AT+CGMM\r\r\nHE910\r\n\r\n"
    assert any("drop-final" in note for note in port.fault_notes)  # type: ignore[attr-defined]


def test_cr_only_and_echo_when_off(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=cr-only&fault=echo-when-off")
    assert at(port, "ATE0", b"OK\r") == b"ATE0\r\rOK\r"
    assert at(port, "AT+CGMM", b"OK\r") == b"AT+CGMM\r\rHE910\r\rOK\r"  # echoed although E0


def test_restart_powers_the_module_off_and_on(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=restart-after:2")
    other = open_port(ports, url.replace("?", "?instance=2&"))  # same module, no fault
    assert at(port, "AT+CMEE=2") == b"AT+CMEE=2\r" + OK
    assert at(other, "AT#SSLEN=1,1") == b"AT#SSLEN=1,1\r" + OK
    assert at(port, "AT+CGMM", b"RDY\r\n") == b"AT+CGMM\r\r\nHE\r\nRDY\r\n"
    assert at(port, "AT+CMEE?") == b"AT+CMEE?\r\r\n+CMEE: 0\r\n" + OK  # settings lost
    assert at(other, "AT#SSLEN?") == b"AT#SSLEN?\r\r\n#SSLEN: 1,0\r\n" + OK  # the whole module restarted


def test_drop_link_raises_after_what_came_before(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=drop-link-after:2")
    assert at(port, "AT") == b"AT\r" + OK
    port.write(b"AT+CGMM\r")
    assert collect(port, b"HE", within=1.0) == b"AT+CGMM\r\r\nHE"
    with pytest.raises(serial.SerialException, match="dropped: drop-link-after:2"):
        port.read(1)
    with pytest.raises(serial.SerialException, match="dropped"):
        port.write(b"AT\r")


def test_a_fault_belongs_to_its_port(ports: list[serial.Serial], url: str) -> None:
    faulty = open_port(ports, url + "&fault=silent")
    clean = open_port(ports, url.replace("?", "?instance=2&"))
    assert at(faulty, "AT", None, within=0.2) == b""
    assert at(clean, "AT") == b"AT\r" + OK
    assert REGISTRY.live_modules() >= 1


def test_no_fault_keeps_the_plain_path(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url)
    assert port._chain is None  # type: ignore[attr-defined]
    assert at(port, "AT+CGMM") == b"AT+CGMM\r\r\nHE910\r\n" + OK


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("fault=nope", "unknown fault 'nope'; valid faults: silent, silent-after"),
        ("fault=slow", r"fault 'slow' needs MS \(usage: slow:MS\)"),
        ("fault=split-bytes:x", "MS must be a whole number >= 0, got 'x'"),
        ("colour=red", "valid options: instance, defect, module, fault"),
    ],
)
def test_bad_fault_options(query: str, message: str) -> None:
    before = REGISTRY.live_modules()
    with pytest.raises(serial.SerialException, match=message):
        serial.serial_for_url(f"emulator://telit/he910?{query}")
    assert REGISTRY.live_modules() == before  # nothing was switched on


# ------------------------------------------------------------------ through the harness's own link
def modem(url: str, timeout: float) -> Modem:
    return Modem(link=Link(url, Transcript(name="faults")), dialect=TELIT, timeout=timeout)


PEM = b"-----BEGIN X-----\r\nOK\r\n-----END X-----\r\n"  # a payload that holds a final result code
# What the harness stores: its engine misreads the echo of a payload after "> " (the space comes before
# the echo it expects), so a payload line that looks like a final ends the response early, fault or not.
CERT = b"-----BEGIN X-----\r\nQUJD\r\n-----END X-----\r\n"


def test_payload_and_prompt_echo_are_never_rewritten(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=urc-payload:after:RING&fault=cr-only&fault=drop-final:3")
    assert at(port, "AT#SSLEN=1,1", b"OK\r") == b"AT#SSLEN=1,1\r\rOK\r"
    assert at(port, f"AT#SSLSECDATA=1,1,1,{len(PEM)}", b"> ") == f"AT#SSLSECDATA=1,1,1,{len(PEM)}\r\r> ".encode()
    port.write(PEM + b"\x1a")
    assert collect(port, b"OK\r") == PEM + b"\x1a\rOK\r"  # the echo of the input is kept as sent
    assert at(port, "AT#SSLSECDATA=1,2,1", None, within=0.3) == (
        b"AT#SSLSECDATA=1,2,1\r\r#SSLSECDATA: 1,1,40\r" + PEM + b"\r\nRING\r\n\r"
    )  # its OK dropped


@pytest.mark.parametrize("fault", ["split-bytes", "slow:50", "urc-between", "cr-only", "lf-only", "echo-on-at-start"])
def test_harness_tolerates_benign_faults(url: str, fault: str) -> None:
    m = modem(url + f"&fault={fault}", timeout=2.0)
    try:
        assert m.command("AT").ok
        assert m.command("AT#SSLEN=1,1").ok
        assert m.command(f"AT#SSLSECDATA=1,1,1,{len(CERT)}", data=CERT + b"\x1a").ok
        assert m.command("ATE0").ok
        r = m.command("AT+CGMM")
        assert r.ok and r.lines == ("HE910",)
        r = m.command("AT#SSLSECDATA=1,2,1")
        assert r.ok and r.payloads == (CERT,)
    finally:
        m.close()


def test_needs_wakeup_answers_the_second_at(ports: list[serial.Serial], url: str) -> None:
    port = open_port(ports, url + "&fault=needs-wakeup")
    assert at(port, "AT", None, within=0.2) == b""  # asleep: no echo, no answer
    assert at(port, "AT") == b"AT\r" + OK  # the spare AT woke it
    assert at(port, "AT+CGMM") == b"AT+CGMM\r\r\nHE910\r\n" + OK


def test_harness_reports_a_restart(url: str) -> None:
    # The boot banner that comes unasked in the middle of the answer: the module restarted (harness/engine.py).
    m = modem(url + "&fault=restart-after:1", timeout=0.3)
    try:
        with pytest.raises(RemoteProtocolError, match="the module restarted"):
            m.command("AT")
    finally:
        m.close()


@pytest.mark.parametrize("fault", ["drop-final", "silent", "truncate-line"])
def test_harness_reports_a_silent_target(url: str, fault: str) -> None:
    m = modem(url + f"&fault={fault}", timeout=0.3)
    started = time.monotonic()
    try:
        with pytest.raises(TargetSilent, match="target silent"):
            m.command("AT")
    finally:
        m.close()
    assert time.monotonic() - started < 2


def test_harness_reports_a_lost_link(url: str) -> None:
    m = modem(url + "&fault=drop-link-after:2", timeout=1.0)
    try:
        assert m.command("AT").ok
        with pytest.raises(LinkError, match="dropped"):
            m.command("AT+CGMM")
    finally:
        m.close()
