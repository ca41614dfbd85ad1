"""A module farm: ``--farm FILE`` names several modules, and pytest-xdist's ``-n N`` starts one worker per
module; worker *i* drives module *i*, and each test runs only on a worker whose module has the test's profile.

The file (TOML) has one ``[[module]]`` table per module::

    [[module]]
    name = "bench-1"                        # optional; default: the target
    profile = "telit/he910"
    target = "rfc2217://127.0.0.1:7001"
    target2 = "rfc2217://127.0.0.1:7002"    # optional: AT instance 2 of the same module

Every worker collects the same tests (xdist requires it): those of every profile of the farm, or of
``--profile`` when given. The scheduler (:mod:`harness.plugin.scheduler`, used only with ``--farm``) sends
each test to the workers holding its profile; two modules of one profile share its tests. A selected
profile no module has: its tests are "not run", with the reason. Each test's report carries the module it
ran on (the user property ``module``: results.json, the JUnit properties, the HTML report). docs/FARM.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

__all__ = ["FARM_INDEX", "KEYS", "Module", "load", "module_of_worker", "profile_in"]

#: The keys a ``[[module]]`` table may have.
KEYS = ("name", "profile", "target", "target2")
#: The key under which an xdist worker receives the index of its module in the farm file.
FARM_INDEX = "modem_farm_index"
#: The key under which the scheduler reads a worker's profile (on the controller's node object).
FARM_PROFILE = "modem_farm_profile"


@dataclass(frozen=True)
class Module:
    """One module of the farm: its profile and the pyserial URLs of its AT instances."""

    profile: str
    target: str
    target2: str | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        """How reports name the module: its ``name``, else its target."""
        return self.name or self.target

    @property
    def embedded(self) -> bool:
        """True when the module is the embedded emulator."""
        return self.target.startswith("emulator://")

    def as_json(self) -> dict[str, Any]:
        """The module in results.json ``targets.farm``."""
        return {"name": self.label, "profile": self.profile, "target": self.target, "target2": self.target2}


class FarmError(ValueError):
    """A farm file that cannot be used; the message says what to change."""


def _module(index: int, table: Any, known: Mapping[str, object], where: str) -> Module:
    here = f"{where}: [[module]] #{index + 1}"
    if not isinstance(table, dict):
        raise FarmError(f"{here} is not a table")
    extra = sorted(set(table) - set(KEYS))
    if extra:
        raise FarmError(f"{here}: unknown key(s) {', '.join(extra)}; a module takes {', '.join(KEYS)}")
    for key in KEYS:
        if key in table and not (isinstance(table[key], str) and table[key].strip()):
            raise FarmError(f"{here}: {key} must be a non-empty string")
    for key in ("profile", "target"):
        if key not in table:
            hint = (
                'e.g. profile = "telit/he910"'
                if key == "profile"
                else "a pyserial URL: /dev/ttyUSB2, socket://host:port, rfc2217://host:port, emulator://telit/he910"
            )
            raise FarmError(f"{here}: missing {key} ({hint})")
    if table["profile"] not in known:
        raise FarmError(f"{here}: unknown profile {table['profile']!r}; known: {', '.join(sorted(known))}")
    return Module(
        profile=table["profile"], target=table["target"], target2=table.get("target2"), name=table.get("name")
    )


def load(path: Path, known: Mapping[str, object]) -> list[Module]:
    """The modules of the farm file at ``path``; :class:`FarmError` names what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FarmError(f"--farm {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FarmError(f"--farm {path}: cannot read it ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise FarmError(f"--farm {path}: not TOML ({e})") from None
    extra = sorted(set(data) - {"module"})
    if extra:
        raise FarmError(f"--farm {path}: unknown key(s) {', '.join(extra)}; the file has [[module]] tables only")
    tables = data.get("module")
    if not isinstance(tables, list) or not tables:
        raise FarmError(f"--farm {path}: no [[module]] table (one per module: profile, target, optional target2, name)")
    modules = [_module(i, t, known, f"--farm {path}") for i, t in enumerate(tables)]
    labels = [m.label for m in modules]
    twice = sorted({label for label in labels if labels.count(label) > 1})
    if twice:
        raise FarmError(
            f"--farm {path}: two modules are both called {', '.join(twice)}: give each a distinct name "
            '(name = "..."); a real module\'s port can be opened by one worker only'
        )
    return modules


def check_workers(path: str, modules: list[Module], workers: int | None) -> None:
    """One xdist worker per module: :class:`FarmError` saying what to run otherwise."""
    n = len(modules)
    if not workers:
        raise FarmError(
            f"--farm {path} lists {n} module(s): run one pytest-xdist worker per module, -n {n} "
            "(pip install pytest-xdist, or the project's dev extras)"
        )
    if workers != n:
        more = "more" if n > workers else "fewer"
        raise FarmError(
            f"--farm {path} lists {n} module(s), {more} than the {workers} worker(s) of -n {workers}: give -n {n} "
            f"(one worker drives one module){', or remove modules from the file' if n > workers else ''}"
        )


def module_of_worker(workerid: str, modules: list[Module]) -> int:
    """The index of the module worker ``gwK`` drives: K (a worker restarted after a crash keeps its module's
    index modulo the farm's size)."""
    digits = workerid.removeprefix("gw")
    return int(digits) % len(modules) if digits.isdigit() else 0


def profile_in(nodeid: str, names: list[str]) -> str | None:
    """The profile a test's node id was parametrized with (its id part ``[telit/he910-...]``), or None. The
    collection gives the scheduler node ids only; the plugin's ids start each profile's part with its name."""
    params = nodeid.partition("[")[2].removesuffix("]")
    found = [n for n in names if re.search(rf"(^|-){re.escape(n)}(-|$)", params)]
    return max(found, key=len) if found else None


# The hooks import the plugin's other parts when called: options.py imports this module (the farm file's
# reader), so importing it here at import time would be circular.


def pytest_configure(config: pytest.Config) -> None:
    from harness.plugin.options import SETTINGS

    settings = config.stash[SETTINGS]
    if settings.farm and not hasattr(config, "workerinput"):
        config.pluginmanager.register(_Controller(settings.farm), "modem-farm-controller")


class _Controller:
    """The controller's side of a farm run: each worker's module, and the scheduler."""

    def __init__(self, modules: list[Module]) -> None:
        self.modules = modules

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """pytest-xdist hook: tell worker ``gwK`` which module it drives."""
        index = module_of_worker(str(node.gateway.id), self.modules)
        node.workerinput[FARM_INDEX] = index
        node.workerinput[FARM_PROFILE] = self.modules[index].profile

    @pytest.hookimpl(optionalhook=True, tryfirst=True)
    def pytest_xdist_make_scheduler(self, config: pytest.Config, log: Any) -> Any:
        """pytest-xdist hook: the farm's scheduler, which sends each test to the workers of its profile."""
        from harness.plugin.scheduler import FarmScheduling

        return FarmScheduling(config, log, self.modules)


@pytest.hookimpl(tryfirst=True)  # before the fixtures open the module
def pytest_runtest_setup(item: pytest.Item) -> None:
    from harness.plugin.collection import profile_of
    from harness.plugin.options import SETTINGS
    from harness.profiles import Profile

    settings = item.config.stash[SETTINGS]
    if not settings.farm:
        return
    module = settings.module
    profile = profile_of(item)
    served = {m.profile for m in settings.farm}
    if module is not None and not (isinstance(profile, Profile) and profile.name not in served):
        item.user_properties.append(("module", module.label))  # every phase's report: JUnit takes teardown's
    if not isinstance(profile, Profile):
        return
    if profile.name not in served:
        pytest.skip(
            f"not run: no module of profile {profile.name} in the farm {settings.farm_path}; add a [[module]] "
            f'with profile = "{profile.name}" (and a worker, -n {len(settings.farm) + 1})'
        )
    if module is not None and module.profile != profile.name:
        raise RuntimeError(
            f"the farm's scheduler sent a {profile.name} test to module {module.label} ({module.profile}); "
            "did another plugin's pytest_xdist_make_scheduler replace the farm's?"
        )
