"""+QSECWRITE: store a certificate or key in RAM or NVRAM (quectel-gsm-ssl §2.2.7, §3.1, §3.2).

``AT+QSECWRITE=<filename>,<filesize>[,<timeout>]``: ``CONNECT``, then exactly <filesize> bytes
(or fewer ended by ``+++``, or by <timeout> seconds, 3-200, default 100), then
``+QSECWRITE: <uploadsize>,<checksum>`` and OK. RAM files up to 32768 bytes, NVRAM files
(CA0, CA1, CC0, CK0) up to 2025; a file that exists must be deleted first. Errors are
``+CME ERROR: <err>`` (``emulator.quectel.gsm.errors``). The data is kept as it came: the
document's "encrypted way" is invisible from the host. An upload of no byte stores nothing.
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import unsupported
from emulator.core.params import Args, Choice, check_count, int_arg, opt_int_arg
from emulator.core.results import OK, Prompt, Response, info, prompting
from emulator.core.table import CommandSpec
from emulator.quectel.common.upload import Upload
from emulator.quectel.gsm.defects import SECWRITE_OVERWRITES
from emulator.quectel.gsm.errors import file_exists
from emulator.quectel.gsm.secfiles import BadFile, FileName, checksum, format_checksum, parse_name
from emulator.quectel.gsm.state import QContext, StoredFile

NAME: Final = "+QSECWRITE"
TIMEOUTS: Final = Choice.span(3, 200)
DEFAULT_TIMEOUT: Final = 100
#: V.250 §5.7.1 numbers CONNECT 1.
CONNECT: Final = Prompt(text="CONNECT", line=True, number=1)


def test(ctx: QContext, args: Args) -> Response:
    """``+QSECWRITE: <filename>,<filesize>[,(3,200)]``, as the document prints it."""
    return info(f"{NAME}: <filename>,<filesize>[,(3,200)]")


def read(ctx: QContext, args: Args) -> Response:
    """OK (§2.2.7)."""
    return OK


def file_name(args: Args) -> FileName:
    """The <filename> of a +QSEC command; ``+CME ERROR: 4`` if it is not a storable name."""
    arg = args[0] if args else None
    if arg is None or not arg.quoted:
        raise unsupported()
    try:
        return parse_name(arg.text)
    except BadFile:
        raise unsupported() from None


def set_(ctx: QContext, args: Args) -> Response:
    """CONNECT, then the upload."""
    check_count(args, 2, 3)
    name = file_name(args)
    size = int_arg(args, 1, Choice.span(1, name.limit))
    timeout = opt_int_arg(args, 2, TIMEOUTS)
    overwrite = ctx.has_defect(SECWRITE_OVERWRITES)
    if name.name in ctx.state.files(name.ram) and not overwrite:
        raise file_exists()
    services, port = ctx.services, ctx.port

    def complete(data: bytes) -> bytes:
        timer.cancel()

        def step(ctx: QContext) -> Response:
            files = ctx.state.files(name.ram)
            if name.name in files and not overwrite:
                raise file_exists()  # written by another instance meanwhile
            value = checksum(data)
            if data:
                files[name.name] = StoredFile(data=data, checksum=value)
                ctx.state.ghosts.pop((name.ram, name.name), None)
            return info(f"{NAME}: {len(data)},{format_checksum(value)}")

        return services.resume(port, step)

    upload = Upload(size, complete)
    delay = float(DEFAULT_TIMEOUT if timeout is None else timeout)

    def deadline() -> None:
        port.finish_input(upload)

    timer = services.scheduler.call_later(delay, deadline)
    port.expect_input(upload)
    return prompting(CONNECT)


SPEC = CommandSpec(name=NAME, set=set_, read=read, test=test)
