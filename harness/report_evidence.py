"""The evidence of one test in the HTML report: verdict, clauses, observations, the failure, the AT
transcripts (control bytes marked up) and what each TLS server recorded.

It replaces pytest-html's plain log of the row. pytest-html puts the log into the page with
``innerHTML`` after wrapping every line that starts with ``E`` in a span, so the HTML built here has
no literal newline: newlines inside ``<pre>`` are written ``&#10;``.
"""

from __future__ import annotations

import re
from html import escape

import pytest

from harness.vectors import load_merged

_TRANSCRIPT = "AT transcript: "
_SERVER = "TLS server: "


def pre(text: str, cls: str = "") -> str:
    """``text`` in a ``<pre>``, escaped, with no literal newline; lines starting ``E`` marked as errors."""
    lines = []
    for line in text.rstrip("\n").split("\n"):
        e = escape(line)
        lines.append(f'<span class="error">{e}</span>' if re.match(r"E(\s|$)", line) else e)
    attr = f' class="{cls}"' if cls else ""
    return f"<pre{attr}>{'&#10;'.join(lines)}</pre>"


def _details(title: str, body: str, cls: str, opened: bool = True) -> str:
    return f'<details class="{cls}"{" open" if opened else ""}><summary>{escape(title)}</summary>{body}</details>'


def _errata_links(ids: list[str]) -> str:
    errata = load_merged("errata")
    out = []
    for entry in ids:
        data = errata.get(entry, {})
        tip = f"{data.get('issue', '')} Decision: {data.get('decision', '')}"
        out.append(f'<abbr class="erratum" title="{escape(tip)}">{escape(entry)}</abbr>')
    return ", ".join(out)


def evidence(report: pytest.TestReport, verdict: str) -> str:
    """The evidence block of one row of the results table."""
    props = report.user_properties
    clauses = [str(v) for k, v in props if k == "spec"]
    errata = [e for k, v in props if k == "errata" for e in str(v).split(", ") if e]
    first = {k: v for k, v in reversed(props)}
    head = [f'<span class="verdict v-{verdict.replace(" ", "-")}">{escape(verdict)}</span>']
    if clauses and clauses[0]:
        head.append(f'<span class="clauses">{escape(clauses[0])}</span>')
    if errata:
        head.append(f'<span class="errata">errata {_errata_links(errata)}</span>')
    if "profile" in first:
        head.append(f'<span class="profile">profile {escape(str(first["profile"]))}</span>')
    if "module" in first:
        head.append(f'<span class="module">module {escape(str(first["module"]))}</span>')
    if "target" in first:
        head.append(f'<span class="target">{escape(str(first["target"]))}</span>')
    if "blame" in first:
        head.append(f'<span class="blame">blame: {escape(str(first["blame"]))}</span>')
    parts = [f'<div class="evidence"><div class="ev-head">{" ".join(head)}</div>']
    observations = [str(v) for k, v in props if k == "observation"]
    if observations:
        items = "".join(f"<li>{escape(o)}</li>" for o in observations)
        parts.append(f'<div class="observations"><b>Observed (not a verdict):</b><ul>{items}</ul></div>')
    if report.longrepr is not None and report.outcome != "passed":
        text = report.longreprtext
        if report.skipped and isinstance(report.longrepr, tuple):
            text = str(report.longrepr[2])
        parts.append(pre(text, "failure"))
    html_transcripts = dict(getattr(report, "transcripts_html", []))
    for title, content in report.sections:
        if title.startswith(_TRANSCRIPT):
            body = html_transcripts.get(title) or pre(content)
            parts.append(_details(title, body, "transcript-block"))
        elif title.startswith(_SERVER):
            parts.append(_details(title, pre(content, "server-record"), "server-block"))
        else:
            parts.append(_details(title, pre(content), "captured", opened=False))
    parts.append("</div>")
    return "".join(parts)
