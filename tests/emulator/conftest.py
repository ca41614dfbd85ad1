"""Helpers for the emulator's own tests: drive instances in-process and frame expected bytes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from emulator.core.instance import Instance
from emulator.module import Module
from emulator.profiles import get_profile

_HERE = Path(__file__).parent
DEFAULT_TIMEOUT = 10


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every emulator test gets a 10 s timeout unless it asks for another."""
    for item in items:
        if _HERE in item.path.parents and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(DEFAULT_TIMEOUT))


@pytest.fixture(scope="session")
def pki() -> Iterator[object]:
    """The servers' PKI (host localhost, IP 127.0.0.1), made once: RSA keys are slow."""
    from servers.pki import build_pki  # tests may use the farm; the emulator never does

    made = build_pki("localhost", "127.0.0.1")
    try:
        yield made
    finally:
        made.close()


class Terminal:
    """A DTE on one instance: sends bytes, returns what the instance answered to them.

    In-process feeding is synchronous, so everything the instance says is there on return.
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self._out = bytearray()
        instance.attach(self._out.extend)

    def send(self, data: bytes) -> bytes:
        self._out.clear()
        self.instance.feed(data)
        return bytes(self._out)

    def at(self, line: str) -> bytes:
        """Send ``line`` + CR and return the answer without the echo."""
        data = (line + "\r").encode("latin-1")
        answer = self.send(data)
        if self.instance.settings.echo and answer.startswith(data):
            return answer[len(data):]
        return answer


def terminals(profile: str, *, instances: int = 2,
              defects: Iterable[str] = ()) -> tuple[Terminal, ...]:
    """A fresh module with ``instances`` terminals attached."""
    module = Module(get_profile(profile), defects=defects, instances=instances)
    return tuple(Terminal(i) for i in module.instances)


def terminal(profile: str = "telit/he910", *, defects: Iterable[str] = ()) -> Terminal:
    """A fresh one-instance module and its terminal."""
    return terminals(profile, instances=1, defects=defects)[0]


def ok(*lines: str) -> bytes:
    """Verbose answer: information lines then OK (V.250 §5.7 with S3=CR, S4=LF)."""
    body = "".join(f"\r\n{line}" for line in lines) + ("\r\n" if lines else "")
    return (body + "\r\nOK\r\n").encode()


def cme(text: str | int) -> bytes:
    """Verbose ``+CME ERROR: <text>`` final result."""
    return f"\r\n+CME ERROR: {text}\r\n".encode()


ERROR = b"\r\nERROR\r\n"


class Output:
    """What an instance wrote, collected from any thread, with waits that have deadlines."""

    def __init__(self) -> None:
        self.data = bytearray()
        self._cond = threading.Condition()

    def __call__(self, data: bytes) -> None:
        with self._cond:
            self.data += data
            self._cond.notify_all()

    def wait_for(self, needle: bytes, timeout: float = 5.0, *, take: bool = False) -> bytes:
        """Everything collected so far once it holds ``needle`` (and empty the buffer if
        ``take``); fails at the deadline."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while needle not in self.data:
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"{needle!r} not in {bytes(self.data)!r}"
                self._cond.wait(remaining)
            data = bytes(self.data)
            if take:
                self.data.clear()
            return data

    def arrives(self, needle: bytes, timeout: float) -> bool:
        """True as soon as ``needle`` has come (the buffer is left as it is), False after ``timeout``: for a
        check whose one side is a quiet period, without a fixed sleep on the side that expects the bytes."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while needle not in self.data:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def wait_size(self, size: int, timeout: float = 5.0) -> bytes:
        """Everything collected once it is at least ``size`` bytes; fails at the deadline."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.data) < size:
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"{len(self.data)} of {size} bytes: {bytes(self.data)[-200:]!r}"
                self._cond.wait(remaining)
            return bytes(self.data)

    def take(self) -> bytes:
        """What was collected; the buffer starts empty again."""
        with self._cond:
            data = bytes(self.data)
            self.data.clear()
            return data


class Dte:
    """A DTE on one instance, for tests with connections: synchronous answers, async waits."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.out = Output()
        instance.attach(self.out)

    def send(self, data: bytes) -> bytes:
        """Feed ``data``; return what came out (feeding is synchronous, URCs may follow)."""
        self.out.take()
        self.instance.feed(data)
        return self.out.take()

    def at(self, line: str) -> bytes:
        """Send ``line`` + CR; the answer without the echo."""
        data = (line + "\r").encode("latin-1")
        answer = self.send(data)
        return answer[len(data):] if answer.startswith(data) else answer


ModuleFactory = Callable[..., tuple[Module, tuple[Dte, ...]]]


@pytest.fixture
def make_module() -> Iterator[ModuleFactory]:
    """Build modules with DTEs on their instances (ATE0); every one is switched off after."""
    made: list[Module] = []

    def make(profile: str = "telit/he910", *, defects: Iterable[str] = (),
             instances: int = 1) -> tuple[Module, tuple[Dte, ...]]:
        module = Module(get_profile(profile), defects=defects, instances=instances)
        made.append(module)
        dtes = tuple(Dte(i) for i in module.instances)
        for dte in dtes:
            dte.at("ATE0")
        return module, dtes

    yield make
    for module in made:
        module.close()
