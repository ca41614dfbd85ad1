"""Top-level conftest: load the suite's plugin for everything under this folder.

The plugin is loaded by module name (not through an entry point) so that ``pytest conformance`` and
``python -m harness run`` load it once, under the same name.
"""

# pytester tests the plugins themselves (tests/plugin); pytest allows pytest_plugins only here.
pytest_plugins = ["harness.plugin", "pytester"]
