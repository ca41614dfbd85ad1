"""Steps the quectel-gsm-ssl tests share: the bearer, uploads, opening a socket and waiting for its result URC.

Each function sends the commands the document defines and checks only what the step needs to go on; the
tests make the assertions that carry their clause. Data comes from ``vectors/quectel_gsm/commands.toml``.
"""

from __future__ import annotations

import re
import time
from typing import Any

from conformance.quectel_common.steps import open_result, qsslcfg, unquote
from conformance.shared.servers import DIAL_TIMEOUT
from harness.apn import Network
from harness.checks import expect_ok
from harness.errors import TargetSilent
from harness.events import ResultKind
from harness.modem import Modem, Response
from harness.vectors import load
from servers.endpoint import ServerConfig

__all__ = ["open_result", "qsslcfg", "unquote"]  # shared with quectel-ec200-ssl (conformance/quectel_common)

DOC = "quectel-gsm-ssl"
COMMANDS: dict[str, Any] = load("quectel_gsm/commands")
#: The SSL context and the socket the suite uses, as the examples do (§3.1: "socket index is 1 ... context 0").
CTX, SSID = 0, 1
#: §2.2.4: "CTRL+Z" ends data of changeable length, "ESC" cancels.
CTRL_Z, ESC = b"\x1a", b"\x1b"
#: The +QSSLOPEN <timeout> the suite gives: the document's lowest (§2.2.2: 10-300 s), so a dial that hangs
#: costs least; the farm is on loopback or the lab network.
OPEN_TIMEOUT = 10
#: A little more than the module's own <timeout>, for the result URC to arrive.
URC_MARGIN = 5.0
_CHECKSUM = re.compile(str(COMMANDS["checksum"]["pattern"]))


def clause(section: str) -> str:
    """``quectel-gsm-ssl §<section>`` for failure messages."""
    return f"{DOC} §{section}"


def bearer_up(modem: Modem, network: Network) -> str:
    """§1.2 steps 2-4 as §3.1 step 2 does them: foreground context 0, APN, register, activate, local address,
    several sessions (+QIMUX=1). A context left active is deactivated first (not judged). Returns the address."""
    modem.command("AT+QIDEACT", timeout=DIAL_TIMEOUT)
    where = clause("1.2")
    expect_ok(modem.command("AT+QIFGCNT=0"), where)
    qicsgp = f'AT+QICSGP=1,"{network.apn}"'
    if network.user is not None or network.password is not None:
        qicsgp += f',"{network.user or ""}","{network.password or ""}"'
    expect_ok(modem.command(qicsgp), where)
    expect_ok(modem.command("AT+QIREGAPP"), where)
    expect_ok(modem.command("AT+QIACT", timeout=DIAL_TIMEOUT), where)
    r = modem.command("AT+QILOCIP")
    assert r.final.kind is ResultKind.LINE, f"{where}: AT+QILOCIP answers the local address alone; {r.describe()}"
    expect_ok(modem.command("AT+QIMUX=1"), where)
    return r.final.text


def checksum_value(text: str) -> int:
    """A checksum as a number (errata QGS-10: hex, any width and case); not hex fails citing §2.2.7."""
    text = text.strip().strip('"')
    assert _CHECKSUM.match(text), f"{clause('2.2.7')}: a checksum is hex digits (4039, 618, 83a7 in §3.1), got {text!r}"
    return int(text, 16)


def write_file(
    modem: Modem,
    name: str,
    data: bytes,
    *,
    timeout: int | None = None,
    secret: bool = False,
    cut_after: int | None = None,
) -> Response:
    """``AT+QSECWRITE="<name>",<size>[,<timeout>]``, CONNECT, the bytes (§2.2.7). ``cut_after``: send only that
    many bytes, then ``+++`` ("module receives '+++' sequence from UART, module will return to command mode")."""
    line = f'AT+QSECWRITE="{name}",{len(data)}' + (f",{timeout}" if timeout is not None else "")
    payload = data if cut_after is None else data[:cut_after] + b"+++"
    return modem.command(line, data=payload, secret=secret, timeout=DIAL_TIMEOUT)


def upload(modem: Modem, name: str, data: bytes, *, secret: bool = False) -> int:
    """Delete ``name`` (not judged: §2.2.7 "if it exists already, the host should delete it first"), write it,
    check ``+QSECWRITE: <size>,<checksum>``; returns the checksum."""
    modem.command(f'AT+QSECDEL="{name}"')
    r = expect_ok(write_file(modem, name, data, secret=secret), clause("2.2.7"))
    rows = r.fields("+QSECWRITE")
    where = clause("2.2.7")
    assert len(rows) == 1 and len(rows[0]) == 2, f"{where}: +QSECWRITE: <uploadsize>,<checksum>; {r.describe()}"
    assert rows[0][0] == str(len(data)), f"{clause('2.2.7')}: <uploadsize> {len(data)} expected; {r.describe()}"
    return checksum_value(rows[0][1])


