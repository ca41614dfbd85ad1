"""The registry, the NAME[:ARG] syntax and its errors, the chain and the outbox."""

from __future__ import annotations

import pytest

from faults import FAULTS, Chain, DropLink, FaultSyntaxError, Outbox, Verdict, build, listing, parse_fault
from faults.framing import Garbage
from faults.silence import DropLinkAfter, Silent
from faults.timing import Slow, SplitBytes
from faults.urcs import UrcBetween, UrcPayload
from tests.faults.helpers import OK, exchange, others, pauses, to_suite, to_target

pytestmark = pytest.mark.timeout(10)

# What the brief asks for, name by name: (benign, expected verdict).
EXPECTED = {
    "silent": (False, Verdict.TARGET_SILENT),
    "silent-after": (False, Verdict.TARGET_SILENT),
    "garbage": (False, Verdict.PROTOCOL_BROKEN),
    "truncate-line": (False, Verdict.TARGET_SILENT),
    "drop-final": (False, Verdict.TARGET_SILENT),
    "split-bytes": (True, Verdict.MUST_PASS),
    "slow": (True, Verdict.MUST_PASS),
    "urc-between": (True, Verdict.MUST_PASS),
    "urc-pending": (True, Verdict.MUST_PASS),
    "urc-payload": (False, Verdict.PROTOCOL_BROKEN),
    "echo-when-off": (False, Verdict.PROTOCOL_BROKEN),
    "echo-on-at-start": (True, Verdict.MUST_PASS),
    "cr-only": (True, Verdict.MUST_PASS),
    "lf-only": (True, Verdict.MUST_PASS),
    "drop-link-after": (False, Verdict.LINK_LOST),
    "restart-after": (False, Verdict.TARGET_SILENT),
    "needs-wakeup": (True, Verdict.MUST_PASS),
}
# Arguments that make each spec buildable (the required ones).
MINIMAL = {"silent-after": "silent-after:1", "slow": "slow:10", "drop-link-after": "drop-link-after:1",
           "restart-after": "restart-after:1"}


def test_every_fault_is_registered_with_its_class() -> None:
    assert {name: (spec.benign, spec.verdict) for name, spec in FAULTS.items()} == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_spec_and_built_fault_agree(name: str) -> None:
    fault = parse_fault(MINIMAL.get(name, name))
    spec = FAULTS[name]
    assert (fault.benign, fault.verdict) == (spec.benign, spec.verdict)
    assert fault.name == MINIMAL.get(name, name)
    assert spec.description and spec.usage.startswith(name)


@pytest.mark.parametrize(("text", "kind", "attrs"), [
    ("silent-after:3", Silent, {"after": 3, "silent": False}),
    ("silent", Silent, {"after": 0, "silent": True}),
    ("split-bytes", SplitBytes, {"ms": 1}),
    ("split-bytes:20", SplitBytes, {"ms": 20}),
    ("slow:0", Slow, {"ms": 0}),
    ("garbage:42", Garbage, {"seed": 42}),
    ("drop-link-after:4", DropLinkAfter, {"command": 4}),
    ("urc-payload:inside:SRING: 1,2", UrcPayload, {"where": "inside", "text": "SRING: 1,2"}),
    (" urc-payload ", UrcPayload, {"where": "before", "text": "+CREG: 1"}),
])
def test_syntax(text: str, kind: type, attrs: dict[str, object]) -> None:
    fault = parse_fault(text)
    assert isinstance(fault, kind)
    assert {k: getattr(fault, k) for k in attrs} == attrs


def test_text_takes_the_rest_colons_included() -> None:
    fault = parse_fault("urc-between:+CREG: 1,\"00A1\"")
    assert isinstance(fault, UrcBetween)
    assert to_suite(exchange(fault, "AT", OK)) == OK + b'\r\n+CREG: 1,"00A1"\r\n'


@pytest.mark.parametrize(("text", "message"), [
    ("nope", "unknown fault 'nope'; valid faults: silent, silent-after, garbage"),
    ("", "unknown fault ''; valid faults:"),
    ("slow", r"fault 'slow' needs MS \(usage: slow:MS\)"),
    ("slow:fast", r"fault 'slow': MS must be a whole number >= 0, got 'fast' \(usage: slow:MS\)"),
    ("slow:-1", "MS must be a whole number >= 0, got '-1'"),
    ("drop-link-after:0", "N must be a whole number >= 1, got '0'"),
    ("silent:1", r"fault 'silent' takes no argument, got '1' \(usage: silent\)"),
    ("split-bytes:1:2", r"takes at most 1 argument\(s\), got '1:2' \(usage: split-bytes\[:MS\]\)"),
    ("urc-payload:middle", "WHERE must be one of before, after, inside, got 'middle'"),
    ("urc-between:", "TEXT must be non-empty text"),
    ("restart-after", r"needs N \(usage: restart-after:N\[:BANNER\]\)"),
    ("garbage:１", "SEED must be a whole number"),  # a full-width digit is no ASCII number
])
def test_errors_name_the_valid_choices(text: str, message: str) -> None:
    with pytest.raises(FaultSyntaxError, match=message):
        parse_fault(text)
    assert issubclass(FaultSyntaxError, ValueError)


