"""Which dialect implements a profile's command set: the registry (one line per vendor)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from emulator.core.table import Dialect
from emulator.fibocom.dialect import FIBOCOM
from emulator.profiles import Profile
from emulator.quectel.ec200.dialect import QUECTEL_EC200
from emulator.quectel.gsm.dialect import QUECTEL_GSM
from emulator.telit.dialect import TELIT

DIALECTS: Final[Mapping[str, Dialect[Any, Any]]] = MappingProxyType({
    TELIT.name: TELIT,
    QUECTEL_GSM.name: QUECTEL_GSM,
    FIBOCOM.name: FIBOCOM,
    QUECTEL_EC200.name: QUECTEL_EC200,
})


def dialect_for(profile: Profile) -> Dialect[Any, Any]:
    """The dialect named by ``profile.dialect``."""
    try:
        return DIALECTS[profile.dialect]
    except KeyError:
        raise ValueError(f"{profile.name}: no dialect {profile.dialect!r}; "
                         f"valid dialects: {', '.join(DIALECTS)}") from None
