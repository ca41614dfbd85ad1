"""#REBOOT: restart the module (not in telit-ssl-ug nor telit-gsm-ssl; Telit's AT command reference).

``AT#REBOOT`` answers OK, then the module restarts (:func:`emulator.core.restart.restart`): settings and
data held in RAM back to their power-on values, what #SSLSECDATA stored in NVM kept. The suite sends it
only with ``--allow-restart``, before a test of power-on defaults (errata TSU-44).
"""

from __future__ import annotations

from emulator.core.params import Args
from emulator.core.restart import restart
from emulator.core.results import OK, Response
from emulator.core.table import CommandSpec
from emulator.telit.state import TelitContext, TelitState


def exec_(ctx: TelitContext, args: Args) -> Response:
    """``AT#REBOOT``: OK, then the restart."""
    restart(ctx)
    return OK


SPEC: CommandSpec[TelitState] = CommandSpec(name="#REBOOT", exec=exec_)