def test_listing_has_a_row_per_fault_with_its_verdict() -> None:
    rows = listing().splitlines()
    assert rows[0].split()[:3] == ["fault", "benign", "expected"]
    assert len(rows) == len(FAULTS) + 1
    by_usage = {row.split()[0]: row for row in rows[1:]}
    assert "yes" in by_usage["split-bytes[:MS]"] and "must pass" in by_usage["split-bytes[:MS]"]
    assert "no" in by_usage["drop-link-after:N"] and "link lost" in by_usage["drop-link-after:N"]
    assert "5000 ms deadline" in by_usage["slow:MS"]


def test_empty_chain_passes_everything() -> None:
    chain = Chain()
    assert to_target(chain.on_to_target(b"AT\r", 0.0)) == b"AT\r"
    assert to_suite(chain.on_to_suite(b"\r\nOK\r\n", 0.0)) == b"\r\nOK\r\n"
    assert chain.benign and chain.verdict is Verdict.MUST_PASS and chain.deadline() is None


def test_chain_order_suite_side_first() -> None:
    # suite <- split-bytes <- urc-between <- target: the injected URC is split too.
    chain = build(["split-bytes:2", "urc-between:RING"])
    chain.on_to_target(b"AT\r", 0.0)
    out = pauses(chain.on_to_suite(b"\r\nOK\r\n", 0.0))
    assert b"".join(d for _, d in out) == b"\r\nOK\r\n\r\nRING\r\n"
    assert all(len(d) == 1 and after == 0.002 for after, d in out)
    # suite <- urc-between <- split-bytes <- target: the URC comes whole, at once.
    chain = build(["urc-between:RING", "split-bytes:2"])
    chain.on_to_target(b"AT\r", 0.0)
    out = pauses(chain.on_to_suite(b"\r\nOK\r\n", 0.0))
    assert out[-1] == (0.0, b"\r\nRING\r\n")
    assert chain.names == ("urc-between:RING", "split-bytes:2")


def test_chain_adds_pauses_and_keeps_other_actions() -> None:
    chain = build(["slow:100", "split-bytes:5"])
    chain.on_to_target(b"AT\r", 0.0)
    out: list[tuple[float, bytes]] = []
    for byte in b"\r\nOK\r\n":  # what split-bytes hands on one byte at a time, slow regroups in lines
        out += pauses(chain.on_to_suite(bytes([byte]), 0.0))
    assert out[0] == (pytest.approx(0.105), b"\r")
    assert b"".join(d for _, d in out) == b"\r\nOK\r\n"
    assert sum(after for after, _ in out) == pytest.approx(0.1 + 6 * 0.005)  # no pause is lost
    assert out[2] == (pytest.approx(0.015), b"OK\r")  # O, K and CR held until the line ended
    chain = build(["split-bytes", "drop-link-after:1"])
    actions = exchange(chain, "AT", OK)  # type: ignore[arg-type]
    assert isinstance(others(actions)[0], DropLink)
    assert not chain.benign and chain.verdict is Verdict.LINK_LOST


def test_chain_polls_faults_whose_deadline_passed() -> None:
    chain = build(["drop-final"])
    chain.on_to_target(b"AT\r", 0.0)
    assert to_suite(chain.on_to_suite(b"\r\nBUS", 1.0)) == b"\r\n"
    assert chain.deadline() == pytest.approx(1.1)
    assert chain.poll(1.05) == []
    assert to_suite(chain.poll(1.2)) == b"BUS"


def test_outbox_keeps_order_and_pauses() -> None:
    box = Outbox()
    box.push(10.0, 0.5, b"a")
    box.push(10.0, 0.0, b"b")  # behind a: not before 10.5
    box.push(10.1, 0.2, b"c")  # 0.2 after b
    assert box.take_due(10.4) == b"" and box.next_due() == 10.5
    assert box.take_due(10.5) == b"ab" and len(box) == 1
    assert box.take_due(10.69) == b"" and box.take_due(10.7) == b"c"
    assert box.next_due() is None
    box.push(20.0, 0.0, b"")  # a pause alone schedules nothing
    assert len(box) == 0
    box.push(20.0, 1.0, b"x")
    box.clear()
    assert box.take_due(100.0) == b""
