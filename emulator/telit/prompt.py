"""The Telit prompt: ``<CR><LF>> `` before the data of a command (telit-ssl-ug §4.4, §4.7.3,
§5.1.2.1: "the '>' prompt appears"; the transcripts print a space after it)."""

from __future__ import annotations

from typing import Final

from emulator.core.results import Prompt, Response, prompting

TELIT_PROMPT: Final = Prompt(text="> ")

PROMPT: Final[Response] = prompting(TELIT_PROMPT)
"""Answer of a command that reads data: the ``> `` prompt, its final result after the input."""
