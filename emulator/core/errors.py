"""Errors a command handler raises; the executor turns them into final result codes."""

from __future__ import annotations

from typing import Final

# 3GPP TS 27.007 §9.2.1 general errors used by the core.
OPERATION_NOT_ALLOWED: Final = 3
OPERATION_NOT_SUPPORTED: Final = 4

GENERAL_ERROR_TEXT: Final = {
    OPERATION_NOT_ALLOWED: "operation not allowed",
    OPERATION_NOT_SUPPORTED: "operation not supported",
}


class CommandError(Exception):
    """A command failed; the rest of the command line is not executed (V.250 §5.6)."""


class PlainError(CommandError):
    """Unknown command or syntax error: always the plain ERROR result code, whatever +CMEE says."""


class CmeError(CommandError):
    """An error reported as ``+CME ERROR: <code|text>`` when +CMEE enables it.

    ``code`` is what CMEE=1 prints and ``text`` what CMEE=2 prints; they are kept apart so that a
    dialect can report a documented text with another number (and a defect can break one only).
    ``family`` lets the dialect treat groups of errors differently (telit-gsm-ssl §5: the SSL
    errors exist only in one of its error-reporting modes).
    """

    def __init__(self, code: int, text: str, *, family: str = "general") -> None:
        super().__init__(f"+CME ERROR: {code} ({text})")
        self.code = code
        self.text = text
        self.family = family


def unsupported() -> CmeError:
    """A parameter out of range, missing or extra: ``+CME ERROR: 4``, "operation not supported"."""
    return CmeError(OPERATION_NOT_SUPPORTED, GENERAL_ERROR_TEXT[OPERATION_NOT_SUPPORTED])
