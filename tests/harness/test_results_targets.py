"""results.json ``targets`` and the HTML report's header say how the run waited and chose (issue 15):
``network_waits`` (each target's cap, byte time and latency: harness/waits.py) and, with ``--profile auto``,
``detection`` (the commands harness/detect.py sent, the answers and the exchange)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.waits import LOOPBACK_CAP
from tests.harness.test_detect import standalone

ONE_TEST = """
import pytest

@pytest.mark.spec("telit-ssl-ug", "4.1")
def test_sslen_read(modem, profile):
    assert modem.command("AT#SSLEN?").ok
"""


def run(pytester: pytest.Pytester, *args: str) -> tuple[dict[str, object], str]:
    pytester.makepyfile(ONE_TEST)
    out, html = pytester.path / "r.json", pytester.path / "r.html"
    result = pytester.runpytest(
        "-p", "harness.plugin", "-p", "no:cacheprovider", f"--results-json={out}", f"--html={html}",
        "--self-contained-html", *args,
    )  # fmt: skip
    result.assert_outcomes(passed=1)
    return json.loads(out.read_text(encoding="utf-8")), Path(html).read_text(encoding="utf-8")


def test_the_embedded_emulators_waits_are_recorded_per_instance(pytester: pytest.Pytester) -> None:
    data, page = run(pytester, "--profile", "telit/he910")
    waits = data["targets"]["network_waits"]  # type: ignore[index]
    assert set(waits) == {"emulator://telit/he910?instance=1", "emulator://telit/he910?instance=2"}
    assert all(w["cap"] == LOOPBACK_CAP and w["latency"] == 0 for w in waits.values())
    assert "<b>Network waits</b>" in page and "min(s, 4 s)" in page
    assert "detection" not in data["targets"]  # type: ignore[operator]  # a named profile: nothing detected


def test_a_simulated_line_and_a_cap_given_are_recorded(pytester: pytest.Pytester) -> None:
    url = "emulator://telit/he910?instance=1&baud=115200&latency=30ms"
    data, _ = run(pytester, "--profile", "telit/he910", "--target", url, "--network-wait", "2")
    waits = data["targets"]["network_waits"]  # type: ignore[index]
    assert waits[url]["cap"] == 2 and waits[url]["latency"] == pytest.approx(0.03)
    assert waits[url]["byte_time"] == pytest.approx(10 / 115200)


def test_auto_records_the_detections_exchange(pytester: pytest.Pytester) -> None:
    with standalone("telit/he910") as url:
        data, page = run(pytester, "--profile", "auto", "--target", url)
    found = data["targets"]["detection"]  # type: ignore[index]
    assert found["url"] == url and found["profile"] == "telit/he910"
    assert found["asked"] == ["AT", "ATI", "AT+CGMI", "AT+CGMM", "AT+CGMR"]
    assert found["answers"]["AT+CGMM"] == "HE910" and found["reason"] == data["targets"]["profile_chosen_by"]  # type: ignore[index]
    assert "tx  AT+CGMM<CR>" in found["transcript"]
    assert "detection exchange" in page and "tx  AT+CGMM&lt;CR&gt;" in page
    waits = data["targets"]["network_waits"]  # type: ignore[index]
    assert waits[url]["cap"] is None  # a socket:// target is a real network's
