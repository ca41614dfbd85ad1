"""Steps the quectel-ec200-ssl tests share: the bearer, the file store, opening a socket in each access mode and
waiting for its result URC, reading in buffer access mode, +QSSLSTATE and +QIGETERROR.

Each function sends the commands the document defines and checks only what the step needs to go on; the
tests make the assertions that carry their clause. Data comes from ``vectors/quectel_ec200/commands.toml``.
"""

from __future__ import annotations

import re
import time
from typing import Any, Protocol

from conformance.quectel_common.steps import open_result, qsslcfg, unquote
from conformance.shared.servers import DIAL_TIMEOUT
from harness.apn import Network
from harness.checks import expect_ok
from harness.errors import TargetSilent
from harness.modem import Modem, Response
from harness.plugin.fixtures import Observe
from harness.vectors import load

__all__ = [
    "CLIENT", "COMMANDS", "CTX", "DOC", "NEGOTIATE", "PDP", "RESULT_CODES", "URC_MARGIN", "Address", "bearer_up",
    "clause", "error_answer", "error_code", "expect_error_code", "open_line", "open_result", "push_data", "qsslcfg",
    "query", "read_all", "recv", "send", "ssl_close", "ssl_open", "state_rows", "unquote", "upload",
]  # fmt: skip

DOC = "quectel-ec200-ssl"
COMMANDS: dict[str, Any] = load("quectel_ec200/commands")
#: Table 5 (§5): code -> description, as printed.
RESULT_CODES: dict[str, Any] = {k: v for k, v in COMMANDS["result_codes"].items() if k.isdigit()}
#: The PDP context, SSL context and client the suite uses, as the examples of §3.3-§3.5 do.
PDP, CTX, CLIENT = 1, 1, 4
#: §2.2.3: CTRL+Z sends variable-length data, ESC cancels.
CTRL_Z, ESC = b"\x1a", b"\x1b"
#: The <negotiate_time> the suite sets (§2.2.1: 10-300 s, default 300): the lowest, so that a handshake that
#: hangs costs least; the farm is on loopback or the lab network.
NEGOTIATE = 10
#: A little more than <negotiate_time> for the result URC to arrive over the farm's short network path.
URC_MARGIN = 5.0
_PUSH_URC = re.compile(r'\+QSSLURC: "recv",(?P<id>\d+),(?P<n>\d+)$')
_ERROR = re.compile(r"\+QIGETERROR: ?(?P<code>\d+)(?:,(?P<text>.*))?$")


class Address(Protocol):
    """Where a socket is opened to: a farm endpoint's config, or a test's own listener."""

    @property
    def host(self) -> str:
        """The name or address the module dials."""
        ...

    @property
    def port(self) -> int:
        """The TCP port."""
        ...


def clause(section: str) -> str:
    """``quectel-ec200-ssl §<section>`` for failure messages."""
    return f"{DOC} §{section}"


def bearer_up(modem: Modem, network: Network, pdp: int = PDP) -> None:
    """§1.3 steps 1-2 as §3.1 does them: +QICSGP on context ``pdp`` (IPv4, the run's APN), then +QIACT unless
    +QIACT? already lists the context active (§4 item 1)."""
    where = clause("1.3")
    auth = 1 if network.user or network.password else 0  # §3.1.1 prints 1 (PAP) with empty credentials
    line = f'AT+QICSGP={pdp},1,"{network.apn}","{network.user or ""}","{network.password or ""}",{auth}'
    expect_ok(modem.command(line), where)
    r = expect_ok(modem.command("AT+QIACT?"), where)
    if any(row and row[0] == str(pdp) for row in r.fields("+QIACT")):
        return
    expect_ok(modem.command(f"AT+QIACT={pdp}", timeout=DIAL_TIMEOUT), where)


