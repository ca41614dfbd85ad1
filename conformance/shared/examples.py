"""Every document's example transcripts, run from ``vectors/<folder>/examples.toml``.

One entry per example, keyed by its section::

    ["5.4.2"]
    title = "COMMAND mode"
    source = "telit-ssl-ug §5.4.2"          # where the transcript is printed
    covers = ["5", "5.1.2.1"]               # the other sections its transcript exercises (cited too)
    needs = ["second_instance"]             # capabilities of the profile or target (skipped without)
    errata = ["TSU-14"]                     # errata entries a comparison depends on
    scenario = "push-stay-open"             # a farm scenario: the example dials {server.host}:{server.port}
    app = { kind = "scripted", chunks = ["{answer}"], wait_for_client = "{request.size}" }
    data = { request = "...", answer = { counting = 400 } }
    server_saw = [{ resumed = false }, { resumed = true }]
    timeout = 10.0                          # deadline of each command and wait, seconds
    setup = "..."                           # transcripts (harness/replay.py): setup and teardown unjudged
    transcript = "..."
    teardown = "..."

An example with a ``scenario`` starts where the documents' data examples start ("PDP context
activated, SSL socket enabled and configured"): the shared ``ready`` fixture, then the farm endpoint
through the ``serve`` fixture. ``app`` replaces the scenario's server side: ``echo``, ``scripted``
(``chunks``, ``pause``, ``then``, ``wait_for_client``), ``http`` (``body``, ``status``, ``reason``,
``content_type``) or ``ftps`` (``files``: ``[[name, content]]``). ``data`` names byte strings (text with
``\\r \\n \\t \\xHH`` escapes, ``{ text = "...", times = N }``, or ``{ counting = N }``: bytes 0, 1, ...
255, 0, ...) that the transcript and the app use as ``{name}``, ``{name[a:b]}`` and ``{name.size}``.
``server_saw`` lists, connection by connection, what the server must have recorded
(:class:`servers.recorder.ConnectionRecord` fields: a bool or number is compared, a text is a glob that
``None`` never matches, a list is a sequence of globs the field's entries match in order).

Placeholders: ``{server.*}`` (the endpoint's :class:`servers.endpoint.ServerConfig`), ``{app.*}`` (the
server side), the ``data`` names, and what the document's own function adds from the profile.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import re
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from conformance.shared.servers import recorded
from harness.clauses import Clause
from harness.modem import Modem
from harness.profiles import Profile
from harness.replay import AnyStep, instances, parse, replay, run_setup, unescape
from harness.vectors import load
from servers.apps import App, Echo, Ftps, Http, Scripted, Then
from servers.pytest_plugin import ServerHandle

__all__ = ["Data", "Placeholders", "app_of", "examples", "params", "run", "steps"]

#: The document's own placeholders: ``(profile, server or None) -> {name: value}``.
Placeholders = Callable[[Profile, ServerHandle | None], Mapping[str, object]]

#: Deadline of each command and wait of an example that names none.
DEFAULT_TIMEOUT = 10.0

_ENTRY_KEYS = {
    "title", "source", "covers", "needs", "errata", "scenario", "app", "data", "server_saw", "timeout",
    "setup", "transcript", "teardown",
}  # fmt: skip


class Data(bytes):
    """A named byte string of an example; ``{name.size}`` is its length."""

    @property
    def size(self) -> int:
        """The number of bytes."""
        return len(self)


def examples(folder: str) -> dict[str, dict[str, Any]]:
    """The entries of ``vectors/<folder>/examples.toml``; an unknown key is a ``ValueError`` naming the valid ones."""
    entries = load(f"{folder}/examples")
    for key, entry in entries.items():
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise ValueError(
                f"vectors/{folder}/examples.toml [{key}]: unknown key {', '.join(sorted(unknown))};"
                f" valid keys: {', '.join(sorted(_ENTRY_KEYS))}"
            )
        if "transcript" not in entry or "source" not in entry:
            raise ValueError(f"vectors/{folder}/examples.toml [{key}]: an example needs a source and a transcript")
    return entries


def params(folder: str, document: str) -> list[Any]:
    """One ``pytest.param`` per example, id its key, with its spec marks (source and covers), needs and errata."""
    out = []  # pytest's ParameterSet, which pytest does not export
    for key, entry in examples(folder).items():
        source = Clause.parse(entry["source"])
        if source.doc != document:
            raise ValueError(f"vectors/{folder}/examples.toml [{key}]: source {source} is not in {document}")
        marks: list[pytest.MarkDecorator] = [pytest.mark.spec(document, source.section)]
        marks += [pytest.mark.spec(document, section) for section in entry.get("covers", [])]
        if entry.get("needs"):
            marks.append(pytest.mark.needs(*entry["needs"]))
        if entry.get("errata"):
            marks.append(pytest.mark.erratum(*entry["errata"]))
        out.append(pytest.param(key, marks=marks, id=key))
    return out


def _data(spec: Mapping[str, Any]) -> dict[str, Data]:
    out: dict[str, Data] = {}
    for name, value in spec.items():
        if isinstance(value, str):
            out[name] = Data(unescape(value))
        elif isinstance(value, dict) and set(value) == {"counting"}:
            out[name] = Data(bytes(i % 256 for i in range(int(value["counting"]))))
        elif isinstance(value, dict) and set(value) == {"text", "times"}:
            out[name] = Data(unescape(value["text"]) * int(value["times"]))
        else:
            raise ValueError(f"data {name!r}: a text, {{ text, times }} or {{ counting }}, not {value!r}")
    return out


def _fill(value: Any, data: Mapping[str, Data]) -> Any:
    """A text of the app table with ``{name}`` / ``{name.size}`` of ``data`` filled (bytes for ``{name}`` alone)."""
    if not isinstance(value, str):
        return value
    whole = re.fullmatch(r"\{(\w+)\}", value)
    if whole and whole[1] in data:
        return data[whole[1]]
    size = re.fullmatch(r"\{(\w+)\.size\}", value)
    if size and size[1] in data:
        return data[size[1]].size
    if "{" in value:
        raise ValueError(f"app: {value!r}: only {{name}} and {{name.size}} of the example's data ({', '.join(data)})")
    return unescape(value)


def _app(spec: Mapping[str, Any] | None, scenario_app: App, data: Mapping[str, Data]) -> App | None:
    """The example's server side, or None to keep the scenario's."""
    if spec is None:
        return None
    fields = {k: _fill(v, data) for k, v in spec.items() if k != "kind"}
    kind = spec.get("kind")
    if kind == "echo":
        return Echo()
    if kind == "scripted":
        chunks = tuple(_fill(c, data) for c in spec.get("chunks", []))
        return Scripted(
            chunks=chunks,
            pause=float(fields.get("pause", 0.0)),
            then=Then(spec.get("then", "close")),
            wait_for_client=int(fields.get("wait_for_client", 0)),
        )
    if kind == "http":
        base = scenario_app if isinstance(scenario_app, Http) else Http()
        changes = {k: v for k, v in spec.items() if k != "kind"}
        if "body" in changes:
            changes["body"] = _fill(changes["body"], data)
        return dataclasses.replace(base, **changes)
    if kind == "ftps":
        base_ftps = scenario_app if isinstance(scenario_app, Ftps) else Ftps()
        files = tuple((str(name), _fill(content, data)) for name, content in spec.get("files", []))
        return dataclasses.replace(base_ftps, files=files)
    raise ValueError(f"app kind {kind!r}: one of echo, scripted, http, ftps")


def _matches(want: object, got: object) -> bool:
    if isinstance(want, bool) or isinstance(want, int | float):
        return got == want
    if isinstance(want, str):
        return got is not None and fnmatch.fnmatchcase(str(got), want)
    if isinstance(want, list):
        entries = iter(got if isinstance(got, list | tuple) else ())
        return all(any(fnmatch.fnmatchcase(str(e), str(w)) for e in entries) for w in want)
    raise ValueError(f"server_saw: {want!r} is not a bool, number, text or list")


def _check_records(server: ServerHandle, expected: list[Mapping[str, Any]], source: str) -> None:
    records = recorded(server).wait_for(len(expected))
    for i, (want, record) in enumerate(zip(expected, records, strict=False), 1):
        for name, value in want.items():
            got = getattr(record, name)
            assert _matches(value, got), (
                f"{source}: connection {i}: the server recorded {name} = {got!r}, the example needs {value!r};"
                f" {record.describe()}"
            )


def app_of(entry: Mapping[str, Any], data: Mapping[str, Data]) -> App:
    """The server side of an example with a scenario: its ``app`` table, else the scenario's own."""
    from servers.scenarios import by_id

    scenario_app = by_id(entry["scenario"]).app
    return _app(entry.get("app"), scenario_app, data) or scenario_app


