"""Secrets the run handles (private keys, passwords, APN credentials) and their removal from everything
the run writes: transcripts, failure messages, captured output, the HTML, JSON and JUnit files.

A secret is registered once, where it enters the run (the PKI's keys when it is built, the FTPS login,
the ``--apn-user`` / ``--apn-password`` options, a ``secret=True`` upload). Registration is for the life
of the process: forgetting a secret is never safer than keeping it.
"""

from __future__ import annotations

import re
import threading
from typing import Final

MARK: Final = "<redacted>"
#: A line of a multi-line secret (a PEM key's base64 lines) this long is a secret by itself: a module
#: that echoes part of a key must not leak it either.
PIECE: Final = 16
#: Shorter secrets would blank out ordinary words of the report; they are refused.
SHORTEST: Final = 6

#: A run of base64 characters long enough to hold a secret line. Such secrets ("tokens") are found by
#: looking only inside these runs, through an index of their first PIECE characters: a report carries
#: thousands of certificate lines, and hundreds of key lines are registered.
_RUN = re.compile(rf"[A-Za-z0-9+/=]{{{PIECE},}}")

_lock = threading.Lock()
_plain: set[str] = set()
_tokens: dict[str, set[str]] = {}  # first PIECE characters -> tokens
#: What redact() reads, rebuilt only when a secret is added: (plain longest first, index of tokens).
_view: tuple[list[str], dict[str, list[str]]] = ([], {})


def add(secret: str | bytes) -> None:
    """Never write ``secret``. A multi-line secret (a PEM key) is registered line by line, each line of
    :data:`PIECE` characters or more; its armour lines (``-----BEGIN ...``) and short lines are not secret."""
    text = secret.decode("latin-1") if isinstance(secret, bytes) else secret
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    pieces = [x for x in lines if len(x) >= PIECE and not x.startswith("-----")] if len(lines) > 1 else [text]
    if len(lines) <= 1 and len(text.strip()) < SHORTEST:
        raise ValueError(f"a secret of {len(text.strip())} characters cannot be told from ordinary text")
    if isinstance(secret, bytes) and not text.isprintable():
        pieces.append(text)  # binary (a DER key): also as a whole, in case a module echoes it raw
    global _view
    with _lock:
        for piece in pieces:
            if _RUN.fullmatch(piece):
                _tokens.setdefault(piece[:PIECE], set()).add(piece)
            else:
                _plain.add(piece)
        _view = (
            sorted(_plain, key=len, reverse=True),
            {k: sorted(v, key=len, reverse=True) for k, v in _tokens.items()},
        )


def secrets() -> list[str]:
    """Every registered secret and piece, longest first."""
    with _lock:
        return sorted(_plain | {t for group in _tokens.values() for t in group}, key=len, reverse=True)


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by :data:`MARK`."""
    plain, tokens = _view  # replaced whole by add(), never changed in place: no lock needed
    for secret in plain:
        if secret in text:
            text = text.replace(secret, MARK)
    if tokens:
        text = _RUN.sub(lambda m: _redact_run(m.group(0), tokens), text)
    return text


def _match(run: str, i: int, tokens: dict[str, list[str]]) -> int:
    """How many characters of ``run`` from ``i`` are a registered token, or the start of one at least
    :data:`PIECE` long (a key line the module echoed only in part, an upload cut short): 0 for none."""
    best = 0
    for token in tokens.get(run[i : i + PIECE], ()):
        if run.startswith(token, i):
            return len(token)
        same = PIECE
        while same < len(token) and i + same < len(run) and run[i + same] == token[same]:
            same += 1
        best = max(best, same)
    return best


def _redact_run(run: str, tokens: dict[str, list[str]]) -> str:
    out: list[str] = []
    i = start = 0
    while i <= len(run) - PIECE:
        length = _match(run, i, tokens)
        if length:
            out.append(run[start:i] + MARK)
            i = start = i + length
        else:
            i += 1
    out.append(run[start:])
    return "".join(out)


def spans(text: str) -> list[tuple[int, int]]:
    """Where :func:`redact` would replace a secret in ``text``: sorted, non-overlapping ``(start, end)`` pairs
    (for a caller that must redact text it shows in pieces, such as a transcript's chunks)."""
    plain, tokens = _view
    found: list[tuple[int, int]] = []
    for secret in plain:
        at = text.find(secret)
        while at != -1:
            found.append((at, at + len(secret)))
            at = text.find(secret, at + len(secret))
    if tokens:
        for m in _RUN.finditer(text):
            run, i = m.group(0), 0
            while i <= len(run) - PIECE:
                length = _match(run, i, tokens)
                if length:
                    found.append((m.start() + i, m.start() + i + length))
                    i += length
                else:
                    i += 1
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

def redact_bytes(data: bytes) -> bytes:
    """:func:`redact` for bytes (secrets are compared as Latin-1, so any byte string matches)."""
    return redact(data.decode("latin-1")).encode("latin-1")
