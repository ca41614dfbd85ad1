"""The pytest plugin, tested with pytester: options, skips that name their reason, usage errors,
evidence in the report, default timeouts."""

from __future__ import annotations

import json

import pytest

from tests.faulty_targets import serve, silent

TEST_ONE_PROFILE = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_sslen_read(modem, profile):
    r = modem.command("AT#SSLEN?")
    assert r.ok
"""


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", *args)


def test_a_test_runs_once_per_profile_of_its_document(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    result = run(pytester, "-v")
    result.stdout.fnmatch_lines(["*test_sslen_read?telit/he910? PASSED*", "*test_sslen_read?telit/le866? PASSED*"])
    result.assert_outcomes(passed=6)  # six telit-ssl-ug profiles; the GSM guide's profile is not parametrized


def test_profile_option_selects_one(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    run(pytester, "--profile", "telit/he910").assert_outcomes(passed=1)


def test_unknown_profile_is_a_usage_error_naming_the_known_ones(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    result = run(pytester, "--profile", "telit/he911")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unknown profile(s) telit/he911; known: *telit-gsm/gc864, telit/ge865*"])


def test_target_needs_one_profile(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    result = run(pytester, "--target", "socket://127.0.0.1:7000")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--target names one module: give its --profile*"])


def test_environment_sets_the_profile(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    monkeypatch.setenv("MODEM_PROFILE", "telit/le866")
    result = run(pytester, "-v")
    result.stdout.fnmatch_lines(["*test_sslen_read?telit/le866? PASSED*"])
    result.assert_outcomes(passed=1)


def test_spec_mark_with_unknown_document_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-guide", "4.1")
        def test_x(profile):
            pass
        """
    )
    result = run(pytester)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unknown document 'telit-ssl-guide'*"])


def test_erratum_typo_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "4.1")
        @pytest.mark.erratum("TSU-99")
        def test_x(profile):
            pass
        """
    )
    result = run(pytester)
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*TSU-99*"])


def test_missing_capability_is_a_skip_naming_it_and_the_clause(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "3")
        @pytest.mark.needs("sslseccfg2")
        def test_x(modem, profile):
            pass
        """
    )
    result = run(pytester, "--profile", "telit/ge865", "-rs")
    result.stdout.fnmatch_lines(["*not applicable (telit-ssl-ug §3): profile telit/ge865 lacks 'sslseccfg2'*"])
    result.assert_outcomes(skipped=1)


def test_no_second_instance_for_a_real_target_is_a_skip(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "4.3.1")
        def test_x(modem, modem2, profile):
            pass
        """
    )
    with serve(silent) as url:
        result = run(pytester, "--profile", "telit/he910", "--target", url, "--at-timeout", "0.3", "-rsE")
    # The silent target fails the sanity check first: an error of the run, not a verdict.
    result.stdout.fnmatch_lines(["*target silent*"])
    result.assert_outcomes(errors=1)


def test_failure_shows_the_transcript_and_the_clause(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from harness.checks import expect_error

        @pytest.mark.spec("telit-ssl-ug", "4.1")
        def test_x(modem, profile):
            expect_error(modem.command("AT#SSLEN=1,1"), "telit-ssl-ug §4.1")
        """
    )
    result = run(pytester, "--profile", "telit/he910")
    result.stdout.fnmatch_lines(
        [
            "*telit-ssl-ug §4.1: expected an error result, got 'AT#SSLEN=1,1' -> OK*",
            "*AT transcript: AT instance 1*emulator://telit/he910*",
            "*tx  AT#SSLEN=1,1<CR>*",
        ]
    )


def test_results_json_records_clauses_profile_and_outcome(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    out = pytester.path / "r.json"
    run(pytester, "--profile", "telit/he910", f"--results-json={out}")
    data = json.loads(out.read_text())
    assert data["schema"] == 2 and data["targets"]["profiles"] == ["telit/he910"]
    assert data["targets"]["expectations"] == "vectors/expectations/emulator.toml"
    (test,) = data["tests"]
    assert test["outcome"] == "passed" and test["verdict"] == "pass"
    assert test["clauses"] == ["telit-ssl-ug §4.1"] and test["profile"] == "telit/he910"
    assert test["target"] == "emulator://telit/he910?instance=1"
    # The module identified itself once, in a transcript of its own, and every test carries the summary.
    ident = data["identities"]["telit/he910"]
    assert ident["answers"]["AT+CGMM"] == "HE910" and ident["error"] is None
    assert test["identity"] == ident["summary"] and "HE910" in ident["summary"]
    assert data["counts"]["pass"] == 1 and sum(data["counts"].values()) == 1


def test_default_timeout_is_applied_to_suite_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "4.1")
        def test_x(profile, request):
            assert request.node.get_closest_marker("timeout").args == (60.0,)
        """
    )
    run(pytester, "--profile", "telit/he910").assert_outcomes(passed=1)


def test_emulator_defect_reaches_the_embedded_emulator(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "8.2")
        def test_x(modem, profile):
            modem.command("AT+CMEE=1")
            assert modem.command("AT#SSLSECCFG?").final.code == 836
        """
    )
    run(pytester, "--profile", "telit/he910").assert_outcomes(passed=1)
    run(pytester, "--profile", "telit/he910", "--emulator-defect", "telit-wrong-cme-code").assert_outcomes(failed=1)


