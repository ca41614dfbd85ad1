"""What the fibocom-l610-ssl tests share: the vectors, the +GTSSLFILE upload, the +MIPOPEN result in every
form the document prints (errata FIB-03), +GTSSLERR, +MIPRTCP's hex and the +CCLK time string."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from harness.modem import Modem, Response
from harness.vectors import load

DOC = "fibocom-l610-ssl"
COMMANDS: dict[str, Any] = load("fibocom_l610/commands")
#: The one socket the document shows (§2; errata FIB-10).
SOCKET = 1
#: +GTSSLFILE's <file_len> bounds (§1.1.4 "range is 4-8192bytes").
FILE_LEN: tuple[int, int] = (int(COMMANDS["gtsslfile"]["file_len"][0]), int(COMMANDS["gtsslfile"]["file_len"][1]))
#: +GTSSLFILE's input timeout (§1.1.4 Note: "more than 12 seconds ... return ERROR").
INPUT_TIMEOUT = float(COMMANDS["gtsslfile"]["input_timeout_s"])
#: <cipalgID> -> IANA suite name (§1.5.4).
SUITES: dict[int, str] = {int(k): str(v) for k, v in COMMANDS["gtsslcipher"]["suites"].items()}
#: <sslver> -> the record-layer code of the highest version offered (§1.4.4).
VERSION_CODES: dict[int, int] = {int(k): int(v) for k, v in COMMANDS["gtsslver"]["codes"].items()}

# §2 Examples 1-5: "+MIPOPEN: 1,1" connected; the failure printed "+MIPOPEN 1.0" and "+MIPOPEN 1,0" (FIB-03).
_MIPOPEN = re.compile(r"\+MIPOPEN:? ?(?P<id>\d+)[,.](?P<state>\d+)$")
# §2 Example5: "+MIPRTCP: <id>,<n>,<hex>" (errata FIB-09: <n> is not the length of the hex).
_MIPRTCP = re.compile(r"\+MIPRTCP: ?(?P<id>\d+),(?P<n>\d+),(?P<hex>[0-9A-Fa-f]*)$")
# §1.3.2: "+GTSSLERR: <err_code>", 0 to -20 (§1.3.4).
_GTSSLERR = re.compile(r"\+GTSSLERR: ?(?P<code>-?\d+)$")


@dataclass(frozen=True)
class OpenResult:
    """A +MIPOPEN result line: its socket, whether it says connected, and where it came (``before_ok``:
    inside the command's answer, as some firmware prints it; errata FIB-13)."""

    text: str
    socket: int
    connected: bool
    before_ok: bool


def parse_open(text: str) -> OpenResult | None:
    """The +MIPOPEN result in any printed form, or None for another line."""
    m = _MIPOPEN.match(text.strip())
    if m is None:
        return None
    return OpenResult(text, int(m["id"]), m["state"] == "1", False)


def mipopen_line(host: str, port: int, socket: int = SOCKET) -> str:
    """§2 Examples 1-5: ``AT+MIPOPEN=<id>,,"<host>",<port>,2`` (2: SSL, errata FIB-10)."""
    return f'AT+MIPOPEN={socket},,"{host}",{port},{COMMANDS["mipopen"]["protocol"]}'


def open_result(modem: Modem, r: Response, timeout: float) -> OpenResult | None:
    """The +MIPOPEN result of the open whose answer is ``r``: in the answer (before OK) or the URC after it;
    None when the command failed or no result came before ``timeout`` (what a real network may take; the
    target's deadline comes from ``modem.waits``, harness/waits.py)."""
    for line in r.lines:
        got = parse_open(line)
        if got is not None:
            return OpenResult(got.text, got.socket, got.connected, True)
    if not r.ok:
        return None
    from harness.errors import TargetSilent

    try:
        urc = modem.wait_urc("+MIPOPEN", timeout=modem.waits.network(timeout))
    except TargetSilent:
        return None
    return parse_open(urc.text)


def drop_urcs(modem: Modem, prefix: str) -> None:
    """Forget URCs of ``prefix`` that arrived earlier (a previous connection's), so that a wait takes a new one."""
    modem.urcs[:] = [u for u in modem.urcs if not u.text.startswith(prefix)]


def upload(modem: Modem, file_type: str, data: bytes, *, length: int | None = None, secret: bool = False) -> Response:
    """``AT+GTSSLFILE="<file_type>",<file_len>``, the ``>`` prompt, then ``data`` (§1.1.2, §1.1.4 Note)."""
    size = len(data) if length is None else length
    return modem.command(f'AT+GTSSLFILE="{file_type}",{size}', data=data, secret=secret, timeout=INPUT_TIMEOUT + 8)


def file_counts(modem: Modem) -> dict[str, int]:
    """The read form's ``+GTSSLFILE: <file_type>,<file_num>`` lines as a mapping (§1.1.2)."""
    r = modem.command("AT+GTSSLFILE?")
    assert r.ok, f"{DOC} §1.1.2: AT+GTSSLFILE? answers OK; {r.describe()}"
    out: dict[str, int] = {}
    for row in r.fields("+GTSSLFILE"):
        assert len(row) == 2 and row[1].isdigit(), f"{DOC} §1.1.2: '+GTSSLFILE: <file_type>,<file_num>'; {r.describe()}"
        out[row[0].strip('"')] = int(row[1])
    return out


def error_code(modem: Modem) -> int | None:
    """``AT+GTSSLERR?``: None when it answers OK alone (no error), else the code (§1.3.2)."""
    r = modem.command("AT+GTSSLERR?")
    assert r.ok, f"{DOC} §1.3.2: AT+GTSSLERR? ends with OK; {r.describe()}"
    codes = [m for line in r.lines if (m := _GTSSLERR.match(line))]
    assert len(r.lines) == len(codes) <= 1, f"{DOC} §1.3.2: 'OK or +GTSSLERR: <err_code>'; {r.describe()}"
    return int(codes[0]["code"]) if codes else None


def decode_rtcp(text: str, socket: int = SOCKET) -> bytes | None:
    """The data of a ``+MIPRTCP`` line of ``socket``, decoded from its hex; None for another line. A line
    whose hex does not decode is a failed check."""
    m = _MIPRTCP.match(text.strip())
    if m is None or int(m["id"]) != socket:
        return None
    assert len(m["hex"]) % 2 == 0, f"{DOC} §2 Example5: +MIPRTCP data is hex, two digits a byte: {text[:80]!r}"
    return bytes.fromhex(m["hex"])


def cclk(moment: datetime.datetime, *, zone: bool = True) -> str:
    """The +CCLK time of ``moment`` (UTC): ``yy/MM/dd,hh:mm:ss`` as §2 Example4 prints it, with 27.007
    §8.15's zone ``+00`` when ``zone`` (errata FIB-07)."""
    text = moment.astimezone(datetime.UTC).strftime(COMMANDS["cclk"]["format"])
    return text + "+00" if zone else text


def set_clock(modem: Modem, moment: datetime.datetime) -> Response:
    """``AT+CCLK="<time>"`` (§2 Example4, errata FIB-07)."""
    return modem.command(f'AT+CCLK="{cclk(moment)}"')


def now() -> datetime.datetime:
    """The host's time, UTC."""
    return datetime.datetime.now(datetime.UTC)
