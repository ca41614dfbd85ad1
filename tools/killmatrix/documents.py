"""What each document's vectors give the kill matrix: its commands and its profile classes.

``vectors/<folder>/killmatrix.toml`` (the folder ``vectors/documents.toml`` registers for the document)::

    schema = 1
    document = "telit-ssl-ug"
    commands = [...]                  # every command and URC the document defines, as it spells them
    uses = [...]                      # the vendor's other commands it uses (no defect owed)
    [classes."3G"]
    profiles = ["telit/he910"]        # the first one is the class's scout
    source = "telit-ssl-ug §4.2.2 ..."  # why this class differs from the others

Every profile of the document belongs to exactly one class, so that a new module cannot escape the matrix.
A document without the file is not in the matrix (its suite has not landed).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final

from harness.profiles import Profile, all_profiles, documents

FILE: Final = "killmatrix.toml"
SCHEMA: Final = 1


@dataclass(frozen=True)
class ProfileClass:
    """Modules of one document that a defect may treat alike; the first profile is the class's scout."""

    document: str
    name: str
    profiles: tuple[str, ...]
    source: str

    @property
    def label(self) -> str:
        """``telit-ssl-ug 3G``: unique across documents."""
        return f"{self.document} {self.name}"

    @property
    def scout(self) -> str:
        """The profile the class is tried on when a defect shows on all its modules."""
        return self.profiles[0]


@dataclass(frozen=True)
class DocumentPlan:
    """The kill matrix's view of one document."""

    document: str
    commands: tuple[str, ...]
    uses: tuple[str, ...]
    classes: tuple[ProfileClass, ...]


def _strings(value: Any, what: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{where}: {what} must be a list of non-empty strings, not {value!r}")
    if len(set(value)) != len(value):
        twice = sorted({v for v in value if value.count(v) > 1})
        raise ValueError(f"{where}: {what} lists {', '.join(twice)} twice")
    return tuple(value)


def parse_plan(data: Mapping[str, Any], document: str, profiles: Mapping[str, Profile], where: str) -> DocumentPlan:
    """Check one ``killmatrix.toml`` against the document it belongs to and the profiles of the vectors."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{where}: schema {data.get('schema')!r} is not supported (expected {SCHEMA})")
    if data.get("document") != document:
        raise ValueError(f"{where}: document {data.get('document')!r}, but the folder is {document}'s")
    unknown = sorted(
        set(data) - {"schema", "document", "commands", "commands_source", "uses", "uses_source", "classes"}
    )
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(unknown)}; valid: schema, document, commands, uses, classes"
        )
    commands = _strings(data.get("commands"), "commands", where)
    uses = _strings(data.get("uses", []), "uses", where)
    tables = data.get("classes")
    if not isinstance(tables, dict) or not tables:
        raise ValueError(f"{where}: no [classes.<name>] table: every document needs at least one profile class")
    own = [name for name, p in profiles.items() if p.document == document]
    seen: dict[str, str] = {}
    classes = []
    for name, table in tables.items():
        if not isinstance(table, dict) or not isinstance(table.get("source"), str) or not table["source"].strip():
            raise ValueError(f"{where}: class {name}: needs profiles = [...] and a source citing why it differs")
        members = _strings(table.get("profiles"), f"class {name}: profiles", where)
        if not members:
            raise ValueError(f"{where}: class {name} has no profile")
        for member in members:
            if member not in own:
                raise ValueError(
                    f"{where}: class {name}: {member} is not a profile of {document}; its profiles: "
                    f"{', '.join(own) or 'none'}"
                )
            if member in seen:
                raise ValueError(f"{where}: {member} is in classes {seen[member]} and {name}")
            seen[member] = name
        classes.append(ProfileClass(document, str(name), members, table["source"]))
    left_out = [p for p in own if p not in seen]
    if left_out:
        raise ValueError(f"{where}: {', '.join(left_out)} in no class: every profile of {document} needs one")
    return DocumentPlan(document, commands, uses, tuple(classes))


def read_plans(
    root: Traversable | Path, registered: Mapping[str, str], profiles: Mapping[str, Profile]
) -> tuple[DocumentPlan, ...]:
    """The plans of the documents ``registered`` (document id → vectors folder) that have a ``killmatrix.toml``
    under ``root``, in the order registered."""
    plans = []
    for document, folder in registered.items():
        if not folder:
            continue
        path = root.joinpath(folder).joinpath(FILE)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        where = f"vectors/{folder}/{FILE}"
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{where}: {exc}") from None
        plans.append(parse_plan(data, document, profiles, where))
    return tuple(plans)


@functools.cache
def plans() -> tuple[DocumentPlan, ...]:
    """The plans of the suite's own vectors."""
    registered = {doc.id: doc.folder for doc in documents().values()}
    return read_plans(resources.files("vectors"), registered, all_profiles())


def all_classes(chosen: tuple[DocumentPlan, ...]) -> tuple[ProfileClass, ...]:
    """Every class of every plan, documents in registry order, classes in file order."""
    return tuple(c for plan in chosen for c in plan.classes)
