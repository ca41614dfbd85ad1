"""Fibocom's dialect: fibocom-l610-ssl (``FIBOCOM``), with its restore model.

The +GTSSL* settings are not persistent (fibocom-l610-ssl §1.2.3, §1.4.3, §1.5.3 Attributes:
"Persistent: No"): a power-off loses them, and the restore puts back what a session changed while the
module stays on. +GTSSLMODE and +GTSSLVER are read whole and set with their write form; +GTSSLCIPHER's read
form lists the enabled cipher ids, and each id is switched on or off on its own (``=<id>,1`` / ``=<id>,0``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from harness.dialects.base import (
    CMEE,
    COMMON_URCS,
    Ask,
    Dialect,
    Restart,
    SetBack,
    Setting,
    SettingsRestorer,
    Snapshot,
)
from harness.ranges import parse_ranges

__all__ = ["FIBOCOM", "ClockSetting", "FibocomRestorer"]

#: The read command of the enabled cipher ids (fibocom-l610-ssl §1.5.2).
CIPHER_READ = "AT+GTSSLCIPHER?"


def enabled_ciphers(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The cipher ids an answer to ``AT+GTSSLCIPHER?`` lists, in ascending order: ``+GTSSLCIPHER: (1,2,5)``
    (or without the parentheses) gives ``("1", "2", "5")``; no line ("no cipher algorithm ID enabled,
    modem will load default cipher algorithms", §1.5.2) gives ``()``."""
    ids: set[int] = set()
    for line in lines:
        if line.startswith("+GTSSLCIPHER:"):
            text = line.removeprefix("+GTSSLCIPHER:").strip()
            group = text if text.startswith("(") else f"({text})"
            for values in parse_ranges(group):
                ids |= values
    return tuple(str(i) for i in sorted(ids))


#: A +CCLK answer, with or without 27.007's zone (fibocom-l610-ssl §2 Example4 prints none; errata FIB-07).
_CCLK = re.compile(r'\+CCLK: ?"?(?P<t>\d\d/\d\d/\d\d,\d\d:\d\d:\d\d)(?P<z>[+-]\d\d)?"?$')
#: Two readings of the module clock this close (seconds) count as the same setting.
CLOCK_SLACK = 5


@dataclass(frozen=True)
class ClockSetting:
    """The module clock (+CCLK, 3GPP TS 27.007 §8.15), which the suite sets for certificate validity
    (fibocom-l610-ssl §2 Examples 3-4). Its value runs on, so what is kept and compared is its offset from
    the host's clock, in whole seconds; :meth:`command` sets it back to the host's time plus that offset."""

    read: str = "AT+CCLK?"
    source: str = "3GPP TS 27.007 §8.15; fibocom-l610-ssl §2 Example4"
    #: offsets already reported, so that a reading within CLOCK_SLACK of one is reported the same
    seen: list[int] = field(default_factory=list, compare=False)

    def offset(self, lines: tuple[str, ...]) -> tuple[str, ...] | None:
        """The clock's offset from the host in seconds, as a one-value row; None without a +CCLK line."""
        for line in lines:
            m = _CCLK.match(line.strip())
            if m is None:
                continue
            clock = datetime.datetime.strptime(m["t"], "%y/%m/%d,%H:%M:%S").replace(tzinfo=datetime.UTC)
            quarters = int(m["z"]) if m["z"] else 0
            utc = clock - datetime.timedelta(minutes=15 * quarters)
            value = round((utc - datetime.datetime.now(datetime.UTC)).total_seconds())
            if abs(value) <= CLOCK_SLACK:
                return ("0",)  # in step with the host: the same reading in every session, whatever came before
            near = [s for s in self.seen if abs(s - value) <= CLOCK_SLACK]
            if near:
                return (str(near[0]),)
            self.seen.append(value)
            return (str(value),)
        return None

    def command(self, values: tuple[str, ...]) -> str:
        """``AT+CCLK="<yy/MM/dd,hh:mm:ss>+00"``: the host's time plus the kept offset, in UTC."""
        moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=int(values[0]))
        return f'AT+CCLK="{moment:%y/%m/%d,%H:%M:%S}+00"'


