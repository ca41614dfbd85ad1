"""The link opens every kind of target through serial.serial_for_url: a tty device, rfc2217://, socket://
(tests/suite/test_targets.py), loop:// and emulator:// (test_link_and_modem.py)."""

from __future__ import annotations

from harness.dialects import TELIT
from harness.link import Link, register_scheme
from harness.modem import Modem
from harness.transcript import Transcript
from tests.bridges import pty_device, rfc2217_server

register_scheme("emulator.urlhandler")  # emulator:// targets, also when run outside the suite's plugin


def identify(url: str) -> tuple[str, ...]:
    modem = Modem(link=Link(url, Transcript(name=url)), dialect=TELIT, timeout=3)
    try:
        r = modem.command("AT+CGMM")
        assert r.ok, r.describe()
        return r.lines
    finally:
        modem.close()


def test_tty_device() -> None:
    with pty_device("emulator://telit/le866") as path:
        assert path.startswith("/dev/")
        assert identify(path) == ("LE866-SV1",)


def test_rfc2217() -> None:
    with rfc2217_server("emulator://telit/he910") as url:
        assert identify(url) == ("HE910",)
