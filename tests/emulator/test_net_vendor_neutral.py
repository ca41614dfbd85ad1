"""``emulator.net`` serves a dialect that is not Telit's: its own URCs and its own send finals.

A tiny dialect made here dials the farm's echo server, sends with ``SEND OK`` / ``SEND FAIL``
(quectel-gsm-ssl +QSSLSEND) and has received bytes pushed as a header line followed by the raw
bytes (quectel-ec200-ssl ``+QSSLURC: "recv",<id>,<n>`` CR LF data), then reports the server's
close with a URC of its own instead of NO CARRIER.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from emulator.core.errors import CmeError, CommandError, PlainError
from emulator.core.input import Exactly
from emulator.core.instance import Instance
from emulator.core.params import Args, Choice, int_arg
from emulator.core.product import Profile
from emulator.core.results import OK, Prompt, Response, ResultCode, final, prompting
from emulator.core.table import CommandSpec, Context, Dialect, table_of
from emulator.module import Module
from emulator.net.connection import Announce, Behaviour, DataConnection
from emulator.net.transfer import SendFailure, sender
from emulator.tls.client import TLS1_0, TLS1_2, ClientConfig, connect
from emulator.tls.suites import CODES
from servers.pki import Pki
from tests.emulator.conftest import Dte
from tests.emulator.telit_net import serve

SEND_OK, SEND_FAIL = ResultCode("SEND OK"), ResultCode("SEND FAIL")


@dataclass
class NetState:
    connection: DataConnection | None = None


def _closed(port: Instance) -> None:
    port.unsolicited('+TURC: "closed",0')


def _dial(ctx: Context[NetState], args: Args) -> Response:
    port = int_arg(args, 0, Choice.span(1, 65535))
    config = ClientConfig(suites=(CODES["TLS_RSA_WITH_AES_128_CBC_SHA"],), min_version=TLS1_0,
                          max_version=TLS1_2)
    with ctx.services.unlocked():
        link = connect("localhost", port, config, timeout=3.0)
    announce = Announce(push=lambda n: f'+TURC: "recv",0,{n}', push_limit=4, inline=False)
    behaviour = Behaviour(packet=1460, tx_timeout=None, max_idle=None, announce=announce,
                          peer_closed=_closed)
    ctx.state.connection = DataConnection(link, ctx.port, ctx.services.scheduler, behaviour,
                                          online=False)
    return OK


def _answer(ctx: Context[NetState], failure: SendFailure | None) -> Response:
    return final(SEND_OK if failure is None else SEND_FAIL)


def _send(ctx: Context[NetState], args: Args) -> Response:
    count = int_arg(args, 0, Choice.span(1, 64))
    connection = ctx.state.connection
    if connection is None:
        raise PlainError("not dialled")
    ctx.port.expect_input(Exactly(sender(ctx, connection, _answer), count))
    return prompting(Prompt(text=">"))


def _close(ctx: Context[NetState], args: Args) -> Response:
    connection = ctx.state.connection
    if connection is not None:
        connection.close()
    return final(ResultCode("0, CLOSE OK"))


def _power_off(state: NetState) -> None:
    if state.connection is not None:
        state.connection.drop()


def _no_filter(ctx: Context[NetState], error: CmeError) -> CommandError:
    return error


NET: Dialect[NetState, None] = Dialect(
    name="net-toy",
    build_table=lambda profile: table_of(CommandSpec(name="+TDIAL", set=_dial),
                                         CommandSpec(name="+TSEND", set=_send),
                                         CommandSpec(name="+TCLOSE", exec=_close)),
    new_nvm=lambda profile: None, new_state=lambda profile, defects, nvm: NetState(),
    power_off=_power_off, filter_error=_no_filter)
PRODUCT = Profile(name="toy/net", dialect="net-toy", document="toy-doc", technology="4G",
                  manufacturer="Toy", model="NET", firmware="1.0", ssl_sockets=1)


@pytest.fixture
def dte() -> Iterator[Dte]:
    module = Module(PRODUCT, dialect=NET)
    dte = Dte(module.instance(1))
    dte.at("ATE0")
    yield dte
    module.close()


def test_send_ok_then_the_echo_pushed_by_count(dte: Dte, pki: Pki) -> None:
    with serve(pki, "valid") as endpoint:
        assert dte.at(f"AT+TDIAL={endpoint.config.port}") == b"\r\nOK\r\n"
        assert dte.at("AT+TSEND=6") == b"\r\n>"
        dte.instance.feed(b"ab\r\ncd")
        # push_limit 4: two URCs, each a header line then exactly its bytes (line ends are data)
        got = dte.out.wait_for(b'"recv",0,2\r\ncd', take=True)
        assert got == b'\r\nSEND OK\r\n\r\n+TURC: "recv",0,4\r\nab\r\n\r\n+TURC: "recv",0,2\r\ncd'
        assert dte.at("AT+TCLOSE") == b"\r\n0, CLOSE OK\r\n"
        assert dte.at("AT+TSEND=1") == b"\r\n>"
        dte.instance.feed(b"x")
        assert dte.out.wait_for(b"SEND FAIL", take=True) == b"\r\nSEND FAIL\r\n"


def test_the_servers_close_is_the_dialects_urc(dte: Dte, pki: Pki) -> None:
    with serve(pki, "valid") as endpoint:
        assert dte.at(f"AT+TDIAL={endpoint.config.port}") == b"\r\nOK\r\n"
    # the endpoint stopped: its close is announced once, as the dialect says, not as NO CARRIER
    got = dte.out.wait_for(b'+TURC: "closed",0\r\n', take=True)
    assert b"NO CARRIER" not in got
