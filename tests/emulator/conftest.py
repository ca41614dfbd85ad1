"""Helpers for the emulator's own tests: drive instances in-process and frame expected bytes."""

from __future__ import annotations

from collections.abc import Iterable
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
