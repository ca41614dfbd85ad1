"""``python -m harness run|coverage|compare|kill-matrix``: the README's first command, kept working.

The commands live in ``tools/`` (``python -m tools ...`` is the canonical form); this entry point only
forwards to them. Nothing imports it, so the harness layer still imports no tool (the import-linter
contract in pyproject.toml exempts exactly this edge).
"""

import sys

from tools.cli import main

sys.exit(main(prog="python -m harness"))
