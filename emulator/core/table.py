"""Command tables: which handler answers which command, and the context handlers receive."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from emulator.core.cmdline import BasicCommand, Form, SParameter
from emulator.core.errors import CmeError, CommandError
from emulator.core.params import Args
from emulator.core.results import Response
from emulator.core.settings import InstanceSettings
from emulator.profiles import Profile


@dataclass(frozen=True, kw_only=True)
class Context:
    """What a handler may look at and change while one command runs.

    Built afresh for every command line while the module lock is held: ``state`` is the
    dialect's per-module state (SSL configuration), ``settings`` the calling instance's own.
    """

    profile: Profile
    defects: frozenset[str]
    instance: int
    settings: InstanceSettings
    state: object

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
    simply absent, hence an unknown command); ``new_state`` makes the per-module state at power
    on; ``filter_error`` may rewrite an error before +CMEE framing (e.g. telit-gsm-ssl §5).
    """

    name: str
    build_table: Callable[[Profile], CommandTable]
    new_state: Callable[[Profile, frozenset[str]], object]
    filter_error: Callable[[Context, CmeError], CommandError]
