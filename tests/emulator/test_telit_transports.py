"""Data mode through the transports: the ``emulator://`` URL and the TCP server."""

from __future__ import annotations

import socket
import time
import uuid

import serial

from emulator.module import Module
from emulator.profiles import get_profile
from emulator.server import EmulatorServer
from servers.pki import Pki
from tests.emulator.telit_net import GUARD, S12, last, scenario, serve

serial.protocol_handler_packages.append("emulator.urlhandler")


def read_until(read: object, needle: bytes, timeout: float = 5.0) -> bytes:
    deadline = time.monotonic() + timeout
    data = b""
    while needle not in data:
        assert time.monotonic() < deadline, data
        data += read()  # type: ignore[operator]
    return data


def test_online_mode_over_the_url(pki: Pki) -> None:
    port = serial.serial_for_url(f"emulator://telit/he910?module={uuid.uuid4().hex}", timeout=0.1)
    try:
        with serve(pki, scenario("url-echo")) as endpoint:
            for line in ("ATE0", f"ATS12={S12}", "AT#SGACT=1,1", "AT#SSLEN=1,1", "AT#SSLCFG=1,1,300,90,100,1"):
                port.write(line.encode() + b"\r")
                read_until(port.read_all, b"OK\r\n")
            port.write(f'AT#SSLD=1,{endpoint.config.port},"localhost",0,0\r'.encode())
            assert read_until(port.read_all, b"CONNECT\r\n") == b"\r\nCONNECT\r\n"
            assert port.cd
            port.write(b"through the url")
            assert read_until(port.read_all, b"url") == b"through the url"
            time.sleep(GUARD * 1.5)
            port.write(b"+++")
            assert read_until(port.read_all, b"OK\r\n") == b"\r\nOK\r\n"
            assert not port.cd
            port.write(b"AT#SSLH=1\r")
            assert read_until(port.read_all, b"OK\r\n") == b"\r\nOK\r\n"
            assert last(endpoint).bytes_received == 15
    finally:
        port.close()


def test_online_mode_over_tcp(pki: Pki) -> None:
    module = Module(get_profile("telit/he910"))
    try:
        with EmulatorServer(module, port=0) as server, serve(pki, scenario("tcp-echo")) as endpoint:
            (address,) = server.start()
            with socket.create_connection((address.host, address.port), timeout=5) as sock:
                sock.settimeout(5)

                def read() -> bytes:
                    return sock.recv(4096)

                for line in ("ATE0", f"ATS12={S12}", "AT#SGACT=1,1", "AT#SSLEN=1,1",
                             "AT#SSLCFG=1,1,300,90,100,1"):
                    sock.sendall(line.encode() + b"\r")
                    read_until(read, b"OK\r\n")
                sock.sendall(f'AT#SSLD=1,{endpoint.config.port},"localhost",0,0\r'.encode())
                assert read_until(read, b"CONNECT\r\n") == b"\r\nCONNECT\r\n"
                sock.sendall(b"over tcp")
                assert read_until(read, b"tcp") == b"over tcp"
                time.sleep(GUARD * 1.5)
                sock.sendall(b"+++")
                assert read_until(read, b"OK\r\n") == b"\r\nOK\r\n"
    finally:
        module.close()
