"""The plugin's options, all from one table, and what they resolved to (:class:`Settings`, in
``config.stash[SETTINGS]``).

Precedence for every option: command line > environment variable > ini key > default. An option that
repeats (``--emulator-defect``) takes its command-line values and the environment's comma-separated ones
together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness import expectations, redaction
from harness.apn import Network
from harness.detect import NotDetected, detect
from harness.errors import HarnessError
from harness.modem import DEFAULT_TIMEOUT
from harness.nvm import parse_slots
from harness.plugin.farm import FARM_INDEX, FarmError, Module, check_workers
from harness.plugin.farm import load as load_farm
from harness.profiles import Profile, all_profiles

__all__ = ["AUTO", "OPTIONS", "SETTINGS", "Option", "Settings", "value"]

#: ``--profile auto``: the profile is detected from the target's answers (:mod:`harness.detect`).
AUTO = "auto"
#: The key under which an xdist worker receives the profile the controller detected (and why).
_DETECTED = "modem_profile_detected"


@dataclass(frozen=True)
class Option:
    """One option: its flag, where else it may come from, and its help (written once for all of them)."""

    dest: str
    flag: str
    help: str
    env: str | None = None
    ini: bool = True
    metavar: str | None = None
    repeat: bool = False  # may be given several times; the environment gives a comma-separated list
    switch: bool = False  # takes no value (the environment's: 1/true/yes or 0/false/no)

    @property
    def full_help(self) -> str:
        where = [f"env {self.env}"] if self.env else []
        where += [f"ini {self.dest}"] if self.ini else []
        return f"{self.help} [{', '.join(where)}]" if where else self.help


#: Every option of the plugin.
OPTIONS: tuple[Option, ...] = (
    Option("modem_profile", "--profile",
           "profile(s) to test, comma-separated, 'all' (default), or 'auto': ask the --target who it is and "
           "pick its profile", env="MODEM_PROFILE"),
    Option("modem_target", "--target",
           "pyserial URL of the module's first AT instance: /dev/ttyUSB2, socket://host:port, rfc2217://..., "
           "emulator://telit/he910 (default: the embedded emulator for the profile)", env="MODEM_TARGET"),
    Option("modem_target2", "--target2",
           "pyserial URL of a second AT instance of the same module (tests that need two instances skip without it)",
           env="MODEM_TARGET2"),
    Option("modem_at_timeout", "--at-timeout", f"seconds one command may take (default {DEFAULT_TIMEOUT})",
           env="MODEM_AT_TIMEOUT"),
    Option("modem_network_wait", "--network-wait",
           "the longest any network wait (the server's bytes, a URC after the far end acted) may take, seconds "
           "(default: as long as a real network needs; 4 on the embedded emulator, whose network is loopback)",
           env="MODEM_NETWORK_WAIT"),
    Option("modem_apn", "--apn", "APN of PDP context 1, for the tests that connect (default: internet)",
           env="MODEM_APN"),
    Option("modem_apn_user", "--apn-user",
           "user name the module gives with the dialect's PDP activation (a secret: never written to a report)",
           env="MODEM_APN_USER"),
    Option("modem_apn_password", "--apn-password",
           "password the module gives with the dialect's PDP activation (a secret: never written to a report)",
           env="MODEM_APN_PASSWORD"),
    Option("modem_results_json", "--results-json",
           "write one JSON entry per test (clauses, outcome, message) to PATH", ini=False, metavar="PATH"),
    Option("modem_expectations", "--expectations",
           "known deviations of this firmware (TOML, see vectors/expectations/); applied as strict xfail. "
           "Default: vectors/expectations/emulator.toml for the embedded emulator, none otherwise",
           env="MODEM_EXPECTATIONS", ini=False, metavar="PATH"),
    Option("modem_allow_nvm_writes", "--allow-nvm-writes",
           "let the suite write the module's non-volatile memory in these slots (store ids, e.g. 1,2) or 'all'; "
           "without it, tests that would are skipped on a real module (the embedded emulator allows all)",
           env="MODEM_ALLOW_NVM_WRITES", ini=False, metavar="SLOTS"),
    Option("modem_farm", "--farm",
           "a module farm (TOML, one [[module]] table per module: profile, target, optional target2, name); run it "
           "with -n <modules>: worker i drives module i, each test runs on a module of its profile (docs/FARM.md)",
           env="MODEM_FARM", ini=False, metavar="FILE"),
    Option("modem_allow_restart", "--allow-restart",
           "let the suite restart a real module (its dialect's restart command, then wait for it and reopen the "
           "links) before each test of power-on defaults; without it such tests are not run on a real module",
           env="MODEM_ALLOW_RESTART", ini=False, switch=True),
    Option("modem_defects", "--emulator-defect",
           "name a defect of the embedded emulator (repeatable; see python -m emulator --list-defects)",
           env="MODEM_EMULATOR_DEFECTS", ini=False, repeat=True),
)  # fmt: skip

_BY_DEST = {o.dest: o for o in OPTIONS}

SETTINGS = pytest.StashKey["Settings"]()


@dataclass
class Settings:
    """What the options resolved to, kept in ``config.stash``."""

    profiles: list[Profile]
    target: str | None
    target2: str | None
    at_timeout: float
    defects: list[str] = field(default_factory=list)
    network: Network = field(default_factory=Network)
    results_json: str | None = None
    expectations: str | None = None  # the known-deviations file applied
    unmatched_expectations: list[str] = field(default_factory=list)  # entries that matched no collected test
    #: Slots the suite may write in non-volatile memory (None: all).
    nvm_allowed: frozenset[int | str] | None = frozenset()
    #: ``--network-wait``: the cap on network waits (None: the target's default, harness/waits.py).
    network_wait: float | None = None
    #: How the profiles were chosen: named (by which option), the default, or detected (results.json
    #: ``targets.profile_chosen_by``).
    chosen_by: str = ""
    #: ``--allow-restart``: the suite may restart a real module before a test of power-on defaults.
    allow_restart: bool = False
    #: ``--farm``: the modules of the farm file (empty without it), the file, and this worker's module.
    farm: list[Module] = field(default_factory=list)
    farm_path: str | None = None
    module: Module | None = None

    @property
    def embedded(self) -> bool:
        """True when the targets are the embedded emulator (fresh module per test)."""
        if self.farm and self.module is None:  # a farm's controller: every module of the farm
            return all(m.embedded for m in self.farm)
        return self.target is None or self.target.startswith("emulator://")

    @property
    def names(self) -> list[str]:
        """The selected profiles' names."""
        return [p.name for p in self.profiles]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("modem", "modem conformance (SSL/TLS AT commands)")
    for o in OPTIONS:
        if o.repeat:
            group.addoption(o.flag, dest=o.dest, action="append", default=[], help=o.full_help)
        elif o.switch:
            group.addoption(o.flag, dest=o.dest, action="store_const", const="1", default=None, help=o.full_help)
        else:
            group.addoption(o.flag, dest=o.dest, default=None, metavar=o.metavar, help=o.full_help)
        if o.ini:
            parser.addini(o.dest, help=o.help, default=None)


