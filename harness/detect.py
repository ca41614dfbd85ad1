"""``--profile auto``: which profile a module is, from what it answers to its identification commands.

The module is asked the generic identification first: V.250 ``ATI`` (§6.1.3) and 3GPP TS 27.007 §5.1-§5.3
``+CGMI`` (manufacturer), ``+CGMM`` (model), ``+CGMR`` (revision); telit-ssl-ug §4.3.1 shows a module
answering ``AT+CGMM`` with its bare model name (``HE910``). Only when that names no profile are the
dialects' own identification commands (:attr:`harness.dialects.Dialect.identify`) asked too.

The answers are matched against the profiles' data, never against vendor names in code:

- a profile's model answers are its ``model`` and the optional ``model_answers`` list of its entry in
  ``vectors/<folder>/profiles.toml`` (other strings a firmware prints for the same module);
- the optional ``manufacturer`` of the entry must agree with ``+CGMI`` when the module answers it.

The answer to ``+CGMM`` is tried first (a whole line equal to a model answer, case and runs of blanks
aside, a ``+CGMM:`` prefix and quotes dropped), then every line of every answer, then a model answer
standing as a word inside a line (``Telit HE910``). The first of these that names profiles decides: one
profile is chosen; several are an :class:`AmbiguousModule` naming them; none at all is an
:class:`UnknownModule` that lists what the module answered and the known profiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from harness.dialects import Dialect
from harness.errors import HarnessError, TargetSilent
from harness.link import Link
from harness.modem import Modem
from harness.profiles import Profile
from harness.transcript import Transcript

__all__ = [
    "GENERIC",
    "AmbiguousModule",
    "Detection",
    "NotDetected",
    "UnknownModule",
    "choose",
    "detect",
    "detection_of",
    "model_answers",
]

#: V.250 §6.1.3 and 3GPP TS 27.007 §5.1-§5.3, asked of any module first.
GENERIC: tuple[str, ...] = ("ATI", "AT+CGMI", "AT+CGMM", "AT+CGMR")
MODEL_COMMAND = "AT+CGMM"
MANUFACTURER_COMMAND = "AT+CGMI"

#: The dialect the detection speaks before it knows the module's: V.250 and 27.007 result codes only.
_GENERIC_DIALECT = Dialect(name="generic identification")


class NotDetected(HarnessError):
    """``--profile auto`` could not choose a profile; the message says what the module answered."""

    blame = "target"


class UnknownModule(NotDetected):
    """The answers name no known profile."""


class AmbiguousModule(NotDetected):
    """The answers name more than one profile."""


@dataclass(frozen=True)
class Detection:
    """The profile chosen for the module at ``url``, and why."""

    profile: Profile
    url: str
    #: Command -> its answer's lines joined (a command answered with an error is absent).
    answers: dict[str, str]
    #: One sentence: which answer named which profile (results.json ``targets.profile_chosen_by``).
    reason: str
    transcript: str = ""
    #: The command lines sent, in order (the first ``AT`` included).
    asked: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """results.json ``targets.detection`` (docs/RESULTS.md): the URL asked, the commands in the order they
        were sent, what each answered (one refused is absent), the profile chosen and why, and the exchange."""
        return {
            "url": self.url,
            "asked": list(self.asked),
            "answers": self.answers,
            "profile": self.profile.name,
            "reason": self.reason,
            "transcript": self.transcript,
        }


def _norm(text: str) -> str:
    return " ".join(text.split()).upper()


def _lines(command: str, text: str) -> list[str]:
    """The answer's lines, without the ``+CGMM:`` style prefix some firmwares print and without quotes."""
    name = command.removeprefix("AT").upper()
    out = []
    for line in text.splitlines():
        line = line.strip()
        if name.startswith("+") and line.upper().startswith(name + ":"):
            line = line[len(name) + 1 :].strip()
        line = line.strip('"').strip()
        if line:
            out.append(line)
    return out


def model_answers(profile: Profile) -> tuple[str, ...]:
    """What a module of ``profile`` may answer to ``+CGMM``: its ``model`` and its ``model_answers``."""
    extra = profile.data.get("model_answers", [])
    if not isinstance(extra, list) or not all(isinstance(a, str) for a in extra):
        raise ValueError(f"profile {profile.name}: model_answers must be a list of strings, not {extra!r}")
    return (profile.model, *extra)


def _manufacturer_agrees(profile: Profile, answers: Mapping[str, str]) -> bool:
    wanted = profile.data.get("manufacturer")
    said = answers.get(MANUFACTURER_COMMAND)
    if not wanted or not said:
        return True  # nothing to compare: the model alone decides
    return re.search(rf"(?<!\w){re.escape(_norm(str(wanted)))}(?!\w)", _norm(said)) is not None


def _tiers(answers: Mapping[str, str]) -> Iterable[tuple[str, str, bool]]:
    """(command, line, whole line?) in the order they are tried: +CGMM's lines, every line, words in lines."""
    if MODEL_COMMAND in answers:
        yield from ((MODEL_COMMAND, line, True) for line in _lines(MODEL_COMMAND, answers[MODEL_COMMAND]))
    yield ("", "", True)  # a tier boundary
    for command, text in answers.items():
        yield from ((command, line, True) for line in _lines(command, text))
    yield ("", "", True)
    for command, text in answers.items():
        yield from ((command, line, False) for line in _lines(command, text))


