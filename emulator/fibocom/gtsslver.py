"""+GTSSLVER: the version of the SSL handshake protocol (fibocom-l610-ssl §1.4).

``<sslver>`` 1 SSL 3.0, 2 TLS 1.0 (the default), 3 TLS 1.1, 4 TLS 1.2. §1.4.4 gives the "range
0-4" but names no protocol for 0: the emulator refuses 0 with ERROR and its test form prints
``(1-4)`` (emulator/README.md). The connection offers exactly that version (emulator/fibocom/dial.py).
"""

from __future__ import annotations

from emulator.core.params import Args, check_count, int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.fibocom.ciphers import SSLVERS
from emulator.fibocom.state import FibocomContext


def set_(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLVER=<sslver>``: OK, or ERROR (§1.4.2)."""
    check_count(args, 1, 1)
    ctx.state.sslver = int_arg(args, 0, SSLVERS)
    return OK


def read(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLVER: <sslver>`` (§1.4.2)."""
    return info(f"+GTSSLVER: {ctx.state.sslver}")


def test(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLVER: (1-4)``: "(list of supported <sslver>s)" (§1.4.2)."""
    return info(f"+GTSSLVER: {SSLVERS}")


SPEC = CommandSpec(name="+GTSSLVER", set=set_, read=read, test=test)