def test_known_deviations_are_strict_xfail(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "4.1")
        def test_broken(profile):
            assert False, "the target deviates"

        @pytest.mark.spec("telit-ssl-ug", "4.1")
        def test_fixed(profile):
            pass
        """
    )
    expectations = pytester.path / "fw.toml"
    expectations.write_text(
        'schema = 1\n[[deviation]]\ntest = "*test_broken*"\nreason = "known bug 42"\nclause = "telit-ssl-ug §4.1"\n'
        '[[deviation]]\ntest = "*test_fixed*"\nreason = "was broken"\nclause = "telit-ssl-ug §4.1"\n'
    )
    out = pytester.path / "r.json"
    result = run(
        pytester, "--profile", "telit/he910", f"--expectations={expectations}", "-rxX", f"--results-json={out}"
    )
    result.assert_outcomes(xfailed=1, failed=1)  # a fixed deviation shows up as a strict XPASS failure
    result.stdout.fnmatch_lines(["?XPASS(strict)? known deviation (telit-ssl-ug §4.1): was broken"])
    verdicts = {t["id"].split("::")[1].split("[")[0]: t["verdict"] for t in json.loads(out.read_text())["tests"]}
    assert verdicts == {"test_broken": "known deviation", "test_fixed": "deviation fixed"}


def test_expectations_entry_without_reason_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    bad = pytester.path / "bad.toml"
    bad.write_text('[[deviation]]\ntest = "*"\n')
    result = run(pytester, "--profile", "telit/he910", f"--expectations={bad}")
    assert result.ret != pytest.ExitCode.OK
    result.stderr.fnmatch_lines(["*a deviation lacks ?'clause', 'reason'?*"])


def test_server_records_go_into_the_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import socket, ssl
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "5")
        def test_x(tls_server):
            server = tls_server("valid")
            ctx = ssl.create_default_context(cafile=str(server.config.ca.pem))
            with socket.create_connection(server.config.address, timeout=10) as raw:
                with ctx.wrap_socket(raw, server_hostname=server.config.host) as tls:
                    tls.sendall(b"ping")
                    assert tls.recv(4) == b"ping"
            server.recorder.wait_for(1)
            assert False, "show the sections"
        """
    )
    result = run(pytester, "-p", "servers.pytest_plugin", "--profile", "telit/he910")
    result.stdout.fnmatch_lines(
        [
            "*TLS server: valid at localhost:*",
            "*ClientHello: record*",
            "*negotiated TLSv1.3*",
            "*bytes received 4, sent 4*",
        ]
    )


def test_a_deviation_that_changes_kind_is_not_excused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.spec("telit-ssl-ug", "4.1")
        def test_answers_wrongly(profile):
            assert False, "the target answers wrongly instead of staying silent"
        """
    )
    expectations = pytester.path / "fw.toml"
    expectations.write_text(
        '[[deviation]]\ntest = "*test_answers_wrongly*"\nreason = "hangs"\nclause = "telit-ssl-ug §4.1"\n'
        'outcome = "silent"\n'
        '[[deviation]]\ntest = "*test_that_does_not_exist*"\nreason = "typo"\nclause = "telit-ssl-ug §4.1"\n'
    )
    result = run(pytester, "--profile", "telit/he910", f"--expectations={expectations}")
    result.assert_outcomes(failed=1)  # expected silence, got a wrong answer: a failure, not a known deviation
    result.stdout.fnmatch_lines(["*1 deviation(s) matched no test of this run: *test_that_does_not_exist*"])


def test_an_unknown_expected_outcome_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TEST_ONE_PROFILE)
    bad = pytester.path / "bad.toml"
    bad.write_text('[[deviation]]\ntest = "*"\nreason = "r"\nclause = "telit-ssl-ug §4.1"\noutcome = "fial"\n')
    result = run(pytester, "--profile", "telit/he910", f"--expectations={bad}")
    assert result.ret != pytest.ExitCode.OK
    result.stderr.fnmatch_lines(["*has outcome 'fial'; known: fail, assertion, silent, protocol*"])
