"""+QIGETERROR: the result code of the last SSL command (quectel-ec200-ssl §5, Table 5).

Every Table 5 code the suite can drive a module to is provoked and checked, code and description, each beside a
control that clears or changes it (errata QEC-13, QEC-14, QEC-21):

- 0 "Operation successful": after every successful SSL command (the controls of every test here);
- 552 "Invalid parameter": a parameter out of range (here);
- 563 "Socket identity has been used": +QSSLOPEN of a <clientID> in use (test_qsslopen.py);
- 565 "DNS parse failed": a server name that does not resolve, "<name>.invalid" (RFC 6761 §6.4) (here), and a name
  with no valid DNS server (§4 item 2; test_qidnscfg.py);
- 566 "Socket connection failed": a server port where nothing listens (here);
- 567 "Socket has been closed": +QSSLSEND after the server closed (§2.3.2; test_urcs.py);
- 569 "Operation timeout": a handshake never answered within <negotiate_time> (test_qsslopen.py);
- 571 "Cancel send": +QSSLSEND cancelled with ESC (§2.2.3; test_qsslsend.py).

Observed, not judged (the name does not say which operation gives it): 561 or another code when the PDP context is
not active (test_qsslopen.py, §4 item 1), 572 or another for +QSSLCLOSE of a <clientID> with no socket (here).

Untestable, with the reason:

- 550 "Unknown error": no cause is named, so no input can be chosen to give it;
- 551 "Operation blocked", 568 "Operation busy", 564 "DNS busy": a race with another operation of the module's own;
  the document names no command that blocks, and a host cannot hold the module's DNS or socket service busy;
- 553 "Memory not enough", 554 "Create socket failed", 574 "Port busy": the module's resources, which a host cannot
  exhaust within the document (12 <clientID>s are all allowed to be open);
- 555 "Operation not supported": every form of the document's commands is supported; what is not in the document
  is a parameter error (552) as far as the document says;
- 556 "Socket bind failed", 557 "Socket listen failed", 560 "Socket accept failed": server-side socket operations;
  the document has no server (listening) SSL socket;
- 558 "Socket write failed", 559 "Socket read failed": a failure of the module's own socket below TLS, which the
  farm cannot cause deterministically (a peer's reset ends the connection, which §2.3.2 reports as "closed");
- 562 "Close PDP context failed", 570 "PDP context break down", 573 "APN not configured": results of
  +QIACT/+QIDEACT (document [1], no SSL command) or of the cellular network itself; 561 "Open PDP context failed"
  likewise, beyond the observation above.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from conformance.quectel_ec200.common import (
    CLIENT,
    COMMANDS,
    RESULT_CODES,
    clause,
    error_code,
    expect_error_code,
    open_line,
    qsslcfg,
    ssl_close,
    ssl_open,
)
from conformance.shared.servers import DIAL_TIMEOUT, Serve
from harness.checks import expect_error, expect_ok
from harness.modem import Modem
from harness.profiles import Profile
from servers.endpoint import ServerConfig

pytestmark = [pytest.mark.spec("quectel-ec200-ssl", "5"), pytest.mark.erratum("QEC-13", "QEC-14")]
CLAUSE = clause("5")
E: dict[str, Any] = COMMANDS["qigeterror"]
INVALID, DNS_PARSE, CONNECTION = 552, 565, 566


@dataclass(frozen=True)
class Where:
    """A place to dial: a host name and a port."""

    host: str
    port: int


@pytest.fixture
def closed_port(serve: Serve) -> Iterator[tuple[ServerConfig, Where]]:
    """The farm's valid endpoint, and a port on the farm's address where nothing listens (bound, never listening,
    so that no other program takes it meanwhile: a connection to it is refused)."""
    server = serve("valid").config
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((server.bind, 0))
        yield server, Where(server.host, sock.getsockname()[1])


def test_an_invalid_parameter_gives_552_and_success_gives_0(modem: Modem, observe: Callable[[str], None]) -> None:
    expect_error(qsslcfg(modem, "sslversion", 0, 5), clause("2.2.1"))
    expect_error_code(modem, INVALID, f"{CLAUSE}: after <SSL_version> 5", observe)
    expect_error(modem.command("AT+QSSLRECV=12,100"), clause("2.2.4"))
    expect_error_code(modem, INVALID, f"{CLAUSE}: after <clientID> 12", observe)
    # Control: after a command that succeeds, 0 "Operation successful".
    expect_ok(qsslcfg(modem, "sslversion", 0, 4), clause("2.2.1"))
    expect_error_code(modem, 0, f"{CLAUSE}: after a successful +QSSLCFG", observe)


def test_every_code_is_in_table_5(modem: Modem, observe: Callable[[str], None]) -> None:
    # Whatever the last SSL command was, the answer is one of Table 5's codes.
    for line in ("AT+QSSLCLOSE=12", 'AT+QSSLCFG="sni",0,1', f"AT+QSSLCLOSE={CLIENT}"):
        modem.command(line)
        code = error_code(modem)
        assert str(code) in RESULT_CODES, f"{CLAUSE}: {code} after {line} is not in Table 5"
        if line == f"AT+QSSLCLOSE={CLIENT}":  # no socket on the client: the code is the module's choice
            observe(f"{clause('2.2.5')}: +QSSLCLOSE of a <clientID> with no socket leaves +QIGETERROR {code}")


def _fails_with(
    modem: Modem, profile: Profile, where: Where, code: int, observe: Callable[[str], None], why: str
) -> None:
    """Opening ``where`` fails with ``code``: in buffer access mode as OK then +QSSLOPEN: <clientID>,<code> (or
    ERROR at once), and in transparent transmission mode as ERROR (§2.2.2), +QIGETERROR telling ``code``."""
    at = f"{clause('2.2.2')} {why}"
    r, got = ssl_open(modem, where, mode=0)
    if r.ok:
        assert got == code, f"{at}: +QSSLOPEN: {CLIENT},{code} '{RESULT_CODES[str(code)]}' expected; got <err> {got}"
    expect_error_code(modem, code, at, observe, after_ok=r.ok)
    ssl_close(modem)  # not judged: a module that kept the <clientID> would refuse the next open (563)
    if profile.has("transparent_mode"):
        r = modem.command(open_line(where, mode=2), timeout=DIAL_TIMEOUT)
        expect_error(r, f"{at}: <access_mode> 2 gives ERROR, not CONNECT")
        expect_error_code(modem, code, f"{at}, <access_mode> 2", observe)
        ssl_close(modem)


@pytest.mark.spec("quectel-ec200-ssl", "2.2.2")
@pytest.mark.spec("quectel-ec200-ssl", "4")
@pytest.mark.erratum("QEC-21")
def test_a_name_that_does_not_resolve_gives_565(
    modem: Modem, profile: Profile, ready: None, serve: Serve, observe: Callable[[str], None]
) -> None:
    server = serve("valid").config
    _fails_with(modem, profile, Where(str(E["unresolvable"]), server.port), DNS_PARSE, observe,
                f"{E['unresolvable']} (RFC 6761 §6.4: never resolves)")
    # Control: the farm's endpoint by its name opens, and the code is 0 again.
    r, code = ssl_open(modem, server)
    assert r.ok and code == 0, f"{clause('2.2.2')}: {server.host} resolves and opens; {r.describe()}, <err> {code}"
    expect_error_code(modem, 0, f"{CLAUSE}: after a successful open", observe)
    ssl_close(modem)


@pytest.mark.spec("quectel-ec200-ssl", "2.2.2")
@pytest.mark.erratum("QEC-21")
def test_a_refused_connection_gives_566(
    modem: Modem, profile: Profile, ready: None, closed_port: tuple[ServerConfig, Where],
    observe: Callable[[str], None],
) -> None:
    server, nowhere = closed_port
    _fails_with(modem, profile, nowhere, CONNECTION, observe, f"port {nowhere.port}, where nothing listens")
    # Control: the same host's listening port opens, and the code is 0 again.
    r, code = ssl_open(modem, server)
    assert r.ok and code == 0, f"{clause('2.2.2')}: the listening port opens; {r.describe()}, <err> {code}"
    expect_error_code(modem, 0, f"{CLAUSE}: after a successful open", observe)
    ssl_close(modem)
