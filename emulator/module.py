"""A module: one emulated product with its shared state and its AT instances."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from emulator.core import gsm0707, v250
from emulator.core.clock import ModuleClock
from emulator.core.executor import Executor
from emulator.core.instance import Instance
from emulator.core.product import Profile
from emulator.core.results import Response, ResultCode, frame_final
from emulator.core.scheduler import Scheduler
from emulator.core.table import Context, Dialect, table_of
from emulator.defects import check_defects
from emulator.dialects import dialect_for


class Module:
    """One emulated product: SSL configuration shared by all instances, settings per instance.

    Like two serial ports on one real module, every :class:`Instance` sees the same dialect
    state; a lock serialises command lines across instances. A new module is at its power-on
    defaults; :meth:`power_cycle` brings it back there (keeping what its non-volatile memory
    holds), :meth:`close` switches it off for good (connections closed, timers stopped).
    """

    def __init__(self, profile: Profile, *, defects: Iterable[str] = (),
                 instances: int = 1, dialect: Dialect[Any, Any] | None = None) -> None:
        if not 1 <= instances <= profile.max_instances:
            raise ValueError(f"{profile.name} has 1 to {profile.max_instances} AT instances, "
                             f"not {instances}")
        self.profile = profile
        self.defects = check_defects(defects)
        # ``dialect``: one not in the registry (a dialect under development, or a test's own).
        self._dialect = dialect if dialect is not None else dialect_for(profile)
        extended = table_of(*gsm0707.CORE_COMMANDS, *self._dialect.build_table(profile).values())
        if set(self._dialect.basic) & set(v250.BASIC_COMMANDS):
            raise ValueError(f"{self._dialect.name} redefines a basic command of the core")
        self._executor = Executor(extended=extended, basic={**v250.BASIC_COMMANDS, **self._dialect.basic},
                                  s_parameter=v250.s_parameter,
                                  filter_error=self._dialect.filter_error)
        self._lock = threading.RLock()
        self._scheduler = Scheduler(name=f"emulator-{profile.name}-timers")
        self._nvm = self._dialect.new_nvm(profile)
        self._state = self._dialect.new_state(profile, self.defects, self._nvm)
        # Kept across power cycles (emulator.core.clock).
        self.clock = ModuleClock()
        self._closed = False
        self._instances = tuple(Instance(n, self._run_line, scheduler=self._scheduler)
                                for n in range(1, instances + 1))

    @property
    def instances(self) -> tuple[Instance, ...]:
        """The AT instances, numbered from 1."""
        return self._instances

    @property
    def state(self) -> Any:
        """The dialect's per-module state (read it for diagnostics; handlers change it)."""
        return self._state

    @property
    def scheduler(self) -> Scheduler:
        """The module's timers."""
        return self._scheduler

    def instance(self, number: int) -> Instance:
        """AT instance ``number`` (1-based); ``ValueError`` if there is none."""
        if not 1 <= number <= len(self._instances):
            raise ValueError(f"instance must be 1 to {len(self._instances)}, not {number}")
        return self._instances[number - 1]

    def power_cycle(self) -> None:
        """Switch off and on: power-on dialect state and instance settings; NVM is kept."""
        with self._lock:
            old = self._state
        self._dialect.power_off(old)
        # Lock order is instance input lock, then module lock (see Instance.feed): reset the
        # instances first, each under its own lock, never while holding the module lock.
        for instance in self._instances:
            instance.power_on()
        with self._lock:
            self._state = self._dialect.new_state(self.profile, self.defects, self._nvm)

    def close(self) -> None:
        """Switch the module off: close its connections and stop its timers. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            state = self._state
        self._dialect.power_off(state)
        self._scheduler.close()

    @contextlib.contextmanager
    def unlocked(self) -> Iterator[None]:
        """Release the module lock around a blocking wait, then take it back."""
        self._lock.release()
        try:
            yield
        finally:
            self._lock.acquire()

    def resume(self, port: Instance, step: Callable[[Context[Any]], Response]) -> bytes:
        """Run a deferred step of a command for ``port`` under the module lock, framed."""
        with self._lock:
            return self._executor.run_handler(self._context(port), step)

    def _context(self, instance: Instance) -> Context[Any]:
        return Context(profile=self.profile, defects=self.defects, instance=instance.number,
                       settings=instance.settings, state=self._state, port=instance,
                       services=self, clock=self.clock)

    def _run_line(self, instance: Instance, body: str | None) -> bytes:
        if body is None:  # the line overflowed the buffer (lineassembler.MAX_LINE)
            return frame_final(ResultCode.ERROR, instance.settings)
        with self._lock:
            return self._executor.run(self._context(instance), body)
