"""The V.250 core of the emulator: bytes in, bytes out, one AT instance at a time.

Theory of operation
-------------------
An :class:`~emulator.core.instance.Instance` is one AT command interface of a module, the way a
serial port of a real module is. A transport (TCP server, ``emulator://`` URL) attaches a *sink*
to it and feeds it the bytes the DTE sends; everything the instance says goes to the sink.

In command state, bytes travel through four small stages, each in its own module and each
free of I/O:

1. ``lineassembler`` turns received characters into command lines: it looks for the ``AT``/``at``
   prefix, applies backspace (S5), ends the line on S3 and recognises ``A/`` (V.250 §5.2).
   The instance echoes every received character while ATE1 (V.250 §6.2.4).
2. ``cmdline`` splits a line into basic commands (``E0``, ``V1``, ``S3=13``) and extended commands
   (``+CMEE=2``, ``+CGMM``, vendor prefixes such as ``#`` and ``$``) with their form: exec,
   read ``?``, test ``=?``, set ``=<args>``
   (V.250 §5.3, §5.4). A malformed line yields a :class:`~emulator.core.cmdline.SyntaxFault`
   at the point where parsing stopped.
3. ``executor`` runs the commands left to right through a table of handlers (``table``). A
   handler returns a :class:`~emulator.core.results.Response` or raises a
   :class:`~emulator.core.errors.CommandError`; the first error ends the line (V.250 §5.6).
4. ``results`` frames information text and the final result code according to the instance's
   ATV, ATQ and +CMEE settings (V.250 §5.7, 3GPP TS 27.007 §9.1). Result codes are values: a
   dialect answers its own finals (``SEND OK``, ``1, CLOSE OK``) and its own prompts.

State lives in two places: :class:`~emulator.core.settings.InstanceSettings` (E, V, Q, S3/S4/S5,
+CMEE: per instance, telit-ssl-ug §4.3.1 and docs/DECISIONS-issue2.md D12) and the dialect's
state object (per module: SSL configuration). The module (``emulator.module``) owns the lock
that serialises command execution across instances, so handlers never see concurrent changes.

Output is produced while the module lock is held but handed to the sink only after it is
released: a slow reader on one port can never stall another port. Asynchronous output goes
through :meth:`~emulator.core.instance.Instance.unsolicited` and the same per-instance output
lock; a URC that comes while a command runs, while its prompt input is typed, or in online data
state waits for the final result code, so a URC never splits a response or the data.

Data states (``instance``, docs/DECISIONS-issue4.md D18): a handler (which finds its instance in
``Context.port``) may ask for *prompt* input (after a ``> ``, ``>`` or ``CONNECT`` prompt: the
DTE's bytes go to an :class:`~emulator.core.instance.InputCollector`, such as those of
``core.input``, until it is complete) or for *online*
data state (after CONNECT, the bytes go to an :class:`~emulator.core.instance.OnlineSink`
through the ``+++`` detector of ``escape``, guarded by S12). A blocking handler (a handshake, a
read with a timeout) releases the module lock with ``Context.services.unlocked()``; a step
after prompt input runs under it again through ``Context.services.resume``. Timers (escape guard
time, a connection's send and idle timeouts) run on the module's ``scheduler``, one thread that
sleeps until the next timer and stops when the module is switched off (``Module.close``).

The vocabulary a dialect builds on: ``table`` (``Context[State]``, ``CommandSpec``, ``Dialect``),
``results`` (``ResultCode``, ``Prompt``, ``Response``), ``input`` (``UntilCtrlZ``, ``Exactly``),
``product`` (``Profile``), ``defect`` (``Defect``), ``clock`` (``ModuleClock``, +CCLK) and
``gsm0707`` (``CCLK``, a command a dialect may include); connections, streams and sends after a
prompt are in ``emulator.net``.
"""
