"""Profiles: what one module should do, built from ``vectors/profiles.toml``.

A test asks the profile (``profile.ssids``, ``profile.has("cert_format")``), never hard-codes a
module; what a profile lacks is a skip that names the capability and the clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from harness.dialects import Dialect, dialect
from harness.vectors import load

#: Document ids the suite derives from (../shared/specs/INDEX.md).
DOCUMENTS = ("telit-ssl-ug", "telit-gsm-ssl", "quectel-gsm-ssl", "quectel-ec200-ssl", "fibocom-l610-ssl")


@dataclass(frozen=True)
class Profile:
    """One module as the documents describe it."""

    name: str
    document: str
    dialect_name: str
    model: str
    technology: str
    ssids: int
    platform: int | None = None
    capabilities: frozenset[str] = frozenset()
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dialect(self) -> Dialect:
        """The engine's tables for this module's AT dialect."""
        return dialect(self.dialect_name)

    @property
    def ssid_range(self) -> range:
        """The secure socket ids, 1-based (telit-ssl-ug §4.1: 'Use the AT#SSLEN=? test command')."""
        return range(1, self.ssids + 1)

    def has(self, capability: str) -> bool:
        """True when the profile has ``capability`` (derived ones included)."""
        return capability in self.capabilities

    def __getitem__(self, key: str) -> Any:
        """Raw profile data from the vectors (``profile["sslcfg_test"]``)."""
        return self.data[key]


def _derived(entry: dict[str, Any]) -> set[str]:
    caps = set(entry.get("capabilities", []))
    caps.add("one_socket" if entry["ssids"] == 1 else "several_sockets")
    if entry["ssids"] >= 6:
        caps.add("six_sockets")  # telit-ssl-ug §4.3.2 uses SSId 1-6
    caps.add(f"seccfg_{entry['seccfg_form']}")
    if "platform" in entry:
        caps.add(f"platform_{entry['platform']}")
    return caps


def all_profiles() -> dict[str, Profile]:
    """Every profile in the vectors, by name."""
    out = {}
    for name, entry in load("profiles")["profiles"].items():
        if entry["document"] not in DOCUMENTS:
            raise ValueError(f"profile {name}: unknown document {entry['document']!r}")
        out[name] = Profile(
            name=name,
            document=entry["document"],
            dialect_name=entry["dialect"],
            model=entry["model"],
            technology=entry["technology"],
            ssids=entry["ssids"],
            platform=entry.get("platform"),
            capabilities=frozenset(_derived(entry)),
            data=dict(entry),
        )
    return out


def get_profile(name: str) -> Profile:
    """The profile called ``name``; a typo gets an error listing the known ones."""
    profiles = all_profiles()
    if name not in profiles:
        raise KeyError(f"unknown profile {name!r}; known: {', '.join(sorted(profiles))}")
    return profiles[name]
