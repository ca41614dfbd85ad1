"""The emulator stands alone at import time: no harness, conformance, servers or faults.

ARCHITECTURE.md "Five documents, one architecture": emulator and faults are independent of the
suite and of each other at import time. The URL handler loads ``faults`` only for a ``fault=``
URL. Each check runs in a fresh interpreter, where nothing else has loaded those packages.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

_PROBE = """
import sys
{body}
ours = {{"harness", "conformance", "servers", "faults", "tools"}}
print(",".join(sorted({{m.split(".")[0] for m in sys.modules}} & ours)))
"""


def _loaded(body: str) -> str:
    done = subprocess.run([sys.executable, "-c", _PROBE.format(body=body)], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout.strip()


@pytest.mark.timeout(120)
def test_importing_the_emulator_loads_none_of_the_suite() -> None:
    body = ("import emulator.module, emulator.server, emulator.cli, emulator.registry, "
            "emulator.defects, emulator.profiles, emulator.urlhandler.protocol_emulator")
    assert _loaded(body) == ""


@pytest.mark.timeout(120)
def test_faults_load_only_for_a_fault_url() -> None:
    plain = ("import serial; serial.protocol_handler_packages.append('emulator.urlhandler'); "
             "p = serial.serial_for_url('emulator://telit/he910?module=probe', timeout=1); p.close()")
    assert _loaded(plain) == ""
    faulty = plain.replace("?module=probe", "?module=probe&fault=cr-only")
    assert _loaded(faulty) == "faults"  # control: the fault path does load it
