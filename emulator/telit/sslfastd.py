"""#SSLFASTD: dial again with the saved session, no full handshake (telit-ssl-ug §5.3; D22).

``AT#SSLFASTD=<SSId>[,<connMode>]`` resumes, by TLS session ID, the session an #SSLD or #SSLH with
<ClosureType> 1 kept, to the same server; CONNECT or OK as #SSLD. 2G only (Tab. 3: registered on
2G profiles, an unknown command elsewhere); without a saved session: SSL generic error.
"""

from __future__ import annotations

from emulator.core.params import Args, check_count, int_arg, opt_int_arg
from emulator.core.results import Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import FASTD_FULL_HANDSHAKE
from emulator.telit.dial import CONN_MODES, ONLINE, client_config, dialled, open_link, ready_to_dial
from emulator.telit.errors import SslError, ssl_error
from emulator.telit.sockets import configurable
from emulator.telit.state import SavedSession, TelitContext, telit_state


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLFASTD: (1),(0,1)``."""
    return info(f"#SSLFASTD: {telit_state(ctx).platform.ssids},{CONN_MODES}")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Resume the saved session of ``<SSId>``."""
    state = telit_state(ctx)
    check_count(args, 1, 2)
    ssid = int_arg(args, 0, state.platform.ssids)
    conn_mode = opt_int_arg(args, 1, CONN_MODES)
    socket = configurable(ctx, ssid)
    ready_to_dial(ctx, state, socket)
    saved = socket.saved
    if saved is None:
        # D22: "Without a saved session: error"; no Tab. 4 code names it, the generic one.
        raise ssl_error(ctx, SslError.GENERIC)
    session = None if ctx.has_defect(FASTD_FULL_HANDSHAKE) else saved.session
    link = open_link(ctx, saved.host, saved.port, client_config(ctx, socket, ssid, saved.host),
                     saved.timeout, session=session)
    target = SavedSession(host=saved.host, port=saved.port, timeout=saved.timeout,
                          session=link.session)
    return dialled(ctx, socket, ssid, link, ONLINE if conn_mode is None else conn_mode, target)


SPEC = CommandSpec(name="#SSLFASTD", set=set_, test=test)
