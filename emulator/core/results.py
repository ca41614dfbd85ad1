"""Responses of handlers and their framing on the wire (V.250 §5.7, 3GPP TS 27.007 §9.1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from emulator.core.errors import CmeError, CommandError
from emulator.core.settings import InstanceSettings


class ResultCode(Enum):
    """Basic-format final result codes: verbose text and numeric code (V.250 §5.7.1 Table 1)."""

    OK = ("OK", 0)
    CONNECT = ("CONNECT", 1)
    NO_CARRIER = ("NO CARRIER", 3)
    ERROR = ("ERROR", 4)

    def __init__(self, text: str, number: int) -> None:
        self.text = text
        self.number = number


@dataclass(frozen=True, kw_only=True)
class Response:
    """What a handler answers: information lines, raw bytes, then a final result code.

    ``payload`` follows the information text as it is (the data of ``#SSLRECV: <n>``, read by
    count). ``final`` ``None`` ends the command line without a final result code: the answer
    comes later (after the data of a ``prompt``, or when online data state ends). ``prompt``
    writes ``<S3><S4>> `` after the text (telit-ssl-ug §4.4, §5.1.2.1: "the '>' prompt appears").
    """

    lines: tuple[str, ...] = ()
    payload: bytes = b""
    final: ResultCode | None = ResultCode.OK
    prompt: bool = False

    def __post_init__(self) -> None:
        if self.prompt and self.final is not None:
            raise ValueError("a prompt ends the line without a final result code")


def info(*lines: str) -> Response:
    """A response of information text lines followed by OK."""
    return Response(lines=lines)


OK = Response()
PROMPT = Response(final=None, prompt=True)
"""The ``> `` prompt; the command's final result comes once its input is complete."""


def frame_prompt(settings: InstanceSettings) -> bytes:
    """``<S3><S4>> ``: the prompt of commands that read data (telit-ssl-ug §4.7.3: ``> ``)."""
    return (chr(settings.s3) + chr(settings.s4) + "> ").encode("latin-1")


def frame_info(lines: Sequence[str], settings: InstanceSettings) -> bytes:
    """Frame information text.

    V1: ``<S3><S4>line<S3><S4>line...<S3><S4>``; V0: each ``line<S3><S4>`` (V.250 §5.7.3:
    the numeric format drops the header, not the trailer).
    """
    if not lines:
        return b""
    eol = chr(settings.s3) + chr(settings.s4)
    if settings.verbose:
        text = eol + eol.join(lines) + eol
    else:
        text = "".join(line + eol for line in lines)
    return text.encode("latin-1", errors="replace")


def frame_final(final: ResultCode, settings: InstanceSettings) -> bytes:
    """Frame a basic result code: V1 ``<S3><S4>OK<S3><S4>``, V0 ``0<S3>`` (V.250 §5.7.1)."""
    if settings.quiet:  # V.250 §6.2.5: Q1 suppresses result codes, not information text
        return b""
    if settings.verbose:
        eol = chr(settings.s3) + chr(settings.s4)
        return (eol + final.text + eol).encode("latin-1")
    return (str(final.number) + chr(settings.s3)).encode("latin-1")


def frame_extended_result(text: str, settings: InstanceSettings) -> bytes:
    """Frame an extended-syntax result code such as ``+CME ERROR: 4``.

    V.250 §5.7.2: V affects its header and trailer as for basic result codes, but it has no
    numeric form: V0 prints the text followed by S3.
    """
    if settings.quiet:
        return b""
    if settings.verbose:
        eol = chr(settings.s3) + chr(settings.s4)
        return (eol + text + eol).encode("latin-1", errors="replace")
    return (text + chr(settings.s3)).encode("latin-1", errors="replace")


def frame_error(error: CommandError, settings: InstanceSettings) -> bytes:
    """Frame a failed command's final result code according to +CMEE (3GPP TS 27.007 §9.1)."""
    if isinstance(error, CmeError) and settings.cmee == 1:
        return frame_extended_result(f"+CME ERROR: {error.code}", settings)
    if isinstance(error, CmeError) and settings.cmee == 2:
        return frame_extended_result(f"+CME ERROR: {error.text}", settings)
    return frame_final(ResultCode.ERROR, settings)
