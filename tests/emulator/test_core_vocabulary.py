"""What any dialect can say through the core: vendor finals, prompts, payload URCs, the clock.

A tiny dialect made here (not a vendor's) speaks the shapes the other documents print:
``SEND OK`` / ``SEND FAIL`` (quectel-gsm-ssl +QSSLSEND), ``1, CLOSE OK`` (quectel-gsm-ssl §3),
``DEACT OK``, the ``>`` prompt without a space (fibocom-l610-ssl), the ``CONNECT`` prompt of an
upload (quectel-gsm-ssl +QSECWRITE), a URC whose header line is followed by N raw bytes
(quectel-ec200-ssl ``+QSSLURC: "recv",<id>,<n>``) and +CCLK (3GPP TS 27.007 §8.15).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from emulator.core import gsm0707
from emulator.core.clock import ClockFormatError, ModuleClock, format_cclk, parse_cclk
from emulator.core.errors import CmeError, CommandError
from emulator.core.input import Exactly
from emulator.core.params import Args, Choice, check_count, int_arg, str_arg
from emulator.core.product import Profile
from emulator.core.results import OK, Prompt, Response, ResultCode, final, prompting
from emulator.core.table import CommandSpec, Context, Dialect, table_of
from emulator.module import Module
from tests.emulator.conftest import Terminal, cme

# ---------------------------------------------------------------------------------------- the toy


@dataclass
class ToyState:
    """The toy module's state: what was sent and uploaded."""

    sent: list[bytes] = field(default_factory=list)
    uploaded: bytes = b""


ToyContext = Context[ToyState]

SEND_OK = ResultCode("SEND OK")
SEND_FAIL = ResultCode("SEND FAIL")
DEACT_OK = ResultCode("DEACT OK")
GREATER = Prompt(text=">")
UPLOAD = Prompt(text="CONNECT", line=True, number=1)


def _send(ctx: ToyContext, args: Args) -> Response:
    # +TSEND=<n>: ">" then exactly n bytes; SEND OK, or SEND FAIL for a payload of "fail".
    check_count(args, 1, 1)
    count = int_arg(args, 0, Choice.span(1, 64))
    services, port = ctx.services, ctx.port

    def complete(data: bytes | None, overflow: bool) -> bytes:
        def step(ctx: Context[ToyState]) -> Response:
            if data == b"fail":
                return final(SEND_FAIL)
            ctx.state.sent.append(data or b"")
            return final(SEND_OK)

        return services.resume(port, step)

    ctx.port.expect_input(Exactly(complete, count))
    return prompting(GREATER)


def _upload(ctx: ToyContext, args: Args) -> Response:
    # +TUPLOAD=<n>: CONNECT, exactly n bytes, then "+TUPLOAD: <n>" and OK.
    count = int_arg(args, 0, Choice.span(1, 64))
    services, port = ctx.services, ctx.port

    def complete(data: bytes | None, overflow: bool) -> bytes:
        def step(ctx: Context[ToyState]) -> Response:
            ctx.state.uploaded = data or b""
            return Response(lines=(f"+TUPLOAD: {len(ctx.state.uploaded)}",))

        return services.resume(port, step)

    ctx.port.expect_input(Exactly(complete, count))
    return prompting(UPLOAD)


def _close(ctx: ToyContext, args: Args) -> Response:
    # +TCLOSE=<id>: the "<id>, CLOSE OK" final of the quectel-gsm-ssl §3 examples.
    ident = int_arg(args, 0, Choice.span(0, 5))
    return final(ResultCode(f"{ident}, CLOSE OK"))


def _push(ctx: ToyContext, args: Args) -> Response:
    # +TPUSH=<text>: OK, then a URC whose header counts the raw bytes that follow it ("|" in
    # the text stands for CR LF, which a command line cannot carry).
    data = str_arg(args, 0).encode().replace(b"|", b"\r\n")
    port = ctx.port
    ctx.port.after_response(lambda: port.unsolicited_data(f'+TURC: "recv",0,{len(data)}', data,
                                                          inline=False))
    return OK


