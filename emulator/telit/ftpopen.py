"""#FTPOPEN: open and log in an FTP control connection (telit-ssl-ug §7.1; D27).

``AT#FTPOPEN="<server>:<port>","<user>","<pass>"[,<mode>]``: with #FTPCFG <FTPSEn> 1, AUTH TLS,
PBSZ 0 and PROT P with SSId 1's security configuration, then the login; OK once logged in.
<mode> is accepted; every transfer uses passive mode (D27: "the suite uses passive"). Failures:
839 when the TLS handshake failed, 832 when no connection was made, 837 when security data is
missing (D14 by cause), plain ERROR for an FTP refusal (login, reply).
"""

from __future__ import annotations

import dataclasses

from emulator.core.errors import PlainError, unsupported
from emulator.core.params import Args, Choice, check_count, opt_int_arg, str_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import FTPOPEN_WITHOUT_TLS, FTPS_DATA_UNVERIFIED
from emulator.telit.dial import client_config
from emulator.telit.errors import SslError, ssl_error
from emulator.telit.ftp import FtpError, FtpSession
from emulator.telit.httpqry import not_allowed
from emulator.telit.services import SHARED_SSID
from emulator.telit.state import TelitContext, telit_state

MODES = Choice.of(0, 1)  # 0 active, 1 passive
FTP_PORT = 21  # RFC 959 §3.2
TIMEOUT_UNIT = 0.1  # #FTPCFG <tout>


def test(ctx: TelitContext, args: Args) -> Response:
    """``#FTPOPEN: ,,,(0,1)``."""
    return info(f"#FTPOPEN: ,,,{MODES}")


def _address(text: str) -> tuple[str, int]:
    host, colon, port = text.rpartition(":")
    if not colon:
        return text, FTP_PORT
    if not port.isdigit() or not 1 <= int(port) <= 65535 or not host:
        raise unsupported()
    return host, int(port)


def set_(ctx: TelitContext, args: Args) -> Response:
    """Open, secure and log in."""
    state = telit_state(ctx)
    check_count(args, 3, 4)
    host, port = _address(str_arg(args, 0))
    user, password = str_arg(args, 1), str_arg(args, 2)
    opt_int_arg(args, 3, MODES)
    if state.ftp is not None or 1 not in state.active_cids:
        raise not_allowed()
    config = state.ftp_config
    secure = config.ssl_enabled and not ctx.has_defect(FTPOPEN_WITHOUT_TLS)  # defect: no AUTH TLS
    tls = client_config(ctx, state.sockets[SHARED_SSID], SHARED_SSID, host) if secure else None
    # Defect: the data connections verify nothing (telit-ssl-ug §7: the same certificates for both sessions).
    unverified = tls is not None and ctx.has_defect(FTPS_DATA_UNVERIFIED)
    data_tls = dataclasses.replace(tls, anchors=None, chain_check=None) if tls is not None and unverified else None
    try:
        with ctx.services.unlocked():
            session = FtpSession.open(host, port, user, password,
                                      timeout=config.timeout * TIMEOUT_UNIT, tls=tls,
                                      ignore_pasv_address=bool(config.ignore_pasv_address), data_tls=data_tls)
    except FtpError as error:
        if error.tls:
            raise ssl_error(ctx, SslError.HANDSHAKE) from error
        if error.network:
            raise ssl_error(ctx, SslError.SOCKET_ERROR) from error
        raise PlainError(f"FTP: {error}") from error
    state.ftp = session
    return OK


SPEC = CommandSpec(name="#FTPOPEN", set=set_, test=test)
