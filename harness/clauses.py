"""One type for a clause of a document: ``Clause("telit-ssl-ug", "4.2.2")``, written ``telit-ssl-ug §4.2.2``.

Spec marks (``@pytest.mark.spec(doc, section)``), ``results.json`` clause strings, the errata's and the
defects' ``source``/``clause`` texts and the kill matrix all speak of clauses; they parse and print them
here, once. A section is what the document numbers (``4.2.2``), possibly followed by words it uses for
an unnumbered part (``2.2 Tab. 3``, ``Appendix``): those words are kept in ``section`` but do not count for
containment, which is by numbered prefix (a test of §5 is a test of §5.2 too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Clause", "parse_clauses"]

_SECTION = re.compile(r"§\s*([0-9A-Za-z][0-9A-Za-z.]*)")


@dataclass(frozen=True, order=False)
class Clause:
    """A section of one document."""

    doc: str
    section: str

    @classmethod
    def parse(cls, text: str) -> Clause:
        """``"telit-ssl-ug §4.2.2"`` → ``Clause("telit-ssl-ug", "4.2.2")``; anything else is a ``ValueError``."""
        doc, sep, section = text.strip().partition(" §")
        if not sep or not doc or not section.strip() or " " in doc:
            raise ValueError(f"not a clause {text!r}: expected '<document id> §<section>'")
        return cls(doc, section.strip())

    def __str__(self) -> str:
        return f"{self.doc} §{self.section}"

    @property
    def number(self) -> str:
        """The numbered part of the section (``"8.2"`` of ``"8.2 Tab. 4"``), without a trailing dot."""
        return self.section.split()[0].rstrip(".") if self.section.split() else ""

    def contains(self, other: Clause) -> bool:
        """True when ``other`` is this section or one of its subsections, in the same document."""
        if self.doc != other.doc:
            return False
        mine, theirs = self.number, other.number
        return theirs == mine or theirs.startswith(mine + ".")

    def sort_key(self) -> tuple[str, tuple[tuple[int, str], ...]]:
        """Document order: §4.10 after §4.9, headings before numbers."""
        parts = tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.\s]", self.section) if p)
        return self.doc, parts


def parse_clauses(text: str) -> frozenset[Clause]:
    """A free text of clauses, as the defects and errata write them:
    ``"telit-ssl-ug §4.2.2, §4.3.1; telit-gsm-ssl §5"`` → three clauses.

    Groups are separated by ``;``; each starts with its document id; words after a section
    (``§8.2 Tab. 4``, ``(docs/DECISIONS-issue2.md D5)``) are ignored.
    """
    out: set[Clause] = set()
    for group in text.split(";"):
        words = group.split()
        if not words:
            continue
        for section in _SECTION.findall(group):
            out.add(Clause(words[0], section.rstrip(".")))
    return frozenset(out)


def cites_any(clauses: Iterable[Clause], broken: Iterable[Clause]) -> bool:
    """True when one of ``clauses`` is one of ``broken`` or a section containing one."""
    targets = tuple(broken)
    return any(c.contains(b) for c in clauses for b in targets)
