"""The replay grammar (harness/replay.py): synthetic transcripts through the parser, and replays against the
embedded emulator (``emulator://telit/he910``) and a farm endpoint, which fail where the target differs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
import serial

from harness.dialects import TELIT
from harness.link import Link
from harness.modem import Modem
from harness.profiles import Profile
from harness.replay import (
    Escape,
    GrammarError,
    Receive,
    Send,
    Step,
    Urc,
    UrcStream,
    instances,
    parse,
    replay,
    run_setup,
    unescape,
)
from harness.transcript import Transcript
from servers.pytest_plugin import ServerHandle

if "emulator.urlhandler" not in serial.protocol_handler_packages:
    serial.protocol_handler_packages.append("emulator.urlhandler")


class Blob(bytes):
    @property
    def size(self) -> int:
        return len(self)


# --------------------------------------------------------------------------------------------------------------------
# Parsing


def test_commands_and_their_answers() -> None:
    steps = parse("1> AT+CGMM\n1< {model}\n1< OK\n2> AT\n2< OK\n", {"model": "HE910"})
    assert [type(s) for s in steps] == [Step, Step]
    first = steps[0]
    assert isinstance(first, Step)
    assert (first.instance, first.command, first.expected, first.lineno) == (1, "AT+CGMM", ("HE910", "OK"), 1)
    assert steps[1].instance == 2


def test_input_after_a_prompt_and_a_payload_announced_by_a_line() -> None:
    text = "1> AT+SEND=1\n1>> hello\\x1a\n1< OK\n1> AT+RECV=1,5\n1< +RECV: 5\n1<< a\\r\\nb>\n1< OK\n"
    send, recv = parse(text, {})
    assert isinstance(send, Step) and send.data == b"hello\x1a" and send.expected == ("OK",)
    assert isinstance(recv, Step) and recv.payloads == (b"a\r\nb>",) and not recv.raw
    assert recv.expected == ("+RECV: 5", "OK")


def test_a_payload_right_after_the_command_is_its_raw_output() -> None:
    (step,) = parse("1> AT+GET\n1<< <html>\n1< OK\n", {})
    assert isinstance(step, Step) and step.raw and step.payloads == (b"<html>",)


def test_online_data_after_connect_and_the_escape() -> None:
    text = "1> ATD\n1< CONNECT\n1<< banner\n1>> ping\n1<< ping\n1> +++\n1< OK\n"
    steps = parse(text, {})
    assert [type(s) for s in steps] == [Step, Receive, Send, Receive, Escape]
    assert steps[0].expected == ("CONNECT",)  # type: ignore[union-attr]
    assert [s.data for s in steps[1:4]] == [b"banner", b"ping", b"ping"]  # type: ignore[union-attr]
    assert [s.lineno for s in steps] == [1, 3, 4, 5, 6]


def test_urcs_with_and_without_payload_and_a_stream() -> None:
    text = "1<! +RING: 1,{n} ← a comment\n1<! +DATA: 1,3,\n1<< abc\n1<!* {max} +DATA: 1,{len}\n1<< {blob[2:]}\n"
    steps = parse(text, {"n": 400, "max": 2, "blob": b"xyz12"})
    assert [type(s) for s in steps] == [Urc, Urc, UrcStream]
    ring, data, stream = steps
    assert isinstance(ring, Urc) and ring.line.text == "+RING: 1,400" and ring.payload is None
    assert isinstance(data, Urc) and data.payload == b"abc"
    assert isinstance(stream, UrcStream)
    assert (stream.template, stream.limit, stream.data) == ("+DATA: 1,{len}", 2, b"z12")


def test_polled_command_and_its_idle_answer() -> None:
    text = "1>* AT+RECV=1,9\n1<? +RECV: 0\n1<? OK\n1< +RECV: 2\n1<< ok\n1< OK\n"
    (step,) = parse(text, {})
    assert isinstance(step, Step) and step.idle is not None
    assert [e.text for e in step.idle] == ["+RECV: 0", "OK"] and step.expected == ("+RECV: 2", "OK")


def test_placeholders_attributes_slices_and_wildcards() -> None:
    class Server:
        host, port = "localhost", 4433

    text = '1> AT+DIAL="{server.host}",{server.port},{data.size}\n1< +STATE: 1,2,{?suite}\n1< OK\n'
    (step,) = parse(text, {"server": Server(), "data": Blob(b"12345")})
    assert isinstance(step, Step) and step.command == 'AT+DIAL="localhost",4433,5'
    state = step.lines[0]
    assert state.text == "+STATE: 1,2,{?suite}"
    assert state.matches("+STATE: 1,2,TLS_RSA_WITH_AES_128_CBC_SHA")
    assert not state.matches("+STATE: 1,2") and not state.matches("+STATE: 1,2,a,b")


def test_data_escapes_and_braces() -> None:
    assert unescape(r"a\r\n\t\\\x1a\x00") == b"a\r\n\t\\\x1a\x00"
    (step,) = parse("1> AT\n1>> {{literal}} {x}\\x1a\n1< OK\n", {"x": b"\xff"})
    assert isinstance(step, Step) and step.data == b"{literal} \xff\x1a"


def test_a_starred_wildcard_may_hold_commas_and_a_plain_one_may_not() -> None:
    (step,) = parse("1> AT\n1< +CALL: {?address*}\n1< +CALL: {?address}\n1< OK\n", {})
    assert isinstance(step, Step)
    starred, plain = step.lines[0], step.lines[1]
    assert starred.matches("+CALL: 1,10.0.0.2") and starred.matches("+CALL: 10.0.0.2")
    assert plain.matches("+CALL: 10.0.0.2") and not plain.matches("+CALL: 1,10.0.0.2")
    assert not starred.matches("+CALL: ")


def test_a_final_period_is_tolerated_only_when_asked() -> None:
    (step,) = parse("1> AT\n1< +CME ERROR: Resource used by another instance.\n", {})
    assert isinstance(step, Step)
    assert step.lines[0].matches("+CME ERROR: Resource used by another instance", tolerate_period=True)
    assert not step.lines[0].matches("+CME ERROR: Resource used by another instance")


def test_instances_are_read_before_placeholders_are_known() -> None:
    assert instances("1> AT\n2> AT{unknown}\n  \n") == {1, 2}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1> AT\nOK\n", "line 2: expected 'N> COMMAND'"),
        ("2< OK\n", "line 1: a response on instance 2 with no command"),
        ("1> AT{nope}\n", "line 1: unknown placeholder {nope}; known: model"),
        ("1> AT{model.x}\n", "line 1: {model.x}: model has no 'x'"),
        ("1> AT{?any}\n", "line 1: a wildcard {?any} may appear only in an expected line"),
        ("1> AT\n1>> {?any}\n", "line 2: a wildcard {?any} may not appear in data"),
        ("1> AT\n1>> é€\n", "line 2: data must be bytes"),
        ("1<!* x +DATA: 1,{len}\n1<< ab\n", "line 1: '<!*' needs a byte count"),
        ("1<!* 4 +DATA: 1,{len}\n1> AT\n", "line 1: a '<!*' line is followed by its '1<< DATA'"),
        ("1> AT\n1<? OK\n", "line 2: an idle answer belongs right after its 'N>* COMMAND'"),
        ("1>* AT\n1< OK\n", "line 1: a polled command needs its idle answer"),
        ("1> AT\n1< +X: 1\n1<< a\n1<< b\n1< OK\n", "line 1: each payload follows the line that announces it"),
    ],
)
def test_grammar_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(GrammarError, match=re.escape(message)):
        parse(text, {"model": "HE910"})


# --------------------------------------------------------------------------------------------------------------------
# Replaying against the embedded emulator


@pytest.fixture
def he910() -> Iterator[Modem]:
    modem = Modem(link=Link("emulator://telit/he910", Transcript(name="he910")), dialect=TELIT, timeout=2.0)
    yield modem
    modem.close()


def test_replay_passes_where_the_target_answers_as_printed(he910: Modem) -> None:
    steps = parse("1> AT+CGMM\n1< {model}\n1< OK\n1> AT+CMEE=2\n1< OK\n", {"model": "HE910"})
    replay(steps, {1: he910}, "doc §1")


def test_replay_failure_names_the_step_the_line_and_both_answers(he910: Modem) -> None:
    steps = parse("1> AT+CMEE=2\n1< OK\n1> AT+CGMM\n1< HE911\n1< OK\n", {})
    where = "doc §1, step 2 (transcript line 3, instance 1) 'AT+CGMM'"
    with pytest.raises(AssertionError, match=re.escape(where)) as e:
        replay(steps, {1: he910}, "doc §1")
    message = str(e.value)
    assert "the document shows: ['HE911', 'OK']" in message and "the target answered: ['HE910', 'OK']" in message


def test_a_result_urc_before_the_final_result_code_is_taken_as_that_urc_and_observed(he910: Modem) -> None:
    # The document prints the line as a URC after OK; the module sends it before OK (a field behaviour).
    seen: list[str] = []
    replay(parse("1> AT+CGMM\n1< OK\n1<! HE910\n1> AT\n1< OK\n", {}), {1: he910}, "doc §1", observe=seen.append)
    assert len(seen) == 1 and "'HE910' came before the final result code" in seen[0], seen


@pytest.mark.parametrize(
    "text",
    ["1> AT+CGMM\n1< OK\n1<! LE910\n", "1> AT+CGMM\n1< OK\n", "1> AT+CGMM\n1< OK\n2> AT\n2< OK\n1<! HE910\n"],
    ids=["another-line", "no-urc-follows", "urc-not-next"],
)
def test_an_extra_line_that_is_not_the_next_urc_still_fails(he910: Modem, text: str) -> None:
    with pytest.raises(AssertionError, match=re.escape("the target answered: ['HE910', 'OK']")):
        replay(parse(text, {}), {1: he910, 2: he910}, "doc §1", timeout=0.5)


def test_setup_is_not_judged(he910: Modem) -> None:
    run_setup(parse("1> AT+NOSUCHCOMMAND\n1< OK\n", {}), {1: he910})


def test_a_polled_command_that_never_leaves_its_idle_answer_fails_at_the_deadline(he910: Modem) -> None:
    steps = parse("1>* AT+CGMM\n1<? HE910\n1<? OK\n1< LE910\n1< OK\n", {})
    with pytest.raises(AssertionError, match="still the idle answer"):
        replay(steps, {1: he910}, "doc §1", timeout=0.5)


ONLINE = """
1> AT+CGDCONT=1,"IP","internet"
1< OK
1> AT#SGACT=1,1
1< #SGACT: {?ip}
1< OK
1> AT#SSLEN=1,1
1< OK
1> AT#SSLSECCFG2=1,3
1< OK
1> AT#SSLD=1,{server.port},"{server.host}",0,0
1< CONNECT
1>> {payload}
1<< {echo}
1> +++
1< OK
1> AT#SSLH=1
1< OK
"""


def test_online_data_replayed_through_a_farm_echo(he910: Modem, tls_server: Callable[..., ServerHandle]) -> None:
    server = tls_server("valid")
    payload = bytes(range(256))  # every byte value, CR, LF and +++ look-alikes among them
    he910.escape_guard = 0.3
    he910.command("ATS12=10")  # the guard time the modem is set to, which +++ honours (V.250 S12)
    steps = parse(ONLINE, {"server": server.config, "payload": payload, "echo": payload})
    replay(steps, {1: he910}, "doc §5", timeout=15)


def test_online_data_that_differs_fails_with_both_sides(he910: Modem, tls_server: Callable[..., ServerHandle]) -> None:
    server = tls_server("valid")
    he910.escape_guard = 0.3
    he910.command("ATS12=10")
    steps = parse(ONLINE, {"server": server.config, "payload": b"ping", "echo": b"pong"})
    with pytest.raises(AssertionError, match="ONLINE data") as e:
        replay(steps, {1: he910}, "doc §5", timeout=15)
    assert "b'pong'" in str(e.value) and "b'ping'" in str(e.value)


# --------------------------------------------------------------------------------------------------------------------
# The documents' examples (vectors/<doc>/examples.toml)


Values = Callable[[Profile, ServerHandle | None], dict[str, object]]


def _with_recv(base: Values) -> Values:
    """``base`` and the receive command's spelling, which the Telit replays ask the module at run time
    (errata TSU-38): either spelling parses."""

    def values(profile: Profile, server: ServerHandle | None) -> dict[str, object]:
        return {**base(profile, server), "recv": "SSLRECV"}

    return values


def test_every_example_parses_for_every_profile_it_needs(tls_server: Callable[..., ServerHandle]) -> None:
    from conformance.shared.examples import examples, steps
    from conformance.telit import test_examples as telit
    from conformance.telit_gsm import test_examples as telit_gsm
    from harness.profiles import all_profiles

    server = tls_server("valid")  # host, port and root CA: the same for every scenario of the farm
    offered = {"second_instance", "fresh_power_on"}
    checked = 0
    for module in (telit, telit_gsm):
        for key, entry in examples(module.FOLDER).items():
            for profile in all_profiles().values():
                if (
                    profile.document != module.DOCUMENT
                    or not set(entry.get("needs", [])) <= profile.capabilities | offered
                ):
                    continue
                values = _with_recv(module.values) if "{recv}" in entry["transcript"] else module.values
                parts = steps(entry, profile, server if "scenario" in entry else None, values)
                assert parts["transcript"], (module.FOLDER, key, profile.name)
                checked += 1
    assert checked >= 17 * 2 + 4, "every example runs on at least two profiles of its document (one for telit-gsm-ssl)"


def test_example_params_carry_the_marks_of_their_entry() -> None:
    from conformance.shared.examples import params

    by_id = {p.id: p for p in params("telit", "telit-ssl-ug")}
    marks = by_id["4.3.1"].marks
    assert [m.args for m in marks if m.name == "spec"] == [
        ("telit-ssl-ug", "4.3.1"),
        ("telit-ssl-ug", "4.1"),
        ("telit-ssl-ug", "4.2.2"),
        ("telit-ssl-ug", "4.6"),
        ("telit-ssl-ug", "8.2"),
    ]
    assert [m.args for m in marks if m.name == "needs"] == [("one_socket", "second_instance")]
    assert [m.args for m in marks if m.name == "erratum"] == [("TSU-05", "TSU-12", "TSU-40")]
    with pytest.raises(ValueError, match=re.escape("source telit-ssl-ug §4.3.1 is not in telit-gsm-ssl")):
        params("telit", "telit-gsm-ssl")


def test_server_records_are_compared_field_by_field() -> None:
    from conformance.shared.examples import _matches

    assert _matches(True, True) and not _matches(False, None)
    assert _matches("TLSv1.*", "TLSv1.2") and not _matches("*", None)
    assert _matches(["USER *", "sent file.txt"], ["AUTH TLS", "USER modem", "PASS x", "sent file.txt"])
    assert not _matches(["sent file.txt", "USER *"], ["USER modem", "sent file.txt"])  # in order
