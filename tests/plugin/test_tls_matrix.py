"""The report's TLS tables (harness/report_tls.py): cells the tests record, rendered module by scenario.

With pytester: a suite that records cells, and the section of the HTML page they give. Then one run of the
cross-vendor module itself (conformance/tls) on two documents, to show its cells reach the page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.report_tls import PROPERTY, TlsMatrix, cell

ROOT = Path(__file__).resolve().parents[2]

SUITE = """
import pytest
from harness.report_tls import cell

@pytest.mark.spec("telit-ssl-ug", "4.2.2")
@pytest.mark.parametrize("scenario", ["valid", "untrusted-root"])
def test_cell(request, modem, profile, scenario):
    name, row = cell("server authentication", profile.name, scenario, "accepted" if scenario == "valid" else "refused",
                     order=0 if scenario == "valid" else 1, row_note="<auth_mode> 1")
    request.node.user_properties.append((name, row))
    row["observed"] = "accepted"
    row["detail"] = "the module answered OK"
    assert row["observed"] == row["expected"]

@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_observes(request, modem, profile):
    request.node.user_properties.append(cell("server authentication", profile.name, "wrong-host", "observed",
                                             "accepted", order=2))

@pytest.mark.spec("telit-ssl-ug", "4.2.2")
def test_stops_before_its_outcome(request, modem, profile):
    request.node.user_properties.append(cell("none authentication", profile.name, "valid", "accepted"))
    pytest.skip("not applicable: nothing to dial")
"""


def _page(pytester: pytest.Pytester, *args: str) -> str:
    pytester.makepyfile(SUITE)
    out = pytester.path / "r.html"
    pytester.runpytest("-p", "harness.plugin", "-p", "no:cacheprovider", "--profile", "telit/he910",
                       f"--html={out}", "--self-contained-html", *args)  # fmt: skip
    return out.read_text()


def _cell(section: str, row: str, column: str) -> str:
    found = re.search(rf'<td [^>]*data-row="{re.escape(row)}" data-column="{re.escape(column)}"[^>]*>.*?</td>', section)
    assert found is not None, f"no cell {row} x {column} in {section[:400]}"
    return found.group(0)


def test_the_section_shows_each_table_with_its_cells_and_verdicts(pytester: pytest.Pytester) -> None:
    page = _page(pytester)
    assert page.count('id="tls-matrix"') == 1
    section = page.split('id="tls-matrix"')[1].split("</section>")[0]
    assert page.index('id="tls-matrix"') < page.index('id="results-heading"'), "with the summaries, before the tests"
    server = section.split("<h3>server authentication</h3>")[1].split("</table>")[0]
    head = server.split("</thead>")[0]
    assert head.index(">valid<") < head.index(">untrusted-root<"), "columns in the order the tests gave"
    assert "telit/he910<br><small>&lt;auth_mode&gt; 1</small>" in server, "the row's note under the module"
    valid = _cell(server, "telit/he910", "valid")
    assert 'data-verdict="pass"' in valid and ">accepted</a>" in valid and "the module answered OK" in valid
    untrusted = _cell(server, "telit/he910", "untrusted-root")
    assert 'data-verdict="fail"' in untrusted and "expected: refused; observed: accepted" in untrusted
    assert "<small>observation</small>" in _cell(server, "telit/he910", "wrong-host")
    assert "observation" not in valid
    assert section.index("<h3>none authentication</h3>") < section.index("<h3>server authentication</h3>")
    none = section.split("<h3>none authentication</h3>")[1].split("</table>")[0]
    assert 'data-verdict="not applicable"' in _cell(none, "telit/he910", "valid")
    assert ">not reached</a>" in none, "a test that stopped before its outcome says so"


def test_no_cell_no_section(pytester: pytest.Pytester) -> None:
    page = _page(pytester, "-k", "no_such_test")
    assert 'id="tls-matrix"' not in page


def test_a_cell_without_its_keys_is_an_error_naming_them() -> None:
    report = pytest.TestReport(
        "t.py::x", ("t.py", 1, "x"), {}, "passed", None, "call", user_properties=[(PROPERTY, {"table": "t"})]
    )
    with pytest.raises(ValueError, match="lacks row, column, expected, observed"):
        TlsMatrix().add(report)


def test_cells_are_taken_once_per_test() -> None:
    props = [cell("t", "m", "c", "accepted", "accepted")]
    matrix = TlsMatrix()
    for when in ("setup", "call", "teardown"):
        matrix.add(pytest.TestReport("t.py::x", ("t.py", 1, "x"), {}, "passed", None, when, user_properties=props))
    assert len(matrix.cells) == 1


def test_the_cross_vendor_module_fills_the_table_on_two_documents(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    ids = [
        f"conformance/tls/test_verification.py::test_verification_scenario[{profile}-{scenario}-server]"
        for profile in ("telit/he910", "telit-gsm/gc864")
        for scenario in ("valid", "untrusted-root")
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", *ids, "--profile", "telit/he910,telit-gsm/gc864", "-p", "no:cacheprovider",
         "-q", f"--html={out}", "--self-contained-html"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    section = out.read_text().split('id="tls-matrix"')[1].split("</section>")[0]
    table = section.split("<h3>server authentication</h3>")[1].split("</table>")[0]
    for profile, note in (("telit/he910", "telit-ssl-ug §4.2.2 &lt;auth_mode&gt; 1"),
                          ("telit-gsm/gc864", "telit-gsm-ssl §3.2 &lt;auth_mode&gt; 1")):  # fmt: skip
        assert f"{profile}<br><small>{note}</small>" in table, "each module cites its own document's clause"
        assert ">accepted</a>" in _cell(table, profile, "valid")
        assert ">refused</a>" in _cell(table, profile, "untrusted-root")
        assert 'data-verdict="pass"' in _cell(table, profile, "untrusted-root")
