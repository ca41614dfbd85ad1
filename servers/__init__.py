"""TLS scenario farm: the servers a module under test connects to.

Each scenario of the catalog (:mod:`servers.scenarios`) is served on its own port by an
endpoint (OpenSSL through :mod:`ssl`, or tlslite-ng for the legacy suites) that records what
the client did (:mod:`servers.recorder`). The PKI behind the scenarios is made once per run
(:mod:`servers.pki`). ``python -m servers`` runs the whole farm for a lab of real modules.
"""
