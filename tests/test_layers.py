"""The layers hold (ARCHITECTURE.md "Layout" and "Five documents, one architecture").

1. The import-linter contracts of pyproject.toml (``[tool.importlinter]``, also run by ``.ci/run``): the harness
   imports only the standard library, pyserial and pytest; tools above conformance above harness and servers;
   emulator and faults independent of each other and of the suite.
2. No import between the emulator and faults runs at import time (the contract above has to ignore the lazy
   imports of the embedded scheme's fault chain; this checks they stay lazy).
3. Generic code names no vendor command: the commands a document's vectors list (``commands`` and ``uses`` of
   ``vectors/<folder>/killmatrix.toml``) appear only in that vendor's own places (its dialect tables
   ``harness/dialects/<vendor>.py`` and ``faults/dialects/<vendor>.py``, ``emulator/<vendor>/``, the document's
   suite), never elsewhere in ``harness/``, ``servers/``, ``faults/``, the emulator core, ``tools/`` or the
   shared fixtures (``conformance/conftest.py``, ``conformance/shared/``, ``conformance/tls/``).
   Code counts wherever the name is (string literals included: a regex, a source text); comments and
   docstrings count too, except where the comment, docstring line or string literal that holds the name also
   cites a clause (``telit-ssl-ug §5.1.2.2.2 SSLSRING``): naming the command beside the clause it comes from
   is part of the citation, while an example of a vendor's form without one belongs with that vendor's
   tables. The vendor of a document is the first word of its id (``telit`` of ``telit-ssl-ug``), as the
   documents' ids are written (../shared/specs/INDEX.md).
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.profiles import DOCUMENTS
from tools.killmatrix.documents import plans

ROOT = Path(__file__).resolve().parents[1]

#: The generic places, each a list of (folder or file) relative to the root.
GENERIC: dict[str, tuple[str, ...]] = {
    "harness": ("harness",),
    "servers": ("servers",),
    "faults": ("faults",),
    "emulator core": ("emulator",),
    "tools": ("tools",),
    "shared fixtures": ("conformance/conftest.py", "conformance/shared", "conformance/tls"),
}


def vendor(document: str) -> str:
    """``telit`` of ``telit-ssl-ug``."""
    return document.split("-", 1)[0]


def own_places(vendor_name: str) -> tuple[Path, ...]:
    """Where a vendor's command names belong, of the generic folders: its dialect tables (the harness's and the
    fault link's, ``<layer>/dialects/<vendor>.py`` or a package of that name) and its emulator."""
    return (
        ROOT / "harness" / "dialects" / f"{vendor_name}.py",
        ROOT / "harness" / "dialects" / vendor_name,
        ROOT / "faults" / "dialects" / f"{vendor_name}.py",
        ROOT / "faults" / "dialects" / vendor_name,
        ROOT / "emulator" / vendor_name,
    )


def vendor_names() -> dict[str, set[str]]:
    """Vendor → the command names its documents' vectors list."""
    out: dict[str, set[str]] = {}
    for plan in plans():
        out.setdefault(vendor(plan.document), set()).update(plan.commands, plan.uses)
    return out


