"""Top-level conftest: load the suite's plugin for everything under this folder.

The plugin is loaded by module name (not through an entry point) so that ``pytest conformance`` and
``python -m harness run`` load it once, under the same name. ``harness.plugin`` is a package: it loads its
parts (options, targets, collection, fixtures, evidence) through its own ``pytest_plugins``.
"""

# servers.pytest_plugin gives the suite its TLS fixtures (pki, tls_server); pytester tests the plugins
# themselves (tests/plugin, tests/servers). pytest allows pytest_plugins only in this top-level file.
pytest_plugins = ["harness.plugin", "servers.pytest_plugin", "pytester"]
