"""The farm as every document's tests see it: the ``serve`` fixture's type, and what a server recorded.

Nothing here names a module's command: closing the module's socket before the records are read is the
caller's step (a driver's ``close``, or a document's own helper).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from servers.pytest_plugin import ServerHandle
from servers.recorder import ConnectionRecord, Recorder

#: The ``serve`` fixture: ``serve(scenario, **overrides) -> ServerHandle`` (conformance/conftest.py).
Serve = Callable[..., ServerHandle]

#: Deadline of a dial: a TLS handshake over loopback takes milliseconds; a module over the air seconds.
DIAL_TIMEOUT = 30.0


def recorded(server: ServerHandle) -> Recorder:
    """The server's recorder; a lab farm (--servers-manifest) keeps its records on the lab host, so a
    check of what the server saw is skipped there, with that reason."""
    if server.recorder is None:
        pytest.skip("not run: the server's records stay on the lab host (--servers-manifest)")
    return server.recorder


def records_after(close: Callable[[], object], server: ServerHandle, count: int = 1) -> tuple[ConnectionRecord, ...]:
    """Call ``close`` (the module closes its socket; its result is not judged) and return the server's first
    ``count`` records: a record is committed when its connection ends, so the socket must be closed before
    it can be read."""
    close()
    return recorded(server).wait_for(count)[:count]
