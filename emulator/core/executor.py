"""Execute one command line through the command tables and frame the answer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from emulator.core.cmdline import BasicCommand, ExtendedCommand, ParsedItem, SParameter, SyntaxFault, parse_command_line
from emulator.core.errors import CmeError, CommandError, PlainError
from emulator.core.results import Response, ResultCode, frame_error, frame_final, frame_info, frame_prompt
from emulator.core.table import BasicHandler, CommandTable, Context, SParameterHandler

_log = logging.getLogger(__name__)

ErrorFilter = Callable[[Context[Any], CmeError], CommandError]


class Executor:
    """Runs command lines against fixed tables; stateless apart from the tables."""

    def __init__(self, *, extended: CommandTable[Any], basic: Mapping[str, BasicHandler],
                 s_parameter: SParameterHandler, filter_error: ErrorFilter) -> None:
        self._extended = extended
        self._basic = basic
        self._s_parameter = s_parameter
        self._filter_error = filter_error

    def run(self, ctx: Context[Any], body: str) -> bytes:
        """Execute the line ``AT<body>`` and return everything the DCE answers after the echo.

        V.250 §5.6: commands run left to right; the first failure ends the line with an error
        result code, and information text of the commands before it has already been sent.
        """
        out = bytearray()
        for item in parse_command_line(body):
            try:
                response = self._dispatch(ctx, item)
            except CommandError as error:
                out += self._frame_error(ctx, error)
                return bytes(out)
            except Exception:
                _log.exception("handler failed on line AT%s", body)
                out += frame_final(ResultCode.ERROR, ctx.settings)
                return bytes(out)
            out += self._frame_body(ctx, response)
            if response.final != ResultCode.OK:
                # A non-OK final (CONNECT, NO CARRIER, a vendor final), a prompt or a deferred
                # answer ends the line: V.250 §5.6.1.
                if response.final is not None:
                    out += frame_final(response.final, ctx.settings)
                return bytes(out)
        out += frame_final(ResultCode.OK, ctx.settings)
        return bytes(out)

    def run_handler(self, ctx: Context[Any], handler: Callable[[Context[Any]], Response]) -> bytes:
        """Run one deferred step of a command (after its prompt input) and frame its answer."""
        try:
            response = handler(ctx)
        except CommandError as error:
            return self._frame_error(ctx, error)
        except Exception:
            _log.exception("deferred handler failed")
            return frame_final(ResultCode.ERROR, ctx.settings)
        out = self._frame_body(ctx, response)
        if response.final is not None:
            out += frame_final(response.final, ctx.settings)
        return out

    def _frame_body(self, ctx: Context[Any], response: Response) -> bytes:
        out = frame_info(response.lines, ctx.settings) + response.payload
        if response.prompt is not None:
            out += frame_prompt(response.prompt, ctx.settings)
        return out

    def _frame_error(self, ctx: Context[Any], error: CommandError) -> bytes:
        if isinstance(error, CmeError):
            error = self._filter_error(ctx, error)
        return frame_error(error, ctx.settings)

    def _dispatch(self, ctx: Context[Any], item: ParsedItem) -> Response:
        if isinstance(item, SyntaxFault):
            raise PlainError(item.reason)
        if isinstance(item, SParameter):
            return self._s_parameter(ctx, item)
        if isinstance(item, BasicCommand):
            basic = self._basic.get(item.name)
            if basic is None:
                raise PlainError(f"unknown basic command {item.name}")
            return basic(ctx, item)
        return self._run_extended(ctx, item)

    def _run_extended(self, ctx: Context[Any], command: ExtendedCommand) -> Response:
        spec = self._extended.get(command.name)
        handler = None if spec is None else spec.handler(command.form)
        if handler is None:
            raise PlainError(f"unknown command {command.name} ({command.form.value} form)")
        return handler(ctx, command.args)
