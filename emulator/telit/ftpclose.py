"""#FTPCLOSE: QUIT and close the FTP session (telit-ssl-ug §7.1; D27)."""

from __future__ import annotations

from emulator.core.params import Args
from emulator.core.results import OK, Response
from emulator.core.table import CommandSpec
from emulator.telit.defects import FTPCLOSE_KEEPS_CONNECTION
from emulator.telit.httpqry import not_allowed
from emulator.telit.state import TelitContext, telit_state


def exec_(ctx: TelitContext, args: Args) -> Response:
    """``AT#FTPCLOSE``: OK once the session is closed; no session: operation not allowed."""
    state = telit_state(ctx)
    if state.ftp is not None and ctx.has_defect(FTPCLOSE_KEEPS_CONNECTION):
        return OK  # defect: the session and its control connection stay
    session, state.ftp = state.ftp, None
    if session is None:
        raise not_allowed()
    with ctx.services.unlocked():
        session.quit()
    return OK


SPEC = CommandSpec(name="#FTPCLOSE", exec=exec_)
