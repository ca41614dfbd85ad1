"""Command tables: which handler answers which command, and the context handlers receive."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from emulator.core.clock import ModuleClock
from emulator.core.cmdline import BasicCommand, Form, SParameter
from emulator.core.errors import CmeError, CommandError
from emulator.core.instance import Instance
from emulator.core.params import Args
from emulator.core.product import Profile
from emulator.core.results import Response
from emulator.core.scheduler import Scheduler
from emulator.core.settings import InstanceSettings

S = TypeVar("S")
#: A dialect's per-module state, read-only in a context (so a context of a dialect's state is a
#: context of ``object`` too: the core's own handlers take ``Context[object]``).
S_co = TypeVar("S_co", covariant=True)
#: The state a handler needs: a handler of ``Context[object]`` serves every dialect.
S_contra = TypeVar("S_contra", contravariant=True)
#: A dialect's non-volatile memory.
N = TypeVar("N")


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

    def resume(self, port: Instance, step: Callable[[Context[Any]], Response]) -> bytes:
        """Run ``step`` of a command under the module lock and frame its answer (after input)."""
        ...

    def power_cycle(self) -> None:
        """Switch the module off and on: every instance and the dialect state back to power-on
        defaults, what the non-volatile memory holds kept (:mod:`emulator.core.restart`). Call it
        holding no lock, or from an instance's after-response callback."""
        ...


@dataclass(frozen=True, kw_only=True)
class Context(Generic[S_co]):
    """What a handler may look at and change while one command runs.

    Built afresh for every command line while the module lock is held: ``state`` is the
    dialect's per-module state (SSL configuration), typed by the dialect (``Context[TelitState]``)
    so that its handlers need no run-time check; ``settings`` the calling instance's own,
    ``port`` the calling instance itself (to enter prompt or online state, write URCs),
    ``services`` the module's timers and lock, and ``clock`` the module's clock (+CCLK).
    """

    profile: Profile
    defects: frozenset[str]
    instance: int
    settings: InstanceSettings
    state: S_co
    port: Instance
    services: ModuleServices
    clock: ModuleClock

    def has_defect(self, name: str) -> bool:
        """Whether the module was built with the named defect (``emulator/defects.py``)."""
        return name in self.defects


Handler = Callable[[Context[S_contra], Args], Response]
"""An extended-command handler: context and subparameters in, response out (or raises)."""

BasicHandler = Callable[[Context[object], BasicCommand], Response]
SParameterHandler = Callable[[Context[object], SParameter], Response]


@dataclass(frozen=True, kw_only=True)
class CommandSpec(Generic[S_contra]):
    """The handlers of one extended command, one per supported form.

    A form without a handler is answered like an unknown command: plain ERROR. A spec of the
    core (``CommandSpec[object]``) fits every dialect's table.
    """

    name: str
    exec: Handler[S_contra] | None = None
    read: Handler[S_contra] | None = None
    test: Handler[S_contra] | None = None
    set: Handler[S_contra] | None = None

    def handler(self, form: Form) -> Handler[S_contra] | None:
        """The handler for ``form``, or None when the command has no such form."""
        return {Form.EXEC: self.exec, Form.READ: self.read,
                Form.TEST: self.test, Form.SET: self.set}[form]


CommandTable = Mapping[str, CommandSpec[S]]


def table_of(*specs: CommandSpec[S]) -> dict[str, CommandSpec[S]]:
    """Index specs by name, refusing duplicates (two handlers for one command is a bug)."""
    table: dict[str, CommandSpec[S]] = {}
    for spec in specs:
        if spec.name in table:
            raise ValueError(f"command {spec.name} registered twice")
        table[spec.name] = spec
    return table


@dataclass(frozen=True, kw_only=True)
class Dialect(Generic[S, N]):
    """A vendor's command set and its module state, plugged into the core.

    ``build_table`` gives the extended commands a profile has (a command a product lacks is
    simply absent, hence an unknown command; the core's optional commands such as
    ``emulator.core.gsm0707.CCLK`` are included here when the vendor's documents have them);
    ``new_nvm`` makes the non-volatile memory of a new module (kept across power cycles);
    ``new_state`` makes the per-module state at power on from it; ``power_off`` releases what a
    state holds (connections, threads); ``filter_error`` may rewrite an error before +CMEE
    framing (e.g. a vendor that reports its own errors only in some mode). ``basic`` adds
    V.250 basic commands the core does not keep (``O``, ``&D``: quectel-ec200-ssl §1.4); it may
    not replace the core's own.
    """

    name: str
    build_table: Callable[[Profile], CommandTable[S]]
    new_nvm: Callable[[Profile], N]
    new_state: Callable[[Profile, frozenset[str], N], S]
    power_off: Callable[[S], None]
    filter_error: Callable[[Context[S], CmeError], CommandError]
    basic: Mapping[str, Callable[[Context[S], BasicCommand], Response]] = field(default_factory=dict)
