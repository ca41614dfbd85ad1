"""How one defect is hunted, and the whole catalog concurrently.

For a defect, the profile classes it applies to (:func:`~tools.killmatrix.model.applicable_classes`, in the
order of the documents' ``killmatrix.toml``), each tried on its scout:

1. the whole suite on the first class: what fails there and cites the clause is that class's catch,
   anything else that fails is a stray (the stray check needs one whole run; most defects are caught here);
2. one *probe* run (``-p tools.killmatrix.probe --kill-matrix-clause``: only the tests citing the clause) on
   the scouts of all further classes together: each class's catch is what fails on its scout;
3. when the first class did not catch it, the whole suite on the first class whose probe did, for its strays.

A benign variation gets step 1 only: it must fail nothing there. A probe costs the suite's start (the PKI)
and the clause's tests where a whole run costs ~20 s; one probe for all further classes pays that start once.

The suite runs are mostly waiting (guard times, deadlines), so defects are hunted concurrently (``jobs``).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from emulator.defects import DEFECTS
from harness.clauses import Clause
from tools.killmatrix.documents import DocumentPlan, ProfileClass, all_classes, plans
from tools.killmatrix.model import (
    FULL,
    PROBE,
    ClassResult,
    DefectLike,
    Matrix,
    Row,
    Runner,
    RunRequest,
    SuiteRun,
    TestOutcome,
    applicable_classes,
    broken_clauses,
    coverage,
    scout_for,
)
from tools.killmatrix.runner import SubprocessRunner

#: Concurrent hunts. The whole catalog before profile classes (31 defects, 37 suite runs) on a 2-core machine:
#: 1 job 940 s, 2 jobs 482 s, 4 jobs 257 s, 6 jobs 213 s (then, each run took a quarter longer at 6).
#: Per class (issue 10): 62 suite runs, 2148 s of suite time, 560 s wall with 4 jobs. Five documents
#: (issue 15), after network waits were capped on the loopback emulator, the PKI shared and the compiled
#: modules cached: 123 suite runs, 3479 s of suite time, 912 s wall with 4 jobs and 524 s of CPU (0.57 of a
#: core: the runs wait far more than they compute), while other work shared the machine. Six jobs keep the
#: matrix's CPU near one core, which CI's 2 cores share with the rest of tests/ for its first minutes.
DEFAULT_JOBS: Final = 6


def split(run: SuiteRun, broken: Iterable[Clause]) -> tuple[tuple[TestOutcome, ...], tuple[TestOutcome, ...]]:
    """A run's failing tests: (those citing a broken clause, the others)."""
    targets = tuple(broken)
    bad = run.bad()
    return tuple(t for t in bad if t.cites(targets)), tuple(t for t in bad if not t.cites(targets))


#: A probe's cost against a whole run of the same profile, for ordering only (measured: 789 s of probe time for
#: 36 probes of several profiles each, against ~25 s a whole run).
PROBE_SHARE: Final = 0.8


def expected_seconds(defect: DefectLike, classes: Sequence[ProfileClass], costs: Mapping[str, float]) -> float:
    """What a hunt of ``defect`` should take when it is caught where expected: the whole suite on its first
    scout, and one probe when it applies to further classes (a benign variation: the whole run only).
    ``costs`` are whole-run seconds by profile (the clean run's, when it ran first); 1 for an unknown one,
    so that without costs the hunts with a probe come first."""
    chosen = applicable_classes(defect, classes)
    if not chosen:
        return 0.0
    first = costs.get(scout_for(defect, chosen[0]), 1.0)
    further = [costs.get(scout_for(defect, c), 1.0) for c in chosen[1:]]
    return first + (PROBE_SHARE * max(further) if further and not defect.benign else 0.0)


