"""Responses of handlers and their framing on the wire (V.250 §5.7, 3GPP TS 27.007 §9.1).

The core's vocabulary, open to every dialect:

- :class:`ResultCode`: a final result code as a value, its verbose text and, where V.250 gives
  one, its numeric code. The four basic codes the core itself uses are class attributes
  (``ResultCode.OK``...); a dialect makes its own finals (``ResultCode("SEND OK")``,
  ``ResultCode("1, CLOSE OK")``). Under ATV0 a final without a numeric code is printed as its
  verbose text followed by S3, the rule V.250 §5.7.2 gives extended-syntax result codes, which
  have no numeric form either (emulator/README.md "Result codes").
- :class:`Prompt`: what a command prints when it waits for data: a ``>`` with or without a
  space after the line header, or a whole result-code line such as ``CONNECT``.
- :class:`Response`: information lines, raw bytes, then a final result code or a prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from emulator.core.errors import CmeError, CommandError
from emulator.core.settings import InstanceSettings


@dataclass(frozen=True)
class ResultCode:
    """A final result code: verbose text and, where V.250 §5.7.1 Table 1 has one, its number.

    Values compare by content, so a dialect's ``ResultCode("OK", 0)`` is ``ResultCode.OK``'s
    equal. ``number`` ``None`` is a vendor final (``SEND OK``, ``CLOSE OK``, ``DEACT OK``).
    """

    text: str
    number: int | None = None

    OK: ClassVar[ResultCode]
    CONNECT: ClassVar[ResultCode]
    NO_CARRIER: ClassVar[ResultCode]
    ERROR: ClassVar[ResultCode]

    def __post_init__(self) -> None:
        if not self.text or any(c in self.text for c in "\r\n"):
            raise ValueError(f"a result code is one non-empty line, not {self.text!r}")
        if self.number is not None and not 0 <= self.number <= 255:
            raise ValueError(f"{self.text}: numeric result codes are 0-255, not {self.number}")


# V.250 §5.7.1 Table 1: the basic result codes the core itself answers.
ResultCode.OK = ResultCode("OK", 0)
ResultCode.CONNECT = ResultCode("CONNECT", 1)
ResultCode.NO_CARRIER = ResultCode("NO CARRIER", 3)
ResultCode.ERROR = ResultCode("ERROR", 4)


@dataclass(frozen=True, kw_only=True)
class Prompt:
    """What a command prints when it waits for the DTE's data.

    ``line`` ``False``: ``<S3><S4>`` then ``text`` with no trailer (``"> "``, ``">"``), printed
    whatever ATV and ATQ say, as the documents' transcripts show it. ``line`` ``True``: ``text`` is
    an intermediate result code framed like a final one (``CONNECT`` before an upload: V1
    ``<S3><S4>CONNECT<S3><S4>``, V0 its ``number`` or text then S3, nothing under ATQ1).
    """

    text: str
    line: bool = False
    number: int | None = None

    def __post_init__(self) -> None:
        if not self.text or any(c in self.text for c in "\r\n"):
            raise ValueError(f"a prompt is one non-empty line, not {self.text!r}")


@dataclass(frozen=True, kw_only=True)
class Response:
    """What a handler answers: information lines, raw bytes, then a final result code.

    ``payload`` follows the information text as it is (the data of a length-prefixed read, by
    count). ``final`` ``None`` ends the command line without a final result code: the answer
    comes later (after the data of a ``prompt``, or when online data state ends). ``prompt`` is
    written after the text; the command's final result comes once its input is complete.
    """

    lines: tuple[str, ...] = ()
    payload: bytes = b""
    final: ResultCode | None = ResultCode.OK
    prompt: Prompt | None = None

    def __post_init__(self) -> None:
        if self.prompt is not None and self.final is not None:
            raise ValueError("a prompt ends the line without a final result code")


def info(*lines: str) -> Response:
    """A response of information text lines followed by OK."""
    return Response(lines=lines)


def final(code: ResultCode, *lines: str) -> Response:
    """Information text lines (if any) followed by the final result ``code`` (``SEND OK``)."""
    return Response(lines=lines, final=code)


def prompting(prompt: Prompt) -> Response:
    """A response that prints ``prompt`` and waits for the command's input."""
    return Response(final=None, prompt=prompt)


OK = Response()


def frame_prompt(prompt: Prompt, settings: InstanceSettings) -> bytes:
    """Frame a prompt (see :class:`Prompt`)."""
    if prompt.line:
        return frame_final(ResultCode(prompt.text, prompt.number), settings)
    return (chr(settings.s3) + chr(settings.s4) + prompt.text).encode("latin-1")


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
    """Frame a final result code: V1 ``<S3><S4>OK<S3><S4>``, V0 ``0<S3>`` (V.250 §5.7.1).

    A final with no numeric code is framed under V0 as an extended-syntax result code, its text
    then S3 (V.250 §5.7.2; emulator/README.md "Result codes").
    """
    if final.number is None:
        return frame_extended_result(final.text, settings)
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


def frame_payload_urc(header: str, payload: bytes, settings: InstanceSettings, *,
                      inline: bool) -> bytes:
    """Frame a URC that carries raw bytes (information text framing, V.250 §5.7.1).

    ``inline``: the bytes follow the header on the same line, then the trailer (``<hdr><data>``
    as a one-line URC). Otherwise the header is a whole line and exactly the payload's bytes
    follow it, unframed (``<S3><S4><hdr><S3><S4><data>``), read by the count the header gives.
    """
    eol = (chr(settings.s3) + chr(settings.s4)).encode("latin-1")
    head = header.encode("latin-1", errors="replace")
    if inline:
        return eol + head + payload + eol
    return frame_info((header,), settings) + payload
