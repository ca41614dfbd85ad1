"""The quectel-ec200-ssl products (§1, Table 1: EC200M-CN, EC200N-CN, EC800M-CN, EC800N-CN).

The document gives no identification strings; the emulator's are Quectel's model names and
invented revisions in Quectel's style. Twelve SSL sockets (<clientID> 0-11, §2.2.2) on every
product. A profile is named ``quectel-ec200/<model in lower case>`` (``quectel-ec200/ec200m-cn``),
as the quectel-gsm ones are ``quectel-gsm/<model>``.
"""

from __future__ import annotations

from typing import Final

from emulator.core.product import Profile

DIALECT: Final = "quectel-ec200"
DOCUMENT: Final = "quectel-ec200-ssl"


def _quectel(model: str, firmware: str) -> Profile:
    return Profile(name=f"{DIALECT}/{model.lower()}", dialect=DIALECT, document=DOCUMENT,
                   technology="4G", manufacturer="Quectel", model=model, firmware=firmware,
                   ssl_sockets=12)


PRODUCTS: Final[tuple[Profile, ...]] = (
    _quectel("EC200M-CN", "EC200MCNAAR01A01M08"),
    _quectel("EC200N-CN", "EC200NCNAAR01A05M08"),
    _quectel("EC800M-CN", "EC800MCNGAR01A03M08"),
    _quectel("EC800N-CN", "EC800NCNLAR01A04M08"),
)
"""Every quectel-ec200-ssl product."""

NAMES: Final = frozenset(p.name for p in PRODUCTS)