def value(config: pytest.Config, dest: str) -> str | None:
    """The value of a single option: command line, else environment, else ini, else None."""
    o = _BY_DEST[dest]
    given = config.getoption(dest)
    if given is None and o.env:
        given = os.environ.get(o.env) or None
    if given is None and o.ini:
        given = config.getini(dest) or None
    return None if given is None else str(given)


def values(config: pytest.Config, dest: str) -> list[str]:
    """The values of a repeatable option: those of the command line, then the environment's."""
    o = _BY_DEST[dest]
    out = [str(v) for v in config.getoption(dest) or []]
    if o.env:
        out += [v.strip() for v in os.environ.get(o.env, "").split(",") if v.strip()]
    return out


def _source(config: pytest.Config, dest: str) -> str:
    """Where the value of ``dest`` came from: its flag, its environment variable or its ini key."""
    o = _BY_DEST[dest]
    if config.getoption(dest) is not None:
        return o.flag
    return o.env if o.env and os.environ.get(o.env) else f"ini {o.dest}"


def _auto(config: pytest.Config, target: str | None, at_timeout: float) -> tuple[str, str]:
    """``--profile auto``: the profile the target's answers name, and why (detected once, on the controlling
    process; an xdist worker takes what the controller found)."""
    workerinput = getattr(config, "workerinput", {})
    if _DETECTED in workerinput:
        name, reason = workerinput[_DETECTED]
        return str(name), str(reason)
    if not target or target.startswith("emulator://"):
        raise pytest.UsageError(
            "--profile auto detects the module at --target (a serial port, socket://, rfc2217://); the embedded "
            "emulator has nothing to detect: name its profile, e.g. --profile telit/he910"
        )
    try:
        found = detect(target, all_profiles(), at_timeout)
    except NotDetected as e:  # it lists what the module answered and the known profiles
        raise pytest.UsageError(str(e)) from None
    except HarnessError as e:  # the link did not open, or the module did not answer
        raise pytest.UsageError(f"--profile auto: cannot ask {target}: {e}") from None
    return found.profile.name, found.reason


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's: hand the detected profile to each worker
def pytest_configure_node(node: object) -> None:
    config: pytest.Config = node.config  # type: ignore[attr-defined]
    settings = config.stash[SETTINGS]
    if (value(config, "modem_profile") or "").strip() == AUTO:
        node.workerinput[_DETECTED] = (settings.names[0], settings.chosen_by)  # type: ignore[attr-defined]


