"""The simulated line (faults/line.py): its schedule's arithmetic, its options, and bytes intact through it.

Speed is measured, not asserted (docs): nothing here bounds how long a transfer takes. The tests check
the schedule the line computes for N bytes, the parsing of ``baud=``/``latency=`` (and ``--baud``/
``--latency``), causality (nothing arrives before it could have crossed), and that bytes arrive intact
and in order through both drivers.
"""

from __future__ import annotations

import random
import socket
import time
import uuid
from collections.abc import Iterator

import pytest
import serial

from faults import Direction, Line, LineSettings, LineSyntaxError, Send, build, parse_line
from faults.cli import main
from faults.line import BITS_PER_BYTE, SLICE, Wire, parse_baud, parse_latency
from faults.proxy import Proxy
from tests.faults.helpers import OK

pytestmark = pytest.mark.timeout(20)

if "emulator.urlhandler" not in serial.protocol_handler_packages:
    serial.protocol_handler_packages.append("emulator.urlhandler")


# ---------------------------------------------------------------------- the schedule's arithmetic
def test_byte_time_is_ten_bit_times_for_8n1() -> None:
    assert BITS_PER_BYTE == 10
    assert LineSettings(baud=115200).byte_time == pytest.approx(10 / 115200)
    assert LineSettings(baud=9600).byte_time == pytest.approx(1 / 960)
    assert LineSettings(latency=0.03).byte_time == 0.0


@pytest.mark.parametrize("size", [1, SLICE - 1, SLICE, SLICE + 1, 1000])
def test_schedule_of_n_bytes(size: int) -> None:
    settings = LineSettings(baud=9600, latency=0.03)
    step = settings.byte_time
    slices = Wire(settings).send(100.0, size)
    assert sum(count for _, count in slices) == size
    assert all(1 <= count <= SLICE for _, count in slices)
    done = 0
    for at, count in slices:
        done += count
        # A slice arrives when its last byte has left the transmitter, plus the latency.
        assert at == pytest.approx(100.0 + done * step + 0.03)
    assert slices[-1][0] == pytest.approx(100.0 + size * step + 0.03)
    assert [at for at, _ in slices] == sorted(at for at, _ in slices)


def test_bytes_wait_behind_a_busy_wire() -> None:
    wire = Wire(LineSettings(baud=1000, latency=0.5))  # 10 ms a byte
    first = wire.send(0.0, 10)  # on the wire from 0 to 0.1
    assert first[-1][0] == pytest.approx(0.1 + 0.5)
    second = wire.send(0.05, 2)  # given while busy: starts at 0.1
    assert [count for _, count in second] == [2] and second[0][0] == pytest.approx(0.12 + 0.5)
    assert wire.free == pytest.approx(0.12)
    third = wire.send(1.0, 1)  # the wire was idle: starts at once
    assert [count for _, count in third] == [1] and third[0][0] == pytest.approx(1.01 + 0.5)


def test_latency_only_delivers_in_one_piece_after_the_latency() -> None:
    slices = Wire(LineSettings(latency=0.25)).send(3.0, 5000)
    assert [count for _, count in slices] == [5000] and slices[0][0] == pytest.approx(3.25)


def test_line_turns_the_schedule_into_pauses_both_ways() -> None:
    settings = LineSettings(baud=115200, latency=0.03)
    line = Line(settings)
    data = bytes(range(256)) * 2
    actions = line.on_to_suite(data, 10.0)
    sends = [a for a in actions if isinstance(a, Send)]
    assert all(a.to is Direction.TO_SUITE for a in sends)
    assert b"".join(a.data for a in sends) == data  # intact and in order
    # Pauses chain as faults.Outbox counts them: each from the previous delivery.
    arrival, last = 10.0, 10.0
    for send in sends:
        arrival = max(10.0, last) + send.after
        last = arrival
    assert arrival == pytest.approx(10.0 + len(data) * settings.byte_time + 0.03)
    up = line.on_to_target(b"AT\r", 10.0)
    assert [(a.to, a.data) for a in up if isinstance(a, Send)] == [(Direction.TO_TARGET, b"AT\r")]
    assert isinstance(up[0], Send) and up[0].after == pytest.approx(3 * settings.byte_time + 0.03)
    assert line.drained_at() == pytest.approx(10.0 + 3 * settings.byte_time)


def test_build_puts_the_line_at_the_suite_end() -> None:
    chain = build(["split-bytes", "cr-only"], LineSettings(baud=9600))
    assert chain.line is chain.faults[0]
    assert chain.names[1:] == ("split-bytes", "cr-only")
    assert chain.benign
    assert build(["cr-only"]).line is None


