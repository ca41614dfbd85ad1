"""``--profile auto`` in the plugin (issue 15, item 4): the profile is detected once, before collection, from
the target's answers; results.json and the report say how it was chosen; what cannot be detected is a
usage error that says why, without a traceback."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator

import pytest

from tests.faulty_targets import serve
from tests.harness.test_detect import fake, standalone

ONE_TEST = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_sslen_read(modem, profile):
    assert modem.command("AT#SSLEN?").ok

@pytest.mark.spec("quectel-gsm-ssl", "2.2.2")
def test_of_another_document(profile):
    pass
"""


def run(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, dict[str, object]]:
    pytester.makepyfile(ONE_TEST)
    out = pytester.path / "r.json"
    result = pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", f"--results-json={out}", *args)
    return result, json.loads(out.read_text()) if out.exists() else {}


def test_auto_picks_the_profile_of_the_module_at_the_target(pytester: pytest.Pytester) -> None:
    with standalone("telit/he910") as url:
        result, data = run(pytester, "--profile", "auto", "--target", url, "-v")
    result.stdout.fnmatch_lines(["*test_sslen_read?telit/he910? PASSED*"])
    result.assert_outcomes(passed=1)  # the test of the other document is deselected
    targets = data["targets"]
    assert isinstance(targets, dict) and targets["profiles"] == ["telit/he910"]
    assert targets["profile_chosen_by"] == (
        "detected: AT+CGMM answered 'HE910', which is the model 'HE910' of telit/he910, and AT+CGMI answered 'Telit'"
    )


def test_a_named_profile_says_so(pytester: pytest.Pytester) -> None:
    # Negative control of the field: a profile named on the command line is not "detected".
    _, data = run(pytester, "--profile", "telit/he910")
    assert data["targets"]["profile_chosen_by"] == "named with --profile"  # type: ignore[index]
    _, data = run(pytester, "-k", "nothing-matches")
    assert data["targets"]["profile_chosen_by"] == "default: every profile"  # type: ignore[index]


def test_the_report_header_says_how_the_profile_was_chosen(pytester: pytest.Pytester) -> None:
    html = pytester.path / "report.html"
    with standalone("quectel-gsm/m85") as url:
        result, _ = run(pytester, "--profile", "auto", "--target", url, f"--html={html}", "--self-contained-html")
    result.assert_outcomes(passed=1)
    text = html.read_text(encoding="utf-8")
    assert "<b>Profile chosen</b></td><td>detected: AT+CGMM answered &#x27;M85&#x27;" in text


@pytest.mark.parametrize("target", [None, "emulator://telit/he910"])
def test_auto_without_a_real_target_is_a_usage_error(pytester: pytest.Pytester, target: str | None) -> None:
    result, _ = run(pytester, "--profile", "auto", *(["--target", target] if target else []))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--profile auto detects the module at --target*name its profile, e.g. --profile*"])


def test_an_unknown_module_is_a_usage_error_listing_its_answers_and_the_known_profiles(
    pytester: pytest.Pytester,
) -> None:
    with serve(fake({"AT+CGMI": "Acme", "AT+CGMM": "Rocket 9"})) as url:
        result, _ = run(pytester, "--profile", "auto", "--target", url)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: --profile auto: no known profile fits this module. It answered: AT+CGMI -> 'Acme'; "
            "AT+CGMM -> 'Rocket 9'*Known profiles (model answers): *telit/he910 (HE910)*"
        ]
    )
    assert "Traceback" not in result.stderr.str() + result.stdout.str()


def test_a_target_that_does_not_open_is_a_usage_error(pytester: pytest.Pytester) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    result, _ = run(pytester, "--profile", "auto", "--target", f"socket://127.0.0.1:{port}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: --profile auto: cannot ask socket://127.0.0.1:{port}: cannot open the link*"])


@pytest.fixture
def counted_he910() -> Iterator[tuple[str, list[int]]]:
    """A module that answers +CGMM with HE910 and counts the connections made to it."""
    connections: list[int] = []
    lock = threading.Lock()
    answer = fake({"AT+CGMM": "HE910"})

    def behaviour(conn: socket.socket) -> None:
        with lock:
            connections.append(1)
        answer(conn)

    with serve(behaviour) as url:
        yield url, connections


def test_an_xdist_worker_takes_the_profile_the_controller_detected(
    pytester: pytest.Pytester, counted_he910: tuple[str, list[int]]
) -> None:
    pytest.importorskip("xdist", reason="pytest-xdist is in the dev extras (.ci/run installs them)")
    url, connections = counted_he910
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "4.1")
        def test_profile(profile):
            assert profile.name == "telit/he910"
        """
    )
    result = pytester.runpytest_subprocess(
        "-p", "harness.plugin", "-p", "no:cacheprovider", "-p", "xdist", "-n", "1", "--profile", "auto", "--target", url
    )  # fmt: skip
    result.assert_outcomes(passed=1)
    assert len(connections) == 1, "the worker asked the module again instead of taking the controller's detection"
