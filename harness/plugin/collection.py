"""Collection: the markers, one test per profile its documents describe, deselection of the rest, the
default timeout, the known deviations applied as strict xfail, and the skips of ``needs`` marks.

A test is parametrized only with the profiles its ``spec`` marks' documents describe; what a profile or
target lacks is a skip that names the capability and the clause.
"""

from __future__ import annotations

import pytest

from harness import expectations
from harness.clauses import Clause
from harness.plugin.options import SETTINGS
from harness.plugin.targets import POOL, WHY, capabilities
from harness.profiles import DOCUMENTS, Profile
from harness.vectors import erratum

__all__ = ["DEFAULT_TEST_TIMEOUT", "clauses", "profile_of"]

#: Per-test timeout when neither --timeout nor an ini ``timeout`` is given (pytest-timeout).
DEFAULT_TEST_TIMEOUT = 60.0


def clauses(item: pytest.Item) -> list[Clause]:
    """The clauses the test's ``spec`` marks cite, in mark order."""
    return [Clause(m.args[0], m.args[1]) for m in item.iter_markers("spec")]


def profile_of(item: pytest.Item, missing: object = None) -> object:
    """The profile the test was parametrized with, or ``missing``."""
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("profile", missing) if callspec is not None else missing


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "spec(doc, section): the document clause a test checks (repeatable)")
    config.addinivalue_line(
        "markers",
        "needs(*capabilities): capabilities of the profile or target the test needs; "
        "a missing one is a skip that names it and the clause",
    )
    config.addinivalue_line("markers", "erratum(*ids): errata entries (vectors/errata.toml) the test depends on")
    config.addinivalue_line(
        "markers", "profile_cases(argname, cases): parametrize argname per profile; cases(profile) gives (id, value)s"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "profile" not in metafunc.fixturenames:
        return
    settings = metafunc.config.stash[SETTINGS]
    docs = {m.args[0] for m in metafunc.definition.iter_markers("spec") if m.args}
    applicable = [p for p in settings.profiles if not docs or p.document in docs]
    cases = metafunc.definition.get_closest_marker("profile_cases")
    if cases is not None:
        # A second argument whose values depend on the profile (the suites of its platform's table...).
        argname, make = cases.args
        params = [pytest.param(p, v, id=f"{p.name}-{i}") for p in applicable for i, v in make(p)]
        metafunc.parametrize(("profile", argname), params or [pytest.param(None, None, id="no-selected-profile")])
        return
    if applicable:
        metafunc.parametrize("profile", applicable, ids=[p.name for p in applicable])
    else:
        # Deselected in pytest_collection_modifyitems: a run for one module lists only its tests.
        metafunc.parametrize("profile", [None], ids=["no-selected-profile"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    no_timeout = config.getoption("timeout", None) is None and not config.getini("timeout")
    for item in items:
        for clause in clauses(item):
            if clause.doc not in DOCUMENTS:
                raise pytest.UsageError(
                    f"{item.nodeid}: spec mark names unknown document {clause.doc!r}; known: {DOCUMENTS}"
                )
            if not clause.section:
                raise pytest.UsageError(f"{item.nodeid}: spec mark for {clause.doc} has no section")
        # A test of a document whose folder is not registered yet has no profile (it is deselected below),
        # and its document's errata are not merged yet: its errata are checked once it can run.
        for mark in item.iter_markers("erratum") if profile_of(item, missing=0) is not None else ():
            for entry in mark.args:
                erratum(entry)  # raises on a typo
        if no_timeout and "profile" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(DEFAULT_TEST_TIMEOUT))
    settings = config.stash[SETTINGS]
    if settings.expectations is not None:
        suite_run = any(isinstance(profile_of(i), Profile) for i in items)  # not the project's own tests
        settings.unmatched_expectations[:] = expectations.apply(
            settings.expectations, items, settings.names, report_unmatched=suite_run
        )
    # Tests whose documents describe none of the selected profiles: deselected, so that a run for one
    # module lists only what applies to it.
    unselected = [i for i in items if profile_of(i, missing=0) is None]
    if unselected:
        config.hook.pytest_deselected(items=unselected)
        items[:] = [i for i in items if profile_of(i, missing=0) is not None]


def pytest_runtest_setup(item: pytest.Item) -> None:
    profile = profile_of(item)
    if not isinstance(profile, Profile):
        return
    offered = profile.capabilities | capabilities(item.config.stash[POOL].settings)
    cited = ", ".join(str(c) for c in clauses(item)) or "no clause"
    for mark in item.iter_markers("needs"):
        for cap in mark.args:
            if cap not in offered:
                if cap in WHY:  # the target lacks it, not the module: the clause applies but cannot run here
                    pytest.skip(f"not run ({cited}): {WHY[cap]}")
                pytest.skip(f"not applicable ({cited}): profile {profile.name} lacks '{cap}'")