def open_line(
    server: ServerConfig, *, ssid: int = SSID, ctx: int = CTX, mode: int = 0, timeout: int | None = OPEN_TIMEOUT
) -> str:
    """``AT+QSSLOPEN=<ssid>,<ctxindex>,"<host>",<port>,<connectmode>[,<timeout>]`` (§2.2.2)."""
    line = f'AT+QSSLOPEN={ssid},{ctx},"{server.host}",{server.port},{mode}'
    return line + (f",{timeout}" if timeout is not None else "")


def ssl_open(
    modem: Modem, server: ServerConfig, *, ssid: int = SSID, ctx: int = CTX, timeout: int = OPEN_TIMEOUT
) -> tuple[Response, int | None]:
    """Open ``ssid`` to ``server`` in non-transparent mode; the answer and the <connectcode> (None: no URC)."""
    r = modem.command(open_line(server, ssid=ssid, ctx=ctx, timeout=timeout), timeout=DIAL_TIMEOUT)
    code = open_result(modem, r, ssid, timeout + URC_MARGIN) if r.ok else None
    return r, code


def ssl_close(modem: Modem, ssid: int = SSID) -> Response:
    """``AT+QSSLCLOSE=<ssid>`` (§2.2.3), result not judged here."""
    return modem.command(f"AT+QSSLCLOSE={ssid}", timeout=DIAL_TIMEOUT)


def close_ok(r: Response, ssid: int) -> bool:
    """``CLOSE OK`` or ``<ssid>, CLOSE OK`` (errata QGS-05)."""
    return r.final.text in ("CLOSE OK", f"{ssid}, CLOSE OK")


def query(modem: Modem, keyword: str, *args: object, answer: tuple[str, ...] | None = None) -> list[str]:
    """The values of ``+QSSLCFG: "<keyword>",<value>`` answering the query form (third parameter omitted);
    ``answer``: the keyword spellings the answer may carry (errata QGS-03)."""
    where = clause("2.2.1")
    r = expect_ok(qsslcfg(modem, keyword, *args), where)
    names = answer or (keyword,)
    rows = [row for row in r.fields("+QSSLCFG") if row and unquote(row[0]) in names]
    assert len(rows) == 1, f'{where}: one +QSSLCFG: "{names[0]}",<value> line expected; {r.describe()}'
    return [unquote(v) for v in rows[0][1:]]


def recv(modem: Modem, cid: int, ssid: int, length: int) -> Response:
    """``AT+QSSLRECV=<cid>,<ssid>,<length>`` (§2.2.5)."""
    return modem.command(f"AT+QSSLRECV={cid},{ssid},{length}", timeout=DIAL_TIMEOUT)


def read_all(modem: Modem, size: int, *, cid: int = 0, ssid: int = SSID, deadline_s: float = 10.0) -> bytes:
    """Read until ``size`` bytes came or the deadline passed: +QSSLRECV of at most 1500 bytes; an empty buffer
    (OK alone) waits for ``+QSSLURC: "recv"`` (§2.2.10.1: reported when data arrives in an empty buffer)."""
    got = bytearray()
    deadline = time.monotonic() + modem.waits.network(deadline_s, size) + modem.waits.exchanges(-(-size // 1500))
    while len(got) < size and time.monotonic() < deadline:
        r = expect_ok(recv(modem, cid, ssid, min(1500, size - len(got))), clause("2.2.5"))
        piece = b"".join(r.payloads)
        got += piece
        if not piece:
            try:
                modem.wait_urc('+QSSLURC: "recv"', timeout=max(0.1, deadline - time.monotonic()))
            except TargetSilent:
                break
    return bytes(got)


def state_lines(modem: Modem) -> list[list[str]]:
    """The lines of ``AT+QSSLSTATE`` (§2.2.6), values unquoted: the first holds <state>, each other a socket."""
    r = expect_ok(modem.command("AT+QSSLSTATE"), clause("2.2.6"))
    return [[unquote(v) for v in row] for row in r.fields("+QSSLSTATE")]


def socket_line(modem: Modem, index: int) -> list[str] | None:
    """The +QSSLSTATE line of socket ``index`` (six values), or None when it is not listed."""
    rows = [row for row in state_lines(modem) if len(row) == 6 and row[0] == str(index)]
    return rows[0] if rows else None
