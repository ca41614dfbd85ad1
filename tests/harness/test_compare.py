"""``python -m tools compare``: the diff of two schema-2 results files, its text/HTML report and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tools.compare import classify, diff, first_line, main

ROOT = Path(__file__).parents[2]
PROFILE = "telit/he910"


def node(name: str, profile: str = PROFILE) -> str:
    """A pytest node id in the suite's form."""
    return f"conformance/telit/test_sslen.py::{name}[{profile}]"


def results(*tests: tuple[str, str] | tuple[str, str, str], schema: int = 2, **extra: Any) -> dict[str, Any]:
    """A minimal schema-2 results dict; each test is ``(id, verdict)`` or ``(id, verdict, message)``."""
    entries = [
        {
            "id": t[0],
            "outcome": "passed",
            "verdict": t[1],
            "clauses": ["telit-ssl-ug §4.1"],
            "errata": [],
            "profile": PROFILE if PROFILE in t[0] else "quectel/bg96",
            "target": None,
            "identity": None,
            "duration": 0.01,
            "message": t[2] if len(t) > 2 else "",
            "blame": None,
            "observations": [],
        }
        for t in tests
    ]
    data: dict[str, Any] = {
        "schema": schema,
        "suite_version": "0.1.0",
        "started": "2026-11-21T10:28:11+00:00",
        "finished": "2026-11-21T10:30:09+00:00",
        "duration": 117.6,
        "targets": {"profiles": [PROFILE], "target": None, "target2": None, "defects": [], "expectations": None},
        "identities": {
            PROFILE: {
                "url": "emulator://telit/he910?instance=1",
                "answers": {"ATI": "Telit"},
                "summary": "Telit HE910 12.00.004",
                "error": None,
            },
        },
        "counts": {},
        "tests": entries,
    }
    data.update(extra)
    return data


def write(tmp_path: Path, name: str, data: Any) -> str:
    """Write ``data`` as JSON into ``tmp_path`` and return the path as a string."""
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


# --- the pure diff -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        ("pass", "fail", "regression"),
        ("not applicable", "error", "regression"),
        ("known deviation", "fail", "regression"),
        ("deviation fixed", "fail", "regression"),
        ("fail", "pass", "fix"),
        ("error", "deviation fixed", "fix"),
        ("known deviation", "deviation fixed", "fix"),
        ("known deviation", "pass", "fix"),
        ("pass", "not applicable", "changed"),
        ("fail", "error", "changed"),
        ("fail", "known deviation", "changed"),
        ("pass", "pass", None),
    ],
)
def test_classify(before: str, after: str, kind: str | None) -> None:
    assert classify(before, after) == kind


def test_diff_sorts_every_kind() -> None:
    a = results(
        (node("reg"), "pass"),
        (node("fixed"), "fail"),
        (node("dev"), "known deviation"),
        (node("na"), "pass"),
        (node("same"), "pass"),
        (node("gone"), "pass"),
    )
    b = results(
        (node("reg"), "fail", "§4.1: expected OK, got ERROR\nsecond line"),
        (node("fixed"), "pass"),
        (node("dev"), "deviation fixed"),
        (node("na"), "not applicable", "not applicable: no TLS 1.3"),
        (node("same"), "pass"),
        (node("brand_new"), "error", "link dropped"),
        (node("new_ok"), "pass"),
    )
    result = diff(a, b)
    assert [(e.id, e.before, e.after, e.message) for e in result.regressions] == [
        (node("reg"), "pass", "fail", "§4.1: expected OK, got ERROR")
    ]
    assert [(e.id, e.before, e.after) for e in result.fixes] == [
        (node("fixed"), "fail", "pass"),
        (node("dev"), "known deviation", "deviation fixed"),
    ]
    assert [(e.id, e.before, e.after) for e in result.changed] == [(node("na"), "pass", "not applicable")]
    assert [(e.id, e.after) for e in result.new] == [(node("brand_new"), "error"), (node("new_ok"), "pass")]
    assert [e.id for e in result.new_failing] == [node("brand_new")]
    assert [(e.id, e.before, e.after) for e in result.removed] == [(node("gone"), "pass", None)]
    assert result.unchanged == 1
    assert result.total() == "1 regression, 2 fixes, 1 changed, 2 new (1 failing), 1 removed"
    assert result.exit_code() == 1


