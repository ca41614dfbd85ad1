"""The emulated products: one frozen :class:`Profile` per product name.

A profile is the identity of the product the emulator plays (what ``+CGMM`` says, how many SSL
sockets it has, which document describes it). What the dialect does with those facts lives in
the dialect (``emulator/telit/platform.py``), so that this table stays a plain list of products.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

Technology = Literal["2G", "3G", "4G"]


@dataclass(frozen=True, kw_only=True)
class Profile:
    """Identity of one emulated product.

    ``name`` is ``<vendor>/<model>`` as used on the command line and in ``emulator://`` URLs.
    """

    name: str
    dialect: str
    document: str
    technology: Technology
    platform: int | None
    manufacturer: str
    model: str
    firmware: str
    ssl_sockets: int
    portcfg: str
    # Telit modules run several AT parser instances (AT0, AT1, ...: telit-ssl-ug §4.3.1 uses two);
    # the emulator offers three, enough for every example and for a spare port.
    max_instances: int = 3

    def __post_init__(self) -> None:
        if self.ssl_sockets < 1:
            raise ValueError(f"{self.name}: ssl_sockets must be at least 1")
        if self.max_instances < 1:
            raise ValueError(f"{self.name}: max_instances must be at least 1")


def _telit(name: str, technology: Technology, platform: int, model: str, firmware: str,
           sockets: int, portcfg: str) -> Profile:
    return Profile(name=name, dialect="telit", document="telit-ssl-ug", technology=technology,
                   platform=platform, manufacturer="Telit", model=model, firmware=firmware,
                   ssl_sockets=sockets, portcfg=portcfg)


# Platform ids: docs/DECISIONS-issue2.md D10. Socket counts: D11 (telit-ssl-ug §4.2.1, §4.3.1,
# §4.3.2). +CGMM strings of HE910 and LE866 are the ones printed in telit-ssl-ug §4.3.1 / §4.3.2.
_ALL: Final[tuple[Profile, ...]] = (
    _telit("telit/ge865", "2G", 10, "GE865-QUAD", "10.00.xx7", 1, "0,0"),
    _telit("telit/ge910", "2G", 13, "GE910-QUAD", "13.00.xx4", 1, "0,0"),
    _telit("telit/gl865-v3", "2G", 16, "GL865-QUAD V3", "16.00.xx3", 1, "0,0"),
    _telit("telit/he910", "3G", 12, "HE910", "12.00.xx4", 1, "0,0"),
    _telit("telit/le910-v2", "4G", 20, "LE910 V2", "20.00.xx2", 6, "0,0"),
    _telit("telit/le866", "4G", 23, "LE866-SV1", "23.00.xx3", 6, "1,1"),
    # telit-gsm-ssl predates platform ids: the GC864 has none.
    Profile(name="telit-gsm/gc864", dialect="telit", document="telit-gsm-ssl", technology="2G",
            platform=None, manufacturer="Telit", model="GC864-QUAD", firmware="07.03.xx2",
            ssl_sockets=1, portcfg="0,0"),
)

PROFILES: Final[Mapping[str, Profile]] = MappingProxyType({p.name: p for p in _ALL})


def get_profile(name: str) -> Profile:
    """Return the profile called ``name``.

    Raises ``ValueError`` naming the valid choices when there is none.
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(
            f"unknown profile {name!r}; valid profiles: {', '.join(PROFILES)}") from None
