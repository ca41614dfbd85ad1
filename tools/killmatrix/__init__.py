"""``python -m tools kill-matrix``: the emulator's defect catalog as a kill matrix, per document and per
profile class.

Every named defect of the embedded emulator (``emulator.defects.DEFECTS``) breaks one clause of the
documents. The matrix runs the conformance suite against each and says whether the tests that cite that
clause caught it (*killed*), which tests did, on which profile classes, and which tests of *other* clauses
failed as well (*strays*: they make a kill unclean, because a defect must break its clause and nothing else).
A *benign* defect is a variation the errata allow: it must fail nothing.

Each document that has ``vectors/<folder>/killmatrix.toml`` gives the matrix its commands (each must be
broken by a defect) and its *profile classes*: modules that differ where a defect can hide (telit-ssl-ug's
2G, 3G and six-socket 4G modules). A defect applies to a class when its clause names the class's document
and its ``products`` (none: every module) include a profile of the class; it is killed only when it is
caught on every class it applies to (a defect of a chunk limit that 3G/4G modules set must be caught on
3G/4G, not only on 2G: telit-ssl-ug §5.1.2.2.2). How, in :mod:`tools.killmatrix.hunt`.

The modules, by role (as pytest-html splits its plugin):

- :mod:`~tools.killmatrix.documents`: the per-document data (commands, classes) read from the vectors;
- :mod:`~tools.killmatrix.model`: runs, class results, rows and the matrix, and which classes a defect applies to;
- :mod:`~tools.killmatrix.hunt`: the strategy (which suite runs, in which order), concurrently over defects;
- :mod:`~tools.killmatrix.runner`: one suite run in a child process, read through ``harness.results.read``;
- :mod:`~tools.killmatrix.render`: text, JSON and self-contained HTML;
- :mod:`~tools.killmatrix.cli`: the command line;
- :mod:`~tools.killmatrix.probe`: the pytest plugin of the probe runs (``-p tools.killmatrix.probe``).
"""
