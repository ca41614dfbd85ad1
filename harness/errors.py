"""Errors that say whose fault it is.

A conformance run must tell three kinds of trouble apart, and the report prints them differently:

- the **target** broke the AT protocol or a clause (:class:`RemoteProtocolError`, :class:`TargetSilent`):
  a finding about the module;
- the **test** asked for something illegal, e.g. sending a command while another is pending
  (:class:`LocalProtocolError`): a bug in the suite;
- the **link** failed: the port could not be opened, or it closed under us (:class:`LinkError`):
  an environment problem, not the module's fault.

Modelled on h11's ``LocalProtocolError`` / ``RemoteProtocolError``.
"""

from __future__ import annotations


class HarnessError(Exception):
    """Base class of every error the harness raises on purpose."""

    #: One word naming whose fault it is; the report groups by it.
    blame: str = "harness"


class RemoteProtocolError(HarnessError):
    """The target sent something the AT protocol does not allow (V.250 §5.7, the dialect's tables)."""

    blame = "target"


class TargetSilent(HarnessError):
    """No final result code arrived before the deadline.

    A response ends on a final result code, never on silence; a module that stops answering is either
    broken or gone, and the harness cannot tell which, so it says what it was waiting for and what it got.
    """

    blame = "target"


class TargetLost(HarnessError):
    """Several tests in a row found the target gone (silent, or its link would not open): the remaining
    tests end at once with this error instead of each waiting out its own probe."""

    blame = "target"


class LocalProtocolError(HarnessError):
    """The test asked the engine for something illegal in its current state (a suite bug)."""

    blame = "test"


class LinkError(HarnessError):
    """The link to the target failed: could not open, closed under us, or an OS error on read/write."""

    blame = "link"
