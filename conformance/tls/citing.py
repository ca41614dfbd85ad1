"""Spec marks of a cross-vendor test: the clauses of every document that has a driver.

The plugin parametrizes a test with the profiles of the documents its ``spec`` marks cite
(harness/plugin/collection.py ``pytest_generate_tests``); conformance/tls/conftest.py then keeps, on each item, only the
marks of its own profile's document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from conformance.shared import drivers
from harness.clauses import Clause

_F = TypeVar("_F", bound=Callable[..., Any])


def cites_every_driver(clauses_of: Callable[[str], tuple[Clause, ...]]) -> Callable[[_F], _F]:
    """Decorator: mark the test with ``clauses_of(document)`` for every document that has a driver
    (``drivers.auth_clauses``, ``drivers.exchange_clauses``)."""

    def mark(test: _F) -> _F:
        for document in drivers.documents():
            for clause in clauses_of(document):
                test = pytest.mark.spec(clause.doc, clause.section)(test)
        return test

    return mark
