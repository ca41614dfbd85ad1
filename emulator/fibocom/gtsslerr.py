"""+GTSSLERR: the error code of the last SSL connection (fibocom-l610-ssl §1.3).

``AT+GTSSLERR`` and ``AT+GTSSLERR?`` answer alike: OK alone when the last connection had no
error, else ``+GTSSLERR: <err_code>`` and OK (§1.3.2, Example 2 ``+GTSSLERR: -11``). A connection
that succeeds clears the code; which failure sets which code: emulator/fibocom/errors.py. The
document gives no test form: ``AT+GTSSLERR=?`` is an unknown form, ERROR.
"""

from __future__ import annotations

from emulator.core.params import Args
from emulator.core.results import OK, Response, info
from emulator.core.table import CommandSpec
from emulator.fibocom.state import FibocomContext


def answer(ctx: FibocomContext, args: Args) -> Response:
    """The last connection's code, or OK alone."""
    code = ctx.state.last_error
    return OK if code is None else info(f"+GTSSLERR: {code}")


SPEC = CommandSpec(name="+GTSSLERR", exec=answer, read=answer)
