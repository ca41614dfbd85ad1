"""Ask a module who it is: the identification commands of its dialect, for the report's header.

Identification is evidence about the run, not a verdict: a command the module answers with an error is
left out, and a module that cannot be asked is reported as "not identified" with the reason. The
exchange gets its own transcript, so that no test's transcript carries it.
"""

from __future__ import annotations

from harness.errors import HarnessError
from harness.modem import Modem
from harness.results import Identity


def identify(modem: Modem, url: str, profile: str | None = None, module: str | None = None) -> Identity:
    """Send the dialect's identification commands on ``modem`` and collect the answers (of the module of
    ``profile``; ``module``: its name in a farm)."""
    answers: dict[str, str] = {}
    error: str | None = None
    with modem.own_transcript(f"identification — {url}") as transcript:
        try:
            for line in modem.dialect.identify:
                r = modem.command(line)
                if r.ok and r.lines:
                    answers[line] = "\n".join(r.lines)
        except HarnessError as e:
            error = str(e)
    return Identity(
        url=url, answers=answers, error=error, transcript=transcript.rendered(), profile=profile, module=module
    )