def pattern(names: set[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole name: ``#SSLSECCFG`` is not found in ``#SSLSECCFG2``; a name that starts with
    a letter (``SSLSRING``) is not found inside a longer word."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        before = r"(?<![A-Za-z0-9_])" if name[0].isalnum() else ""
        parts.append(before + re.escape(name) + r"(?![A-Za-z0-9_])")
    return re.compile("|".join(parts))


def python_files(places: tuple[str, ...]) -> Iterator[Path]:
    for place in places:
        path = ROOT / place
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(path.rglob("*.py"))


def test_the_import_contracts_hold() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(no_cache=True, no_logo=True))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "ModuleNotFoundError: No module named 'importlinter'" not in proc.stderr, (
        "import-linter is not installed: pip install -e '.[dev]'"
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout, proc.stdout[-6000:]


def _imports_at_import_time(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) of each import the module runs when imported: at module level, in any ``if``/``try``
    there, but not under ``if TYPE_CHECKING:`` nor inside a function or a class body's methods."""

    def walk(body: list[ast.stmt]) -> Iterator[tuple[int, str]]:
        for node in body:
            if isinstance(node, ast.Import):
                yield from ((node.lineno, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield node.lineno, node.module
            elif isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if test not in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                    yield from walk(node.body)
                yield from walk(node.orelse)
            elif isinstance(node, ast.Try):
                for part in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                    yield from walk(part)
            elif isinstance(node, ast.ClassDef):
                yield from walk(node.body)

    yield from walk(tree.body)


@pytest.mark.parametrize(("source", "target"), [("emulator", "faults"), ("faults", "emulator")])
def test_emulator_and_faults_do_not_import_each_other_at_import_time(source: str, target: str) -> None:
    found = []
    for path in sorted((ROOT / source).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imports_at_import_time(tree):
            if module == target or module.startswith(target + "."):
                found.append(f"{path.relative_to(ROOT)}:{line}: import {module}")
    for entry in found:
        print(entry)
    assert not found, f"{source} imports {target} at import time:\n" + "\n".join(found)


def test_the_vendor_names_come_from_the_vectors() -> None:
    names = vendor_names()
    assert {"#SSLEN", "SSLSRING", "#HTTPQRY", "#FTPOPEN", "#SGACT", "#SCFG", "#PORTCFG", "#SELINT"} <= names["telit"]
    found = pattern(names["telit"])
    assert found.search("AT#SSLSECCFG2=1,3") and found.search("SSLSRING: 1,5")
    assert not pattern({"#SSLSECCFG"}).search("AT#SSLSECCFG2?") and not pattern({"SSLSRING"}).search("XSSLSRING")


#: A clause citation: a document id, then ``§`` (``telit-ssl-ug §4.1``).
CITATION = re.compile("(?:" + "|".join(re.escape(d) for d in DOCUMENTS) + r") §")


def _segments(text: str) -> dict[int, list[tuple[int, int]]]:
    """Line → the (start, end) columns of the comments and string literals (docstrings included) on it."""
    lines = text.splitlines()
    out: dict[int, list[tuple[int, int]]] = {}
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type not in (tokenize.COMMENT, tokenize.STRING):
            continue
        (first, col), (last, end) = tok.start, tok.end
        for number in range(first, last + 1):
            start = col if number == first else 0
            stop = end if number == last else len(lines[number - 1])
            out.setdefault(number, []).append((start, stop))
    return out


def offences(path: Path, search: re.Pattern[str]) -> Iterator[tuple[int, list[str], str]]:
    """(line, names, text) of each line of ``path`` that names a command, except where the comment, docstring
    line or string literal the name sits in also cites a clause."""
    text = path.read_text(encoding="utf-8")
    segments = _segments(text)
    for number, line in enumerate(text.splitlines(), start=1):
        names = []
        for match in search.finditer(line):
            around = [line[a:b] for a, b in segments.get(number, []) if a <= match.start() < b]
            if not (around and CITATION.search(around[0])):
                names.append(match.group(0))
        if names:
            yield number, sorted(set(names)), line.strip()


def test_a_citation_excuses_a_name_in_the_same_comment_docstring_line_or_string_only(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Reads ``#SSLEN: 1,0`` (telit-ssl-ug §4.1)\n'
        'and ``#SSLEN: 1,1`` on a line without one."""\n'
        "# telit-ssl-ug §5.1.2.2.2: SSLSRING mode 2\n"
        "# SSLSRING without a citation\n"
        'HEADER = "SSLSRING:"  # telit-ssl-ug §5.1.2.2.2\n'
        'SOURCE = "telit-ssl-ug §5.1.2.2.2 SSLSRING"\n',
        encoding="utf-8",
    )
    found = [(n, names) for n, names, _ in offences(sample, pattern({"#SSLEN", "SSLSRING"}))]
    assert found == [(2, ["#SSLEN"]), (4, ["SSLSRING"]), (5, ["SSLSRING"])]


@pytest.mark.parametrize("area", list(GENERIC))
def test_generic_code_names_no_vendor_command(area: str) -> None:
    offending = []
    for vendor_name, names in sorted(vendor_names().items()):
        allowed = own_places(vendor_name)
        search = pattern(names)
        for path in python_files(GENERIC[area]):
            if any(path == place or place in path.parents for place in allowed):
                continue
            for number, hits, line in offences(path, search):
                offending.append(f"{path.relative_to(ROOT)}:{number}: {', '.join(hits)} ({vendor_name}): {line}")
    for entry in offending:
        print(entry)
    assert not offending, f"{len(offending)} vendor command name(s) in {area}:\n" + "\n".join(offending)
