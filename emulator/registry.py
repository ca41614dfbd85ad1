"""Process-global registry of shared modules for the embedded ``emulator://`` URL.

Two ports opened on the same (profile, defects, module key) are two AT instances of one module.
The module is switched on when the first of its ports opens and off when the last one closes,
so a test that opens and closes its ports always starts from power-on defaults.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from emulator.core.product import Profile
from emulator.module import Module


@dataclass(frozen=True)
class ModuleKey:
    """What identifies one shared module."""

    profile: str
    defects: frozenset[str]
    key: str


@dataclass
class _Entry:
    module: Module
    open_instances: set[int] = field(default_factory=set)


class Lease:
    """One open AT instance of a registry module; :meth:`close` gives it back."""

    def __init__(self, registry: ModuleRegistry, key: ModuleKey, module: Module,
                 number: int) -> None:
        self.module = module
        self.instance = module.instance(number)
        self._registry = registry
        self._key = key
        self._closed = False

    def close(self) -> None:
        """Release the instance; the last release switches the module off. Idempotent."""
        if not self._closed:
            self._closed = True
            self._registry._release(self._key, self.instance.number)


class ModuleRegistry:
    """Thread-safe map from :class:`ModuleKey` to a live module and its open instances."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[ModuleKey, _Entry] = {}

    def open(self, profile: Profile, defects: frozenset[str], key: str, number: int) -> Lease:
        """Open AT instance ``number`` of the shared module, switching it on if needed.

        ``ValueError`` if the number is out of range or that instance is already open: like a
        serial port, an instance has one user at a time.
        """
        if not 1 <= number <= profile.max_instances:
            raise ValueError(f"instance must be 1 to {profile.max_instances} for "
                             f"{profile.name}, not {number}")
        module_key = ModuleKey(profile=profile.name, defects=defects, key=key)
        with self._lock:
            entry = self._entries.get(module_key)
            if entry is None:
                module = Module(profile, defects=defects, instances=profile.max_instances)
                entry = self._entries[module_key] = _Entry(module=module)
            if number in entry.open_instances:
                raise ValueError(f"instance {number} of module {key!r} ({profile.name}) "
                                 "is already open")
            entry.open_instances.add(number)
            return Lease(self, module_key, entry.module, number)

    def live_modules(self) -> int:
        """How many modules are switched on (for tests of the lifetime rules)."""
        with self._lock:
            return len(self._entries)

    def _release(self, key: ModuleKey, number: int) -> None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return
            entry.open_instances.discard(number)
            if entry.open_instances:
                return
            del self._entries[key]  # power off: the next open gets a fresh module
        entry.module.close()


REGISTRY = ModuleRegistry()
"""The registry every ``emulator://`` port uses."""
