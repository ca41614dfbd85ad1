"""The farm as every document's tests see it: the ``serve`` fixture's type, and what a server recorded.

Nothing here names a module's command: closing the module's socket before the records are read is the
caller's step (a driver's ``close``, or a document's own helper).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from harness import redaction
from harness.errors import HarnessError
from servers.apps import Scripted
from servers.control import LabRecorder, lab_recorder
from servers.pytest_plugin import ServerHandle
from servers.recorder import ConnectionRecord, Recorder

#: The ``serve`` fixture: ``serve(scenario, **overrides) -> ServerHandle`` (conformance/conftest.py).
Serve = Callable[..., ServerHandle]

#: Deadline of a dial: a TLS handshake over loopback takes milliseconds; a module over the air seconds.
DIAL_TIMEOUT = 30.0


#: Why a check of what the server saw cannot run against a lab farm that serves no records.
NO_RECORDS = (
    "not run: the server's records stay on the lab host: its manifest names no control endpoint "
    "(python -m servers --no-control, or a farm older than servers.control)"
)


class LabRecordsUnreachable(HarnessError):
    """A lab farm's control endpoint failed to give the records (unreachable, too slow, token refused): the
    suite's environment failed, not the module (verdict "error")."""


def recorded(server: ServerHandle) -> Recorder:
    """The server's recorder: a local endpoint's own, or against a lab farm (--servers-manifest) its records
    read through the farm's control endpoint (servers.control) since the test got the server, the same API.
    A lab farm without a control endpoint skips the check as "not run" with that reason."""
    recorder = server.recorder if server.recorder is not None else lab_recorder(server.config)
    if recorder is None:
        pytest.skip(NO_RECORDS)
    if isinstance(recorder, LabRecorder):
        recorder.raise_as(LabRecordsUnreachable)
    return recorder


def has_records(server: ServerHandle) -> bool:
    """Whether what ``server`` recorded can be read here (locally, or through the lab farm's control endpoint)."""
    return server.recorder is not None or lab_recorder(server.config) is not None


def register_key_secrets(server: ServerHandle) -> None:
    """Register the private key files ``server``'s scenario gives its clients as secrets (harness.redaction), in
    every encoding: a lab farm's keys come from its manifest, not from the session's PKI (whose keys the ``pki``
    fixture registers), and a module's echo of a key it is given must not reach a report either."""
    key = server.config.client_key
    if key is None:
        return
    for path in (key.pkcs8_pem, key.pkcs8_der, key.pkcs1_pem, key.pkcs1_der):
        if path is not None and path.is_file():
            redaction.add(path.read_bytes())


def pushed_by(server: ServerHandle) -> bytes:
    """The bytes ``server``'s scripted app sends, as the farm serves its scenario: a test that needs no data of its
    own uses the scenario's, so that it runs against a lab farm too (which serves its scenarios as they are)."""
    app = server.config.scenario.app
    if not isinstance(app, Scripted):
        raise TypeError(f"{server.config.scenario.id}: not a scripted scenario ({type(app).__name__})")
    return b"".join(app.chunks)


def records_after(close: Callable[[], object], server: ServerHandle, count: int = 1) -> tuple[ConnectionRecord, ...]:
    """Call ``close`` (the module closes its socket; its result is not judged) and return the server's first
    ``count`` records: a record is committed when its connection ends, so the socket must be closed before
    it can be read."""
    close()
    return recorded(server).wait_for(count)[:count]
