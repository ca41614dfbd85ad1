"""Which dialect implements a profile's command set."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from emulator.core.table import Dialect
from emulator.profiles import Profile
from emulator.telit import TELIT

DIALECTS: Final[Mapping[str, Dialect]] = MappingProxyType({TELIT.name: TELIT})


def dialect_for(profile: Profile) -> Dialect:
    """The dialect named by ``profile.dialect``."""
    try:
        return DIALECTS[profile.dialect]
    except KeyError:
        raise ValueError(f"{profile.name}: no dialect {profile.dialect!r}") from None
