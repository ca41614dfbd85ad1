"""emulator/README.md names every defect of the catalog, with its commands and clause: the README is where an
emulator author or a buyer reading a kill matrix looks a defect up."""

from __future__ import annotations

from pathlib import Path

from emulator.defects import DEFECTS

README = Path(__file__).resolve().parents[2] / "emulator" / "README.md"


def test_every_defect_has_a_row_in_the_readme() -> None:
    rows = {line.split("|")[1].strip().strip("`"): line for line in README.read_text(encoding="utf-8").splitlines()
            if line.startswith("| `")}  # fmt: skip
    missing = sorted(set(DEFECTS) - rows.keys())
    assert not missing, f"emulator/README.md has no row for {missing}"
    wrong = sorted(n for n, d in DEFECTS.items() if d.clause not in rows[n])
    assert not wrong, f"emulator/README.md cites another clause than the catalog for {wrong}"