def test_diff_restricted_to_a_profile() -> None:
    a = results((node("x"), "pass"), (node("x", "quectel/bg96"), "pass"))
    b = results((node("x"), "pass"), (node("x", "quectel/bg96"), "fail", "broken"))
    assert [e.id for e in diff(a, b).regressions] == [node("x", "quectel/bg96")]
    assert diff(a, b, profile=PROFILE).regressions == []
    assert diff(a, b, profile="quectel/bg96").total().startswith("1 regression,")


def test_first_line_is_cut_to_about_200_characters() -> None:
    assert first_line("\n  first  \nsecond") == "first"
    cut = first_line("x" * 500)
    assert len(cut) == 200
    assert cut.endswith("…")


# --- the command ---------------------------------------------------------------------------------------------------


def test_regression_is_reported_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.json", results((node("enable"), "pass"), (node("read"), "pass")))
    b = write(
        tmp_path,
        "b.json",
        results((node("enable"), "fail", "telit-ssl-ug §4.1: AT#SSLEN=1,1 answered ERROR"), (node("read"), "pass")),
    )
    assert main([a, b]) == 1
    out = capsys.readouterr().out
    regressions = out.split("Regressions (1)")[1].split("Fixes (0)")[0]
    assert node("enable") in regressions
    assert "pass → fail" in regressions
    assert "telit-ssl-ug §4.1" in regressions
    assert "AT#SSLEN=1,1 answered ERROR" in regressions
    assert node("read") not in out
    assert out.strip().splitlines()[-1] == "1 regression, 0 fixes, 0 changed, 0 new, 0 removed"


def test_headers_describe_both_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.json", results((node("x"), "pass")))
    b_data = results((node("x"), "pass"), suite_version="0.2.0", started="2026-12-01T08:00:00+00:00")
    b_data["targets"]["defects"] = ["sslen-ignores-disable"]
    b_data["identities"] = {PROFILE: {"summary": None, "error": "no answer to ATI"}}
    b = write(tmp_path, "b.json", b_data)
    assert main([a, b]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"A: {a} — started 2026-11-21T10:28:11+00:00; suite 0.1.0; profiles telit/he910")
    assert "defects none; identities telit/he910: Telit HE910 12.00.004" in lines[0]
    assert lines[1].startswith(f"B: {b} — started 2026-12-01T08:00:00+00:00; suite 0.2.0")
    assert "defects sslen-ignores-disable; identities telit/he910: error: no answer to ATI" in lines[1]


def test_identical_files_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = results((node("a"), "pass"), (node("b"), "fail", "still broken"), (node("c"), "known deviation"))
    a = write(tmp_path, "a.json", data)
    assert main([a, a]) == 0
    out = capsys.readouterr().out
    assert "Regressions (0)" in out
    assert "still broken" not in out
    assert out.strip().splitlines()[-1] == "0 regressions, 0 fixes, 0 changed, 0 new, 0 removed"


