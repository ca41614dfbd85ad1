"""A module's real-time clock, as +CCLK reads and sets it (3GPP TS 27.007 §8.15).

``+CCLK=<time>`` sets it, ``+CCLK?`` reads it, both as the string ``"yy/MM/dd,hh:mm:ss±zz"``:
the local date and time, and the time zone as the difference from GMT in quarters of an hour
(-96...+96). The clock runs on from what was set; until a command sets it, it tells the host's
time (a module that never had its clock set has no better idea). It is kept across power cycles
(a real module's RTC is backed by its own supply; the documents say nothing otherwise).

A dialect whose documents check certificate validity against the module's clock
(quectel-ec200-ssl "ignorelocaltime", fibocom-l610-ssl's +CCLK examples) passes
:meth:`ModuleClock.now` to the TLS client; others leave the host's time in charge.
"""

from __future__ import annotations

import datetime
import re
import threading
import time
from typing import Final

_FORMAT: Final = re.compile(
    r"(\d\d)/(\d\d)/(\d\d),(\d\d):(\d\d):(\d\d)([+-])(\d\d)")
#: 27.007 §8.15: "range -96...+96" quarters of an hour.
ZONE_LIMIT: Final = 96
_QUARTER: Final = datetime.timedelta(minutes=15)


class ClockFormatError(ValueError):
    """A +CCLK time string that is not ``yy/MM/dd,hh:mm:ss±zz`` or names no real moment."""


def parse_cclk(text: str) -> tuple[datetime.datetime, int]:
    """``"yy/MM/dd,hh:mm:ss±zz"`` -> (the moment in UTC, the zone in quarters of an hour).

    Two-digit years are 2000-2099 (27.007 gives no century; every module of the documents is of
    this one). :class:`ClockFormatError` names what was wrong.
    """
    match = _FORMAT.fullmatch(text)
    if match is None:
        raise ClockFormatError(f"{text!r} is not yy/MM/dd,hh:mm:ss±zz")
    yy, mo, dd, hh, mi, ss, sign, zz = match.groups()
    quarters = int(zz) * (-1 if sign == "-" else 1)
    if abs(quarters) > ZONE_LIMIT:
        raise ClockFormatError(f"time zone {sign}{zz} is outside -96...+96 quarters of an hour")
    try:
        local = datetime.datetime(2000 + int(yy), int(mo), int(dd), int(hh), int(mi), int(ss))
    except ValueError as error:
        raise ClockFormatError(f"{text!r}: {error}") from None
    # Plain arithmetic, not datetime.timezone: ±96 quarters is ±24 h, which it cannot hold.
    return (local - quarters * _QUARTER).replace(tzinfo=datetime.UTC), quarters


def format_cclk(moment: datetime.datetime, quarters: int) -> str:
    """The +CCLK string of ``moment`` (aware) in the zone ``quarters`` quarters from GMT."""
    local = moment.astimezone(datetime.UTC).replace(tzinfo=None) + quarters * _QUARTER
    sign = "-" if quarters < 0 else "+"
    return f"{local:%y/%m/%d,%H:%M:%S}{sign}{abs(quarters):02d}"


class ModuleClock:
    """The clock of one module; thread-safe. ``host`` gives the host's time (for tests)."""

    def __init__(self, host: datetime.datetime | None = None) -> None:
        self._lock = threading.Lock()
        # What was set, and when by the monotonic clock: the module's time runs on from there.
        self._set_at: tuple[datetime.datetime, float] | None = None
        self._quarters = 0
        self._host = host

    @property
    def is_set(self) -> bool:
        """Whether +CCLK (or :meth:`set`) ever set this clock."""
        with self._lock:
            return self._set_at is not None

    def set(self, moment: datetime.datetime, quarters: int = 0) -> None:
        """Set the clock to ``moment`` (aware), displayed in the zone ``quarters``."""
        if moment.tzinfo is None:
            raise ValueError("the clock is set with an aware datetime")
        if abs(quarters) > ZONE_LIMIT:
            raise ValueError(f"time zone {quarters} is outside -96...+96 quarters of an hour")
        with self._lock:
            self._set_at = (moment.astimezone(datetime.UTC), time.monotonic())
            self._quarters = quarters

    def now(self) -> datetime.datetime:
        """The module's present time, aware, in UTC."""
        with self._lock:
            set_at = self._set_at
        if set_at is None:
            return self._host if self._host is not None else datetime.datetime.now(datetime.UTC)
        moment, when = set_at
        return moment + datetime.timedelta(seconds=time.monotonic() - when)

    def read(self) -> str:
        """The +CCLK string of the present time."""
        with self._lock:
            quarters = self._quarters
        return format_cclk(self.now(), quarters)

    def set_text(self, text: str) -> None:
        """Set from a +CCLK string (:class:`ClockFormatError` if it is not one)."""
        moment, quarters = parse_cclk(text)
        self.set(moment, quarters)
