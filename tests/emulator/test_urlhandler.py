"""The ``emulator://`` pyserial URL: grammar, errors, module lifetime, read/write semantics."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import serial

from emulator.registry import REGISTRY
from tests.emulator.conftest import ok

serial.protocol_handler_packages.append("emulator.urlhandler")


def url(profile_name: str = "telit/he910", **query: str) -> str:
    text = "&".join(f"{k}={v}" for k, v in query.items())
    return f"emulator://{profile_name}" + (f"?{text}" if text else "")


@pytest.fixture
def key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def ports() -> Iterator[list[serial.Serial]]:
    opened: list[serial.Serial] = []
    yield opened
    for port in opened:
        port.close()


def open_port(ports: list[serial.Serial], address: str,
              timeout: float | None = 2.0) -> serial.Serial:
    port = serial.serial_for_url(address, timeout=timeout)
    ports.append(port)
    return port


def command(port: serial.Serial, line: str) -> bytes:
    """Send a line and return the answer after the echo (the port's timeout is the deadline)."""
    data = (line + "\r").encode()
    port.write(data)
    answer = port.read(port.in_waiting)
    assert answer.startswith(data)
    return answer[len(data):]


@pytest.mark.parametrize(("address", "message"), [
    ("emulator://telit/nope", "valid profiles: telit/ge865"),
    ("emulator://nope", "valid profiles:"),
    ("emulator://telit/he910?colour=red", "unknown option 'colour'; valid options: instance"),
    ("emulator://telit/he910?instance=0", "instance must be 1 to 3"),
    ("emulator://telit/he910?instance=4", "instance must be 1 to 3"),
    ("emulator://telit/he910?instance=x", "instance must be one integer"),
    ("emulator://telit/he910?instance=1&instance=2", "instance must be one integer"),
    ("emulator://telit/he910?instance=", "instance must be one integer"),
    ("emulator://telit/he910?defect=nope", "valid defects: telit-wrong-cme-code"),
    ("emulator://telit/he910?module=", "module must be given once"),
])
def test_bad_urls_raise_serial_exception(address: str, message: str) -> None:
    before = REGISTRY.live_modules()
    with pytest.raises(serial.SerialException, match=message):
        serial.serial_for_url(address)
    assert REGISTRY.live_modules() == before


def test_defaults_and_case(ports: list[serial.Serial], key: str) -> None:
    port = open_port(ports, f"emulator://TELIT/LE866?module={key}")
    assert command(port, "AT+CGMM") == ok("LE866-SV1")


def test_instances_share_one_module(ports: list[serial.Serial], key: str) -> None:
    first = open_port(ports, url(instance="1", module=key))
    second = open_port(ports, url(instance="2", module=key))
    third = open_port(ports, url(instance="3", module=key))
    assert command(first, "AT#SSLEN=1,1;+CMEE=2") == ok()
    assert command(second, "AT#SSLEN?") == ok("#SSLEN: 1,1")
    assert command(third, "AT+CMEE?") == ok("+CMEE: 0")


def test_same_instance_cannot_be_opened_twice(ports: list[serial.Serial], key: str) -> None:
    open_port(ports, url(module=key))
    with pytest.raises(serial.SerialException, match="already open"):
        serial.serial_for_url(url(module=key))


def test_module_powers_off_when_last_port_closes(key: str) -> None:
    before = REGISTRY.live_modules()
    first = serial.serial_for_url(url(instance="1", module=key), timeout=2.0)
    second = serial.serial_for_url(url(instance="2", module=key), timeout=2.0)
    assert REGISTRY.live_modules() == before + 1
    command(first, "AT#SSLEN=1,1")
    first.close()
    # Still on: the second port holds it, and the socket stays owned by instance 1.
    first = serial.serial_for_url(url(instance="1", module=key), timeout=2.0)
    assert command(first, "AT#SSLEN?") == ok("#SSLEN: 1,1")
    first.close()
    second.close()
    assert REGISTRY.live_modules() == before
    again = serial.serial_for_url(url(instance="1", module=key), timeout=2.0)
    try:
        assert command(again, "AT#SSLEN?") == ok("#SSLEN: 1,0")  # power-on defaults
    finally:
        again.close()


def test_keys_and_defects_separate_modules(ports: list[serial.Serial], key: str) -> None:
    plain = open_port(ports, url(module=key))
    other_key = open_port(ports, url(module=key + "-b"))
    with_defect = open_port(ports, url(module=key, defect="telit-wrong-cme-code"))
    command(plain, "AT#SSLEN=1,1")
    assert command(other_key, "AT#SSLEN?") == ok("#SSLEN: 1,0")
    assert command(with_defect, "AT+CMEE=1;#SSLCFG?") == b"\r\n+CME ERROR: 835\r\n"


def test_repeated_defects(ports: list[serial.Serial], key: str) -> None:
    port = open_port(ports, url(module=key, defect="telit-wrong-cme-code&defect="
                                "telit-config-before-enable"))
    assert command(port, "AT#SSLCFG?") == ok("#SSLCFG: 1,1,300,90,100,50,0,0,0,0")


def test_do_not_open_creates_no_module(key: str) -> None:
    before = REGISTRY.live_modules()
    port = serial.serial_for_url(url(module=key), do_not_open=True)
    assert REGISTRY.live_modules() == before
    port.open()
    assert REGISTRY.live_modules() == before + 1
    port.close()
    port.close()  # idempotent
    assert REGISTRY.live_modules() == before


def test_read_timeouts(ports: list[serial.Serial], key: str) -> None:
    port = open_port(ports, url(module=key), timeout=0.2)
    start = time.monotonic()
    assert port.read(1) == b""
    assert 0.15 <= time.monotonic() - start < 1.5
    port.timeout = 0
    start = time.monotonic()
    assert port.read(10) == b""
    assert time.monotonic() - start < 0.1
    port.write(b"AT\r")
    assert port.in_waiting == len(b"AT\r\r\nOK\r\n")
    assert port.read(2) == b"AT"
    assert port.read(100) == b"\r\r\nOK\r\n"


def test_blocking_read_wakes_on_data(ports: list[serial.Serial], key: str) -> None:
    port = open_port(ports, url(module=key), timeout=None)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(port.read(9)))
    reader.start()
    time.sleep(0.05)
    port.write(b"AT\r")
    reader.join(2)
    assert got == [b"AT\r\r\nOK\r\n"]


def test_blocking_read_returns_on_cancel_and_close(key: str) -> None:
    port = serial.serial_for_url(url(module=key), timeout=None)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(port.read(1)))
    reader.start()
    time.sleep(0.05)
    port.cancel_read()
    reader.join(2)
    assert got == [b""]
    reader = threading.Thread(target=lambda: got.append(port.read(1)))
    reader.start()
    time.sleep(0.05)
    port.close()
    reader.join(2)
    assert not reader.is_alive()


def test_buffers_and_closed_port(ports: list[serial.Serial], key: str) -> None:
    port = open_port(ports, url(module=key))
    port.write(b"AT\r")
    port.reset_input_buffer()
    assert port.in_waiting == 0
    port.reset_output_buffer()
    assert port.out_waiting == 0
    port.close()
    with pytest.raises(serial.PortNotOpenError):
        port.write(b"AT\r")
    with pytest.raises(serial.PortNotOpenError):
        port.read(1)


def test_read_until(ports: list[serial.Serial], key: str) -> None:
    port = open_port(ports, url(module=key))
    port.write(b"ATE0\rAT+CGMM\r")
    port.reset_input_buffer()
    port.write(b"AT+CGMM\r")
    assert port.read_until(b"OK\r\n") == ok("HE910")
