"""Steps both Quectel suites share, each in the form both documents print.

``+QSSLCFG="<keyword>"[,<arg>...]`` (quectel-gsm-ssl §2.2.1, quectel-ec200-ssl §2.2.1), the result URC of a
non-transparent open, ``+QSSLOPEN: <id>,<code>`` after OK (quectel-gsm-ssl §2.2.2 <ssid>,<connectcode>;
quectel-ec200-ssl §2.2.2 <clientID>,<err>), the module clock of +CCLK (3GPP TS 27.007 §8.15), and a dialect's
engine fed a module's bytes (the field tolerances both suites check without a module).
"""

from __future__ import annotations

import datetime
import re
import time

from harness.engine import Command, Engine
from harness.errors import TargetSilent
from harness.events import Event, FinalResult, InformationLine, Urc, _Sentinel
from harness.modem import Modem, Response
from harness.profiles import Profile

__all__ = ["answer", "cclk", "events", "open_result", "qsslcfg", "unquote"]

_OPEN_URC = re.compile(r"\+QSSLOPEN: ?(?P<id>\d+),(?P<code>-?\d+)$")


def unquote(value: str) -> str:
    """A value without its quotes (quoting of answers is not specified: errata QGS-16)."""
    return value.strip().strip('"')


def qsslcfg(modem: Modem, keyword: str, *args: object) -> Response:
    """``AT+QSSLCFG="<keyword>"[,<arg>...]`` (quectel-gsm-ssl §2.2.1, quectel-ec200-ssl §2.2.1)."""
    tail = "".join(f",{a}" for a in args)
    return modem.command(f'AT+QSSLCFG="{keyword}"{tail}')


def open_result(modem: Modem, r: Response, socket_id: int, timeout: float) -> int | None:
    """The code of ``+QSSLOPEN: <id>,<code>`` after ``r`` (the answer to +QSSLOPEN): taken from the response
    itself when it came before OK (errata QGS-20, QEC-18), else waited for; None if none came in time."""
    for text in [*r.lines, *(u.text for u in r.urcs)]:
        m = _OPEN_URC.match(text)
        if m and int(m["id"]) == socket_id:
            return int(m["code"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urc = modem.wait_urc(f"+QSSLOPEN: {socket_id},", timeout=max(0.1, deadline - time.monotonic()))
        except TargetSilent:
            return None
        m = _OPEN_URC.match(urc.text)
        if m:
            return int(m["code"])
    return None


def cclk(now: datetime.datetime) -> str:
    """``AT+CCLK="yy/MM/dd,hh:mm:ss+zz"`` (3GPP TS 27.007 §8.15) for a UTC time: the module clock that a
    certificate's validity is compared with (errata QGS-21, QEC-16)."""
    return f'AT+CCLK="{now:%y/%m/%d,%H:%M:%S}+00"'


def events(profile: Profile, command: str, received: bytes, chunk: int) -> list[Event]:
    """The events of ``command``'s answer ``received`` with the profile's dialect, fed ``chunk`` bytes at a time."""
    engine = Engine(profile.dialect)
    engine.send(Command(line=command))
    out: list[Event] = []
    for i in range(0, len(received), chunk):
        engine.receive_data(received[i : i + chunk])
        while not isinstance(event := engine.next_event(), _Sentinel):
            out.append(event)
    return out


def answer(evs: list[Event]) -> tuple[list[str], list[str], str]:
    """(information lines, URCs, final result) of a list of events; exactly one final result is required."""
    final = [e for e in evs if isinstance(e, FinalResult)]
    assert len(final) == 1, f"one final result code: {evs}"
    lines = [e.text for e in evs if isinstance(e, InformationLine)]
    return lines, [e.text for e in evs if isinstance(e, Urc)], final[0].text