def upload(modem: Modem, name: str, data: bytes, *, secret: bool = False) -> None:
    """Put ``data`` in the file ``name`` ("UFS:<file>", errata QEC-08): +QFDEL (not judged: it may not exist),
    then +QFUPL, CONNECT, the bytes, +QFUPL: <size>,<checksum> and OK."""
    modem.command(f'AT+QFDEL="{name}"')
    r = expect_ok(modem.command(f'AT+QFUPL="{name}",{len(data)}', data=data, secret=secret, timeout=DIAL_TIMEOUT),
                  clause("4"))  # fmt: skip
    rows = r.fields("+QFUPL")
    assert rows and rows[0][0] == str(len(data)), (
        f"{clause('4')} (QEC-08): +QFUPL: {len(data)},<checksum>; {r.describe()}"
    )


def open_line(server: Address, *, client: int = CLIENT, ctx: int = CTX, pdp: int = PDP, mode: int | None = 0) -> str:
    """``AT+QSSLOPEN=<PDP_ctxID>,<SSL_ctxID>,<clientID>,"<serveraddr>",<server_port>[,<access_mode>]`` (§2.2.2)."""
    line = f'AT+QSSLOPEN={pdp},{ctx},{client},"{server.host}",{server.port}'
    return line + (f",{mode}" if mode is not None else "")


def ssl_open(
    modem: Modem,
    server: Address,
    *,
    client: int = CLIENT,
    ctx: int = CTX,
    mode: int | None = 0,
    negotiate: int = NEGOTIATE,
) -> tuple[Response, int | None]:
    """Open ``client`` to ``server`` in buffer access (0) or direct push (1) mode: the answer, and the <err> of
    ``+QSSLOPEN: <clientID>,<err>`` (None: no URC within <negotiate_time> and the margin)."""
    r = modem.command(open_line(server, client=client, ctx=ctx, mode=mode), timeout=DIAL_TIMEOUT)
    code = open_result(modem, r, client, negotiate + URC_MARGIN) if r.ok else None
    return r, code


def ssl_close(modem: Modem, client: int = CLIENT, *args: object) -> Response:
    """``AT+QSSLCLOSE=<clientID>[,<close_timeout>]`` (§2.2.5), result not judged here."""
    tail = "".join(f",{a}" for a in args)
    return modem.command(f"AT+QSSLCLOSE={client}{tail}", timeout=DIAL_TIMEOUT)


def query(modem: Modem, keyword: str, ctx: int) -> str:
    """The value of ``+QSSLCFG: "<keyword>",<SSL_ctxID>,<value>`` answering the query form (§2.2.1), unquoted."""
    where = clause("2.2.1")
    r = expect_ok(qsslcfg(modem, keyword, ctx), where)
    rows = [row for row in r.fields("+QSSLCFG") if row and unquote(row[0]) == keyword]
    assert len(rows) == 1, f'{where}: one +QSSLCFG: "{keyword}",{ctx},<value> line expected; {r.describe()}'
    row = rows[0]
    assert len(row) == 3 and row[1] == str(ctx), f'{where}: +QSSLCFG: "{keyword}",{ctx},<value>; {r.describe()}'
    return unquote(row[2])


def send(modem: Modem, data: bytes, client: int = CLIENT) -> Response:
    """``AT+QSSLSEND=<clientID>,<sendlen>``, ``>``, the bytes (§2.2.3); the answer, not judged."""
    return modem.command(f"AT+QSSLSEND={client},{len(data)}", data=data, timeout=DIAL_TIMEOUT)


def recv(modem: Modem, client: int = CLIENT, readlen: int | None = 1500) -> Response:
    """``AT+QSSLRECV=<clientID>[,<readlen>]`` (§2.2.4)."""
    tail = f",{readlen}" if readlen is not None else ""
    return modem.command(f"AT+QSSLRECV={client}{tail}", timeout=DIAL_TIMEOUT)


