"""#FTPGET: download a file in online data state (telit-ssl-ug §7.1; D27).

``AT#FTPGET="<file>"``: CONNECT, the file's bytes as they are, NO CARRIER. The data connection
has its own TLS session (§7: no reuse of the control one).
"""

from __future__ import annotations

from emulator.core.errors import PlainError
from emulator.core.params import Args, check_count, str_arg
from emulator.core.results import Response, ResultCode
from emulator.core.table import CommandSpec
from emulator.telit.defects import FTPGET_TRUNCATED
from emulator.telit.errors import SslError, ssl_error
from emulator.telit.ftp import Download, FtpError
from emulator.telit.httpqry import not_allowed
from emulator.telit.state import TelitContext, telit_state


def set_(ctx: TelitContext, args: Args) -> Response:
    """Start the download; the answer is CONNECT and the data."""
    state = telit_state(ctx)
    check_count(args, 1, 1)
    name = str_arg(args, 0)
    session = state.ftp
    if session is None or not name:
        raise not_allowed()
    try:
        with ctx.services.unlocked():
            data = session.start_download(name)
    except FtpError as error:
        if error.tls:
            raise ssl_error(ctx, SslError.HANDSHAKE) from error
        raise PlainError(f"FTP: {error}") from error
    download = Download(session, data, ctx.port, drop_last=ctx.has_defect(FTPGET_TRUNCATED))
    state.download = download  # power off stops it
    ctx.port.go_online(download)
    return Response(final=ResultCode.CONNECT)


SPEC = CommandSpec(name="#FTPGET", set=set_)
