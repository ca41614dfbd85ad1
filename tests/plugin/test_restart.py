"""``--allow-restart`` end to end: the standalone emulator (its TCP server, reached over ``socket://`` as a
real module would be) restarted by each dialect's restart command before the tests of power-on defaults.

With the option, those tests run and pass on the four profiles the issue names; without it they are *not
run*, and the reason names the option; a module that answers the restart command but keeps its settings
(a restart it ignores) ends them in error before they run ("did not restart"), so a pass comes from a
module that did restart. The settings read before the
run are restored at its end although the module restarted in between.
"""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from emulator.core.results import OK
from emulator.core.table import CommandSpec, Dialect
from emulator.dialects import dialect_for
from emulator.module import Module
from emulator.profiles import get_profile
from emulator.server import EmulatorServer
from tests.suite.runner import Run, run_suite

pytestmark = pytest.mark.timeout(120)

#: The power-on tests (``needs("fresh_power_on")``) of each profile the issue names.
POWER_ON = {
    "telit/he910": ["conformance/telit/test_sslen.py", "conformance/telit/test_sslcfg.py",
                    "conformance/telit/test_sslseccfg.py", "conformance/telit/test_sslseccfg2.py",
                    "conformance/telit/test_services.py"],
    "quectel-ec200/ec200m-cn": ["conformance/quectel_ec200/test_qsslcfg.py"],
    "quectel-gsm/m95": ["conformance/quectel_gsm/test_qsslcfg.py"],
    "fibocom/l610": ["conformance/fibocom_l610/test_gtsslmode.py", "conformance/fibocom_l610/test_gtsslfile.py",
                     "conformance/fibocom_l610/test_gtsslver.py", "conformance/fibocom_l610/test_gtsslerr.py"],
}  # fmt: skip
#: Selects the power-on tests among those files' tests (their names; each is marked needs("fresh_power_on")).
POWER_ON_K = (
    "power_on or default_is or mode_1_without_trustfile or count_one_each or 41st_trustfile "
    "or ok_alone_when_no_connection or cert_format_read_behaviour"
)


@contextmanager
def standalone(profile: str, dialect: Dialect[Any, Any] | None = None) -> Iterator[list[str]]:
    """The profile's module behind the emulator's TCP server (two AT instances); yields their URLs."""
    module = Module(get_profile(profile), instances=2, dialect=dialect)
    server = EmulatorServer(module, port=0)
    try:
        endpoints = server.start()
        yield [f"socket://{e.host}:{e.port}" for e in endpoints]
    finally:
        server.close()
        module.close()


def run(tmp: Path, profile: str, urls: list[str], *args: str) -> Run:
    return run_suite(
        tmp, *POWER_ON[profile], "-k", POWER_ON_K, "--profile", profile, "--target", urls[0], "--target2", urls[1],
        "--allow-nvm-writes", "all", *args, timeout=100,
    )  # fmt: skip


def power_on_tests(result: Run) -> list[dict[str, Any]]:
    tests = [t for t in result.results["tests"] if t["verdict"] != "not applicable"]
    assert tests, result.output[-2000:]
    return tests


def test_power_on_defaults_run_on_restarted_modules(tmp_path: Path) -> None:
    # The four runs mostly wait (the links' closes, the restarts): side by side, as tests/suite/runner.py does.
    def one(name: str) -> Run:
        with standalone(name) as urls:
            return run(tmp_path / name.replace("/", "-"), name, urls, "--allow-restart")

    with ThreadPoolExecutor(max_workers=len(POWER_ON)) as pool:
        results = dict(zip(sorted(POWER_ON), pool.map(one, sorted(POWER_ON)), strict=True))
    for name, result in results.items():
        tests = power_on_tests(result)
        assert result.code == 0, (name, result.output[-3000:])
        assert all(t["verdict"] == "pass" for t in tests), [(t["id"], t["verdict"], t["message"]) for t in tests]


def test_without_the_option_they_are_not_run_and_the_reason_names_it(tmp_path: Path) -> None:
    with standalone("quectel-gsm/m95") as urls:
        result = run(tmp_path, "quectel-gsm/m95", urls)
    tests = power_on_tests(result)
    assert result.code == 0, result.output[-3000:]
    for t in tests:
        assert t["verdict"] == "not run", t
        assert "--allow-restart" in t["message"] and "powered on" in t["message"], t["message"]


def _ignores_restart(profile: str, command: str) -> Dialect[Any, Any]:
    """The profile's dialect with its restart command answered OK and nothing done (a module that ignores it)."""
    real = dialect_for(get_profile(profile))

    def table(p: Any) -> dict[str, CommandSpec[Any]]:
        return {
            **real.build_table(p),
            command: CommandSpec(name=command, exec=lambda ctx, args: OK, set=lambda ctx, args: OK),
        }

    return dataclasses.replace(real, build_table=table)


def _send(url: str, line: str) -> bytes:
    """One command line over a fresh TCP connection to the standalone server; its answer up to OK."""
    host, port = url.removeprefix("socket://").split(":")
    with socket.create_connection((host, int(port)), timeout=2) as s:
        s.sendall(line.encode() + b"\r")
        got, deadline = b"", time.monotonic() + 2
        while b"OK\r\n" not in got and b"ERROR" not in got and time.monotonic() < deadline:
            got += s.recv(4096)
    return got