def read_all(modem: Modem, size: int, *, client: int = CLIENT, deadline_s: float = 10.0) -> bytes:
    """Buffer access mode (§1.4 item 1, §2.2.4): read until ``size`` bytes came or the deadline passed,
    +QSSLRECV of at most 1500 bytes; an empty buffer waits for ``+QSSLURC: "recv",<clientID>``."""
    got = bytearray()
    deadline = time.monotonic() + modem.waits.network(deadline_s, size) + modem.waits.exchanges(-(-size // 1500))
    while len(got) < size and time.monotonic() < deadline:
        r = expect_ok(recv(modem, client, min(1500, size - len(got))), clause("2.2.4"))
        piece = b"".join(r.payloads)
        got += piece
        if not piece:
            try:
                modem.wait_urc(f'+QSSLURC: "recv",{client}', timeout=max(0.1, deadline - time.monotonic()))
            except TargetSilent:
                break
    return bytes(got)


def push_data(modem: Modem, size: int, *, client: int = CLIENT, deadline_s: float = 10.0) -> bytes:
    """Direct push mode (§1.4 item 2, §2.3.1): the data of ``+QSSLURC: "recv",<clientID>,<n>`` URCs until
    ``size`` bytes came or the deadline passed. Each URC's <n> must be the length of the data it carries."""
    got = bytearray()
    deadline = time.monotonic() + modem.waits.network(deadline_s, size)
    while len(got) < size and time.monotonic() < deadline:
        try:
            urc = modem.wait_urc(f'+QSSLURC: "recv",{client},', timeout=max(0.1, deadline - time.monotonic()))
        except TargetSilent:
            break
        m = _PUSH_URC.match(urc.text)
        data = urc.payload or b""
        assert m and int(m["n"]) == len(data), (
            f"{clause('2.3.1')}: <current_recvlength> is the length of its data: {urc.text!r}, {len(data)} bytes"
        )
        got += data
    return bytes(got)


def state_rows(modem: Modem, client: int | None = None) -> list[list[str]]:
    """The rows of ``AT+QSSLSTATE`` or ``AT+QSSLSTATE=<clientID>`` (§2.2.6), values unquoted."""
    line = "AT+QSSLSTATE" if client is None else f"AT+QSSLSTATE={client}"
    r = expect_ok(modem.command(line), clause("2.2.6"))
    return [[unquote(v) for v in row] for row in r.fields("+QSSLSTATE")]


def error_answer(modem: Modem) -> tuple[int, str | None]:
    """The <err> and the description (unquoted; None when there is none) of ``+QIGETERROR: <err>[,<description>]``
    (§5, errata QEC-14)."""
    r = expect_ok(modem.command("AT+QIGETERROR"), clause("5"))
    for line in r.lines:
        m = _ERROR.match(line)
        if m:
            return int(m["code"]), None if m["text"] is None else unquote(m["text"])
    raise AssertionError(f"{clause('5')} (QEC-14): +QIGETERROR: <err>[,<description>]; {r.describe()}")


def error_code(modem: Modem) -> int:
    """The <err> of ``+QIGETERROR: <err>[,<description>]`` (§5, errata QEC-14)."""
    return error_answer(modem)[0]


def expect_error_code(
    modem: Modem, code: int, where: str, observe: Observe, *, after_ok: bool = False
) -> None:
    """``+QIGETERROR`` tells ``code`` with Table 5's description of it, compared without case (§5, errata QEC-14);
    an answer without a description is recorded as an observation (its form is document [1]'s). ``after_ok``: the
    failure came in a result URC after the command's OK, so 0 (the command's own result) is accepted too and
    recorded (errata QEC-21)."""
    got, text = error_answer(modem)
    want = str(RESULT_CODES[str(code)])
    if after_ok and got == 0:
        observe(
            f"{where}: after OK and a result URC of {code}, +QIGETERROR tells 0 (the command's own result)",
            instead_of_verdict=True,
        )
    assert got == code, f"{where}: +QIGETERROR: {code} '{want}' (Table 5) expected; got {got} {text!r}"
    if text is None:
        observe(f"{clause('5')}: +QIGETERROR: {code} came without a description")
        return
    assert text.strip().casefold() == want.casefold(), (
        f"{clause('5')} Table 5: the description of {code} is '{want}'; +QIGETERROR gave {text!r}"
    )