# ---------------------------------------------------------------------- options
@pytest.mark.parametrize(("text", "seconds"), [("30ms", 0.03), ("0.03s", 0.03), ("500us", 0.0005), ("0", 0.0),
                                               ("1s", 1.0), (".5ms", 0.0005)])
def test_latency_forms(text: str, seconds: float) -> None:
    assert parse_latency(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["abc", "30", "30msec", "30 ms x", "-5ms", "30MS", "", "61s", "1e3ms"])
def test_bad_latency_names_the_valid_forms(text: str) -> None:
    with pytest.raises(LineSyntaxError, match=r"latency must be .*30ms, 0\.03s, 500us"):
        parse_latency(text)


@pytest.mark.parametrize("text", ["0", "-9600", "9600.5", "fast", "", "١٢"])
def test_bad_baud_names_the_valid_forms(text: str) -> None:
    with pytest.raises(LineSyntaxError, match=r"baud must be a whole number .* 9600 or 115200"):
        parse_baud(text)


def test_parse_line() -> None:
    assert parse_line(None, None) is None
    assert parse_line("115200", "30ms") == LineSettings(baud=115200, latency=0.03)
    assert parse_line(None, "30ms") == LineSettings(latency=0.03)
    assert parse_line("9600", None) == LineSettings(baud=9600)


@pytest.mark.parametrize(("query", "message"), [
    ("baud=0", "baud must be a whole number"),
    ("latency=abc", "latency must be a number with a unit"),
    ("latency=30sm", "latency must be a number with a unit"),
    ("baud=9600&baud=115200", "baud must be given at most once"),
    ("bauds=9600", "valid options: .*baud, latency"),
])
def test_bad_url_options_are_refused_with_the_valid_forms(query: str, message: str) -> None:
    with pytest.raises(serial.SerialException, match=message):
        serial.serial_for_url(f"emulator://telit/he910?module={uuid.uuid4().hex}&{query}")


def test_cli_refuses_a_bad_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--target", "loop://", "--listen", "0", "--baud", "0"]) == 2
    assert "baud must be a whole number" in capsys.readouterr().err
    assert main(["--target", "loop://", "--listen", "0", "--latency", "30"]) == 2
    assert "latency must be a number with a unit" in capsys.readouterr().err


# ---------------------------------------------------------------------- through the drivers
@pytest.fixture
def port() -> Iterator[serial.Serial]:
    opened = serial.serial_for_url(
        f"emulator://telit/he910?module={uuid.uuid4().hex}&baud=115200&latency=20ms", timeout=0.05)
    yield opened
    opened.close()


def read_until(port: serial.Serial, end: bytes, within: float = 5.0) -> bytes:
    deadline = time.monotonic() + within
    got = b""
    while not got.endswith(end) and time.monotonic() < deadline:
        got += port.read(256)
    return got


def test_emulator_answers_intact_over_the_line(port: serial.Serial) -> None:
    for _ in range(3):
        port.write(b"AT+CGMM\r")
        assert read_until(port, OK) == b"AT+CGMM\r\r\nHE910\r\n" + OK


def test_nothing_arrives_before_it_could_have_crossed(port: serial.Serial) -> None:
    line = getattr(port, "_line", None)  # the port's own schedule is what is checked
    assert isinstance(line, Line)
    port.write(b"AT\r")
    port.flush()
    # flush is tcdrain: it returns once the bytes have left the port, not before.
    assert time.monotonic() >= line.drained_at()
    assert port.in_waiting == 0  # the answer cannot be back before 2 x 20 ms of latency (causality)
    assert read_until(port, OK) == b"AT\r" + OK


def test_emulator_line_with_a_fault_behind_it() -> None:
    url = f"emulator://telit/he910?module={uuid.uuid4().hex}&baud=115200&latency=1ms&fault=cr-only"
    with serial.serial_for_url(url, timeout=0.05) as port:
        port.write(b"AT+CGMM\r")
        assert read_until(port, b"\rOK\r") == b"AT+CGMM\r\rHE910\r\rOK\r"


def test_proxy_line_delivers_every_byte_in_order() -> None:
    # loop:// sends back what it gets: the bytes cross the line twice, in 16-byte slices.
    payload = random.Random(15).randbytes(20_000)
    with Proxy("loop://", line=LineSettings(baud=2_000_000, latency=0.005)) as proxy:
        host, bound = proxy.start()
        with socket.create_connection((host, bound), timeout=5) as client:
            client.sendall(payload)
            got = b""
            deadline = time.monotonic() + 10
            while len(got) < len(payload) and time.monotonic() < deadline:
                chunk = client.recv(65536)
                if not chunk:
                    break
                got += chunk
    assert got == payload
