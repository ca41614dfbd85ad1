"""A restart command: the module answers, then switches itself off and on (a generic seam).

None of the documents gives a restart command; each vendor's AT reference does (telit ``AT#REBOOT``,
quectel ``AT+CFUN=1,1``, fibocom ``AT+CFUN=15``), and each vendor folder registers its own handler, which
calls :func:`restart` and returns ``OK``. What a real module does, this does: the final result code goes
out first, then the power cycle (:meth:`~emulator.core.table.ModuleServices.power_cycle`) brings every
instance and the dialect state back to power-on defaults, data held in RAM gone, what the non-volatile
memory holds kept. The cycle runs as soon as the answer is written, in the thread that fed the command
line, so the next line the DTE types already meets the module powered on (a real module is away for its
boot time meanwhile; a host waits for it with deadlines, never with a guess). The transport stays (a
serial port over a UART stays open across a restart; the standalone server keeps its TCP connections), so
a host that reopens its port and one that keeps it both find the module again.
"""

from __future__ import annotations

from emulator.core.table import Context

__all__ = ["restart"]


def restart(ctx: Context[object]) -> None:
    """Restart the module once the running command's answer is written (call from its handler)."""
    ctx.port.after_response(ctx.services.power_cycle)
