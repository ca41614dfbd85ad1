"""faults' stream tracker keeps its own union of the vendors' finals and payload headers
(faults/stream.py: it never imports the harness). Every final and payload header of every harness dialect
must be framed by it too, or a fault would cut a payload's counted bytes as if they were lines: a new
dialect row without its twin in faults fails here (architecture review 2026-12, faults/stream.py)."""

from __future__ import annotations

import pytest

from faults.stream import Kind, Piece, Tracker
from harness.dialects import DIALECTS, Dialect, PayloadRule

#: Lines that show each vendor final of the dialects, as the documents print them. A dialect's final
#: pattern that none of these matches fails test_every_vendor_final_has_an_example.
FINAL_EXAMPLES = (
    "SEND OK",  # quectel-gsm-ssl §2.2.4, quectel-ec200-ssl §2.2.3
    "SEND FAIL",
    "CLOSE OK",  # quectel-gsm-ssl §2.2.3
    "1, CLOSE OK",  # quectel-gsm-ssl §3.1
    "DEACT OK",  # quectel-gsm-ssl §3.3
)

PAYLOAD = b"hello"  # every example header announces 5 bytes


def finals() -> list[tuple[str, str]]:
    return [(d.name, p.pattern) for d in DIALECTS.values() for p, _ in d.vendor_finals]


def rules() -> list[tuple[Dialect, PayloadRule]]:
    return [(d, rule) for d in DIALECTS.values() for rule in d.payload_rules]


def after_command(*chunks: bytes) -> list[Piece]:
    tracker = Tracker()
    tracker.from_suite(b"AT+X\r")
    out: list[Piece] = []
    for chunk in chunks:
        out += tracker.from_target(chunk, 0.0)
    return out


@pytest.mark.parametrize(("dialect", "pattern"), finals())
def test_every_vendor_final_has_an_example(dialect: str, pattern: str) -> None:
    import re

    assert any(re.fullmatch(pattern, line) for line in FINAL_EXAMPLES), (
        f"{dialect}: final {pattern!r} has no example in FINAL_EXAMPLES; add the line its document prints"
    )


@pytest.mark.parametrize("line", FINAL_EXAMPLES)
def test_faults_take_every_vendor_final_for_a_final(line: str) -> None:
    pieces = [p for p in after_command(b"\r\n" + line.encode() + b"\r\n") if p.kind is Kind.LINE]
    assert [(p.text, p.final) for p in pieces] == [(line, True)], (
        f"faults/stream.py does not end a response on {line!r}"
    )


@pytest.mark.parametrize(("dialect", "rule"), rules(), ids=lambda x: x.name if isinstance(x, Dialect) else x.source)
def test_faults_frame_every_payload_header(dialect: Dialect, rule: PayloadRule) -> None:
    assert rule.examples, f"{dialect.name}: payload rule {rule.pattern.pattern!r} ({rule.source}) has no example line"
    for example in rule.examples:
        m = rule.pattern.match(example)
        assert m and int(m.group("n")) == len(PAYLOAD), f"{dialect.name}: {example!r} is not an example of its rule"
        if rule.inline:
            # The data follow the header on its line (telit-ssl-ug §5.1.2.2.2).
            pieces = after_command(b"\r\n" + example.encode() + PAYLOAD + b"\r\n")
            kinds = [(p.kind, p.announces) for p in pieces if p.kind in (Kind.HEADER, Kind.PAYLOAD)]
            assert kinds == [(Kind.HEADER, 5), (Kind.PAYLOAD, None)], f"faults do not frame {example!r}: {pieces}"
        else:
            # The data follow the header's line end; b"\r\nOK" in them must not be taken for a final.
            data = b"\r\nOK\r"
            pieces = after_command(b"\r\n" + example.encode() + b"\r\n" + data + b"\r\n\r\nOK\r\n")
            headers = [p for p in pieces if p.kind is Kind.LINE and p.text == example]
            assert headers and headers[0].announces == len(data), f"faults do not take {example!r} for a header"
            payload = b"".join(p.data for p in pieces if p.kind is Kind.PAYLOAD)
            assert payload == data
            assert [p.text for p in pieces if p.final] == ["OK"]
