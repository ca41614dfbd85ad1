"""``python -m harness run``: see :mod:`harness.run`."""

import sys

from harness.run import main

sys.exit(main())