def _farm(config: pytest.Config, path: str, known: dict[str, Profile]) -> list[Module]:
    """The modules of ``--farm``, checked: no --target beside it, one xdist worker per module."""
    for dest in ("modem_target", "modem_target2"):
        if value(config, dest):
            raise pytest.UsageError(
                f"--farm {path} names each module's targets: drop {_BY_DEST[dest].flag} (or put it in the file)"
            )
    try:
        farm = load_farm(Path(path), known)
        if not hasattr(config, "workerinput"):
            try:
                workers = config.getoption("numprocesses")
            except ValueError:  # pytest-xdist is not installed
                workers = None
            check_workers(path, farm, int(workers) if workers else None)
    except FarmError as e:
        raise pytest.UsageError(str(e)) from None
    return farm


@pytest.hookimpl(tryfirst=True)  # the other parts of the plugin read the settings in their own configure
def pytest_configure(config: pytest.Config) -> None:
    known = all_profiles()
    requested = (value(config, "modem_profile") or "all").strip()
    target = value(config, "modem_target")
    timeout_text = value(config, "modem_at_timeout")
    try:
        at_timeout = float(timeout_text) if timeout_text else DEFAULT_TIMEOUT
    except ValueError:
        raise pytest.UsageError(f"--at-timeout takes seconds, not {timeout_text!r}") from None
    wait_text = value(config, "modem_network_wait")
    try:
        network_wait = float(wait_text) if wait_text else None
    except ValueError:
        raise pytest.UsageError(f"--network-wait takes seconds, not {wait_text!r}") from None
    if network_wait is not None and network_wait <= 0:
        raise pytest.UsageError(f"--network-wait takes a positive number of seconds, not {wait_text!r}")
    farm_path = value(config, "modem_farm")
    farm = _farm(config, farm_path, known) if farm_path else []
    if requested == AUTO and farm:
        raise pytest.UsageError("--farm names each module's profile: --profile auto is for one --target")
    if requested == AUTO:
        detected, chosen_by = _auto(config, target, at_timeout)
        names = [detected]
    else:
        names = sorted(known) if requested == "all" else [n.strip() for n in requested.split(",") if n.strip()]
        given = value(config, "modem_profile") is not None
        chosen_by = f"named with {_source(config, 'modem_profile')}" if given else "default: every profile"
        if farm and not given:
            names = sorted({m.profile for m in farm})
            chosen_by = f"the modules of --farm {farm_path}"
    unknown = [n for n in names if n not in known]
    if unknown:
        raise pytest.UsageError(f"unknown profile(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    if target and len(names) != 1 and not farm:
        raise pytest.UsageError(
            "--target names one module: give its --profile (e.g. --profile telit/he910), or --profile auto"
        )
    module = None
    if farm and hasattr(config, "workerinput"):  # this worker drives one module of the farm
        module = farm[int(config.workerinput[FARM_INDEX])]
        target = module.target
    for dest in ("modem_apn_user", "modem_apn_password"):
        secret = value(config, dest)
        if secret:
            try:
                redaction.add(secret)
            except ValueError as e:
                raise pytest.UsageError(f"{_BY_DEST[dest].flag}: {e}") from None
    settings = Settings(
        profiles=[known[n] for n in names],
        target=target,
        target2=module.target2 if module is not None else value(config, "modem_target2"),
        at_timeout=at_timeout,
        network_wait=network_wait,
        defects=values(config, "modem_defects"),
        network=Network(
            apn=value(config, "modem_apn") or "internet",
            user=value(config, "modem_apn_user"),
            password=value(config, "modem_apn_password"),
        ),
        results_json=value(config, "modem_results_json"),
        chosen_by=chosen_by,
        farm=farm,
        farm_path=farm_path,
        module=module,
    )
    restart_text = (value(config, "modem_allow_restart") or "0").strip().lower()
    if restart_text not in ("1", "true", "yes", "0", "false", "no", ""):
        raise pytest.UsageError(f"MODEM_ALLOW_RESTART takes 1/true/yes or 0/false/no, not {restart_text!r}")
    settings.allow_restart = restart_text in ("1", "true", "yes")
    allow = value(config, "modem_allow_nvm_writes")
    try:
        settings.nvm_allowed = None if (settings.embedded and allow is None) else parse_slots(allow)
    except ValueError as e:
        raise pytest.UsageError(str(e)) from None
    settings.expectations = expectations.path(value(config, "modem_expectations"), embedded=settings.embedded)
    config.stash[SETTINGS] = settings