def _build(profile: Profile) -> dict[str, CommandSpec[ToyState]]:
    return table_of(
        CommandSpec(name="+TSEND", set=_send),
        CommandSpec(name="+TUPLOAD", set=_upload),
        CommandSpec(name="+TCLOSE", set=_close),
        CommandSpec(name="+TDEACT", exec=lambda ctx, args: final(DEACT_OK)),
        CommandSpec(name="+TPUSH", set=_push),
        gsm0707.CCLK,  # a core command the toy's "documents" have
    )


def _no_filter(ctx: Context[ToyState], error: CmeError) -> CommandError:
    return error


TOY: Dialect[ToyState, None] = Dialect(
    name="toy", build_table=_build, new_nvm=lambda profile: None,
    new_state=lambda profile, defects, nvm: ToyState(), power_off=lambda state: None,
    filter_error=_no_filter)
TOY_PRODUCT = Profile(name="toy/one", dialect="toy", document="toy-doc", technology="4G",
                      manufacturer="Toy", model="ONE", firmware="1.0", ssl_sockets=1)


@pytest.fixture
def toy() -> Iterator[tuple[Module, Terminal]]:
    module = Module(TOY_PRODUCT, dialect=TOY)
    term = Terminal(module.instance(1))
    term.at("ATE0")
    yield module, term
    module.close()


# ------------------------------------------------------------------------------- vendor finals


def test_a_vendor_final_ends_the_send_after_its_prompt(toy: tuple[Module, Terminal]) -> None:
    module, term = toy
    assert term.at("AT+TSEND=5") == b"\r\n>"  # no space: the prompt is the dialect's text
    assert term.send(b"hello") == b"\r\nSEND OK\r\n"
    assert term.at("AT+TSEND=4") == b"\r\n>"
    assert term.send(b"fail") == b"\r\nSEND FAIL\r\n"
    assert module.state.sent == [b"hello"]


def test_a_final_can_carry_an_id_and_ends_the_line(toy: tuple[Module, Terminal]) -> None:
    _, term = toy
    assert term.at("AT+TCLOSE=1") == b"\r\n1, CLOSE OK\r\n"
    # V.250 §5.6.1: a final other than OK ends the command line; what follows is not run.
    assert term.at("AT+TDEACT;+TCLOSE=2") == b"\r\nDEACT OK\r\n"


def test_vendor_finals_under_atv0_are_their_text_then_s3(toy: tuple[Module, Terminal]) -> None:
    _, term = toy
    assert term.at("ATV0") == b"0\r"
    # emulator/README.md "Result codes": no numeric form, so framed as V.250 §5.7.2 frames
    # extended-syntax result codes under V0 (the text, then S3).
    assert term.at("AT+TCLOSE=3") == b"3, CLOSE OK\r"
    assert term.at("AT+TSEND=2") == b"\r\n>"  # an inline prompt keeps its header under V0
    assert term.send(b"hi") == b"SEND OK\r"
    assert term.at("AT") == b"0\r"  # control: a basic code keeps its number


def test_atq1_suppresses_vendor_finals_too(toy: tuple[Module, Terminal]) -> None:
    _, term = toy
    term.at("ATQ1")
    assert term.at("AT+TDEACT") == b""


def test_result_codes_are_values() -> None:
    assert ResultCode("OK", 0) == ResultCode.OK
    assert ResultCode("SEND OK") != ResultCode("SEND FAIL")
    with pytest.raises(ValueError, match="one non-empty line"):
        ResultCode("SEND\r\nOK")
    with pytest.raises(ValueError, match="0-255"):
        ResultCode("BIG", 300)


# ------------------------------------------------------------------------------------- prompts


