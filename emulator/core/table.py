"""Command tables: which handler answers which command, and the context handlers receive."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from emulator.core.cmdline import BasicCommand, Form, SParameter
from emulator.core.errors import CmeError, CommandError
from emulator.core.instance import Instance
from emulator.core.params import Args
from emulator.core.results import Response
from emulator.core.scheduler import Scheduler
from emulator.core.settings import InstanceSettings
from emulator.profiles import Profile


class ModuleServices(Protocol):
    """What the module offers a handler beyond its state (implemented by ``Module``)."""

    @property
    def scheduler(self) -> Scheduler:
        """The module's timers (stopped at power off)."""
        ...

    def unlocked(self) -> AbstractContextManager[None]:
        """Release the module lock for a blocking wait (a handshake, a read with a timeout).

        Other instances run commands meanwhile: a handler re-checks what it relies on after.
        """
        ...

    def resume(self, port: Instance, step: Callable[[Context], Response]) -> bytes:
        """Run ``step`` of a command under the module lock and frame its answer (after input)."""
        ...


@dataclass(frozen=True, kw_only=True)
class Context:
    """What a handler may look at and change while one command runs.

    Built afresh for every command line while the module lock is held: ``state`` is the
    dialect's per-module state (SSL configuration), ``settings`` the calling instance's own,
    ``port`` the calling instance itself (to enter prompt or online state, write URCs) and
    ``services`` the module's timers and lock.
    """

    profile: Profile
    defects: frozenset[str]
    instance: int
    settings: InstanceSettings
    state: object
    port: Instance
    services: ModuleServices

    def has_defect(self, name: str) -> bool:
        """Whether the module was built with the named defect (``emulator/defects.py``)."""
        return name in self.defects


Handler = Callable[[Context, Args], Response]
"""An extended-command handler: context and subparameters in, response out (or raises)."""

BasicHandler = Callable[[Context, BasicCommand], Response]
SParameterHandler = Callable[[Context, SParameter], Response]


@dataclass(frozen=True, kw_only=True)
class CommandSpec:
    """The handlers of one extended command, one per supported form.

    A form without a handler is answered like an unknown command: plain ERROR.
    """

    name: str
    exec: Handler | None = None
    read: Handler | None = None
    test: Handler | None = None
    set: Handler | None = None

    def handler(self, form: Form) -> Handler | None:
        """The handler for ``form``, or None when the command has no such form."""
        return {Form.EXEC: self.exec, Form.READ: self.read,
                Form.TEST: self.test, Form.SET: self.set}[form]


CommandTable = Mapping[str, CommandSpec]


def table_of(*specs: CommandSpec) -> dict[str, CommandSpec]:
    """Index specs by name, refusing duplicates (two handlers for one command is a bug)."""
    table: dict[str, CommandSpec] = {}
    for spec in specs:
        if spec.name in table:
            raise ValueError(f"command {spec.name} registered twice")
        table[spec.name] = spec
    return table


@dataclass(frozen=True, kw_only=True)
class Dialect:
    """A vendor's command set and its module state, plugged into the core.

    ``build_table`` gives the extended commands a profile has (a command a product lacks is
    simply absent, hence an unknown command); ``new_nvm`` makes the non-volatile memory of a
    new module (kept across power cycles); ``new_state`` makes the per-module state at power
    on from it; ``power_off`` releases what a state holds (connections, threads);
    ``filter_error`` may rewrite an error before +CMEE framing (e.g. telit-gsm-ssl §5).
    """

    name: str
    build_table: Callable[[Profile], CommandTable]
    new_nvm: Callable[[Profile], object]
    new_state: Callable[[Profile, frozenset[str], object], object]
    power_off: Callable[[object], None]
    filter_error: Callable[[Context, CmeError], CommandError]
