"""The Quectel GSM products (quectel-gsm-ssl §1: "applicable to Quectel M10, M66, M85 and M95").

The document gives no identification strings; the emulator's are Quectel's model names and
invented revisions in Quectel's style (emulator/README.md, quectel-gsm-ssl choices). Six SSL
socket indexes (<ssid> 0-5, §2.2.2) on every product.
"""

from __future__ import annotations

from typing import Final

from emulator.core.product import Profile

DIALECT: Final = "quectel-gsm"
DOCUMENT: Final = "quectel-gsm-ssl"


def _quectel(model: str, firmware: str) -> Profile:
    return Profile(name=f"quectel-gsm/{model.lower()}", dialect=DIALECT, document=DOCUMENT,
                   technology="2G", manufacturer="Quectel", model=model, firmware=firmware,
                   ssl_sockets=6)


PRODUCTS: Final[tuple[Profile, ...]] = (
    _quectel("M10", "M10FBR01A01"),
    _quectel("M66", "M66FAR01A01"),
    _quectel("M85", "M85FAR01A01"),
    _quectel("M95", "M95FAR02A08"),
)
"""Every quectel-gsm-ssl product."""

NAMES: Final = frozenset(p.name for p in PRODUCTS)
