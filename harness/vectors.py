"""Read the specification data in ``vectors/`` (TOML files, read with the standard library)."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any


@functools.cache
def load(name: str) -> dict[str, Any]:
    """Load ``vectors/<name>.toml`` (``name`` like ``"telit/commands"``)."""
    path = resources.files("vectors").joinpath(f"{name}.toml")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"no vectors file vectors/{name}.toml") from None
    return tomllib.loads(text)


def erratum(entry_id: str) -> dict[str, str]:
    """The errata entry ``entry_id`` (``"TSU-01"``); a typo is an error naming the file."""
    errata = load("errata")
    if entry_id not in errata:
        raise KeyError(f"no erratum {entry_id!r} in vectors/errata.toml")
    return dict(errata[entry_id])
