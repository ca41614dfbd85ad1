"""Where the tools write: a new folder per run under ``reports/``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path


def new_folder(reports: Path) -> Path:
    """A new ``reports/<UTC time>/`` folder (``-2``, ``-3``... when that second's is taken)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder, n = reports / stamp, 1
    while folder.exists():
        n += 1
        folder = reports / f"{stamp}-{n}"
    folder.mkdir(parents=True)
    return folder
