"""harness.checks: the byte comparison that names the first difference instead of diffing whole payloads."""

from __future__ import annotations

import pytest

from harness.checks import bytes_difference, expect_same_bytes


def test_equal_payloads_have_no_difference() -> None:
    assert bytes_difference(b"same", b"same") is None


@pytest.mark.parametrize(
    ("got", "want", "offset"),
    [(b"abd", b"abc", 2), (b"ab", b"abc", 2), (b"abcd", b"abc", 3), (b"\x01" + bytes(9), bytes(10), 0)],
)
def test_the_first_difference_is_named(got: bytes, want: bytes, offset: int) -> None:
    text = bytes_difference(got, want)
    assert text is not None and f"first difference at offset {offset}:" in text
    assert f"{len(got)} bytes, expected {len(want)}" in text


def test_a_large_mismatch_fails_with_a_short_message(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under CI=true pytest would diff two 64 KiB reprs in full (minutes); the check must not hand them over.
    monkeypatch.setenv("CI", "true")
    data = bytes(range(256)) * 256
    corrupted = bytes(b ^ 1 if i % 1500 == 0 else b for i, b in enumerate(data))
    with pytest.raises(AssertionError) as caught:
        expect_same_bytes(corrupted, data, "clause §1")
    message = str(caught.value)
    assert message.startswith("clause §1: 65536 bytes, expected 65536; first difference at offset 0:")
    assert len(message) < 400, len(message)
