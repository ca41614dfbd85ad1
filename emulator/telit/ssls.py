"""#SSLS: state of a secure socket (telit-ssl-ug §5.4.1, §5.4.2; D16).

``AT#SSLS=<SSId>`` answers ``#SSLS: <SSId>,<state>[,<cipher_suite>]``: 0 not enabled, 1 enabled
and not connected, 2 connected with the #SSLSECCFG id of the negotiated suite (0 if the
platform's list has none for it). Like a read form it works from any instance (D6).
"""

from __future__ import annotations

from emulator.core.params import Args, check_count, int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.ciphers import cipher_id_of
from emulator.telit.defects import SSLS_WITHOUT_CIPHER
from emulator.telit.state import TelitContext, telit_state

DISABLED, NOT_CONNECTED, CONNECTED = 0, 1, 2


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLS: (1-6)``."""
    return info(f"#SSLS: {telit_state(ctx).platform.ssids}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """The state line of ``<SSId>``."""
    state = telit_state(ctx)
    check_count(args, 1, 1)
    ssid = int_arg(args, 0, state.platform.ssids)
    socket = state.sockets[ssid]
    if socket.owner is None:
        return info(f"#SSLS: {ssid},{DISABLED}")
    connection = socket.connection()
    if connection is None:
        return info(f"#SSLS: {ssid},{NOT_CONNECTED}")
    if ctx.has_defect(SSLS_WITHOUT_CIPHER):
        return info(f"#SSLS: {ssid},{CONNECTED}")  # defect: the <cipher_suite> field left out
    suite = cipher_id_of(ctx.profile, connection.link.cipher_suite)
    return info(f"#SSLS: {ssid},{CONNECTED},{suite}")


SPEC = CommandSpec(name="#SSLS", set=set_, test=test)
