"""A fault-injecting link: a wrapper between the suite and a target that misbehaves on purpose.

Every fault is a small sans-I/O object (:class:`faults.base.Fault`, modelled on h11): bytes in, actions
out (:mod:`faults.actions`: deliver these bytes after this pause, drop the link, power-cycle). Two
drivers run the same objects:

- the ``emulator://`` URL handler: ``emulator://telit/he910?fault=split-bytes&fault=slow:200``;
- the TCP proxy in front of any pyserial URL: ``python -m faults --listen 127.0.0.1:7100
  --target socket://127.0.0.1:7000 --fault truncate-line`` (:mod:`faults.proxy`, :mod:`faults.cli`).

:data:`FAULTS` names every fault with whether it is benign (a variation the suite must tolerate) and the
verdict class a trustworthy suite reaches behind it; ``python -m faults --list`` prints them. The syntax
of one fault is ``NAME[:ARG[:ARG]]`` (:func:`parse_fault`). This package imports only the standard
library and pyserial, never the harness or the emulator. See ``faults/README.md``.
"""

from __future__ import annotations

from faults.actions import Action, Direction, DropLink, Note, PowerCycle, Send
from faults.base import Fault, Verdict
from faults.chain import Chain, build
from faults.line import Line, LineSettings, LineSyntaxError, parse_line
from faults.outbox import Outbox
from faults.registry import FAULTS, FaultSpec, FaultSyntaxError, listing, parse_fault

__all__ = [
    "FAULTS",
    "Action",
    "Chain",
    "Direction",
    "DropLink",
    "Fault",
    "FaultSpec",
    "FaultSyntaxError",
    "Line",
    "LineSettings",
    "LineSyntaxError",
    "Note",
    "Outbox",
    "PowerCycle",
    "Send",
    "Verdict",
    "build",
    "listing",
    "parse_fault",
    "parse_line",
]
