"""#SSLSECDATA: store, read and delete certificates and the client key (D15).

telit-ssl-ug §4.4, §4.7.3, §4.7.4; telit-gsm-ssl §3.3. Set form
``AT#SSLSECDATA=<SSId>,<Action>,<DataType>[,<Size>]`` (telit-gsm-ssl: no <Size>, no action 3).

- Store (1 NVM, 3 RAM): the ``> `` prompt, then PEM ended by Ctrl-Z with BS and ESC as controls
  (<cert_format> 1, and always on 2G, Tab. 2), or DER of exactly <Size> bytes (<cert_format> 0,
  3G/4G only; <Size> mandatory). Over the platform's limit: refused, nothing stored.
- Read (2): ``#SSLSECDATA: <SSId>,<DataType>,<size>``, CR LF, the bytes as stored, OK; an empty
  slot is 837; the private key is never printed (refused with +CME ERROR: 4).
- Delete (0): OK, even for an empty slot.

The socket must be enabled on this instance (836, D14; another instance's: D6).
"""

from __future__ import annotations

from collections.abc import Callable

from emulator.core.errors import unsupported
from emulator.core.input import Exactly, UntilCtrlZ
from emulator.core.instance import Instance
from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec, ModuleServices
from emulator.telit.defects import DER_IGNORED, SECDATA_LIMIT_IGNORED
from emulator.telit.errors import SslError, ssl_error
from emulator.telit.platform import TelitPlatform
from emulator.telit.prompt import PROMPT
from emulator.telit.secdata import DataType, delete, store, stored
from emulator.telit.sockets import configurable
from emulator.telit.state import TelitContext, telit_state

_DATA_TYPES = Choice.span(0, 2)
DELETE, STORE_NVM, READ, STORE_RAM = 0, 1, 2, 3
_IGNORED_LIMIT = 65535  # what the defect telit-secdata-limit-ignored accepts instead of the platform's limit
_DER = 0  # #SSLSECCFG <cert_format> 0 (telit-ssl-ug §4.2.2)


def _sizes(platform: TelitPlatform) -> Choice:
    return Choice.span(1, platform.secdata_limit)


def test(ctx: TelitContext, args: Args) -> Response:
    """``#SSLSECDATA: (1-6),(0-3),(0-2),(1-8192)``; telit-gsm-ssl ``(1),(0-2),(0-2)``."""
    platform = telit_state(ctx).platform
    ranges = [platform.ssids, platform.secdata_actions, _DATA_TYPES]
    if not platform.is_gsm:
        ranges.append(_sizes(platform))
    return info("#SSLSECDATA: " + ",".join(map(str, ranges)))


def set_(ctx: TelitContext, args: Args) -> Response:
    """Store, read or delete one item of one socket."""
    state = telit_state(ctx)
    platform = state.platform
    check_count(args, 3, 3 if platform.is_gsm else 4)
    ssid = int_arg(args, 0, platform.ssids)
    action = int_arg(args, 1, platform.secdata_actions)
    kind = DataType(int_arg(args, 2, _DATA_TYPES))
    # Defect: the limit the test form shows is not enforced (any <Size>, any length of PEM).
    limit = _IGNORED_LIMIT if ctx.has_defect(SECDATA_LIMIT_IGNORED) else platform.secdata_limit
    size = opt_int_arg(args, 3, Choice.span(1, limit))
    socket = configurable(ctx, ssid)
    if action == DELETE:
        delete(state, ssid, kind)
        return OK
    if action == READ:
        if kind is DataType.CLIENT_KEY:
            raise unsupported()  # D15: a key is never printed
        data = stored(state, ssid, kind)
        if data is None:
            raise ssl_error(ctx, SslError.CERTS_AND_KEYS)
        return Response(lines=(f"#SSLSECDATA: {ssid},{int(kind)},{len(data)}",), payload=data)
    ram = action == STORE_RAM
    der = platform.has_cert_format and socket.cert_format == _DER
    keep = not (der and ctx.has_defect(DER_IGNORED))
    complete = _completion(ctx.services, ctx.port, ssid, kind, ram=ram, keep=keep)
    if der:
        if size is None:
            raise unsupported()  # D15: <Size> is mandatory in DER
        ctx.port.expect_input(Exactly(complete, size))
    else:
        # D15: a PEM <Size> is not checked against the count (the examples give the file size).
        ctx.port.expect_input(UntilCtrlZ(complete, edit=True, limit=limit))
    return PROMPT


def _completion(services: ModuleServices, port: Instance, ssid: int, kind: DataType, *,
                ram: bool, keep: bool) -> Callable[[bytes | None, bool], bytes]:
    def complete(data: bytes | None, overflow: bool) -> bytes:
        def step(ctx: TelitContext) -> Response:
            if overflow:
                # D15: more than the limit is refused with an error and nothing is stored.
                raise ssl_error(ctx, SslError.CERTS_AND_KEYS)
            if data is not None and keep:  # None: ESC abandoned the input, OK (D15)
                store(telit_state(ctx), ssid, kind, data, ram=ram)
            return OK

        return services.resume(port, step)

    return complete


SPEC = CommandSpec(name="#SSLSECDATA", set=set_, test=test)
