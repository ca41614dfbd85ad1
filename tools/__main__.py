"""``python -m tools run|coverage|compare|kill-matrix``: see :mod:`tools.cli`."""

import sys

from tools.cli import main

sys.exit(main())
