"""The emulator's TLS client (tlslite-ng) and what it needs: suite codes, chain verification.

Nothing here knows a vendor: the dialect decides which suites and versions to offer and what
to verify against (``emulator/telit/ciphers.py``, ``emulator/telit/dial.py``).
"""
