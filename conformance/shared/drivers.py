"""Which driver speaks each document: one registration line per document.

A line names the factory as ``"package.module:Name"``, imported only when a test asks for it, so that the
shared layer imports no vendor package. A factory takes the test's :class:`~harness.modem.Modem` and
:class:`~harness.profiles.Profile` and returns a :class:`~conformance.shared.driver.SocketDriver`.
"""

from __future__ import annotations

import importlib
from typing import Protocol, cast

from conformance.shared.driver import SocketDriver
from harness.clauses import Clause
from harness.modem import Modem
from harness.profiles import Profile


class DriverFactory(Protocol):
    """A driver class: ``Driver(modem, profile)``, with the clauses of its document's auth modes."""

    auth_clauses: tuple[Clause, ...]
    exchange_clauses: tuple[Clause, ...]

    def __call__(self, modem: Modem, profile: Profile) -> SocketDriver: ...


#: document id -> "module:factory"
REGISTRY: dict[str, str] = {
    "telit-ssl-ug": "conformance.telit.driver:TelitDriver",
    "telit-gsm-ssl": "conformance.telit_gsm.driver:TelitGsmDriver",
    "fibocom-l610-ssl": "conformance.fibocom_l610.driver:FibocomDriver",
    "quectel-gsm-ssl": "conformance.quectel_gsm.driver:QuectelGsmDriver",
    "quectel-ec200-ssl": "conformance.quectel_ec200.driver:QuectelEc200Driver",
}


class NoDriver(LookupError):
    """No driver is registered for the profile's document."""


def documents() -> tuple[str, ...]:
    """The documents that have a driver, in registration order."""
    return tuple(REGISTRY)


def factory(document: str) -> DriverFactory:
    """The driver factory of ``document``; :class:`NoDriver` naming the documents that have one."""
    target = REGISTRY.get(document)
    if target is None:
        raise NoDriver(f"no driver for {document} (drivers: {', '.join(REGISTRY)}; conformance/shared/drivers.py)")
    module_name, _, name = target.partition(":")
    return cast(DriverFactory, getattr(importlib.import_module(module_name), name))


def auth_clauses(document: str) -> tuple[Clause, ...]:
    """The clauses defining ``document``'s authentication modes, from its driver (no module needed)."""
    return tuple(factory(document).auth_clauses)


def exchange_clauses(document: str) -> tuple[Clause, ...]:
    """The clauses of sending and receiving on ``document``'s sockets, from its driver."""
    return tuple(factory(document).exchange_clauses)


def driver_for(modem: Modem, profile: Profile) -> SocketDriver:
    """The driver of ``profile``'s document, bound to ``modem``."""
    return factory(profile.document)(modem, profile)
