"""The plugin split by role (issue 10, item 3): the package loads its parts, every option comes from one
table with its environment fallback, the emulator:// scheme is named to pyserial only when the target is
embedded, and the suite's root comes from the configuration, not from importing the suite."""

from __future__ import annotations

import json
import os

import pytest

from harness.plugin.options import OPTIONS


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", *args)


def test_the_package_registers_its_parts(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_parts(request):
            pm = request.config.pluginmanager
            for part in ("options", "targets", "collection", "fixtures", "evidence"):
                assert pm.has_plugin(f"harness.plugin.{part}"), part
        """
    )
    run(pytester, "--profile", "telit/he910").assert_outcomes(passed=1)


def test_every_option_says_where_else_it_comes_from(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--help")
    text = " ".join(result.stdout.str().split())  # help lines are wrapped
    for option in OPTIONS:
        assert option.flag in text, option.flag
        if option.env:
            assert f"env {option.env}" in text, option.flag


def test_environment_fallbacks_of_the_former_ad_hoc_options(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "8.2")
        def test_x(modem, profile):
            modem.command("AT+CMEE=1")
            assert modem.command("AT#SSLSECCFG?").final.code == 836
        """
    )
    out = pytester.path / "r.json"
    monkeypatch.setenv("MODEM_EMULATOR_DEFECTS", "telit-wrong-cme-code")
    monkeypatch.setenv("MODEM_ALLOW_NVM_WRITES", "2")
    run(pytester, "--profile", "telit/he910", f"--results-json={out}").assert_outcomes(failed=1)
    data = json.loads(out.read_text())
    assert data["targets"]["defects"] == ["telit-wrong-cme-code"]
    assert data["module_changes"]["nvm_allowed"] == [2]


SCHEME = """
import serial

def test_scheme():
    assert ("emulator.urlhandler" in serial.protocol_handler_packages) is {expected}
"""


def test_the_emulator_scheme_is_named_only_for_an_embedded_target(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fresh process each: the scheme list is pyserial's module state.
    for name in [k for k in os.environ if k.startswith("MODEM_")]:
        monkeypatch.delenv(name)
    pytester.makepyfile(test_embedded=SCHEME.format(expected=True), test_real=SCHEME.format(expected=False))
    args = ("-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910")
    pytester.runpytest_subprocess(*args, "test_embedded.py").assert_outcomes(passed=1)
    pytester.runpytest_subprocess(*args, "--target", "socket://127.0.0.1:9", "test_real.py").assert_outcomes(passed=1)


def test_a_part_of_the_suite_is_told_from_all_of_it_by_the_root(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    suite = pytester.mkdir("conformance")
    test = (
        "import os\n"
        "from harness.plugin.evidence import partial\n\n"
        "def test_partial(request):\n"
        "    assert partial(request.config) is (os.environ['EXPECT_PARTIAL'] == '1')\n"
    )
    (suite / "test_part.py").write_text(test)
    (suite / "sub").mkdir()
    (suite / "sub" / "test_sub.py").write_text(test)
    monkeypatch.setenv("EXPECT_PARTIAL", "0")
    run(pytester, "--profile", "telit/he910", "conformance").assert_outcomes(passed=2)
    monkeypatch.setenv("EXPECT_PARTIAL", "1")
    run(pytester, "--profile", "telit/he910", "conformance/sub").assert_outcomes(passed=1)
    run(pytester, "--profile", "telit/he910", "conformance/test_part.py::test_partial").assert_outcomes(passed=1)
