"""A secret the module echoes in pieces is still redacted (harness/transcript.py ``rows``): over ``socket://`` or
a serial port an echo arrives a few bytes per read, interleaved with what the suite writes, so a key line is
never whole in one chunk. Found in a lab-mode run (a standalone emulator, 14 key fragments in report.html)."""

from __future__ import annotations

import trustme
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from harness import redaction
from harness.transcript import Transcript


def _text(transcript: Transcript) -> str:
    return "\n".join("".join(text for _, text in row.pieces) for row in transcript.rows())


def _key_lines() -> list[str]:
    key = trustme.CA().private_key_pem.bytes().decode()
    redaction.add(key)
    return [line for line in key.splitlines() if not line.startswith("-----")]


def test_an_echo_in_pieces_interleaved_with_writes_is_redacted() -> None:
    lines = _key_lines()
    echo = ("\r\n".join(lines) + "\r\n").encode()
    transcript = Transcript(name="echo in pieces")
    transcript.tx(b'AT+UPLOAD="key"\r')
    for i in range(0, len(echo), 7):
        transcript.rx(echo[i : i + 7])
        if i % 35 == 0:
            transcript.tx(b"\x00")  # the suite writing while the echo comes
    transcript.rx(b"\r\nOK\r\n")
    shown = _text(transcript)
    assert redaction.MARK in shown
    leaked = [line[j : j + 12] for line in lines for j in range(0, len(line) - 12, 6) if line[j : j + 12] in shown]
    assert not leaked, f"key fragments in the rendered transcript: {leaked[:3]}"
    assert "OK" in shown, "the module's own answer after the secret is kept"


def test_a_transcript_without_secrets_keeps_its_chunks() -> None:
    # Control: nothing is joined where nothing is secret (the chunks' times stay as read).
    transcript = Transcript(name="plain")
    for chunk in (b"+CME ", b"ERROR: ", b"830\r\n"):
        transcript.rx(chunk)
    assert len([e for e in transcript.entries if e.direction == "rx"]) == 3
    assert "+CME ERROR: 830" in _text(transcript)
    assert redaction.MARK not in _text(transcript)


def test_chunks_stay_as_read_and_agree_with_redact() -> None:
    # The rendering keeps each chunk (its time, its place among the writes); only the secret's bytes leave them.
    lines = _key_lines()
    text = "before " + lines[0] + " after"
    transcript = Transcript(name="one line in three chunks")
    for chunk in (text[:10], text[10:40], text[40:]):
        transcript.rx(chunk.encode())
    assert redaction.spans(text) == [(7, 7 + len(lines[0]))]
    assert _text(transcript).replace("\n", "") == redaction.redact(text)


def test_a_key_line_echoed_only_in_part_is_redacted() -> None:
    # An upload cut short (a Quectel upload ends at '+++', quectel-gsm-ssl §2.2.7) echoes the start of a key
    # line: seen in a 9600-baud run's failure message. The start of a registered line, 16 characters or more, is
    # as secret as the line; fewer cannot be told from ordinary text (redaction.PIECE).
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, NoEncryption()).decode()
    redaction.add(pem)
    line = pem.splitlines()[3]
    cut = line[:30]
    shown = redaction.redact(f"'AT+QSECWRITE' -> {cut}+++ | +QSECWRITE: 1034,4d4b | OK")
    assert cut not in shown and redaction.MARK in shown and "+QSECWRITE: 1034" in shown
    assert redaction.redact(line[:12]) == line[:12]  # the control: below PIECE, ordinary text stays