def steps(
    entry: Mapping[str, Any], profile: Profile, server: ServerHandle | None, placeholders: Placeholders
) -> dict[str, list[AnyStep]]:
    """The example's ``setup``, ``transcript`` and ``teardown``, parsed with every placeholder filled."""
    data = _data(entry.get("data", {}))
    values: dict[str, object] = dict(data)
    if server is not None:
        values["server"] = server.config
        values["app"] = app_of(entry, data)
    values.update(placeholders(profile, server))
    return {part: parse(entry.get(part, ""), values) for part in ("setup", "transcript", "teardown")}


def run(
    folder: str,
    key: str,
    request: pytest.FixtureRequest,
    profile: Profile,
    placeholders: Placeholders,
    *,
    tolerate_period: bool = False,
) -> None:
    """Bring the module to the example's starting state, replay the example line for line, put it back."""
    entry = examples(folder)[key]
    used = set().union(*(instances(entry.get(part, "")) for part in ("setup", "transcript", "teardown")))
    modems: dict[int, Modem] = {1: request.getfixturevalue("modem")}
    if 2 in used:
        modems[2] = request.getfixturevalue("modem2")
    server: ServerHandle | None = None
    if "scenario" in entry:
        request.getfixturevalue("ready")
        serve: Callable[..., ServerHandle] = request.getfixturevalue("serve")
        app = app_of(entry, _data(entry.get("data", {}))) if "app" in entry else None
        server = serve(entry["scenario"], app=app) if app is not None else serve(entry["scenario"])
    parts = steps(entry, profile, server, placeholders)
    timeout = float(entry.get("timeout", DEFAULT_TIMEOUT))
    run_setup(parts["setup"], modems, timeout=timeout)
    try:
        replay(
            parts["transcript"],
            modems,
            entry["source"],
            tolerate_period=tolerate_period,
            timeout=timeout,
            observe=request.getfixturevalue("observe"),
        )
        if server is not None and entry.get("server_saw"):
            _check_records(server, entry["server_saw"], entry["source"])
    finally:
        run_setup(parts["teardown"], modems, timeout=timeout)