def test_fixes_changes_new_and_removed_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(
        tmp_path,
        "a.json",
        results(
            (node("fixed"), "error"),
            (node("dev"), "known deviation"),
            (node("na"), "pass"),
            (node("old"), "fail"),
        ),
    )
    b = write(
        tmp_path,
        "b.json",
        results(
            (node("fixed"), "pass"),
            (node("dev"), "deviation fixed", "[XPASS(strict)] listed as a deviation"),
            (node("na"), "not applicable"),
            (node("added"), "fail", "new test fails: AT#SSLCFG rejected"),
        ),
    )
    assert main([a, b]) == 0  # a new failing test is not a regression
    out = capsys.readouterr().out
    fixes = out.split("Fixes (2)")[1].split("Changed (1)")[0]
    assert f"{node('fixed')}\n      error → pass" in fixes
    assert f"{node('dev')}\n      known deviation → deviation fixed" in fixes
    changed = out.split("Changed (1)")[1].split("New (1)")[0]
    assert f"{node('na')}\n      pass → not applicable" in changed
    new = out.split("New (1)")[1].split("Removed (1)")[0]
    assert f"{node('added')}\n      — → fail" in new
    assert "new test fails: AT#SSLCFG rejected" in new
    removed = out.split("Removed (1)")[1]
    assert f"{node('old')}\n      fail → —" in removed
    assert out.strip().splitlines()[-1] == "0 regressions, 2 fixes, 1 changed, 1 new (1 failing), 1 removed"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (json.dumps(results((node("x"), "pass"), schema=1)), "schema 1 is not supported"),
        (json.dumps({"tests": []}), "no 'schema' key"),
        (json.dumps([1, 2]), "the top level is not a JSON object"),
        ("{not json", "not JSON"),
        (json.dumps({k: v for k, v in results().items() if k != "tests"}), "missing key 'tests'"),
        (json.dumps(results((node("x"), "passed"))), "unknown verdict 'passed'"),
        (json.dumps(results((node("x"), "pass"), (node("x"), "fail"))), "appears twice"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    good = write(tmp_path, "good.json", results((node("x"), "pass")))
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert main([good, str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"compare: error: {bad}: ")
    assert expected in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.json", results((node("x"), "pass")))
    missing = tmp_path / "nope.json"
    assert main([str(missing), good]) == 2
    err = capsys.readouterr().err
    assert err == f"compare: error: {missing}: no such file\n"


def test_unknown_profile_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.json", results((node("x"), "pass")))
    assert main([a, a, "--profile", "telit/le910"]) == 2
    assert "--profile telit/le910: no test of that profile in either file" in capsys.readouterr().err


def test_html_report_escapes_what_comes_from_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    test_id = "conformance/telit/test_sslsend.py::test_payload[<script>&amp-telit/he910]"
    a = write(tmp_path, "a.json", results((test_id, "pass")))
    b = write(tmp_path, "b.json", results((test_id, "fail", "got <ERROR> & no OK")))
    out_html = tmp_path / "report.html"
    assert main([a, b, "--html", str(out_html)]) == 1
    assert f"HTML report: {out_html}" in capsys.readouterr().out
    page = out_html.read_text(encoding="utf-8")
    assert "test_payload[&lt;script&gt;&amp;amp-telit/he910]" in page
    assert "got &lt;ERROR&gt; &amp; no OK" in page
    assert "<script" not in page
    assert "Regressions (1)" in page
    assert "1 regression, 0 fixes, 0 changed, 0 new, 0 removed" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_quiet_prints_only_the_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.json", results((node("x"), "pass"), (node("y"), "fail")))
    b = write(tmp_path, "b.json", results((node("x"), "error", "link dropped"), (node("y"), "pass")))
    assert main(["-q", a, b]) == 1
    assert capsys.readouterr().out == "1 regression, 1 fix, 0 changed, 0 new, 0 removed\n"


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "1  at least one regression" in out
    assert "2  an input is unusable" in out


def test_as_a_subprocess_exit_codes_end_to_end(tmp_path: Path) -> None:
    a = write(tmp_path, "a.json", results((node("x"), "pass")))
    b = write(tmp_path, "b.json", results((node("x"), "fail", "AT#SSLEN? answered ERROR")))
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tools.compare", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=30,
        )

    regressed = run(a, b)
    assert regressed.returncode == 1, regressed.stderr
    assert "AT#SSLEN? answered ERROR" in regressed.stdout
    same = run(a, a)
    assert same.returncode == 0, same.stderr
    assert same.stdout.strip().endswith("0 regressions, 0 fixes, 0 changed, 0 new, 0 removed")
    unusable = run(a, str(bad))
    assert unusable.returncode == 2
    assert "Traceback" not in unusable.stderr
    assert unusable.stderr.startswith("compare: error: ")


@pytest.mark.parametrize("entry", [["tools"], ["harness"]], ids=["python -m tools", "python -m harness"])
def test_both_command_lines_reach_compare(tmp_path: Path, entry: list[str]) -> None:
    a = write(tmp_path, "a.json", results((node("x"), "pass")))
    b = write(tmp_path, "b.json", results((node("x"), "fail", "AT#SSLEN? answered ERROR")))
    proc = subprocess.run(
        [sys.executable, "-m", *entry, "compare", "-q", a, b],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == "1 regression, 0 fixes, 0 changed, 0 new, 0 removed\n"
