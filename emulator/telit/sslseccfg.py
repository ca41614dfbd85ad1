"""#SSLSECCFG: cipher suite, authentication mode, certificate format.

Three shapes: telit-ssl-ug §4.2.1 (2G: ciphers 0-6), §4.2.2 (3G/4G: ciphers 0-5 and an optional
<cert_format>; D4 puts the HE910 here), telit-gsm-ssl §3.2 (ciphers 0-3).
"""

from __future__ import annotations

from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.telit.defects import CERT_FORMAT_ALWAYS_REPORTED
from emulator.telit.sockets import configurable, readable
from emulator.telit.state import SslSocket, TelitContext, telit_state

_AUTH_MODES = Choice.span(0, 2)  # §4.2.1/§4.2.2: none, server, server/client
_CERT_FORMATS = Choice.of(0, 1)  # §4.2.2: 0 DER, 1 PEM


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSECCFG: (1),(0-6),(0-2)`` (2G), ``(<ssids>),(0-5),(0-2),(0,1)`` (3G/4G)."""
    platform = telit_state(ctx).platform
    ranges = [str(platform.ssids), str(platform.ciphers), str(_AUTH_MODES)]
    if platform.has_cert_format:
        ranges.append(str(_CERT_FORMATS))
    return info("#SSLSECCFG: " + ",".join(ranges))


def read(ctx: TelitContext, args: Args) -> Response:
    """One line per enabled SSId; <cert_format> only once given since power-on (§4.2.2, D8)."""
    platform = telit_state(ctx).platform
    return info(*(_line(ctx, ssid, socket, platform.has_cert_format)
                  for ssid, socket in readable(ctx)))


def _line(ctx: TelitContext, ssid: int, socket: SslSocket, has_cert_format: bool) -> str:
    line = f"#SSLSECCFG: {ssid},{socket.cipher},{socket.auth}"
    # §4.2.2: "it does not return the setting of the format to meet retro compatibility"
    # until <cert_format> was entered for the first time.
    shown = socket.cert_format_given or ctx.has_defect(CERT_FORMAT_ALWAYS_REPORTED)
    if has_cert_format and shown:
        line += f",{socket.cert_format}"
    return line


def set_(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSECCFG=<SSId>,<CipherSuite>,<auth_mode>[,<cert_format>]``."""
    platform = telit_state(ctx).platform
    check_count(args, 3, 4 if platform.has_cert_format else 3)
    ssid = int_arg(args, 0, platform.ssids)
    cipher = int_arg(args, 1, platform.ciphers)
    auth = int_arg(args, 2, _AUTH_MODES)
    cert_format = opt_int_arg(args, 3, _CERT_FORMATS)
    socket = configurable(ctx, ssid)
    socket.cipher, socket.auth = cipher, auth
    if cert_format is not None:
        # §4.2.2: once given, the read form reports it, and keeps the last value entered
        # when later set forms omit it.
        socket.cert_format, socket.cert_format_given = cert_format, True
    return OK


SPEC = CommandSpec(name="#SSLSECCFG", set=set_, read=read, test=test)