def hunt(defect: DefectLike, run: Runner, classes: Sequence[ProfileClass]) -> Row:
    """Hunt ``defect`` over ``classes`` (every class of the matrix; those it applies to are chosen here) as the
    module docstring says."""
    chosen = applicable_classes(defect, classes)
    if not chosen:
        labels = ", ".join(c.label for c in classes) or "none"
        return Row(defect, problem=f"no profile class ({labels}) is described by {defect.clause!r}")
    broken = broken_clauses(defect)
    scouts = [scout_for(defect, c) for c in chosen]
    first = run(RunRequest(defect.name, (scouts[0],)))
    if first.problem is not None:
        return Row(defect, (first,), problem=first.problem)
    caught, strays = split(first, broken)
    results = [ClassResult(chosen[0], scouts[0], FULL, caught)]
    if defect.benign:
        return Row(defect, (first,), tuple(results), strays)
    runs = [first]
    if len(chosen) > 1:
        probe = run(RunRequest(defect.name, tuple(scouts[1:]), defect.clause))
        runs.append(probe)
        if probe.problem is not None:
            return Row(defect, tuple(runs), tuple(results), strays, probe.problem)
        found, _ = split(probe, broken)  # a probe runs only the clause's tests
        for cls, scout in zip(chosen[1:], scouts[1:], strict=True):
            results.append(ClassResult(cls, scout, PROBE, tuple(t for t in found if t.profile == scout)))
    if caught:
        return Row(defect, tuple(runs), tuple(results), strays)
    where = next((i for i, r in enumerate(results) if r.caught), None)
    if where is None:
        return Row(defect, tuple(runs), tuple(results), strays)
    return _confirm(defect, runs, results, where, strays, run)


def _confirm(
    defect: DefectLike,
    runs: list[SuiteRun],
    results: list[ClassResult],
    where: int,
    strays: tuple[TestOutcome, ...],
    run: Runner,
) -> Row:
    """The whole suite on the class ``results[where]``, whose probe caught ``defect``: its catch, and strays."""
    probed = results[where]
    full = run(RunRequest(defect.name, (probed.profile,)))
    runs.append(full)
    if full.problem is not None:
        return Row(defect, tuple(runs), tuple(results), strays, full.problem)
    caught, more = split(full, broken_clauses(defect))
    results[where] = ClassResult(probed.cls, probed.profile, FULL, caught)
    problem = (
        None if caught else f"the probe caught it on {probed.profile}, the whole suite there did not (a flaky test?)"
    )
    return Row(defect, tuple(runs), tuple(results), strays + more, problem)


def run_matrix(
    names: Sequence[str] | None = None,
    *,
    jobs: int = DEFAULT_JOBS,
    runner: Runner | None = None,
    work: Path | None = None,
    progress: Callable[[Row], object] | None = None,
    catalog: Mapping[str, DefectLike] | None = None,
    documents: Sequence[DocumentPlan] | None = None,
    costs: Mapping[str, float] | None = None,
) -> Matrix:
    """Hunt the defects ``names`` (default: the whole catalog) with ``jobs`` concurrent hunts, over the profile
    classes of ``documents`` (default: every document with a ``killmatrix.toml``).

    ``runner`` runs one suite run (default: :class:`~tools.killmatrix.runner.SubprocessRunner` writing its
    results under ``work``, a temporary folder when not given); ``progress`` is called with each row as it is
    done. ``costs`` (whole-run seconds by profile, e.g. from a clean run) order the hunts longest first.
    """
    if catalog is None:
        catalog = DEFECTS
    chosen_plans = tuple(documents if documents is not None else plans())
    classes = all_classes(chosen_plans)
    chosen = [catalog[n] for n in (names or list(catalog))]
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kill-matrix-") as tmp:
        run = runner or SubprocessRunner(work or Path(tmp))

        def one(defect: DefectLike) -> Row:
            row = hunt(defect, run, classes)
            if progress is not None:
                progress(row)
            return row

        with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="kill-matrix") as pool:
            # Longest first (LPT): a long hunt started last would hold the matrix's end while the other jobs
            # idle (seen: a 196 s hunt of a 30 s profile, started last). The rows keep the catalog's order.
            ordered = sorted(chosen, key=lambda d: -expected_seconds(d, classes, costs or {}))
            done = dict(zip((d.name for d in ordered), pool.map(one, ordered), strict=True))
            rows = [done[d.name] for d in chosen]
    table = coverage(catalog.values(), chosen_plans)
    return Matrix(rows, table, classes, max(1, jobs), time.monotonic() - started, stamp)
