"""What a test's outcome means for the module: the verdict classes of ARCHITECTURE.md ("Verdicts").

pytest says passed, failed, skipped, xfailed; a conformance report must say more: a skip is "not
applicable" when the clause does not apply to this module (its profile lacks the capability), "not run" when
the clause applies but could not be checked here (no second AT instance, no NVM permission, no power cycle, a
suite the farm cannot serve, a lab farm's records out of reach), a failure is an "error" rather than a finding when the
link or the suite failed, and a strict XPASS is a known deviation the firmware has fixed. One function
decides, so that the HTML report, ``results.json`` and ``compare`` never disagree.
"""

from __future__ import annotations

from typing import Final

PASS: Final = "pass"
FAIL: Final = "fail"
NOT_APPLICABLE: Final = "not applicable"
NOT_RUN: Final = "not run"
SKIPPED: Final = "skipped"
KNOWN_DEVIATION: Final = "known deviation"
DEVIATION_FIXED: Final = "deviation fixed"
ERROR: Final = "error"

#: Every verdict, in the order reports list them (the ones that need a reader's attention first).
ORDER: Final = (FAIL, ERROR, DEVIATION_FIXED, KNOWN_DEVIATION, NOT_RUN, NOT_APPLICABLE, SKIPPED, PASS)
#: Verdicts that say something is wrong with the module, the link or the suite.
BAD: Final = frozenset({FAIL, ERROR})

#: pytest's text for a strict xfail that passed (the test then reports "failed").
XPASS_STRICT: Final = "[XPASS(strict)]"
#: How every not-applicable skip of the plugin starts (plugin.pytest_runtest_setup, _open).
NOT_APPLICABLE_PREFIX: Final = "not applicable"
#: How every skip starts whose clause applies but could not be checked on this target or farm.
NOT_RUN_PREFIX: Final = "not run"


def verdict(outcome: str, blame: str | None = None, message: str = "") -> str:
    """The verdict of one test from pytest's ``outcome`` (passed, failed, skipped, error, xfailed,
    xpassed), the ``blame`` of a harness error (target, test, link) and the ``message``."""
    if outcome == "passed":
        return PASS
    if outcome == "xfailed":
        return KNOWN_DEVIATION
    if outcome == "xpassed" or (outcome == "failed" and message.startswith(XPASS_STRICT)):
        return DEVIATION_FIXED
    if outcome == "skipped":
        if message.startswith(NOT_RUN_PREFIX):
            return NOT_RUN
        return NOT_APPLICABLE if message.startswith(NOT_APPLICABLE_PREFIX) else SKIPPED
    if outcome == "error" or blame in ("link", "test", "harness"):
        return ERROR
    return FAIL
