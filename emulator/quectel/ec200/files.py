"""The UFS file store the certificate paths name (quectel-ec200-ssl §3.2 "UFS:cacert.pem", §4).

§4 says the CA certificate, client certificate and key "have to be uploaded to the module with
AT+QFUPL" and leaves its syntax to document [2] (the EC200x file application note), which is not
among the documents. The emulator implements the three commands a host needs, in the shape
Quectel's file notes give them (vectors errata record the choice):

- ``AT+QFUPL=<filename>[,<file_size>[,<timeout>]]``: ``CONNECT``, then <file_size> bytes
  (default 10240, at most 102400; fewer if <timeout> seconds pass, default 5, 1-3600, or ``+++``
  comes), then ``+QFUPL: <upload_size>,<checksum>`` and OK. A file that exists must be deleted
  first.
- ``AT+QFDEL=<filename>`` (``"*"``: every file): OK.
- ``AT+QFLST[=<filename>]`` (``"*"``: every file): ``+QFLST: "UFS:<name>",<size>`` per file, OK.

<filename> is ``"UFS:<name>"`` or ``"<name>"`` (UFS is the default store). Errors are
``+CME ERROR: <err>`` with the file notes' codes: 405 no such file, 406 bad name, 407 the file
exists, 421 the upload timed out with no byte. The files live in flash: a power cycle keeps them.
"""

from __future__ import annotations

from typing import Final

from emulator.core.errors import CmeError, PlainError
from emulator.core.params import Args, Choice, check_count, opt_int_arg
from emulator.core.results import OK, Prompt, Response, info, prompting
from emulator.core.table import CommandSpec
from emulator.quectel.common.pem import checksum, format_checksum
from emulator.quectel.common.upload import Upload
from emulator.quectel.ec200.state import QContext, QuectelEc200State

PREFIX: Final = "UFS:"
SIZES: Final = Choice.span(1, 102400)
DEFAULT_SIZE: Final = 10240
TIMEOUTS: Final = Choice.span(1, 3600)
DEFAULT_TIMEOUT: Final = 5
NAME_LIMIT: Final = 80
#: V.250 §5.7.1 numbers CONNECT 1.
CONNECT: Final = Prompt(text="CONNECT", line=True, number=1)
NOT_FOUND, BAD_NAME, EXISTS, TIMED_OUT = 405, 406, 407, 421


def file_key(path: str) -> str | None:
    """The UFS name of a path (``"UFS:cacert.pem"`` or ``"cacert.pem"``), ``None`` if none."""
    name = path[len(PREFIX):] if path[:len(PREFIX)].upper() == PREFIX else path
    if not name or len(name) > NAME_LIMIT or ":" in name or any(c in name for c in '\r\n"*'):
        return None
    return name


def read(state: QuectelEc200State, path: str) -> bytes | None:
    """The content of the file a +QSSLCFG path names, ``None`` when there is none."""
    key = file_key(path)
    return None if key is None else state.nvm.files.get(key)


def _name(args: Args, *, wildcard: bool = False) -> str:
    arg = args[0] if args else None
    if arg is None or not arg.quoted:
        raise PlainError("<filename> is a quoted string")
    if wildcard and arg.text == "*":
        return "*"
    key = file_key(arg.text)
    if key is None:
        raise CmeError(BAD_NAME, "invalid file name")
    return key


def qfupl_set(ctx: QContext, args: Args) -> Response:
    """CONNECT, then the upload."""
    check_count(args, 1, 3)
    name = _name(args)
    size = opt_int_arg(args, 1, SIZES) or DEFAULT_SIZE
    timeout = opt_int_arg(args, 2, TIMEOUTS) or DEFAULT_TIMEOUT
    if name in ctx.state.nvm.files:
        raise CmeError(EXISTS, "file already exists")
    services, port = ctx.services, ctx.port

    def complete(data: bytes) -> bytes:
        timer.cancel()

        def step(ctx: QContext) -> Response:
            files = ctx.state.nvm.files
            if name in files:
                raise CmeError(EXISTS, "file already exists")  # written meanwhile
            if not data:
                raise CmeError(TIMED_OUT, "time out")
            files[name] = data
            return info(f"+QFUPL: {len(data)},{format_checksum(checksum(data))}")

        return services.resume(port, step)

    upload = Upload(size, complete)

    def deadline() -> None:
        port.finish_input(upload)

    timer = services.scheduler.call_later(float(timeout), deadline)
    port.expect_input(upload)
    return prompting(CONNECT)


def qfupl_test(ctx: QContext, args: Args) -> Response:
    """OK."""
    return OK


def qfdel_set(ctx: QContext, args: Args) -> Response:
    """Delete a file, or every file."""
    check_count(args, 1, 1)
    name = _name(args, wildcard=True)
    files = ctx.state.nvm.files
    if name == "*":
        files.clear()
    elif files.pop(name, None) is None:
        raise CmeError(NOT_FOUND, "file not found")
    return OK


def _listing(state: QuectelEc200State, name: str) -> Response:
    files = state.nvm.files
    names = sorted(files) if name == "*" else [name] if name in files else []
    return info(*(f'+QFLST: "{PREFIX}{n}",{len(files[n])}' for n in names))


def qflst_exec(ctx: QContext, args: Args) -> Response:
    """Every file."""
    return _listing(ctx.state, "*")


def qflst_set(ctx: QContext, args: Args) -> Response:
    """One file, or every one."""
    check_count(args, 1, 1)
    return _listing(ctx.state, _name(args, wildcard=True))


SPECS: Final[tuple[CommandSpec[QuectelEc200State], ...]] = (
    CommandSpec(name="+QFUPL", set=qfupl_set, test=qfupl_test),
    CommandSpec(name="+QFDEL", set=qfdel_set, test=qfupl_test),
    CommandSpec(name="+QFLST", exec=qflst_exec, set=qflst_set, test=qfupl_test),
)