@pytest.mark.parametrize("ignored", [False, True], ids=["restarted", "restart-ignored"])
def test_a_module_that_ignores_the_restart_fails_and_settings_are_restored(ignored: bool, tmp_path: Path) -> None:
    name = "telit/he910"
    dialect = _ignores_restart(name, "#REBOOT") if ignored else None
    with standalone(name, dialect) as urls:
        # The user's module before the run: SSId 1 enabled (a setting the power-on test reads, telit-ssl-ug §4.3).
        assert b"OK" in _send(urls[0], "AT#SSLEN=1,1")
        result = run_suite(
            tmp_path, "conformance/telit/test_sslen.py", "-k", "power_on", "--profile", name,
            "--target", urls[0], "--target2", urls[1], "--allow-restart", timeout=100,
        )  # fmt: skip
        after = _send(urls[0], "AT#SSLEN?")
    [test] = result.results["tests"]
    if ignored:
        # The restart is checked before the test (+CMEE set to a marker the restart must undo): a module that
        # keeps it did not restart, an error of the test's setup, not a verdict on the clause.
        assert test["verdict"] == "error", (test, result.output[-2000:])
        assert "did not restart" in test["message"], test["message"]
    else:
        assert test["verdict"] == "pass", (test, result.output[-2000:])
    # Either way the session's restore put back what the module had before the run, across the restart.
    assert b"#SSLEN: 1,1" in after, after


def usb_module(state: dict[str, Any]) -> Any:
    """A module on USB, over TCP: AT, +CMEE and AT#REBOOT; the restart drops the connection, the port does not
    come back for 1 s (a connection meanwhile is dropped at once), then the module greets with RDY."""

    def behave(conn: socket.socket) -> None:
        if time.monotonic() < state["back_at"]:
            return  # the port is not back yet: closed at once
        conn.settimeout(2)
        if state["restarted"]:
            conn.sendall(b"\r\nRDY\r\n")
        pending = b""
        try:
            while chunk := conn.recv(4096):
                pending += chunk
                while b"\r" in pending:
                    line, _, pending = pending.partition(b"\r")
                    text = line.decode().strip()
                    if text == "AT#REBOOT":
                        conn.sendall(b"\r\nOK\r\n")
                        state.update(cmee="0", restarted=True, back_at=time.monotonic() + 1.0)
                        return
                    if text == "AT+CMEE?":
                        conn.sendall(f"\r\n+CMEE: {state['cmee']}\r\n\r\nOK\r\n".encode())
                    elif text.startswith("AT+CMEE="):
                        state["cmee"] = text.partition("=")[2]
                        conn.sendall(b"\r\nOK\r\n")
                    else:
                        conn.sendall(b"\r\nOK\r\n")
        except OSError:
            return

    return behave


def test_a_module_whose_port_drops_is_reopened_and_found_again() -> None:
    from types import SimpleNamespace

    from harness.link import Link
    from harness.modem import Modem
    from harness.plugin.restart import restart_module
    from harness.profiles import all_profiles
    from harness.transcript import Transcript
    from tests.faulty_targets import serve

    profile = all_profiles()["telit/he910"]
    state: dict[str, Any] = {"cmee": "0", "restarted": False, "back_at": 0.0}
    with serve(usb_module(state)) as url:
        transcript = Transcript(name="restart")
        modem = Modem(link=Link(url, transcript), dialect=profile.dialect, timeout=2.0)
        pool = SimpleNamespace(settings=SimpleNamespace(target2=None, at_timeout=2.0), snapshots={},
                               links={url: modem.link}, url=lambda p, i: url)  # fmt: skip
        first = modem.link
        try:
            restart_module(pool, modem, profile)  # type: ignore[arg-type]
            assert state["restarted"] and modem.link is not first and pool.links[url] is modem.link
            assert modem.command("AT+CMEE?").lines == ("+CMEE: 0",)
        finally:
            modem.close()
    notes = " / ".join(e.data.decode() for e in transcript.entries if e.direction == "note")
    assert "restarting the module with AT#REBOOT" in notes and "reopening" in notes, notes
    assert "the module is back" in notes, notes


def test_the_option_offers_a_fresh_module_on_a_real_target_only_when_given() -> None:
    from harness.plugin.options import Settings
    from harness.plugin.targets import capabilities

    real = Settings(profiles=[], target="socket://127.0.0.1:1", target2=None, at_timeout=1.0)
    assert "fresh_power_on" not in capabilities(real)
    real.allow_restart = True
    assert "fresh_power_on" in capabilities(real)


def test_the_environment_takes_yes_or_no_only(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile("def test_x():\n    pass\n")
    monkeypatch.setenv("MODEM_ALLOW_RESTART", "perhaps")
    result = pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910")
    assert "MODEM_ALLOW_RESTART takes 1/true/yes or 0/false/no, not 'perhaps'" in result.stderr.str()
    monkeypatch.setenv("MODEM_ALLOW_RESTART", "yes")
    pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910").assert_outcomes(
        passed=1
    )
