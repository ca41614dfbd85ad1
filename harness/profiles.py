"""Profiles: what one module should do, read from each document's vectors.

``vectors/documents.toml`` registers the documents (one entry each: the folder of its vectors and the
name of the id range that numbers its secure sockets); ``vectors/<folder>/profiles.toml`` lists the
document's modules. Each profile states its capabilities and its id ranges as data: nothing is derived
here from a vendor's keys, so a profile of any vendor loads as long as it has the common keys
(``dialect``, ``model``, ``technology``, ``ids``). Vendor values (Telit's ``seccfg_form``, ``portcfg``...)
stay in :attr:`Profile.data`, read as ``profile["seccfg_form"]``.

A test asks the profile (``profile.ids("ssid")``, ``profile.has("cert_format")``), never hard-codes a
module; what a profile lacks is a skip that names the capability and the clause.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from harness.dialects import Dialect, dialect

__all__ = ["DOCUMENTS", "Document", "Profile", "all_profiles", "documents", "get_profile", "read_profiles"]

#: The keys every profile entry has, whatever its vendor.
REQUIRED = ("dialect", "model", "technology", "ids")


@dataclass(frozen=True)
class Document:
    """One registered document: its id (``telit-ssl-ug``), the folder of its vectors (``""``: none yet) and
    the name of its socket id range (``""``: the document names none)."""

    id: str
    folder: str = ""
    socket_ids: str = ""


@dataclass(frozen=True)
class Profile:
    """One module as its document describes it."""

    name: str
    document: str
    dialect_name: str
    model: str
    technology: str
    #: Named id ranges, e.g. ``(("ssid", range(1, 7)),)``; read with :meth:`ids`.
    id_ranges: tuple[tuple[str, range], ...] = ()
    #: The name of the id range that numbers the document's secure sockets (:attr:`ssid_range`).
    socket_ids: str = ""
    #: Telit's platform id (telit-ssl-ug Applicability table), ``None`` where the document has none.
    platform: int | None = None
    capabilities: frozenset[str] = frozenset()
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dialect(self) -> Dialect:
        """The engine's tables for this module's AT dialect."""
        return dialect(self.dialect_name)

    def ids(self, name: str) -> range:
        """The id range called ``name`` (``"ssid"``, ``"ssl_context"``...); an unknown name is a KeyError
        naming the ranges this profile has."""
        for known, values in self.id_ranges:
            if known == name:
                return values
        have = ", ".join(n for n, _ in self.id_ranges) or "none"
        raise KeyError(f"profile {self.name} has no id range {name!r}; it has: {have}")

    @property
    def ssid_range(self) -> range:
        """The secure socket ids: the range the document registers as its ``socket_ids`` in
        vectors/documents.toml (``ssid`` for both Telit documents, 1-based: telit-ssl-ug §4.1)."""
        if not self.socket_ids:
            raise KeyError(f"document {self.document} registers no socket id range (vectors/documents.toml)")
        return self.ids(self.socket_ids)

    @property
    def ssids(self) -> int:
        """How many secure sockets the module has (the length of :attr:`ssid_range`)."""
        return len(self.ssid_range)

    def has(self, capability: str) -> bool:
        """True when the profile lists ``capability``."""
        return capability in self.capabilities

    def __getitem__(self, key: str) -> Any:
        """Raw profile data from the vectors (``profile["sslcfg_test"]``)."""
        return self.data[key]


def _read_toml(root: Traversable, relative: str) -> dict[str, Any]:
    path = root.joinpath(relative)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"no vectors file {relative} under {root}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{relative}: {e}") from None


def read_documents(root: Traversable) -> dict[str, Document]:
    """The documents registered in ``<root>/documents.toml``, by id."""
    entries = _read_toml(root, "documents.toml").get("documents", {})
    out = {}
    for doc_id, entry in entries.items():
        unknown = set(entry) - {"folder", "socket_ids"}
        if unknown:
            raise ValueError(f"documents.toml: {doc_id}: unknown key(s) {sorted(unknown)}; valid: folder, socket_ids")
        out[doc_id] = Document(doc_id, str(entry.get("folder", "")), str(entry.get("socket_ids", "")))
    return out


def _id_ranges(name: str, ids: object) -> tuple[tuple[str, range], ...]:
    if not isinstance(ids, Mapping) or not ids:
        raise ValueError(f"profile {name}: 'ids' must name at least one range, e.g. ids = {{ ssid = [1, 6] }}")
    out = []
    for key, bounds in ids.items():
        if (
            not isinstance(bounds, list)
            or len(bounds) != 2
            or not all(isinstance(b, int) for b in bounds)
            or bounds[0] > bounds[1]
        ):
            raise ValueError(f"profile {name}: id range {key!r} must be [first, last] (inclusive), not {bounds!r}")
        out.append((str(key), range(bounds[0], bounds[1] + 1)))
    return tuple(out)


def _profile(name: str, doc: Document, entry: dict[str, Any], where: str) -> Profile:
    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        raise ValueError(f"{where}: profile {name} lacks {', '.join(missing)}; every profile has {', '.join(REQUIRED)}")
    if "document" in entry and entry["document"] != doc.id:
        raise ValueError(f"{where}: profile {name} says document {entry['document']!r}, but the file is {doc.id}'s")
    capabilities = entry.get("capabilities", [])
    if not isinstance(capabilities, list) or not all(isinstance(c, str) for c in capabilities):
        raise ValueError(f"{where}: profile {name}: capabilities must be a list of names, not {capabilities!r}")
    ranges = _id_ranges(name, entry["ids"])
    if doc.socket_ids and doc.socket_ids not in dict(ranges):
        raise ValueError(
            f"{where}: profile {name} lacks the id range {doc.socket_ids!r} that numbers {doc.id}'s sockets"
        )
    return Profile(
        name=name,
        document=doc.id,
        dialect_name=str(entry["dialect"]),
        model=str(entry["model"]),
        technology=str(entry["technology"]),
        id_ranges=ranges,
        socket_ids=doc.socket_ids,
        platform=entry.get("platform"),
        capabilities=frozenset(capabilities),
        data={**entry, "document": doc.id},
    )


def read_profiles(root: Traversable | Path) -> dict[str, Profile]:
    """Every profile of every registered document under the vectors folder ``root``, by name. A profile's
    dialect must be a known one; a name given twice is an error."""
    out: dict[str, Profile] = {}
    for doc in read_documents(root).values():
        if not doc.folder:
            continue
        where = f"{doc.folder}/profiles.toml"
        for name, entry in _read_toml(root, where).get("profiles", {}).items():
            if name in out:
                raise ValueError(f"{where}: profile {name} is already defined by {out[name].document}")
            profile = _profile(name, doc, entry, where)
            profile.dialect  # noqa: B018  (raises on an unknown dialect, naming the known ones)
            out[name] = profile
    return out


def _vectors() -> Traversable:
    return resources.files("vectors")


@functools.cache
def documents() -> dict[str, Document]:
    """The registered documents of the suite's own vectors."""
    return read_documents(_vectors())


@functools.cache
def _all() -> dict[str, Profile]:
    return read_profiles(_vectors())


def all_profiles() -> dict[str, Profile]:
    """Every profile in the suite's vectors, by name."""
    return dict(_all())


def get_profile(name: str) -> Profile:
    """The profile called ``name``; a typo gets an error listing the known ones."""
    profiles = _all()
    if name not in profiles:
        raise KeyError(f"unknown profile {name!r}; known: {', '.join(sorted(profiles))}")
    return profiles[name]


#: Document ids the suite derives from (../shared/specs/INDEX.md), as registered in vectors/documents.toml.
DOCUMENTS: tuple[str, ...] = tuple(documents())
