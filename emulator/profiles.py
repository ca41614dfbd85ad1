"""The emulated products: the union of what each dialect contributes, by product name.

A profile is the identity of the product the emulator plays (:class:`emulator.core.product.Profile`);
each dialect lists its products in ``emulator/<vendor>/products.py``. A new vendor adds one line to
``_CONTRIBUTIONS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from emulator.core.product import Profile, Technology
from emulator.fibocom.products import PRODUCTS as FIBOCOM_PRODUCTS
from emulator.quectel.ec200.products import PRODUCTS as QUECTEL_EC200_PRODUCTS
from emulator.quectel.gsm.products import PRODUCTS as QUECTEL_GSM_PRODUCTS
from emulator.telit.products import PRODUCTS as TELIT_PRODUCTS

__all__ = ["PROFILES", "Profile", "Technology", "get_profile"]

_CONTRIBUTIONS: Final[tuple[tuple[Profile, ...], ...]] = (
    TELIT_PRODUCTS,
    QUECTEL_GSM_PRODUCTS,
    FIBOCOM_PRODUCTS,
    QUECTEL_EC200_PRODUCTS,
)


def _union() -> Mapping[str, Profile]:
    table: dict[str, Profile] = {}
    for products in _CONTRIBUTIONS:
        for product in products:
            if product.name in table:
                raise ValueError(f"product {product.name} is contributed twice")
            table[product.name] = product
    return MappingProxyType(table)


PROFILES: Final[Mapping[str, Profile]] = _union()


def get_profile(name: str) -> Profile:
    """Return the profile called ``name``.

    Raises ``ValueError`` naming the valid choices when there is none.
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(
            f"unknown profile {name!r}; valid profiles: {', '.join(PROFILES)}") from None
