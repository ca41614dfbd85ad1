"""The Telit products the emulator plays, and the Telit facts kept in their ``dialect_data``.

Platform ids: docs/DECISIONS-issue2.md D10. Socket counts: D11 (telit-ssl-ug §4.2.1, §4.3.1,
§4.3.2). +CGMM strings of HE910 and LE866 are the ones printed in telit-ssl-ug §4.3.1 / §4.3.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from emulator.core.product import Profile, Technology


@dataclass(frozen=True, kw_only=True)
class TelitData:
    """What only the Telit dialect reads of a product.

    ``platform``: the platform id of telit-ssl-ug §3 Tab. 1 (``None`` for telit-gsm-ssl
    products, which predate them); ``portcfg``: what ``#PORTCFG?`` answers.
    """

    platform: int | None
    portcfg: str


def telit_data(profile: Profile) -> TelitData:
    """The Telit facts of ``profile``; ``ValueError`` if it is not a Telit product."""
    data = profile.dialect_data
    platform, portcfg = data.get("platform"), data.get("portcfg")
    if not (platform is None or isinstance(platform, int)) or not isinstance(portcfg, str):
        raise ValueError(f"{profile.name}: not a Telit product (dialect_data needs 'platform' "
                         f"int or None and 'portcfg' str, got {dict(data)!r})")
    return TelitData(platform=platform, portcfg=portcfg)


def _telit(name: str, technology: Technology, platform: int, model: str, firmware: str,
           sockets: int, portcfg: str) -> Profile:
    return Profile(name=name, dialect="telit", document="telit-ssl-ug", technology=technology,
                   manufacturer="Telit", model=model, firmware=firmware, ssl_sockets=sockets,
                   dialect_data=MappingProxyType({"platform": platform, "portcfg": portcfg}))


PRODUCTS: Final[tuple[Profile, ...]] = (
    _telit("telit/ge865", "2G", 10, "GE865-QUAD", "10.00.xx7", 1, "0,0"),
    _telit("telit/ge910", "2G", 13, "GE910-QUAD", "13.00.xx4", 1, "0,0"),
    _telit("telit/gl865-v3", "2G", 16, "GL865-QUAD V3", "16.00.xx3", 1, "0,0"),
    _telit("telit/he910", "3G", 12, "HE910", "12.00.xx4", 1, "0,0"),
    _telit("telit/le910-v2", "4G", 20, "LE910 V2", "20.00.xx2", 6, "0,0"),
    _telit("telit/le866", "4G", 23, "LE866-SV1", "23.00.xx3", 6, "1,1"),
    # telit-gsm-ssl predates platform ids: the GC864 has none.
    Profile(name="telit-gsm/gc864", dialect="telit", document="telit-gsm-ssl", technology="2G",
            manufacturer="Telit", model="GC864-QUAD", firmware="07.03.xx2", ssl_sockets=1,
            dialect_data=MappingProxyType({"platform": None, "portcfg": "0,0"})),
)
"""Every Telit product, 2G first."""

TWO_G: Final = frozenset(p.name for p in PRODUCTS if p.technology == "2G" and p.document == "telit-ssl-ug")
"""telit-ssl-ug's 2G products (platform ids 10, 13, 16)."""

THREE_FOUR_G: Final = frozenset(p.name for p in PRODUCTS if p.technology in ("3G", "4G"))
"""telit-ssl-ug's 3G and 4G products (platform ids 12, 20, 23)."""

GSM: Final = frozenset(p.name for p in PRODUCTS if p.document == "telit-gsm-ssl")
"""telit-gsm-ssl's products."""
