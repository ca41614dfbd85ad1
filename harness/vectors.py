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
    errata = load_merged("errata")
    if entry_id not in errata:
        raise KeyError(f"no erratum {entry_id!r} in vectors/errata.toml or a document's errata.toml")
    return dict(errata[entry_id])


@functools.cache
def load_merged(name: str) -> dict[str, Any]:
    """``vectors/<name>.toml`` merged with each registered document's own ``vectors/<folder>/<name>.toml``
    (``"sections"``, ``"errata"``): a new document brings its sections and errata in its own folder, with no
    edit to a shared file. A key defined twice is an error naming both files."""
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}
    folders = [str(entry["folder"]) for entry in load("documents")["documents"].values() if "folder" in entry]
    for part in [name, *(f"{folder}/{name}" for folder in folders)]:
        if not resources.files("vectors").joinpath(f"{part}.toml").is_file():
            continue
        for key, value in load(part).items():
            if key == "schema":
                continue
            if key in merged:
                raise ValueError(f"{key!r} is defined in both vectors/{origin[key]}.toml and vectors/{part}.toml")
            merged[key], origin[key] = value, part
    return merged
