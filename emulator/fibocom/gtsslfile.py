"""+GTSSLFILE: load the client certificate, its key, or a trust certificate (fibocom-l610-ssl §1.1).

``AT+GTSSLFILE=<file_type>,<file_len>``: <file_type> one of ``"CERTFILE"``, ``"KEYFILE"``,
``"TRUSTFILE"``; <file_len> the length of the Base64 text, 4-8192 (§1.1.4). The module prints
``>``, reads exactly <file_len> bytes and answers OK; 12 s without a byte end the input with
ERROR (emulator/fibocom/upload.py). The file is kept until power off (§1.1.4 note).

The note's limits: one CERTFILE and one KEYFILE ("can only load one of them"), up to 40
TRUSTFILEs; no delete and no modify. The emulator refuses a second CERTFILE or KEYFILE and a 41st
TRUSTFILE with ERROR before the prompt, keeping what was loaded ("not support to ... modify"),
as it refuses an unknown type or a length outside 4-8192. Text that is not Base64 is refused with
ERROR once read, and nothing is kept (emulator/fibocom/files.py). ``<file_type>`` is compared
without case; a leading blank (Example 5's ``" CERTFILE"``) makes it unknown (emulator/README.md).

``AT+GTSSLFILE?`` lists the three counts (§1.1.2, Example 2); the test form, which the document
describes ("can query the type and length") without printing it, answers
``+GTSSLFILE: ("CERTFILE","KEYFILE","TRUSTFILE"),(4-8192)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from emulator.core.errors import unsupported
from emulator.core.instance import Instance
from emulator.core.params import Args, Choice, check_count, int_arg, str_arg
from emulator.core.results import OK, Response, ResultCode, final, info
from emulator.core.table import CommandSpec, ModuleServices
from emulator.fibocom.defects import FILE_41ST_TRUSTFILE
from emulator.fibocom.errors import not_allowed
from emulator.fibocom.files import is_base64
from emulator.fibocom.state import FibocomContext, FibocomState
from emulator.fibocom.upload import PROMPT, TimedExactly

CERTFILE, KEYFILE, TRUSTFILE = "CERTFILE", "KEYFILE", "TRUSTFILE"
TYPES: Final = (CERTFILE, KEYFILE, TRUSTFILE)
LENGTHS: Final = Choice.span(4, 8192)  # §1.1.4 "range is 4-8192bytes"
MAX_TRUSTFILES: Final = 40  # §1.1.2, §1.1.4 "can load up to 40"



def counts(state: FibocomState) -> dict[str, int]:
    """How many files of each type are loaded."""
    return {CERTFILE: int(state.certfile is not None), KEYFILE: int(state.keyfile is not None),
            TRUSTFILE: len(state.trustfiles)}


def set_(ctx: FibocomContext, args: Args) -> Response:
    """Check the type, the length and the room, then ``>`` and the upload."""
    check_count(args, 2, 2)
    kind = str_arg(args, 0).upper()
    if kind not in TYPES:
        raise unsupported()
    length = int_arg(args, 1, LENGTHS)
    state = ctx.state
    limit = MAX_TRUSTFILES + (1 if ctx.has_defect(FILE_41ST_TRUSTFILE) else 0)
    if kind == TRUSTFILE and len(state.trustfiles) >= limit:
        raise not_allowed()
    if kind != TRUSTFILE and counts(state)[kind]:
        raise not_allowed()
    ctx.port.expect_input(TimedExactly(_completion(ctx.services, ctx.port, kind), length,
                                       port=ctx.port, scheduler=ctx.services.scheduler))
    return PROMPT


def _completion(services: ModuleServices, port: Instance,
                kind: str) -> Callable[[bytes | None], bytes]:
    def complete(data: bytes | None) -> bytes:
        def step(ctx: FibocomContext) -> Response:
            if data is None or not is_base64(data):
                return final(ResultCode.ERROR)  # cut short (§1.1.4) or not Base64
            state = ctx.state
            if kind == TRUSTFILE:
                state.trustfiles.append(data)
            elif kind == CERTFILE:
                state.certfile = data
            else:
                state.keyfile = data
            return OK

        return services.resume(port, step)

    return complete


def read(ctx: FibocomContext, args: Args) -> Response:
    """``+GTSSLFILE: CERTFILE,<n>`` / ``KEYFILE,<n>`` / ``TRUSTFILE,<n>`` then OK (§1.1.2)."""
    loaded = counts(ctx.state)
    return info(*(f"+GTSSLFILE: {kind},{loaded[kind]}" for kind in TYPES))


def test(ctx: FibocomContext, args: Args) -> Response:
    """The types and the length range."""
    types = ",".join(f'"{kind}"' for kind in TYPES)
    return info(f"+GTSSLFILE: ({types}),{LENGTHS}")


SPEC = CommandSpec(name="+GTSSLFILE", set=set_, read=read, test=test)
