"""#SSLRECV / #SSLRCV: read received bytes in COMMAND mode (telit-ssl-ug §5.1.2.2.1; D13, D19).

``AT#SSLRECV=<SSId>,<MaxNumByte>[,<Timeout>]`` answers ``#SSLRECV: <n>``, CR LF, exactly <n>
bytes, OK; with nothing before <Timeout> (100 ms, default <defTo>): ``#SSLRECV: 0``, ``TIMEOUT``,
OK. The header follows the spelling of the command: telit-ssl-ug modules know both (§5.4.2
prints ``#SSLRCV``), telit-gsm-ssl modules only #SSLRCV (§4.2.2.2). 833 once the socket is
closed and nothing is left (D21); the read that empties a closed socket is followed by NO
CARRIER, one that leaves bytes by SSLSRING in mode 1 (D20).
"""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec, Handler
from emulator.net.connection import NotConnected
from emulator.telit.defects import CORRUPT_RECV_BYTE
from emulator.telit.dial import TIMEOUTS, not_connected, timeout_of
from emulator.telit.sockets import configurable
from emulator.telit.state import TelitContext, TelitState, telit_state

MAX_BYTES = Choice.span(1, 1000)  # D19


def _test(name: str) -> Handler[TelitState]:
    def test(ctx: TelitContext, args: Args) -> Response:
        """``#SSLRECV: (1-6),(1-1000),(1-5000)``."""
        return info(f"{name}: {telit_state(ctx).platform.ssids},{MAX_BYTES},{TIMEOUTS}")

    return test


def _set(name: str) -> Handler[TelitState]:
    def set_(ctx: TelitContext, args: Args) -> Response:
        """Read up to <MaxNumByte> bytes of ``<SSId>``."""
        check_count(args, 2, 3)
        ssid = int_arg(args, 0, telit_state(ctx).platform.ssids)
        max_bytes = int_arg(args, 1, MAX_BYTES)
        units = opt_int_arg(args, 2, TIMEOUTS)
        socket = configurable(ctx, ssid)
        connection = socket.connection()
        if connection is None:
            raise not_connected(ctx)
        try:
            with ctx.services.unlocked():
                data = connection.recv(max_bytes, timeout_of(socket, units))
        except NotConnected:
            raise not_connected(ctx) from None
        if not data:
            return info(f"{name}: 0", "TIMEOUT")
        if ctx.has_defect(CORRUPT_RECV_BYTE):
            data = bytes([data[0] ^ 1]) + data[1:]
        return Response(lines=(f"{name}: {len(data)}",), payload=data)

    return set_


SSLRECV = CommandSpec(name="#SSLRECV", set=_set("#SSLRECV"), test=_test("#SSLRECV"))
SSLRCV = CommandSpec(name="#SSLRCV", set=_set("#SSLRCV"), test=_test("#SSLRCV"))
