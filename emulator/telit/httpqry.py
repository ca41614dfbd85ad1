"""#HTTPQRY: send a request of an HTTP profile (telit-ssl-ug §6.2; D26).

``AT#HTTPQRY=<prof_id>,<command>,"<resource>"`` (<command> 0 GET, 1 HEAD, 2 DELETE) answers OK at
once; the response is announced later by ``#HTTPRING`` (``emulator.telit.http``). With
<ssl_enabled> 1 the connection uses SSId 1's security configuration (§6.2: "Security
configuration is valid for SSLD, HTTP, FTP services"); missing security data is 837 at once.
"""

from __future__ import annotations

from collections.abc import Callable

from emulator.core.errors import GENERAL_ERROR_TEXT, OPERATION_NOT_ALLOWED, CmeError
from emulator.core.params import Args, Choice, check_count, int_arg, str_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.net.stream import PlainStream, Stream, TlsStream
from emulator.telit.defects import HTTPQRY_WITHOUT_TLS, HTTPRING_NO_CONTENT_TYPE
from emulator.telit.dial import client_config
from emulator.telit.http import METHODS, HttpExchange, request_bytes
from emulator.telit.httpcfg import PROFILES
from emulator.telit.services import SHARED_SSID
from emulator.telit.state import TelitContext, telit_state
from emulator.tls.client import dial_tcp, secure

COMMANDS = Choice.span(0, len(METHODS) - 1)


def not_allowed() -> CmeError:
    """3GPP TS 27.007 "operation not allowed": the profile is not ready for a query."""
    return CmeError(OPERATION_NOT_ALLOWED, GENERAL_ERROR_TEXT[OPERATION_NOT_ALLOWED])


def test(ctx: TelitContext, args: Args) -> Response:
    """``#HTTPQRY: (0-2),(0-2),``."""
    return info(f"#HTTPQRY: {PROFILES},{COMMANDS},")


def set_(ctx: TelitContext, args: Args) -> Response:
    """Start the query; OK now, #HTTPRING later."""
    state = telit_state(ctx)
    check_count(args, 3, 3)
    prof_id = int_arg(args, 0, PROFILES)
    method = METHODS[int_arg(args, 1, COMMANDS)]
    resource = str_arg(args, 2)
    profile = state.http_profiles[prof_id]
    if not profile.server or profile.cid not in state.active_cids:
        raise not_allowed()
    host, port, timeout = profile.server, profile.port, float(profile.timeout)
    open_stream: Callable[[], Stream]
    if profile.ssl_enabled and not ctx.has_defect(HTTPQRY_WITHOUT_TLS):  # defect: plain TCP
        config = client_config(ctx, state.sockets[SHARED_SSID], SHARED_SSID, host)

        def open_stream() -> Stream:
            return TlsStream(secure(dial_tcp(host, port, timeout=timeout), config))
    else:
        def open_stream() -> Stream:
            return PlainStream(dial_tcp(host, port, timeout=timeout))

    credentials = (profile.username, profile.password) if profile.auth_type else None
    request = request_bytes(method, host, port, resource, ssl=bool(profile.ssl_enabled),
                            credentials=credentials)
    previous, profile.exchange = profile.exchange, None
    if previous is not None:
        with ctx.services.unlocked():
            previous.cancel()
    exchange = HttpExchange(prof_id, ctx.port, open_stream, request, head_only=method == "HEAD",
                            content_type=not ctx.has_defect(HTTPRING_NO_CONTENT_TYPE))
    profile.exchange = exchange
    exchange.start()
    return OK


SPEC = CommandSpec(name="#HTTPQRY", set=set_, test=test)