@dataclass(frozen=True)
class FibocomRestorer(SettingsRestorer):
    """+GTSSLMODE, +GTSSLVER and +CMEE as settings read whole; +GTSSLCIPHER id by id; the module clock as
    its offset from the host's (``clock``, when given)."""

    clock: ClockSetting | None = None

    def read(self, ask: Ask) -> Snapshot:
        taken = super().read(ask)
        r = ask(CIPHER_READ)
        if r.ok:
            taken[CIPHER_READ] = [enabled_ciphers(r.lines)]
        if self.clock is not None:
            c = ask(self.clock.read)
            row = self.clock.offset(c.lines) if c.ok else None
            if row is not None:
                taken[self.clock.read] = [row]
        return taken

    def set_back(self, before: Snapshot, current: Snapshot) -> list[SetBack]:
        out = super().set_back(before, current)
        if CIPHER_READ in before:
            was = set(before[CIPHER_READ][0])
            now = set(current.get(CIPHER_READ, [()])[0])
            if was != now:
                # §1.5.4: <cmd> 1 loads the algorithm of <cipalgID> at the next connection, 0 does not.
                switch = [f"AT+GTSSLCIPHER={i},0" for i in sorted(now - was, key=int)]
                switch += [f"AT+GTSSLCIPHER={i},1" for i in sorted(was - now, key=int)]
                out.append(SetBack(CIPHER_READ, 0, tuple(switch)))
        if self.clock is not None and self.clock.read in before:
            if before[self.clock.read] != current.get(self.clock.read):
                out.append(SetBack(self.clock.read, 0, (self.clock.command(before[self.clock.read][0]),)))
        return out


# The settings the suite changes, read first and set back (issue 13 item 4), the module clock among them
# (+CCLK, which the suite sets for certificate validity: §2 Examples 3-4, the driver's prepare).
_RESTORER = FibocomRestorer((
    Setting(read="AT+GTSSLMODE?", prefix="+GTSSLMODE", restore="AT+GTSSLMODE={0}", keep=1,
            source="fibocom-l610-ssl §1.2.2"),
    Setting(read="AT+GTSSLVER?", prefix="+GTSSLVER", restore="AT+GTSSLVER={0}", keep=1,
            source="fibocom-l610-ssl §1.4.2"),
    CMEE,
), clock=ClockSetting())  # fmt: skip

# fibocom-l610-ssl §2: +MIPCALL, +MIPOPEN (success "+MIPOPEN: 1,1", failure printed "+MIPOPEN 1.0"
# without a colon: the prefix has no colon, errata FIB-03), +MIPRTCP (data as hex text on the line, no
# payload rule: errata FIB-09), +MIPCLOSE arrive after OK; +MIPSEND's "+MIPSEND: <id>,<len>" may come after
# OK on the vendor's modules (errata FIB-11). +GTSSLERR (§1.3.2) is an ordinary information line before OK.
# §1.1.4's ">" prompt is the engine's default for a command sent with data; a module that echoes the data
# after it is matched as echo (errata FIB-13).
FIBOCOM = Dialect(
    name="fibocom",
    urc_prefixes=(*COMMON_URCS, "+MIPCALL:", "+MIPOPEN", "+MIPRTCP:", "+MIPCLOSE:", "+MIPSTAT:", "+MIPSEND:"),
    restorer=_RESTORER,
    # fibocom-l610-ssl gives no restart command: Fibocom's AT command manual's +CFUN=15 (errata FIB-14).
    restart=Restart(command="AT+CFUN=15", source="Fibocom AT command manual, not in fibocom-l610-ssl"),
)