def _matches(profile: Profile, line: str, whole: bool) -> str | None:
    for answer in model_answers(profile):
        wanted = _norm(answer)
        if whole and _norm(line) == wanted:
            return answer
        if not whole and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", _norm(line)):
            return answer
    return None


def _describe(answers: Mapping[str, str]) -> str:
    if not answers:
        return "nothing (every identification command was refused)"
    return "; ".join(f"{command} -> {' | '.join(text.splitlines())!r}" for command, text in answers.items())


def _known(profiles: Mapping[str, Profile]) -> str:
    return ", ".join(f"{name} ({' / '.join(model_answers(p))})" for name, p in sorted(profiles.items()))


def choose(answers: Mapping[str, str], profiles: Mapping[str, Profile]) -> tuple[Profile, str]:
    """The profile the ``answers`` (command -> text) name, and the sentence that says why.

    Raises :class:`AmbiguousModule` when the first tier that names any profile names several, and
    :class:`UnknownModule` when none does (both messages list the answers and the known profiles)."""
    found: dict[str, tuple[Profile, str, str, str]] = {}
    refused: list[str] = []
    for command, line, whole in _tiers(answers):
        if not command:
            if found:
                break
            continue
        for name, profile in profiles.items():
            answer = _matches(profile, line, whole)
            if answer is None or name in found:
                continue
            if not _manufacturer_agrees(profile, answers):
                refused.append(
                    f"{command} {line!r} is the model of {name}, but {MANUFACTURER_COMMAND} answered "
                    f"{answers[MANUFACTURER_COMMAND]!r}, not {profile.data['manufacturer']!r}"
                )
                continue
            found[name] = (profile, command, line, answer)
    if len(found) == 1:
        ((name, (profile, command, line, answer)),) = found.items()
        how = "is" if _norm(line) == _norm(answer) else "names"
        agree = ""
        if profile.data.get("manufacturer") and answers.get(MANUFACTURER_COMMAND):
            agree = f", and {MANUFACTURER_COMMAND} answered {answers[MANUFACTURER_COMMAND]!r}"
        return profile, f"detected: {command} answered {line!r}, which {how} the model {answer!r} of {name}{agree}"
    if found:
        names = sorted(found)
        raise AmbiguousModule(
            f"--profile auto: the module's answers fit {len(names)} profiles: "
            + "; ".join(f"{n} ({found[n][1]} {found[n][2]!r})" for n in names)
            + f". The module answered: {_describe(answers)}. Name one with --profile."
        )
    why = f" ({'; '.join(dict.fromkeys(refused))})" if refused else ""
    raise UnknownModule(
        f"--profile auto: no known profile fits this module{why}. It answered: {_describe(answers)}. "
        f"Known profiles (model answers): {_known(profiles)}. Name one with --profile, or add the module's "
        "model to its profile (vectors/<folder>/profiles.toml: model, model_answers)."
    )


def _ask(modem: Modem, commands: Iterable[str], answers: dict[str, str], asked: list[str]) -> None:
    for line in commands:
        if line in answers:
            continue
        asked.append(line)
        r = modem.command(line)
        if r.ok and r.lines:
            answers[line] = "\n".join(r.lines)


def detect(url: str, profiles: Mapping[str, Profile], timeout: float) -> Detection:
    """Open ``url``, check that it answers ``AT``, ask who it is and choose among ``profiles``.

    Raises :class:`~harness.errors.LinkError` when the link does not open, :class:`~harness.errors.TargetSilent`
    when the module does not answer, and :class:`NotDetected` when its answers name no single profile.
    The link is closed before returning."""
    transcript = Transcript(name=f"profile detection — {url}")
    link = Link(url, transcript)
    modem = Modem(link=link, dialect=_GENERIC_DIALECT, timeout=timeout, name="detection")
    answers: dict[str, str] = {}
    asked = ["AT"]
    try:
        try:
            r = modem.command("AT")
        except TargetSilent:
            # As the session's sanity check does (harness/plugin/targets.py): a sleeping module may swallow
            # the first AT; a slow one answers it late, and that late OK is dropped before going on.
            modem.engine.abandon()
            asked.append("AT")
            r = modem.command("AT")
            modem.settle(quiet=2 * timeout, limit=4 * timeout)
        if not r.ok:
            raise NotDetected(f"--profile auto: {url} answered AT with {r.final.text!r}, not OK")
        _ask(modem, GENERIC, answers, asked)
        try:
            profile, reason = choose(answers, profiles)
        except UnknownModule:
            # The generic commands named nothing: ask what the known dialects ask of their own modules.
            own = sorted({c for p in profiles.values() for c in p.dialect.identify} - set(GENERIC))
            _ask(modem, own, answers, asked)
            profile, reason = choose(answers, profiles)
    finally:
        modem.close()
    found = Detection(
        profile=profile, url=url, answers=answers, reason=reason, transcript=transcript.rendered(), asked=tuple(asked)
    )
    _DETECTIONS[url] = found
    return found


#: The detections made in this process, by URL: the run's record shows the exchange that chose the profile
#: (results.json ``targets.detection``, the HTML report's header).
_DETECTIONS: dict[str, Detection] = {}


def detection_of(url: str | None) -> Detection | None:
    """The detection made in this process of the module at ``url``, if any."""
    return None if url is None else _DETECTIONS.get(url)
