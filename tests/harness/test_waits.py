"""harness/waits.py: network waits per target, arithmetic only (no clock)."""

from __future__ import annotations

import pytest

from harness.waits import LOOPBACK_BYTE_TIME, LOOPBACK_CAP, LOOPBACK_QUIET, TURN_BYTES, Waits, for_url, parse_latency


def test_a_real_network_waits_what_the_test_names() -> None:
    waits = for_url("socket://192.0.2.1:7000")
    assert waits == Waits() and waits.network(10) == 10 and waits.network(30, 65536) == 30
    assert waits.quiet(2) == 2 and waits.exchanges(100) == 0


def test_the_embedded_emulator_caps_network_waits_but_not_shorter_ones() -> None:
    waits = for_url("emulator://telit/he910?instance=1")
    assert waits.cap == LOOPBACK_CAP and waits.network(30) == LOOPBACK_CAP and waits.network(2) == 2
    assert waits.network(30, 50_000) == pytest.approx(LOOPBACK_CAP + 50_000 * LOOPBACK_BYTE_TIME)
    assert waits.quiet(2) == LOOPBACK_QUIET and waits.quiet(0.2) == 0.2


def test_the_simulated_line_adds_its_bytes_and_turns() -> None:
    waits = for_url("emulator://telit/he910?instance=1&baud=9600&latency=30ms")
    assert waits.byte_time == pytest.approx(10 / 9600) and waits.latency == pytest.approx(0.03)
    # 64 KiB at 9600 baud take 68 s: far beyond the cap, so the deadline must grow with them.
    assert waits.network(45, 65536) == pytest.approx(LOOPBACK_CAP + 65536 * 10 / 9600 + 4 * 0.03)
    assert waits.exchanges(66) == pytest.approx(66 * (2 * 0.03 + TURN_BYTES * 10 / 9600))
    assert waits.quiet(2) == pytest.approx(LOOPBACK_QUIET + 4 * 0.03)


def test_network_wait_overrides_the_cap_on_any_target() -> None:
    assert for_url("emulator://telit/he910", cap=1.5).network(10) == 1.5
    assert for_url("/dev/ttyUSB2", cap=12).network(30) == 12


@pytest.mark.parametrize(("text", "seconds"), [("30ms", 0.03), ("0.03s", 0.03), ("500us", 0.0005), ("0", 0.0)])
def test_latency_forms(text: str, seconds: float) -> None:
    assert parse_latency(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["30", "fast", "-1ms", ""])
def test_a_latency_the_emulator_refuses_reads_as_none(text: str) -> None:
    assert parse_latency(text) is None


def test_a_bad_baud_leaves_the_loopback_rate() -> None:
    # The emulator refuses it when the link opens (faults/line.py names the valid forms): no second message here.
    assert for_url("emulator://telit/he910?baud=fast").byte_time == LOOPBACK_BYTE_TIME


def test_the_record_says_how_each_target_bounded_its_waits() -> None:
    # results.json targets.network_waits: the figures the deadlines were computed from, and one sentence.
    line = for_url("emulator://telit/he910?instance=1&baud=115200&latency=30ms").as_json()
    assert line["cap"] == LOOPBACK_CAP and line["quiet"] == LOOPBACK_QUIET
    assert line["byte_time"] == pytest.approx(10 / 115200) and line["latency"] == pytest.approx(0.03)
    assert line["rule"] == (
        "network wait = min(s, 4 s) + n x 86.8 us + 4 x 30 ms latency; a negative control listens at most 0.5 s"
        " + 4 x 30 ms latency"
    )
    real = for_url("socket://192.0.2.1:7000").as_json()  # the control: a real network is not capped
    assert real["cap"] is None and real["quiet"] is None and real["byte_time"] == 0 and real["latency"] == 0
    assert real["rule"].startswith("network wait = s (a real network")
    assert for_url("socket://192.0.2.1:7000", cap=3).as_json()["cap"] == 3  # --network-wait