def test_the_connect_prompt_of_an_upload_is_a_result_code_line(toy: tuple[Module, Terminal]) -> None:
    module, term = toy
    assert term.at("AT+TUPLOAD=3") == b"\r\nCONNECT\r\n"
    assert term.send(b"a\r\n") == b"\r\n+TUPLOAD: 3\r\n\r\nOK\r\n"
    assert module.state.uploaded == b"a\r\n"  # every byte is data, line ends included
    term.at("ATV0")
    assert term.at("AT+TUPLOAD=1") == b"1\r"  # V.250 §5.7.1: CONNECT's number under V0
    assert term.send(b"z") == b"+TUPLOAD: 1\r\n0\r"


def test_a_prompt_and_a_final_cannot_both_end_a_line() -> None:
    with pytest.raises(ValueError, match="prompt"):
        Response(prompt=GREATER)  # final defaults to OK


# ------------------------------------------------------------------------------- payload URCs


def test_a_payload_urc_is_a_header_line_then_exactly_the_bytes(toy: tuple[Module, Terminal]) -> None:
    _, term = toy
    answer = term.at('AT+TPUSH="ab|c"')
    # the payload holds a line end of its own: only the count tells where it ends
    assert answer == b'\r\nOK\r\n\r\n+TURC: "recv",0,5\r\nab\r\nc'


# ---------------------------------------------------------------------------------------- clock


def test_cclk_sets_and_reads_the_module_clock(toy: tuple[Module, Terminal]) -> None:
    module, term = toy
    assert term.at('AT+CCLK="24/02/29,23:59:30+08"') == b"\r\nOK\r\n"
    answer = term.at("AT+CCLK?")
    assert answer.startswith(b'\r\n+CCLK: "24/02/29,23:59:3') and answer.endswith(b'+08"\r\n\r\nOK\r\n')
    # +08 is eight quarters of an hour: 23:59:30 local is 21:59:30 UTC.
    assert module.clock.now() - datetime.datetime(2024, 2, 29, 21, 59, 30, tzinfo=datetime.UTC) < \
        datetime.timedelta(seconds=5)
    assert term.at("AT+CCLK=?") == b"\r\nOK\r\n"


@pytest.mark.parametrize("value", ['"23/02/29,10:00:00+00"', '"24/13/01,10:00:00+00"',
                                   '"24/01/01,10:00:00+97"', '"24/01/01 10:00:00+00"', ""])
def test_cclk_refuses_what_is_no_time(toy: tuple[Module, Terminal], value: str) -> None:
    _, term = toy
    term.at("AT+CMEE=1")
    before = term.at("AT+CCLK?")
    assert term.at(f"AT+CCLK={value}") == cme(4)
    assert term.at("AT+CCLK?")[:20] == before[:20]  # unchanged


def test_the_clock_tells_the_host_time_until_set() -> None:
    host = datetime.datetime(2030, 5, 1, tzinfo=datetime.UTC)
    clock = ModuleClock(host=host)
    assert not clock.is_set and clock.now() == host
    clock.set_text("01/01/01,00:00:00-04")
    assert clock.is_set
    assert clock.now() - datetime.datetime(2001, 1, 1, 1, tzinfo=datetime.UTC) < datetime.timedelta(seconds=5)


def test_cclk_strings_round_trip() -> None:
    moment, quarters = parse_cclk("99/12/31,23:59:59-96")
    assert quarters == -96
    assert format_cclk(moment, quarters) == "99/12/31,23:59:59-96"
    with pytest.raises(ClockFormatError, match="yy/MM/dd"):
        parse_cclk("1999/12/31,23:59:59+00")


def test_telit_products_do_not_have_cclk() -> None:
    # telit-ssl-ug and telit-gsm-ssl never name +CCLK: it stays out of the Telit table.
    from emulator.profiles import get_profile

    module = Module(get_profile("telit/he910"))
    try:
        term = Terminal(module.instance(1))
        assert term.send(b"AT+CCLK?\r").endswith(b"\r\nERROR\r\n")
    finally:
        module.close()
