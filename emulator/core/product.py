"""The identity of an emulated product, as the core and every dialect see it.

A product is what the emulator plays: what +CGMI/+CGMM/+CGMR say, how many secure sockets and
AT instances it has, which document describes it and which dialect speaks for it. What only a
dialect understands (Telit's platform id and port configuration, a Quectel context count...) goes in
``dialect_data``, read by that dialect alone; each dialect contributes its products
(``emulator/<vendor>/products.py``) and ``emulator.profiles`` is their union.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Technology = Literal["2G", "3G", "4G"]


def _empty() -> Mapping[str, object]:
    return MappingProxyType({})


@dataclass(frozen=True, kw_only=True)
class Profile:
    """Identity of one emulated product.

    ``name`` is ``<vendor>/<model>`` as used on the command line and in ``emulator://`` URLs.
    ``max_instances``: how many AT instances (serial ports) the product offers; the emulator
    gives each product three unless its dialect says otherwise, enough for every example of the
    documents (telit-ssl-ug §4.3.1 uses two) and a spare port.
    """

    name: str
    dialect: str
    document: str
    technology: Technology
    manufacturer: str
    model: str
    firmware: str
    ssl_sockets: int
    max_instances: int = 3
    dialect_data: Mapping[str, object] = field(default_factory=_empty)

    def __post_init__(self) -> None:
        if "/" not in self.name:
            raise ValueError(f"{self.name!r}: a product name is <vendor>/<model>")
        if self.ssl_sockets < 1:
            raise ValueError(f"{self.name}: ssl_sockets must be at least 1")
        if self.max_instances < 1:
            raise ValueError(f"{self.name}: max_instances must be at least 1")
